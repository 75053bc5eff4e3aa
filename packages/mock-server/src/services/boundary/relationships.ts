/** `boundary-relationships/_create|_search|_update`: placing entities in a hierarchy, and the tree search. */
import type { OperationHandler } from "../../core/types.js";
import { actorOf, newAudit, touchAudit } from "../shared/audit.js";
import { handle, ok, reject } from "../shared/respond.js";
import { bool, list, recordAt, str } from "../shared/values.js";
import type { BoundaryHierarchy, BoundaryRelation, BoundarySlice } from "./model.js";
import { wire } from "./model.js";

interface RelationInput {
  tenantId: string;
  code: string;
  hierarchyType: string;
  boundaryType: string;
  parent: string | null;
}

function readInput(body: Record<string, unknown>): RelationInput {
  const input = recordAt(body, "BoundaryRelationship");
  const tenantId = str(input["tenantId"]);
  const code = str(input["code"]);
  const hierarchyType = str(input["hierarchyType"]);
  const boundaryType = str(input["boundaryType"]);
  if (tenantId === undefined || code === undefined || hierarchyType === undefined || boundaryType === undefined) {
    reject("INVALID_BOUNDARY_RELATIONSHIP", "BoundaryRelationship needs tenantId, code, hierarchyType and boundaryType.");
  }
  return { tenantId, code, hierarchyType, boundaryType, parent: str(input["parent"]) ?? null };
}

function relations(slice: BoundarySlice, tenantId: string, hierarchyType: string): Record<string, BoundaryRelation> {
  return slice.relationships[tenantId]?.[hierarchyType] ?? {};
}

/**
 * The entity and hierarchy must exist, the type must belong to the hierarchy, and the parent must be a
 * node of the same hierarchy whose type is the one the hierarchy puts above this type (root types take
 * no parent).
 */
function checkPlacement(slice: BoundarySlice, r: RelationInput): BoundaryHierarchy {
  if (slice.entities[r.tenantId]?.[r.code] === undefined) {
    reject("BOUNDARY_ENTITY_NOT_FOUND", `Boundary entity ${r.code} does not exist for tenant ${r.tenantId}; create it with boundary/_create first.`, [r.code]);
  }
  const hierarchy = slice.hierarchies[r.tenantId]?.[r.hierarchyType];
  if (hierarchy === undefined) {
    reject("HIERARCHY_NOT_FOUND", `Hierarchy ${r.hierarchyType} does not exist for tenant ${r.tenantId}; create its definition first.`, [r.hierarchyType]);
  }
  const level = hierarchy.boundaryHierarchy.find((l) => l.boundaryType === r.boundaryType);
  if (level === undefined) {
    reject(
      "INVALID_BOUNDARY_TYPE",
      `Boundary type ${r.boundaryType} is not part of hierarchy ${r.hierarchyType} (types: ${hierarchy.boundaryHierarchy.map((l) => l.boundaryType).join(", ")}).`,
      [r.boundaryType, r.hierarchyType],
    );
  }
  if (level.parentBoundaryType === null) {
    if (r.parent !== null) {
      reject("INVALID_PARENT", `${r.code} has root type ${r.boundaryType} in ${r.hierarchyType}, so it takes no parent (got ${r.parent}).`, [r.code, r.parent]);
    }
    return hierarchy;
  }
  if (r.parent === null) {
    reject("INVALID_PARENT", `${r.code} of type ${r.boundaryType} needs a parent of type ${level.parentBoundaryType} in ${r.hierarchyType}.`, [r.code]);
  }
  const parent = relations(slice, r.tenantId, r.hierarchyType)[r.parent];
  if (parent === undefined) {
    reject("INVALID_PARENT", `Parent ${r.parent} of ${r.code} is not placed in hierarchy ${r.hierarchyType}; create the parent's relationship first.`, [r.code, r.parent]);
  }
  if (parent.boundaryType !== level.parentBoundaryType) {
    reject(
      "INVALID_PARENT",
      `Parent ${r.parent} of ${r.code} has type ${parent.boundaryType}, but ${r.hierarchyType} puts ${level.parentBoundaryType} above ${r.boundaryType}.`,
      [r.code, r.parent, parent.boundaryType, level.parentBoundaryType],
    );
  }
  return hierarchy;
}

function node(r: BoundaryRelation, children: unknown[]): Record<string, unknown> {
  return { id: r.id, code: r.code, boundaryType: r.boundaryType, parent: r.parent, children };
}

export const createRelationship: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = readInput(req.body);
    if (relations(slice, input.tenantId, input.hierarchyType)[input.code] !== undefined) {
      reject("DUPLICATE_RELATIONSHIP", `${input.code} is already placed in hierarchy ${input.hierarchyType}; use _update to move it.`, [input.code]);
    }
    checkPlacement(slice, input);
    const now = ctx.now();
    const created: BoundaryRelation = { id: ctx.uuid(), ...input, auditDetails: newAudit(actorOf(req), now), visibleFrom: now + ctx.options.writeLagMs };
    ((slice.relationships[input.tenantId] ??= {})[input.hierarchyType] ??= {})[input.code] = created;
    return ok(req, now, req.route.successStatus, { TenantBoundary: [wire(created)] });
  });

export const updateRelationship: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = readInput(req.body);
    const all = relations(slice, input.tenantId, input.hierarchyType);
    const existing = all[input.code];
    if (existing === undefined) {
      reject("RELATIONSHIP_NOT_FOUND", `${input.code} is not placed in hierarchy ${input.hierarchyType}; create the relationship first.`, [input.code]);
    }
    if (existing.boundaryType !== input.boundaryType && Object.values(all).some((r) => r.parent === input.code)) {
      reject("INVALID_BOUNDARY_TYPE", `${input.code} has children, so its boundaryType cannot change.`, [input.code]);
    }
    checkPlacement(slice, input);
    for (let p = input.parent; p !== null; p = all[p]?.parent ?? null) {
      if (p === input.code) reject("INVALID_PARENT", `Moving ${input.code} under ${input.parent} would create a cycle.`, [input.code]);
    }
    const now = ctx.now();
    const updated: BoundaryRelation = { ...existing, boundaryType: input.boundaryType, parent: input.parent, auditDetails: touchAudit(existing.auditDetails, actorOf(req), now) };
    all[input.code] = updated;
    return ok(req, now, req.route.successStatus, { TenantBoundary: [wire(updated)] });
  });

/**
 * Query tenantId, hierarchyType, boundaryType, codes, includeChildren, includeParents → `TenantBoundary`
 * trees. Selection: `codes` if given, else every node of `boundaryType`, else the roots.
 */
export const searchRelationships: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.query["tenantId"]);
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "Query parameter tenantId is required.", ["tenantId"]);
    const wantedType = str(req.query["hierarchyType"]);
    const boundaryType = str(req.query["boundaryType"]);
    const codes = list(req.query["codes"]);
    const includeChildren = bool(req.query["includeChildren"]) ?? false;
    const includeParents = bool(req.query["includeParents"]) ?? false;
    const now = ctx.now();
    const out: Record<string, unknown>[] = [];
    for (const [hierarchyType, all] of Object.entries(slice.relationships[tenantId] ?? {})) {
      if (wantedType !== undefined && hierarchyType !== wantedType) continue;
      const nodes = Object.values(all).filter((r) => r.visibleFrom <= now);
      const visible = (code: string | null) => (code === null ? undefined : nodes.find((n) => n.code === code));
      const selected = nodes.filter((r) =>
        codes.length > 0 ? codes.includes(r.code) : boundaryType !== undefined ? r.boundaryType === boundaryType : r.parent === null,
      );
      if (selected.length === 0) continue;
      const subtree = (r: BoundaryRelation): Record<string, unknown> =>
        node(r, includeChildren ? nodes.filter((c) => c.parent === r.code).map(subtree) : []);
      const boundary = selected.map((r) => {
        let tree = subtree(r);
        if (includeParents) {
          for (let p = visible(r.parent); p !== undefined; p = visible(p.parent)) {
            tree = node(p, [tree]);
          }
        }
        return tree;
      });
      out.push({ tenantId, hierarchyType, boundary });
    }
    return ok(req, now, 200, { TenantBoundary: out });
  });
