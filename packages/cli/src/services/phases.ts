import { ACTIONS_SCHEMA, refSpecs, ROLE_ACTIONS_SCHEMA, ROLES_SCHEMA, type Bundle } from "@digit-kit/bundle";
import type { PlanContext } from "./resources/context.js";
import { planBoundaries, planHierarchies, planRelationships, relationshipLevels } from "./resources/boundary.js";
import { planLocalization } from "./resources/localization.js";
import { kindOfSchema, planMdmsRecords, planSchemas, planTenants } from "./resources/mdms.js";
import { planEmployees, planUsers } from "./resources/people.js";
import { planWorkflows } from "./resources/workflow.js";
import type { PlanItem, ResourceKind } from "./types.js";

/** One step of apply: plans its resources from live state, so a re-run resumes where it stopped. */
export interface Phase {
  name: string;
  kind: ResourceKind;
  plan(ctx: PlanContext): Promise<PlanItem[]>;
}

/**
 * The phases in dependency order: schemas, tenants, masters, roles, actions, role-actions, users, workflows,
 * localization, boundary hierarchy, boundaries, relationships one tree level at a time, employees.
 */
export function phasesFor(ctx: PlanContext, only?: readonly ResourceKind[]): Phase[] {
  const records = (schemaCode: string) => ctx.bundle.mdmsData.filter((r) => r.schemaCode === schemaCode);
  const phases: Phase[] = [
    { name: "schemas", kind: "schema", plan: planSchemas },
    { name: "tenants", kind: "tenant", plan: planTenants },
    ...masterLevels(ctx.bundle).map((codes, level, all): Phase => ({
      name: all.length > 1 ? `masters (level ${level + 1})` : "masters",
      kind: "mdms",
      plan: (c) => planMdmsRecords(c, c.bundle.mdmsData.filter((r) => codes.has(r.schemaCode))),
    })),
    { name: "roles", kind: "role", plan: (c) => planMdmsRecords(c, records(ROLES_SCHEMA)) },
    { name: "actions", kind: "action", plan: (c) => planMdmsRecords(c, records(ACTIONS_SCHEMA)) },
    { name: "role-actions", kind: "role-action", plan: (c) => planMdmsRecords(c, records(ROLE_ACTIONS_SCHEMA)) },
    { name: "users", kind: "user", plan: planUsers },
    { name: "workflows", kind: "workflow", plan: planWorkflows },
    { name: "localization", kind: "localization", plan: planLocalization },
    { name: "boundary-hierarchies", kind: "boundary-hierarchy", plan: planHierarchies },
    { name: "boundaries", kind: "boundary", plan: planBoundaries },
  ];
  const levels = relationshipLevels(ctx);
  for (let level = 0; level < levels; level++) {
    phases.push({ name: `boundary-relationships (level ${level + 1})`, kind: "boundary-relationship", plan: (c) => planRelationships(c, level) });
  }
  phases.push({ name: "employees", kind: "employee", plan: planEmployees });
  return only && only.length > 0 ? phases.filter((p) => only.includes(p.kind)) : phases;
}

/**
 * Groups the master schemas (not tenants or access control) into levels by `x-ref-schema`: a schema comes after
 * the schemas its records reference, so referenced records exist (and are searchable) before DIGIT validates
 * the reference. Cycles fall back to one level.
 */
export function masterLevels(bundle: Bundle): Set<string>[] {
  const codes = [...new Set(bundle.mdmsData.map((r) => r.schemaCode).filter((c) => kindOfSchema(c) === "mdms"))];
  if (codes.length === 0) return [];
  const defs = new Map(bundle.mdmsSchemas.map((s) => [s.code, s.definition]));
  const level = new Map<string, number>();
  const visit = (code: string, stack: string[]): number => {
    const known = level.get(code);
    if (known !== undefined) return known;
    if (stack.includes(code)) return 0;
    const deps = refSpecs(defs.get(code)).map((r) => r.schemaCode).filter((d) => d !== code && codes.includes(d));
    const l = deps.length === 0 ? 0 : Math.max(...deps.map((d) => visit(d, [...stack, code]))) + 1;
    level.set(code, l);
    return l;
  };
  codes.forEach((c) => visit(c, []));
  const levels: Set<string>[] = [];
  for (const [code, l] of level) (levels[l] ??= new Set()).add(code);
  return levels.filter(Boolean);
}
