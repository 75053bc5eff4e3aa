import { relationshipDepths } from "@digit-kit/bundle";
import { subsetChanges } from "../compare.js";
import type { LiveBoundary } from "../gateway.js";
import { chunk } from "../pool.js";
import { NOT_SUPPORTED_BY_DIGIT, type BlockedChange, type PlanItem } from "../types.js";
import { groupBy, type PlanContext } from "./context.js";

/**
 * Why DIGIT cannot apply a changed hierarchy: boundary-service maps only `_create` and `_search` for hierarchy
 * definitions (web/controllers/HierarchyDefinitionController.java), so a definition never changes once created.
 */
export const HIERARCHY_NOT_UPDATABLE: BlockedChange = {
  code: NOT_SUPPORTED_BY_DIGIT,
  message: "DIGIT cannot change a boundary hierarchy definition once created (boundary-service has no hierarchy _update)",
  hint: "keep the live levels in the bundle, or define the new levels under a new hierarchyType",
};

/** Why an existing boundary's additionalDetails cannot follow the bundle (boundary-persister.yml updates geometry only). */
export const ADDITIONAL_DETAILS_NOT_UPDATABLE: BlockedChange = {
  code: NOT_SUPPORTED_BY_DIGIT,
  message: "DIGIT keeps a boundary's additionalDetails as created: boundary/_update stores only the geometry, so this change would never stick",
  hint: "bring the bundle's additionalDetails back in line with the live boundary (digit export writes it)",
};

/** Boundaries per `boundary/_create` (DIGIT's maximum). */
export const BOUNDARY_CREATE_BATCH = 300;

/** Hierarchy definitions matched by (tenant, hierarchyType). A changed definition is planned as blocked, never written. */
export async function planHierarchies(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const h of ctx.bundle.boundary.hierarchies) {
    const live = (await ctx.gateway.searchHierarchies(h.tenantId, h.hierarchyType)).find(
      (l) => l.tenantId === h.tenantId && l.hierarchyType === h.hierarchyType,
    );
    const desired = { tenantId: h.tenantId, hierarchyType: h.hierarchyType, boundaryHierarchy: h.boundaryHierarchy };
    const base = { kind: "boundary-hierarchy" as const, key: h.hierarchyType, tenantId: h.tenantId, origin: h.origin };
    if (!live) {
      items.push({ ...base, action: "create", run: () => ctx.gateway.createHierarchy(desired) });
      continue;
    }
    const changes = subsetChanges(h.boundaryHierarchy, live.boundaryHierarchy, "/boundaryHierarchy");
    if (changes.length === 0) items.push({ ...base, action: "unchanged" });
    else items.push({ ...base, action: "update", changes, blocked: HIERARCHY_NOT_UPDATABLE });
  }
  return items;
}

/**
 * Boundary entities matched by (tenant, code). DIGIT needs the `geometry` key on every create and update (null
 * when there is none), and `boundary/_update` changes only the geometry: an additionalDetails difference is
 * planned as blocked.
 */
export async function planBoundaries(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const [tenantId, specs] of groupBy(ctx.bundle.boundary.entities, (e) => e.tenantId)) {
    const creates: { item: PlanItem; desired: Omit<LiveBoundary, "id" | "auditDetails"> }[] = [];
    const live = [];
    for (const codes of chunk(specs.map((s) => s.code), 100)) live.push(...(await ctx.gateway.searchBoundaries(tenantId, codes)));
    const byCode = new Map(live.filter((l) => l.tenantId === tenantId).map((l) => [l.code, l]));
    for (const e of specs) {
      const geometry = e.geometry ?? null;
      const base = { kind: "boundary" as const, key: e.code, tenantId, origin: e.origin };
      const l = byCode.get(e.code);
      if (!l) {
        const desired = { tenantId, code: e.code, geometry, ...(e.additionalDetails !== undefined ? { additionalDetails: e.additionalDetails } : {}) };
        creates.push({ item: { ...base, action: "create" }, desired });
        continue;
      }
      const geometryChanges = subsetChanges({ geometry }, { geometry: l.geometry ?? null });
      const detailChanges = e.additionalDetails === undefined ? [] : subsetChanges({ additionalDetails: e.additionalDetails }, { additionalDetails: l.additionalDetails ?? null });
      const changes = [...geometryChanges, ...detailChanges];
      if (changes.length === 0) {
        items.push({ ...base, action: "unchanged" });
        continue;
      }
      // The search result carries auditDetails.createdBy/createdTime, which DIGIT's update needs.
      const run = geometryChanges.length > 0 ? () => ctx.gateway.updateBoundaries([{ ...l, geometry }]) : undefined;
      items.push({ ...base, action: "update", changes, ...(run ? { run } : {}), ...(detailChanges.length > 0 ? { blocked: ADDITIONAL_DETAILS_NOT_UPDATABLE } : {}) });
    }
    // boundary/_create takes up to 300 boundaries per request (BoundaryRequest.java:39-43): each batch is written
    // once, by whichever of its items runs first, and every item of the batch shares its outcome.
    for (const batch of chunk(creates, BOUNDARY_CREATE_BATCH)) {
      let promise: Promise<void> | undefined;
      // A failed batch is forgotten, so a retry (apply retries 429/5xx) sends it again.
      const run = (): Promise<void> =>
        (promise ??= ctx.gateway.createBoundaries(batch.map((c) => c.desired)).catch((err: unknown) => {
          promise = undefined;
          throw err;
        }));
      for (const c of batch) items.push({ ...c.item, run });
    }
  }
  return items;
}

/**
 * What DIGIT's relationship `_update` cannot do (validator/BoundaryRelationshipValidator.java:78-99,
 * enrichment/BoundaryRelationshipEnricher.java:189): only a parent change between non-root parents of a node
 * whose boundaryType stays is possible.
 */
export function relationshipBlock(live: { boundaryType: string; parent: string | null }, desired: { boundaryType: string; parent: string | null }): BlockedChange | undefined {
  const block = (message: string): BlockedChange => ({
    code: NOT_SUPPORTED_BY_DIGIT,
    message,
    hint: "bring the bundle back in line with the live relationship, or build the new tree under a new hierarchyType",
  });
  if (!live.parent) return block("DIGIT cannot move or retype a root boundary relationship (its _update fails for roots)");
  if (!desired.parent) return block("DIGIT cannot turn a placed boundary into a root (its _update needs a parent)");
  if (live.boundaryType !== desired.boundaryType) return block("DIGIT cannot change the boundaryType of a placed boundary (its _update only moves a node under another parent of the same level)");
  return undefined;
}

/** Relationships matched by (tenant, hierarchyType, code); `depth` restricts to one tree level (parents first). */
export async function planRelationships(ctx: PlanContext, depth?: number): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  const depths = relationshipDepths(ctx.bundle.boundary.relationships);
  const selected = ctx.bundle.boundary.relationships.filter((r) => depth === undefined || depths.get(r) === depth);
  for (const [group, specs] of groupBy(selected, (r) => `${r.tenantId}|${r.hierarchyType}`)) {
    const [tenantId, hierarchyType] = group.split("|") as [string, string];
    const live = await ctx.gateway.searchRelationships(tenantId, hierarchyType);
    const byCode = new Map(live.map((l) => [l.code, l]));
    for (const r of specs) {
      const desired = { tenantId, code: r.code, hierarchyType, boundaryType: r.boundaryType, parent: r.parent };
      const base = {
        kind: "boundary-relationship" as const,
        key: `${hierarchyType}:${r.code}`,
        tenantId,
        origin: r.origin,
        dependsOn: [`boundary:${r.code}`, ...(r.parent ? [`boundary-relationship:${hierarchyType}:${r.parent}`] : [])],
      };
      const l = byCode.get(r.code);
      if (!l) {
        items.push({ ...base, action: "create", run: () => ctx.gateway.createRelationship(desired) });
        continue;
      }
      const changes = subsetChanges({ boundaryType: r.boundaryType, parent: r.parent }, { boundaryType: l.boundaryType, parent: l.parent || null });
      if (changes.length === 0) {
        items.push({ ...base, action: "unchanged" });
        continue;
      }
      const blocked = relationshipBlock({ boundaryType: l.boundaryType, parent: l.parent || null }, desired);
      if (blocked) items.push({ ...base, action: "update", changes, blocked });
      else items.push({ ...base, action: "update", changes, run: () => ctx.gateway.updateRelationship({ ...l, ...desired }) });
    }
  }
  return items;
}
