/** `boundary-hierarchy-definition/_create|_search|_update`. */
import type { DigitErrorItem, OperationHandler } from "../../core/types.js";
import { actorOf, newAudit, touchAudit } from "../shared/audit.js";
import { digitError, handle, ok, reject, rejectAll } from "../shared/respond.js";
import { int, recordAt, recordsAt, str } from "../shared/values.js";
import type { BoundaryHierarchy, BoundarySlice, HierarchyLevel } from "./model.js";
import { wire } from "./model.js";

function readDefinition(body: Record<string, unknown>): { tenantId: string; hierarchyType: string; levels: HierarchyLevel[] } {
  const input = recordAt(body, "BoundaryHierarchy");
  const tenantId = str(input["tenantId"]);
  const hierarchyType = str(input["hierarchyType"]);
  if (tenantId === undefined || hierarchyType === undefined) {
    reject("INVALID_HIERARCHY_DEFINITION", "BoundaryHierarchy needs tenantId and hierarchyType.");
  }
  const levels = recordsAt(input, "boundaryHierarchy").map((l) => ({
    boundaryType: str(l["boundaryType"]) ?? "",
    parentBoundaryType: str(l["parentBoundaryType"]) ?? null,
    active: l["active"] !== false,
  }));
  rejectAll(levelErrors(hierarchyType, levels));
  return { tenantId, hierarchyType, levels };
}

/**
 * The parentBoundaryType chain must be one tree rooted at exactly one type with parent null: no
 * duplicate types, every parent declared, no cycles.
 */
function levelErrors(hierarchyType: string, levels: HierarchyLevel[]): DigitErrorItem[] {
  const err = (message: string, params: string[] = []) =>
    digitError("INVALID_HIERARCHY_DEFINITION", `Hierarchy ${hierarchyType}: ${message}`, [hierarchyType, ...params]);
  if (levels.length === 0) return [err("boundaryHierarchy must list at least one {boundaryType, parentBoundaryType}.")];
  const errors: DigitErrorItem[] = [];
  const types = new Set<string>();
  for (const l of levels) {
    if (l.boundaryType === "") errors.push(err("every level needs a boundaryType."));
    else if (types.has(l.boundaryType)) errors.push(err(`boundaryType ${l.boundaryType} is declared twice.`, [l.boundaryType]));
    types.add(l.boundaryType);
  }
  const roots = levels.filter((l) => l.parentBoundaryType === null);
  if (roots.length !== 1) {
    errors.push(err(`exactly one level must have parentBoundaryType null; found ${roots.length} (${roots.map((r) => r.boundaryType).join(", ") || "none"}).`));
  }
  for (const l of levels) {
    if (l.parentBoundaryType !== null && !types.has(l.parentBoundaryType)) {
      errors.push(err(`the parent ${l.parentBoundaryType} of ${l.boundaryType} is not declared in this hierarchy.`, [l.boundaryType, l.parentBoundaryType]));
    }
  }
  if (errors.length === 0) {
    const reached = new Set<string>();
    const queue = roots.map((r) => r.boundaryType);
    while (queue.length > 0) {
      const type = queue.shift() as string;
      reached.add(type);
      for (const l of levels) if (l.parentBoundaryType === type && !reached.has(l.boundaryType)) queue.push(l.boundaryType);
    }
    const cyclic = levels.filter((l) => !reached.has(l.boundaryType)).map((l) => l.boundaryType);
    if (cyclic.length > 0) errors.push(err(`the parent chain of ${cyclic.join(", ")} forms a cycle.`, cyclic));
  }
  return errors;
}

export const createHierarchy: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, hierarchyType, levels } = readDefinition(req.body);
    if (slice.hierarchies[tenantId]?.[hierarchyType] !== undefined) {
      reject("DUPLICATE_HIERARCHY_TYPE", `Hierarchy ${hierarchyType} already exists for tenant ${tenantId}; use _update or a new hierarchyType.`, [hierarchyType, tenantId]);
    }
    const now = ctx.now();
    const h: BoundaryHierarchy = {
      id: ctx.uuid(),
      tenantId,
      hierarchyType,
      boundaryHierarchy: levels,
      auditDetails: newAudit(actorOf(req), now),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    (slice.hierarchies[tenantId] ??= {})[hierarchyType] = h;
    return ok(req, now, req.route.successStatus, { BoundaryHierarchy: [wire(h)] });
  });

export const updateHierarchy: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, hierarchyType, levels } = readDefinition(req.body);
    const existing = slice.hierarchies[tenantId]?.[hierarchyType];
    if (existing === undefined) reject("HIERARCHY_NOT_FOUND", `Hierarchy ${hierarchyType} does not exist for tenant ${tenantId}.`, [hierarchyType, tenantId]);
    const inUse = new Set(Object.values(slice.relationships[tenantId]?.[hierarchyType] ?? {}).map((r) => r.boundaryType));
    const dropped = [...inUse].filter((t) => !levels.some((l) => l.boundaryType === t));
    if (dropped.length > 0) {
      reject("INVALID_HIERARCHY_DEFINITION", `Hierarchy ${hierarchyType}: boundary types ${dropped.join(", ")} are used by relationships and cannot be removed.`, dropped);
    }
    const now = ctx.now();
    const h: BoundaryHierarchy = { ...existing, boundaryHierarchy: levels, auditDetails: touchAudit(existing.auditDetails, actorOf(req), now) };
    (slice.hierarchies[tenantId] ??= {})[hierarchyType] = h;
    return ok(req, now, req.route.successStatus, { BoundaryHierarchy: [wire(h)] });
  });

export const searchHierarchies: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = recordAt(req.body, "BoundaryTypeHierarchySearchCriteria");
    const tenantId = str(criteria["tenantId"]);
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "BoundaryTypeHierarchySearchCriteria.tenantId is required.", ["tenantId"]);
    const type = str(criteria["hierarchyType"]);
    const now = ctx.now();
    const found = Object.values(slice.hierarchies[tenantId] ?? {}).filter((h) => h.visibleFrom <= now && (type === undefined || h.hierarchyType === type));
    const offset = int(criteria["offset"], 0);
    const limit = int(criteria["limit"], 10);
    return ok(req, now, 200, { totalCount: found.length, BoundaryHierarchy: found.slice(offset, offset + limit).map(wire) });
  });
