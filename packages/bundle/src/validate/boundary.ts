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
    parentTypeOf.set(`${h.tenantId}|${h.hierarchyType}`, levels);
  }
  const entityCodes = new Set<string>();
  for (const e of entities) {
    const key = `${e.tenantId}|${e.code}`;
    if (entityCodes.has(key)) sink.error(e.origin.file, e.origin.pointer, `duplicate boundary "${e.code}"`, "Boundary codes are unique per tenant.");
    entityCodes.add(key);
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
