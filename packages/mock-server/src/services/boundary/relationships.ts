/**
 * `boundary-relationships/_create|_search|_update`: placing entities in a hierarchy and the tree search, as
 * boundary-service's BoundaryRelationshipService, validator/BoundaryRelationshipValidator.java and
 * enrichment/BoundaryRelationshipEnricher.java.
 */
import type { DigitErrorItem, MockContext, OperationHandler, OperationRequest } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { child, own, put } from "../shared/keyed.js";
import { handle, ok, rejectAll } from "../shared/respond.js";
import { javaException, refuse } from "../shared/tracer.js";
import { bool, isRecord, list, str } from "../shared/values.js";
import {
  BOUNDARY_TYPE_ERROR,
  DIRECT_DESCENDANT_REQUIRED,
  DUPLICATE_RELATIONSHIP,
  ENTITY_DOES_NOT_EXIST,
  notNull,
  ONLY_HORIZONTAL_MOVES,
  PARENT_NOT_FOUND,
  PARENT_RELATIONSHIP_DOES_NOT_EXIST,
  RELATIONSHIP_DOES_NOT_EXIST,
  ROOT_CANNOT_GET_PARENT,
  ROOT_TYPE_REQUIRED,
  sizeViolation,
  USER_UUID_NULL,
} from "./errors.js";
import { hierarchyOf, hierarchyOrder } from "./hierarchies.js";
import type { BoundaryRelation, BoundarySlice } from "./model.js";
import { newestFirst, nextSeq } from "./model.js";

interface RelationInput {
  tenantId: string;
  code: string;
  hierarchyType: string;
  boundaryType: string;
  /** As sent (`""` and null both mean "no parent" to DIGIT's checks). */
  parent: string | null;
  raw: Record<string, unknown>;
}

const REQUEST = "boundaryRelationshipRequest";
const npe = (what: string) => javaException("NullPointerException", what);
const hasParent = (p: string | null | undefined): p is string => typeof p === "string" && p !== "";

/** The `BoundaryRelationship` object after DIGIT's bean validation (code, tenantId, hierarchyType, boundaryType). */
function readInput(req: OperationRequest): RelationInput {
  const input = req.body["BoundaryRelationship"];
  if (!isRecord(input)) refuse(npe('Cannot invoke "BoundaryRelation.getTenantId()" because the return value of "BoundaryRelationshipRequest.getBoundaryRelationship()" is null'));
  const r = input as Record<string, unknown>;
  const errors = ["code", "tenantId", "hierarchyType", "boundaryType"]
    .filter((f) => typeof r[f] !== "string")
    .map((f) => notNull(REQUEST, `boundaryRelationship.${f}`));
  rejectAll(errors);
  const parent = typeof r["parent"] === "string" ? r["parent"] : null;
  return { tenantId: r["tenantId"] as string, code: r["code"] as string, hierarchyType: r["hierarchyType"] as string, boundaryType: r["boundaryType"] as string, parent, raw: r };
}

function relations(slice: BoundarySlice, tenantId: string, hierarchyType: string): Record<string, BoundaryRelation> {
  return own(own(slice.relationships, tenantId), hierarchyType) ?? {};
}

function callerUuid(req: OperationRequest): string {
  const uuid = req.caller?.user.uuid;
  if (uuid === undefined || uuid === "") refuse(USER_UUID_NULL);
  return uuid as string;
}

/** The type DIGIT requires for a child of `parentType`, or the exception it throws past the last level. */
function levelBelow(order: string[], parentType: string): string | DigitErrorItem {
  const index = order.indexOf(parentType) + 1;
  if (index >= order.length) return javaException("IndexOutOfBoundsException", `Index ${index} out of bounds for length ${order.length}`);
  return order[index] as string;
}

/** The answer's relationship: the request object with id and auditDetails, without unknown fields. */
function wireRelation(r: RelationInput, stored: BoundaryRelation): Record<string, unknown> {
  return {
    id: stored.id,
    code: r.code,
    tenantId: r.tenantId,
    hierarchyType: r.hierarchyType,
    boundaryType: r.boundaryType,
    parent: r.parent,
    auditDetails: { ...stored.auditDetails },
  };
}

export const createRelationship: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = readInput(req);
    if (own(own(slice.entities, input.tenantId), input.code) === undefined) refuse(ENTITY_DOES_NOT_EXIST);
    const all = relations(slice, input.tenantId, input.hierarchyType);
    if (own(all, input.code) !== undefined) refuse(DUPLICATE_RELATIONSHIP);
    let parentType = input.boundaryType;
    if (hasParent(input.parent)) {
      const parent = own(all, input.parent);
      if (parent === undefined) refuse(PARENT_NOT_FOUND);
      parentType = (parent as BoundaryRelation).boundaryType;
    }
    const order = hierarchyOrder(hierarchyOf(slice, input.tenantId, input.hierarchyType));
    if (!Array.isArray(order)) refuse(order);
    const levels = order as string[];
    if (!levels.includes(input.boundaryType)) refuse(BOUNDARY_TYPE_ERROR);
    if (!hasParent(input.parent)) {
      if (input.boundaryType !== levels[0]) refuse(ROOT_TYPE_REQUIRED);
    } else {
      const wanted = levelBelow(levels, parentType);
      if (typeof wanted !== "string") refuse(wanted);
      if (wanted !== input.boundaryType) refuse(DIRECT_DESCENDANT_REQUIRED);
    }
    const by = callerUuid(req);
    const now = ctx.now();
    const created: BoundaryRelation = {
      id: ctx.uuid(),
      tenantId: input.tenantId,
      code: input.code,
      hierarchyType: input.hierarchyType,
      boundaryType: input.boundaryType,
      parent: hasParent(input.parent) ? input.parent : null,
      auditDetails: { createdBy: by, lastModifiedBy: by, createdTime: now, lastModifiedTime: now },
      seq: nextSeq(slice),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    put(child(child(slice.relationships, input.tenantId), input.hierarchyType), input.code, created);
    return ok(req, now, req.route.successStatus, { TenantBoundary: [wireRelation(input, created)] });
  });

/** Whether `ancestor` is on the parent chain of `code` (guards against chains DIGIT's update lets loop). */
function isAncestor(all: Record<string, BoundaryRelation>, ancestor: string, code: string): boolean {
  const seen = new Set<string>();
  for (let p = own(all, code)?.parent ?? null; p !== null && !seen.has(p); p = own(all, p)?.parent ?? null) {
    if (p === ancestor) return true;
    seen.add(p);
  }
  return false;
}

export const updateRelationship: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = readInput(req);
    const all = relations(slice, input.tenantId, input.hierarchyType);
    const existing = own(all, input.code);
    if (existing === undefined) refuse(RELATIONSHIP_DOES_NOT_EXIST);
    const stored = existing as BoundaryRelation;
    if (!hasParent(stored.parent) && hasParent(input.parent)) refuse(ROOT_CANNOT_GET_PARENT);
    if (hasParent(input.parent)) {
      if (own(all, input.parent) === undefined) refuse(PARENT_RELATIONSHIP_DOES_NOT_EXIST);
      if (stored.boundaryType !== input.boundaryType) refuse(ONLY_HORIZONTAL_MOVES);
    }
    const by = callerUuid(req);
    warnUpdate(req, ctx, slice, input, stored, all);
    const now = ctx.now();
    const updated: BoundaryRelation = {
      ...stored,
      parent: hasParent(input.parent) ? input.parent : null,
      auditDetails: { ...stored.auditDetails, lastModifiedBy: by, lastModifiedTime: now },
    };
    put(all, input.code, updated);
    return ok(req, now, req.route.successStatus, { TenantBoundary: [wireRelation(input, updated)] });
  });

/** What DIGIT does not check (or crashes on) in an update: warnings here, refusals under --strict. */
function warnUpdate(req: OperationRequest, ctx: MockContext, slice: BoundarySlice, input: RelationInput, stored: BoundaryRelation, all: Record<string, BoundaryRelation>): void {
  if (!hasParent(stored.parent)) {
    strictOnly(req, ctx, npe('Cannot invoke "String.length()" because "str" is null (DIGIT cannot update a root relationship)'));
    return;
  }
  if (!hasParent(input.parent)) {
    strictOnly(req, ctx, npe('Cannot invoke "java.lang.CharSequence.toString()" because "replacement" is null (DIGIT cannot clear a parent)'));
    return;
  }
  const order = hierarchyOrder(hierarchyOf(slice, input.tenantId, input.hierarchyType));
  const newParent = own(all, input.parent) as BoundaryRelation;
  if (Array.isArray(order) && levelBelow(order, newParent.boundaryType) !== stored.boundaryType) {
    strictOnly(req, ctx, { ...DIRECT_DESCENDANT_REQUIRED, message: `${DIRECT_DESCENDANT_REQUIRED.message} (DIGIT does not check this on update)` });
  }
  if (input.parent === input.code || isAncestor(all, input.code, input.parent)) {
    strictOnly(req, ctx, { code: "HIERARCHY_DISTURBED_ERR", message: `Moving ${input.code} under ${input.parent} makes a cycle; DIGIT does not check this on update.` });
  }
}

interface TreeNode {
  id: string;
  code: string;
  boundaryType: string;
  children: TreeNode[];
}

/**
 * The tree DIGIT answers (enrichment/BoundaryRelationshipEnricher.java:76-157): seeds are the nodes of the
 * highest level present in `found`; children attach by parent code in `found`'s order. A node found twice
 * appears twice, as in DIGIT.
 */
function buildTree(found: BoundaryRelation[], order: string[]): TreeNode[] {
  const byType = new Map<string, BoundaryRelation[]>();
  const byParent = new Map<string, BoundaryRelation[]>();
  for (const r of found) {
    byType.set(r.boundaryType, [...(byType.get(r.boundaryType) ?? []), r]);
    if (r.parent !== null) byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]);
  }
  const seedType = order.find((t) => byType.has(t));
  const build = (r: BoundaryRelation, path: Set<string>): TreeNode => {
    const next = new Set(path).add(r.code);
    const kids = path.has(r.code) ? [] : (byParent.get(r.code) ?? []).map((c) => build(c, next));
    return { id: r.id, code: r.code, boundaryType: r.boundaryType, children: kids };
  };
  return (seedType === undefined ? [] : (byType.get(seedType) ?? [])).map((r) => build(r, new Set()));
}

/** Codes on the parent chain of `r` (its materialized path). */
function ancestorsOf(all: Record<string, BoundaryRelation>, r: BoundaryRelation): string[] {
  const out: string[] = [];
  for (let p = r.parent; p !== null && !out.includes(p); p = own(all, p)?.parent ?? null) out.push(p);
  return out;
}

export const searchRelationships: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = "boundaryRelationshipSearchCriteria";
    const q = req.query;
    const errors: DigitErrorItem[] = [];
    for (const f of ["tenantId", "hierarchyType"]) if (q[f] === undefined) errors.push(notNull(criteria, f));
    for (const f of ["tenantId", "hierarchyType", "boundaryType", "parent"]) {
      if (q[f] !== undefined && (q[f] as string).length > 64) errors.push(sizeViolation(criteria, f, 0, 64));
    }
    rejectAll(errors);
    const tenantId = q["tenantId"] as string;
    const hierarchyType = q["hierarchyType"] as string;
    const boundaryType = str(q["boundaryType"]);
    const parent = str(q["parent"]);
    const codes = list(q["codes"]);
    const now = ctx.now();
    const all = relations(slice, tenantId, hierarchyType);
    const visible = Object.values(all)
      .filter((r) => r.visibleFrom <= now)
      .sort(newestFirst);
    const rootsOnly = tenantId !== "" && hierarchyType !== "" && boundaryType === undefined && codes.length === 0;
    const matched = visible.filter(
      (r) =>
        (parent === undefined || r.parent === parent) &&
        (rootsOnly ? r.parent === null : (boundaryType === undefined || r.boundaryType === boundaryType) && (codes.length === 0 || codes.includes(r.code))),
    );
    const parents = bool(q["includeParents"])
      ? (() => {
          const wanted = new Set(matched.flatMap((r) => ancestorsOf(all, r)));
          return visible.filter((r) => wanted.has(r.code));
        })()
      : [];
    const children = bool(q["includeChildren"])
      ? (() => {
          const roots = new Set(matched.map((r) => r.code));
          return visible.filter((r) => ancestorsOf(all, r).some((a) => roots.has(a)));
        })()
      : [];
    const definition = hierarchyOf(slice, tenantId, hierarchyType);
    const order = hierarchyOrder(definition !== undefined && definition.visibleFrom <= now ? definition : undefined);
    if (!Array.isArray(order)) refuse(order);
    const boundary = buildTree([...matched, ...parents, ...children], order as string[]);
    return ok(req, now, 200, { TenantBoundary: [{ tenantId, hierarchyType, boundary }] });
  });
