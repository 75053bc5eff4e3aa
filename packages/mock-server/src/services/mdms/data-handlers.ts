/**
 * mdms-v2 master data: `v2/_create/{schemaCode}`, `v2/_search`, `v2/_count`, `v2/_update/{schemaCode}`, checked in
 * the order MDMSServiceV2.java and MdmsDataValidator.java check them.
 */
import type { MdmsDataRecord, MdmsSchemaRecord, MdmsSlice, MockContext, OperationHandler, OperationRequest } from "../../core/types.js";
import { MockHttpError } from "../../core/errors.js";
import { strictOnly } from "../../core/warnings.js";
import { actorOf, newAudit } from "../shared/audit.js";
import { handle, ok } from "../shared/respond.js";
import { stateOf } from "../shared/tenancy.js";
import { clone, isRecord } from "../shared/values.js";
import { fromErrorMap, item, MASTER_DATA_VALIDATION_ERR, masterDataValidationMessage, MdmsErrors, MockCodes, UNHANDLED, type MdmsError } from "./errors.js";
import { countMatches, filterOf, searchPage, type Criteria } from "./search.js";
import { newestFirst, putRecord, recordById, recordByUid, schemaAt } from "./store.js";
import { fallbackChain, readRef, referencedIds, refSchemas, schemaErrors, uniqueIdentifierOf } from "./validation.js";

/** mdms.default.limit / mdms.default.offset (mdms-v2/src/main/resources/application.properties:38-39). */
export const DEFAULT_SEARCH_LIMIT = 10;
export const DEFAULT_SEARCH_OFFSET = 0;

/** Answer DIGIT's error for `error` (HTTP 400). */
export function fail(error: MdmsError, params?: string[]): never {
  throw new MockHttpError(400, [item(error, params)]);
}

/** A bean-validation failure as Spring names it (`NotNull.mdmsRequest.mdms.tenantId`). */
function notNull(path: string): never {
  fail({ code: `NotNull.${path}`, message: "must not be null" });
}

interface MdmsInput {
  tenantId: string;
  schemaCode: string;
  data: unknown;
  input: Record<string, unknown>;
}

/** `Mdms` of the body. The path's `{schemaCode}` is bound but never used (MDMSControllerV2.java:34, SchemaUtil.java:37). */
function readInput(req: OperationRequest, ctx: MockContext): MdmsInput {
  const input = req.body["Mdms"];
  if (!isRecord(input)) notNull("mdmsRequest.mdms");
  const tenantId = input["tenantId"];
  const schemaCode = input["schemaCode"];
  if (typeof tenantId !== "string") notNull("mdmsRequest.mdms.tenantId");
  if (typeof schemaCode !== "string") notNull("mdmsRequest.mdms.schemaCode");
  if (input["data"] === undefined || input["data"] === null) notNull("mdmsRequest.mdms.data");
  const pathCode = req.params["schemaCode"];
  if (pathCode !== undefined && pathCode !== "" && pathCode !== schemaCode) {
    strictOnly(req, ctx, {
      code: MockCodes.schemaCodeMismatch,
      message: `The path names schema ${pathCode} but Mdms.schemaCode is ${schemaCode}; DIGIT ignores the path and uses Mdms.schemaCode.`,
      params: [pathCode, schemaCode],
    });
  }
  return { tenantId, schemaCode, data: input["data"], input };
}

/**
 * The schema, searched at the state tenant as schema/v1/_search does (SchemaUtil.java:35-45): persisted (visible)
 * schemas only, active or not.
 */
function requireSchema(slice: MdmsSlice, tenantId: string, schemaCode: string, now: number): MdmsSchemaRecord {
  const schema = schemaAt(slice, stateOf(tenantId), schemaCode);
  if (schema === undefined || schema.visibleFrom > now) fail(MdmsErrors.schemaNotFound, [schemaCode]);
  return schema;
}

/** The schema check's error map, or MASTER_DATA_VALIDATION_ERR at once (MdmsDataValidator.java:68-92). */
function schemaCheck(schema: MdmsSchemaRecord, data: unknown): [string, string][] {
  const result = schemaErrors(schema, data);
  if ("thrown" in result) fail({ code: MASTER_DATA_VALIDATION_ERR, message: masterDataValidationMessage(result.thrown) });
  return result.entries;
}

function uniqueIdentifier(schema: MdmsSchemaRecord, data: unknown): string {
  const result = uniqueIdentifierOf(schema.definition, data);
  if ("error" in result) fail(result.error);
  return result.uid;
}

const liveAt = (r: MdmsDataRecord | undefined, now: number): r is MdmsDataRecord => r !== undefined && r.isActive && r.visibleFrom <= now;

/**
 * `x-ref-schema` (MdmsDataValidator.validateReference, :138-180): for each entry in turn, the referenced
 * uniqueIdentifiers must all be active records of the referenced schema at one level of the tenant chain. DIGIT
 * asks a paginated search (default limit 10), so it finds at most 10: a list of more than 10 never verifies, and
 * an empty list verifies only where that schema has no active record.
 */
function checkReferences(req: OperationRequest, ctx: MockContext, slice: MdmsSlice, schema: MdmsSchemaRecord, tenantId: string, data: unknown, now: number): void {
  for (const ref of refSchemas(schema)) {
    const read = readRef(data, ref.fieldPath);
    if (read.kind === "missing") {
      // DIGIT fails here (Jayway's PathNotFoundException, 400 "An unhandled exception occurred on the server"),
      // so an optional reference field that is absent cannot be saved on DIGIT. The mock lets it through.
      strictOnly(req, ctx, { code: UNHANDLED, message: read.message, params: [ref.fieldPath] });
      continue;
    }
    const ids = referencedIds(read);
    if (!(ids instanceof Set)) fail(ids, [ref.fieldPath]);
    let found = false;
    for (const level of fallbackChain(tenantId)) {
      let count = 0;
      if (ids.size === 0) {
        for (const r of newestFirst(slice, level, ref.schemaCode)) {
          if (liveAt(r, now)) count += 1;
          if (count > 0) break;
        }
      } else {
        for (const id of ids) if (liveAt(recordByUid(slice, level, ref.schemaCode, id), now)) count += 1;
      }
      if (Math.min(count, DEFAULT_SEARCH_LIMIT) === ids.size) {
        found = true;
        break;
      }
    }
    if (!found) fail(MdmsErrors.referenceNotFound, [ref.fieldPath, ref.schemaCode]);
  }
}

/** The wire form of a stored record (no `visibleFrom`); shares the record's objects, so serialise it at once. */
function toView(record: MdmsDataRecord): Record<string, unknown> {
  const { visibleFrom: _hidden, ...rest } = record;
  return rest;
}

export const createData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, schemaCode, data, input } = readInput(req, ctx);
    const now = ctx.now();
    const schema = requireSchema(slice, tenantId, schemaCode, now);
    const violations = schemaCheck(schema, data);
    // checkDuplicate: an active persisted record with that uniqueIdentifier at exactly this tenant.
    const uid = uniqueIdentifier(schema, data);
    const holder = recordByUid(slice, tenantId, schemaCode, uid);
    if (liveAt(holder, now)) fail(MdmsErrors.duplicateRecord, [schemaCode, uid]);
    checkReferences(req, ctx, slice, schema, tenantId, data, now);
    if (violations.length > 0) throw new MockHttpError(400, fromErrorMap(violations));
    // An inactive (or not yet persisted) record holds the uniqueIdentifier: DIGIT's check passes and answers 202,
    // then its persister's insert violates the primary key (tenantid, schemacode, uniqueidentifier) and the record
    // is lost. The mock answers the same 202 and stores nothing.
    const lost = holder !== undefined;
    if (lost) {
      strictOnly(req, ctx, {
        code: MdmsErrors.duplicateRecord.code,
        message: `An inactive or not yet visible ${schemaCode} record already holds uniqueIdentifier ${uid} at ${tenantId}; DIGIT answers 202 but never stores this record (primary key). Reactivate the existing record with _update instead.`,
        params: [schemaCode, uid],
      });
    }
    const record: MdmsDataRecord = {
      id: ctx.uuid(),
      tenantId,
      schemaCode,
      uniqueIdentifier: uid,
      data: data as Record<string, unknown>,
      isActive: input["isActive"] !== false,
      auditDetails: newAudit(actorOf(req), now),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    if (!lost) putRecord(slice, { ...record, data: clone(record.data) });
    return ok(req, now, 202, { mdms: [toView(record)] });
  });

function sameIgnoringCase(a: string, b: string): boolean {
  return a.length === b.length && (a === b || a.toUpperCase() === b.toUpperCase() || a.toLowerCase() === b.toLowerCase());
}

/**
 * Updates the record `Mdms.id` at `Mdms.tenantId` (whatever its schema). What DIGIT's persister changes: `data`,
 * `isActive` (true when omitted) and the last-modified audit fields. The answer echoes the request, enriched.
 */
export const updateData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, schemaCode, data, input } = readInput(req, ctx);
    const now = ctx.now();
    const schema = requireSchema(slice, tenantId, schemaCode, now);
    const id = input["id"];
    if (typeof id !== "string" || id === "") fail(MdmsErrors.idAbsent);
    const existing = recordById(slice, tenantId, id);
    if (existing === undefined || existing.visibleFrom > now) fail(MdmsErrors.dataNotFound, [id]);
    if (!sameIgnoringCase(existing.uniqueIdentifier, uniqueIdentifier(schema, data))) fail(MdmsErrors.uniqueKeyUpdate, [existing.uniqueIdentifier]);
    const violations = schemaCheck(schema, data);
    checkReferences(req, ctx, slice, schema, tenantId, data, now);
    if (violations.length > 0) throw new MockHttpError(400, fromErrorMap(violations));
    const audit = input["auditDetails"];
    if (!isRecord(audit)) fail(MdmsErrors.auditDetailsAbsent);
    const isActive = typeof input["isActive"] === "boolean" ? input["isActive"] : true;
    const by = actorOf(req);
    putRecord(slice, {
      ...existing,
      data: clone(data as Record<string, unknown>),
      isActive,
      auditDetails: { ...existing.auditDetails, lastModifiedBy: by, lastModifiedTime: now },
    });
    const echoed: Record<string, unknown> = { id, tenantId, schemaCode };
    if (typeof input["uniqueIdentifier"] === "string") echoed["uniqueIdentifier"] = input["uniqueIdentifier"];
    const auditOut: Record<string, unknown> = {};
    if (audit["createdBy"] !== undefined && audit["createdBy"] !== null) auditOut["createdBy"] = audit["createdBy"];
    if (audit["createdTime"] !== undefined && audit["createdTime"] !== null) auditOut["createdTime"] = audit["createdTime"];
    return ok(req, now, 202, { mdms: [{ ...echoed, data, isActive, auditDetails: { ...auditOut, lastModifiedBy: by, lastModifiedTime: now } }] });
  });

/** A paging number as the search binds it: absent → the default; negative → the database refuses it. */
function paging(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === "") return fallback;
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return fallback;
  const i = Math.trunc(n);
  if (i < 0) fail(MdmsErrors.queryFailed);
  return i;
}

function stringSet(value: unknown): Set<string> | undefined {
  if (value === undefined || value === null) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return new Set(values.filter((v) => v !== null && v !== undefined).map(String));
}

/** `MdmsCriteria` of a v2 search or count (MdmsCriteriaV2.java). */
export function readCriteria(req: OperationRequest): { criteria: Criteria; raw: Record<string, unknown> } {
  const raw = req.body["MdmsCriteria"];
  if (!isRecord(raw)) notNull("mdmsCriteriaReqV2.mdmsCriteria");
  const tenantId = raw["tenantId"];
  if (typeof tenantId !== "string") notNull("mdmsCriteriaReqV2.mdmsCriteria.tenantId");
  const ids = stringSet(raw["ids"]);
  const uniqueIdentifiers = stringSet(raw["uniqueIdentifiers"]);
  if (uniqueIdentifiers !== undefined && (uniqueIdentifiers.size < 1 || uniqueIdentifiers.size > 64)) {
    fail({ code: "Size.mdmsCriteriaReqV2.mdmsCriteria.uniqueIdentifiers", message: "size must be between 1 and 64" });
  }
  // `id IN ()` is a SQL syntax error.
  if (ids !== undefined && ids.size === 0) fail(MdmsErrors.queryFailed);
  const filters = raw["filters"];
  const criteria: Criteria = { tenantId };
  if (typeof raw["schemaCode"] === "string") criteria.schemaCode = raw["schemaCode"];
  if (ids !== undefined) criteria.ids = ids;
  if (uniqueIdentifiers !== undefined) criteria.uniqueIdentifiers = uniqueIdentifiers;
  if (isRecord(filters) && Object.keys(filters).length > 0) criteria.filter = filterOf(filters);
  if (typeof raw["isActive"] === "boolean") criteria.isActive = raw["isActive"];
  return { criteria, raw };
}

/**
 * `v2/_search`: newest first, `offset` 0 and `limit` 10 by default (no maximum), at the first tenant level with a
 * match. The answer shares stored objects: both transports serialise it at once.
 */
export const searchData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { criteria, raw } = readCriteria(req);
    const now = ctx.now();
    const offset = paging(raw["offset"], DEFAULT_SEARCH_OFFSET);
    const limit = paging(raw["limit"], DEFAULT_SEARCH_LIMIT);
    return ok(req, now, 200, { mdms: searchPage(slice, criteria, now, offset, limit).map(toView) });
  });

export const countData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { criteria } = readCriteria(req);
    const now = ctx.now();
    return ok(req, now, 200, { totalCount: countMatches(slice, criteria, now) });
  });
