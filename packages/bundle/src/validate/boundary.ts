import type { IssueSink } from "../errors.js";
import type { Bundle } from "../model.js";

/**
 * Boundary checks: hierarchy levels chain to one root type; entity and relationship codes are unique;
 * every relationship's type belongs to its hierarchy, its parent exists in the bundle (else a warning: it may
 * exist live) and has the parent type the hierarchy prescribes.
 */
export function validateBoundaries(bundle: Bundle, sink: IssueSink): void {
  const { hierarchies, entities, relationships } = bundle.boundary;
  const parentTypeOf = new Map<string, Map<string, string | null>>();
  for (const h of hierarchies) {
    const levels = new Map<string, string | null>();
    h.boundaryHierarchy.forEach((l, i) => {
      if (levels.has(l.boundaryType)) sink.error(h.origin.file, `${h.origin.pointer}/boundaryHierarchy/${i}`, `duplicate boundary type "${l.boundaryType}"`);
      levels.set(l.boundaryType, l.parentBoundaryType);
    });
    const roots = h.boundaryHierarchy.filter((l) => !l.parentBoundaryType);
    if (roots.length !== 1) sink.error(h.origin.file, `${h.origin.pointer}/boundaryHierarchy`, `needs exactly one top level (parentBoundaryType null), found ${roots.length}`);
    h.boundaryHierarchy.forEach((l, i) => {
      if (l.parentBoundaryType && !levels.has(l.parentBoundaryType)) {
        sink.error(h.origin.file, `${h.origin.pointer}/boundaryHierarchy/${i}/parentBoundaryType`, `unknown parent type "${l.parentBoundaryType}"`, `Use one of: ${[...levels.keys()].join(", ")}.`);
      }
    });
    const childTypes = new Map<string, string[]>();
    for (const l of h.boundaryHierarchy) if (l.parentBoundaryType) childTypes.set(l.parentBoundaryType, [...(childTypes.get(l.parentBoundaryType) ?? []), l.boundaryType]);
    for (const [parent, children] of childTypes) {
      if (children.length > 1) {
        sink.error(h.origin.file, `${h.origin.pointer}/boundaryHierarchy`, `"${parent}" has ${children.length} child types (${children.join(", ")})`, "DIGIT's boundary hierarchies are a single chain of levels (boundary-service refuses branches).");
      }
    }
    parentTypeOf.set(`${h.tenantId}|${h.hierarchyType}`, levels);
  }
  const entityCodes = new Set<string>();
  for (const e of entities) {
    const key = `${e.tenantId}|${e.code}`;
    if (entityCodes.has(key)) sink.error(e.origin.file, e.origin.pointer, `duplicate boundary "${e.code}"`, "Boundary codes are unique per tenant.");
    entityCodes.add(key);
    const problem = geometryProblem(e.geometry);
    if (problem) sink.error(e.origin.file, `${e.origin.pointer}/geometry`, problem, "boundary-service accepts GeoJSON Point and Polygon only (util/GeoUtil.java).");
  }
  const rels = new Map<string, (typeof relationships)[number]>();
  for (const r of relationships) {
    const key = `${r.tenantId}|${r.hierarchyType}|${r.code}`;
    if (rels.has(key)) sink.error(r.origin.file, r.origin.pointer, `duplicate relationship for "${r.code}" in ${r.hierarchyType}`);
    rels.set(key, r);
    if (!entityCodes.has(`${r.tenantId}|${r.code}`)) {
      sink.warn(r.origin.file, r.origin.pointer, `boundary "${r.code}" has no entity in the bundle; it must exist on the server`);
    }
  }
  for (const r of relationships) {
    const levels = parentTypeOf.get(`${r.tenantId}|${r.hierarchyType}`);
    if (levels && !levels.has(r.boundaryType)) {
      sink.error(r.origin.file, `${r.origin.pointer}/boundaryType`, `type "${r.boundaryType}" is not a level of hierarchy ${r.hierarchyType}`, `Use one of: ${[...levels.keys()].join(", ")}.`);
      continue;
    }
    const expectedParentType = levels?.get(r.boundaryType);
    if (!r.parent) {
      if (levels && expectedParentType) sink.error(r.origin.file, `${r.origin.pointer}/parent`, `"${r.code}" (${r.boundaryType}) needs a parent of type ${expectedParentType}`);
      continue;
    }
    const parent = rels.get(`${r.tenantId}|${r.hierarchyType}|${r.parent}`);
    if (!parent) {
      sink.warn(r.origin.file, `${r.origin.pointer}/parent`, `parent "${r.parent}" is not in the bundle; it must exist on the server`);
    } else if (levels && expectedParentType !== undefined && parent.boundaryType !== expectedParentType) {
      sink.error(r.origin.file, `${r.origin.pointer}/parent`, `parent "${r.parent}" is a ${parent.boundaryType}, but a ${r.boundaryType}'s parent must be a ${expectedParentType ?? "none"}`);
    }
  }
}

const isPosition = (p: unknown): boolean => Array.isArray(p) && p.length === 2 && p.every((c) => typeof c === "number");

/** What boundary-service refuses in a geometry (BoundaryEntityValidator.java:70-89, GeoUtil.java), or null. */
export function geometryProblem(geometry: unknown): string | null {
  if (geometry === undefined || geometry === null) return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type === "Point") return isPosition(g.coordinates) ? null : "a Point needs coordinates [x, y]";
  if (g.type === "Polygon") {
    const rings = g.coordinates;
    if (!Array.isArray(rings) || rings.length !== 1) return "a Polygon needs exactly one ring (no holes)";
    const ring = rings[0] as unknown;
    if (!Array.isArray(ring) || ring.length < 5) return "a Polygon ring needs at least 5 positions";
    if (!ring.every(isPosition)) return "every Polygon position needs 2 numbers";
    const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
    return first[0] === last[0] && first[1] === last[1] ? null : "a Polygon ring must end where it starts";
  }
  return `geometry type ${JSON.stringify(g.type)} is not Point or Polygon`;
}
