/**
 * `boundary/_create|_search|_update`: boundary entities (code + GeoJSON geometry), as
 * boundary-service/src/main/java/digit/service/BoundaryService.java and validator/BoundaryEntityValidator.java.
 */
import type { AuditDetails, DigitErrorItem, OperationHandler, OperationRequest } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { child, own, put } from "../shared/keyed.js";
import { handle, ok, rejectAll } from "../shared/respond.js";
import { javaException, refuse } from "../shared/tracer.js";
import { isRecord, list, str } from "../shared/values.js";
import { AUDIT_DETAILS_NULL, CREATED_BY_NULL, CREATED_TIME_NULL, DUPLICATE_BOUNDARY, duplicateCode, notFoundCodes, notNull, sizeViolation, USER_UUID_NULL } from "./errors.js";
import { geometryError } from "./geometry.js";
import type { BoundaryEntity, BoundarySlice } from "./model.js";
import { newestFirst, nextSeq, page } from "./model.js";

const REQUEST = "boundaryRequest";

/** The `Boundary` list after DIGIT's bean validation (NotNull/Size on the list, NotNull on each code). */
function items(req: OperationRequest): Record<string, unknown>[] {
  const value = req.body["Boundary"];
  if (!Array.isArray(value)) refuse(notNull(REQUEST, "boundary"));
  const list = value as unknown[];
  const errors: DigitErrorItem[] = [];
  if (list.length < 1 || list.length > 300) errors.push(sizeViolation(REQUEST, "boundary", 1, 300));
  list.forEach((b, i) => {
    if (!isRecord(b) || typeof b["code"] !== "string") errors.push(notNull(REQUEST, `boundary[${i}].code`));
  });
  rejectAll(errors);
  return list as Record<string, unknown>[];
}

/** The first geometry DIGIT refuses, in request order (it stops at the first). */
function checkGeometries(input: Record<string, unknown>[]): void {
  for (const b of input) {
    const error = geometryError(b["geometry"]);
    if (error !== null) refuse(error);
  }
}

/** Codes per tenant, in request order; a missing tenantId crashes DIGIT's grouping (NullPointerException). */
function byTenant(input: Record<string, unknown>[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const b of input) {
    const tenantId = typeof b["tenantId"] === "string" ? b["tenantId"] : undefined;
    if (tenantId === undefined) refuse(javaException("NullPointerException", "element cannot be mapped to a null key"));
    const codes = groups.get(tenantId) ?? [];
    if (!codes.includes(b["code"] as string)) codes.push(b["code"] as string);
    groups.set(tenantId, codes);
  }
  return groups;
}

function callerUuid(req: OperationRequest): string {
  const uuid = req.caller?.user.uuid;
  if (uuid === undefined || uuid === "") refuse(USER_UUID_NULL);
  return uuid as string;
}

/** The wire form DIGIT's row mapper answers: id, tenantId, code, geometry, additionalDetails, auditDetails. */
function wireEntity(e: BoundaryEntity): Record<string, unknown> {
  return {
    id: e.id,
    tenantId: e.tenantId,
    code: e.code,
    geometry: structuredClone(e.geometry ?? null),
    auditDetails: { ...e.auditDetails },
    additionalDetails: structuredClone(e.additionalDetails ?? null),
  };
}

export const createEntities: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = items(req);
    checkGeometries(input);
    const groups = byTenant(input);
    for (const [tenantId, codes] of groups) {
      const stored = own(slice.entities, tenantId);
      if (codes.some((code) => own(stored, code) !== undefined)) refuse(duplicateCode(tenantId, codes));
    }
    const seen = new Set(input.map((b) => JSON.stringify(b)));
    if (seen.size !== input.length) refuse(DUPLICATE_BOUNDARY);
    const by = callerUuid(req);
    const keys = input.map((b) => `${String(b["tenantId"])}\u0000${String(b["code"])}`);
    // Two different items with one code pass DIGIT's checks and get 202, but the persister's batch then hits the
    // unique (code, tenantId) constraint and stores nothing of the request.
    const clash = new Set(keys).size !== keys.length;
    if (clash) {
      strictOnly(req, ctx, {
        code: DUPLICATE_BOUNDARY.code,
        message: "The request holds one code twice with different content; DIGIT answers 202 but its persister then stores none of the request's entities.",
      });
    }
    const now = ctx.now();
    const audit: AuditDetails = { createdBy: by, lastModifiedBy: by, createdTime: now, lastModifiedTime: now };
    const created = input.map(
      (b): BoundaryEntity => ({
        id: ctx.uuid(),
        tenantId: b["tenantId"] as string,
        code: b["code"] as string,
        geometry: structuredClone(b["geometry"] ?? null),
        additionalDetails: structuredClone(b["additionalDetails"] ?? null),
        auditDetails: { ...audit },
        seq: 0,
        visibleFrom: now + ctx.options.writeLagMs,
      }),
    );
    if (!clash) {
      for (const e of created) {
        e.seq = nextSeq(slice);
        put(child(slice.entities, e.tenantId), e.code, e);
      }
    }
    return ok(req, now, req.route.successStatus, { Boundary: created.map(wireEntity) });
  });

export const updateEntities: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = items(req);
    for (const [tenantId, codes] of byTenant(input)) {
      const stored = own(slice.entities, tenantId);
      if (codes.filter((code) => own(stored, code) !== undefined).length !== codes.length) refuse(notFoundCodes(tenantId, codes));
    }
    checkGeometries(input);
    const by = callerUuid(req);
    for (const b of input) {
      const audit = b["auditDetails"];
      if (!isRecord(audit)) refuse(AUDIT_DETAILS_NULL);
      const a = audit as Record<string, unknown>;
      if (typeof a["createdBy"] !== "string" || a["createdBy"] === "") refuse(CREATED_BY_NULL);
      if (a["createdTime"] === undefined || a["createdTime"] === null) refuse(CREATED_TIME_NULL);
    }
    const now = ctx.now();
    const answered = input.map((b) => {
      const existing = own(own(slice.entities, b["tenantId"] as string), b["code"] as string) as BoundaryEntity;
      // The persister's update sets geometry, lastModifiedBy and lastModifiedTime only (boundary-persister.yml:38).
      const next: BoundaryEntity = {
        ...existing,
        geometry: structuredClone(b["geometry"] ?? null),
        auditDetails: { ...existing.auditDetails, lastModifiedBy: by, lastModifiedTime: now },
      };
      put(child(slice.entities, next.tenantId), next.code, next);
      // The answer echoes the request item, audit refreshed; nothing is read back.
      const audit = b["auditDetails"] as Record<string, unknown>;
      return { ...structuredClone(b), auditDetails: { ...structuredClone(audit), lastModifiedBy: by, lastModifiedTime: now } };
    });
    return ok(req, now, req.route.successStatus, { Boundary: answered });
  });

export const searchEntities: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = "boundarySearchCriteria";
    const tenantId = str(req.query["tenantId"]);
    const codes = list(req.query["codes"]);
    const errors: DigitErrorItem[] = [];
    if (tenantId === undefined) errors.push(notNull(criteria, "tenantId"));
    if (req.query["codes"] === undefined) errors.push(notNull(criteria, "codes"));
    else if (codes.length === 0) errors.push(sizeViolation(criteria, "codes", 1, 2147483647));
    rejectAll(errors);
    const now = ctx.now();
    const stored = own(slice.entities, tenantId as string);
    const found = [...new Set(codes)]
      .map((code) => own(stored, code))
      .filter((e): e is BoundaryEntity => e !== undefined && e.visibleFrom <= now)
      .sort(newestFirst);
    return ok(req, now, 200, { Boundary: page(found, req.query["offset"], req.query["limit"]).map(wireEntity) });
  });
