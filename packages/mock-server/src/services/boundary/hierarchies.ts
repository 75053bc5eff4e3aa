/**
 * `boundary-hierarchy-definition/_create|_search`, as boundary-service's BoundaryHierarchyDefinitionService and
 * validator/BoundaryHierarchyValidator.java. DIGIT has no `_update` for hierarchy definitions.
 */
import type { DigitErrorItem, OperationHandler, OperationRequest } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { child, own, put } from "../shared/keyed.js";
import { handle, ok, rejectAll } from "../shared/respond.js";
import { javaException, refuse } from "../shared/tracer.js";
import { isRecord } from "../shared/values.js";
import { DUPLICATE_HIERARCHY, HIERARCHY_CYCLE, HIERARCHY_DOES_NOT_EXIST, MULTIPLE_ROOT_NODES, notNull, parentTypeNotDeclared, sizeViolation, USER_UUID_NULL } from "./errors.js";
import type { BoundaryHierarchy, BoundarySlice, HierarchyLevel } from "./model.js";
import { newestFirst, nextSeq, page } from "./model.js";

const npe = (what: string) => javaException("NullPointerException", what);
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
const empty = (v: string | null): boolean => v === null || v === "";

/** The levels as DIGIT binds them (unknown fields dropped, `active` null when absent). */
function readLevels(input: Record<string, unknown>): HierarchyLevel[] {
  const value = input["boundaryHierarchy"];
  if (!Array.isArray(value)) refuse(npe('Cannot invoke "java.util.List.stream()" because the return value of "BoundaryTypeHierarchyDefinition.getBoundaryHierarchy()" is null'));
  return (value as unknown[]).map((l) => {
    const level = isRecord(l) ? l : {};
    return {
      boundaryType: text(level["boundaryType"]) as string,
      parentBoundaryType: text(level["parentBoundaryType"]),
      active: typeof level["active"] === "boolean" ? level["active"] : null,
    };
  });
}

/** DIGIT's checks, in its order: one root at most, then parents declared and no type with two children. */
function levelErrors(levels: HierarchyLevel[]): DigitErrorItem | null {
  if (levels.filter((l) => empty(l.parentBoundaryType)).length > 1) return MULTIPLE_ROOT_NODES;
  const childOf = new Map<string | null, string | null>(levels.map((l) => [l.boundaryType, null]));
  for (const l of levels) {
    if (empty(l.parentBoundaryType)) continue;
    const parent = l.parentBoundaryType as string;
    if (!childOf.has(parent)) return parentTypeNotDeclared(parent);
    if (!empty(childOf.get(parent) ?? null)) return HIERARCHY_CYCLE;
    childOf.set(parent, l.boundaryType);
  }
  return null;
}

/** Checks DIGIT does not make but whose absence makes the hierarchy unusable: warnings, refusals under --strict. */
function mockChecks(req: OperationRequest, ctx: Parameters<OperationHandler<BoundarySlice>>[1], tenantId: string | null, hierarchyType: string | null, levels: HierarchyLevel[]): void {
  const warn = (message: string) => strictOnly(req, ctx, { code: "INVALID_HIERARCHY_DEFINITION", message });
  if (empty(tenantId) || empty(hierarchyType)) warn("BoundaryHierarchy needs tenantId and hierarchyType; DIGIT stores a definition without them that no search finds.");
  if (levels.some((l) => empty(l.boundaryType))) warn("Every level needs a boundaryType.");
  if (levels.length === 0) warn("boundaryHierarchy is empty; DIGIT accepts it, but no boundary can be placed in it.");
  else if (!levels.some((l) => empty(l.parentBoundaryType))) {
    warn("No level is the root (parentBoundaryType null); DIGIT accepts it, but placing a boundary in it fails (NoSuchElementException).");
  }
}

function wireHierarchy(h: BoundaryHierarchy, jsonNode: boolean): Record<string, unknown> {
  const levels = h.boundaryHierarchy.map((l) => ({ ...l }));
  return {
    id: h.id,
    tenantId: h.tenantId,
    hierarchyType: h.hierarchyType,
    boundaryHierarchy: levels,
    auditDetails: { ...h.auditDetails },
    boundaryHierarchyJsonNode: jsonNode ? levels.map((l) => ({ ...l })) : null,
  };
}

export const createHierarchy: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = req.body["BoundaryHierarchy"];
    if (!isRecord(input)) refuse(npe('Cannot invoke "BoundaryTypeHierarchyDefinition.getBoundaryHierarchy()" because the return value of "BoundaryTypeHierarchyRequest.getBoundaryHierarchy()" is null'));
    const definition = input as Record<string, unknown>;
    const levels = readLevels(definition);
    const error = levelErrors(levels);
    if (error !== null) refuse(error);
    const tenantId = text(definition["tenantId"]);
    const hierarchyType = text(definition["hierarchyType"]);
    // Without tenantId or hierarchyType DIGIT's duplicate search simply drops that filter.
    const existing = Object.values(slice.hierarchies).flatMap((byType) => Object.values(byType));
    if (existing.some((h) => (empty(tenantId) || h.tenantId === tenantId) && (empty(hierarchyType) || h.hierarchyType === hierarchyType))) {
      refuse(DUPLICATE_HIERARCHY);
    }
    const by = req.caller?.user.uuid;
    if (by === undefined || by === "") refuse(USER_UUID_NULL);
    mockChecks(req, ctx, tenantId, hierarchyType, levels);
    const now = ctx.now();
    const h: BoundaryHierarchy = {
      id: ctx.uuid(),
      tenantId: tenantId ?? "",
      hierarchyType: hierarchyType ?? "",
      boundaryHierarchy: levels,
      auditDetails: { createdBy: by as string, lastModifiedBy: by as string, createdTime: now, lastModifiedTime: now },
      seq: nextSeq(slice),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    put(child(slice.hierarchies, h.tenantId), h.hierarchyType, h);
    return ok(req, now, req.route.successStatus, { totalCount: null, BoundaryHierarchy: [wireHierarchy(h, true)] });
  });

export const searchHierarchies: OperationHandler<BoundarySlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = req.body["BoundaryTypeHierarchySearchCriteria"];
    if (!isRecord(criteria)) refuse(npe('Cannot invoke "BoundaryTypeHierarchySearchCriteria.getTenantId()" because "boundaryTypeHierarchySearchCriteria" is null'));
    const c = criteria as Record<string, unknown>;
    const object = "boundaryTypeHierarchySearchRequest";
    const tenantId = text(c["tenantId"]);
    const hierarchyType = text(c["hierarchyType"]);
    const errors: DigitErrorItem[] = [];
    if (tenantId === null) errors.push(notNull(object, "boundaryTypeHierarchySearchCriteria.tenantId"));
    else if (tenantId.length < 1 || tenantId.length > 100) errors.push(sizeViolation(object, "boundaryTypeHierarchySearchCriteria.tenantId", 1, 100));
    if (hierarchyType !== null && (hierarchyType.length < 1 || hierarchyType.length > 100)) {
      errors.push(sizeViolation(object, "boundaryTypeHierarchySearchCriteria.hierarchyType", 1, 100));
    }
    rejectAll(errors);
    const now = ctx.now();
    const found = Object.values(own(slice.hierarchies, tenantId as string) ?? {})
      .filter((h) => h.visibleFrom <= now && (empty(hierarchyType) || h.hierarchyType === hierarchyType))
      .sort(newestFirst);
    const shown = page(found, c["offset"], c["limit"]);
    return ok(req, now, 200, { totalCount: found.length, BoundaryHierarchy: shown.length === 0 ? null : shown.map((h) => wireHierarchy(h, false)) });
  });

/** The hierarchy definition of (tenantId, hierarchyType), visible or not (validation sees every record). */
export function hierarchyOf(slice: BoundarySlice, tenantId: string, hierarchyType: string): BoundaryHierarchy | undefined {
  return own(own(slice.hierarchies, tenantId), hierarchyType);
}

/**
 * DIGIT's level order (util/HierarchyUtil.java:37-65): the first level without a parent, then each level's
 * child. Answers the error DIGIT throws when the hierarchy is missing or has no root.
 */
export function hierarchyOrder(h: BoundaryHierarchy | undefined): string[] | DigitErrorItem {
  if (h === undefined) return HIERARCHY_DOES_NOT_EXIST;
  const root = h.boundaryHierarchy.find((l) => empty(l.parentBoundaryType));
  if (root === undefined) return javaException("NoSuchElementException", "No value present");
  const childOf = new Map<string, string>();
  for (const l of h.boundaryHierarchy) if (!empty(l.parentBoundaryType)) childOf.set(l.parentBoundaryType as string, l.boundaryType);
  const order = [root.boundaryType];
  for (let i = 0; i < h.boundaryHierarchy.length - 1; i++) order.push(childOf.get(order[i] as string) as string);
  return order;
}
