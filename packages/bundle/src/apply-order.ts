/**
 * The order a bundle is written to DIGIT in, once: the CLI's apply phases and the mock's seeding both derive
 * from {@link applyOrder}.
 */
import { TENANTS_SCHEMA } from "./layouts/default-data-handler.js";
import { ACTIONS_SCHEMA, ROLE_ACTIONS_SCHEMA, ROLES_SCHEMA } from "./layouts/digit-kit.js";
import { refSpecs } from "./mdms-keys.js";
import type {
  BoundaryEntitySpec,
  BoundaryHierarchySpec,
  BoundaryRelationshipSpec,
  Bundle,
  EmployeeSpec,
  LocalizationSpec,
  MdmsRecordSpec,
  MdmsSchemaSpec,
  TenantSpec,
  UserSpec,
  WorkflowSpec,
} from "./model.js";

/** What each kind of step writes. */
export interface ApplyStepItems {
  schema: MdmsSchemaSpec;
  tenant: TenantSpec;
  mdms: MdmsRecordSpec;
  role: MdmsRecordSpec;
  action: MdmsRecordSpec;
  "role-action": MdmsRecordSpec;
  user: UserSpec;
  workflow: WorkflowSpec;
  localization: LocalizationSpec;
  "boundary-hierarchy": BoundaryHierarchySpec;
  boundary: BoundaryEntitySpec;
  "boundary-relationship": BoundaryRelationshipSpec;
  employee: EmployeeSpec;
}

export type ApplyKind = keyof ApplyStepItems;

type MdmsKind = "mdms" | "role" | "action" | "role-action";

/**
 * One step: its kind, a display name (`masters (level 2)`), the bundle items it writes (in bundle order), and
 * for MDMS steps the schemas whose records it writes, for relationship steps the tree level (0: roots).
 */
export type ApplyStep = {
  [K in ApplyKind]: { kind: K; name: string; items: ApplyStepItems[K][] } & (K extends MdmsKind ? { schemaCodes: string[] } : K extends "boundary-relationship" ? { level: number } : unknown);
}[ApplyKind];

/** The step kind of an MDMS schema's records: tenants and access control have their own steps, the rest are masters. */
export function schemaKind(schemaCode: string): "tenant" | MdmsKind {
  if (schemaCode === TENANTS_SCHEMA) return "tenant";
  if (schemaCode === ROLES_SCHEMA) return "role";
  if (schemaCode === ACTIONS_SCHEMA) return "action";
  if (schemaCode === ROLE_ACTIONS_SCHEMA) return "role-action";
  return "mdms";
}

export interface ApplyOrderOptions {
  /**
   * Definitions of schemas the bundle does not carry (e.g. those already on the server), by code, so their
   * `x-ref-schema` still orders the masters. The bundle's own definitions win.
   */
  knownSchemas?: ReadonlyMap<string, MdmsSchemaSpec["definition"]>;
}

/**
 * Every step in dependency order: schemas, tenants, roles, actions, role-actions, masters one `x-ref-schema`
 * level at a time, users, workflows, localization, boundary hierarchies, boundaries, relationships one tree level
 * at a time, employees. Fixed steps are present even when empty; master and relationship levels only when
 * they have items.
 */
export function applyOrder(bundle: Bundle, options: ApplyOrderOptions = {}): ApplyStep[] {
  const records = (codes: readonly string[]) => bundle.mdmsData.filter((r) => codes.includes(r.schemaCode));
  const access = (kind: Exclude<MdmsKind, "mdms">, name: string, code: string): ApplyStep => ({ kind, name, items: records([code]), schemaCodes: [code] });
  const masters = masterLevels(bundle, options.knownSchemas);
  const depths = relationshipDepths(bundle.boundary.relationships);
  const relLevels = depths.size === 0 ? 0 : Math.max(...depths.values()) + 1;
  return [
    { kind: "schema", name: "schemas", items: bundle.mdmsSchemas },
    { kind: "tenant", name: "tenants", items: bundle.tenants },
    // Access control before the masters: on DIGIT a write needs an action for its concrete path
    // (`/mdms-v2/v2/_create/<schema>`; a `{placeholder}` is `\w+`, egov-accesscontrol util/Utils.java:9-23), so a
    // bundle's grants for its own schemas must land before their records (decisions/0010).
    access("role", "roles", ROLES_SCHEMA),
    access("action", "actions", ACTIONS_SCHEMA),
    access("role-action", "role-actions", ROLE_ACTIONS_SCHEMA),
    ...masters.map((codes, level): ApplyStep => ({ kind: "mdms", name: masters.length > 1 ? `masters (level ${level + 1})` : "masters", items: records(codes), schemaCodes: codes })),
    { kind: "user", name: "users", items: bundle.users },
    { kind: "workflow", name: "workflows", items: bundle.workflows },
    { kind: "localization", name: "localization", items: bundle.localization },
    { kind: "boundary-hierarchy", name: "boundary-hierarchies", items: bundle.boundary.hierarchies },
    { kind: "boundary", name: "boundaries", items: bundle.boundary.entities },
    ...Array.from({ length: relLevels }, (_, level): ApplyStep => ({
      kind: "boundary-relationship",
      name: `boundary-relationships (level ${level + 1})`,
      items: bundle.boundary.relationships.filter((r) => depths.get(r) === level),
      level,
    })),
    { kind: "employee", name: "employees", items: bundle.employees },
  ];
}

/**
 * The master schemas (not tenants or access control) of the bundle's records, grouped into levels by
 * `x-ref-schema`: a schema comes after the schemas its records reference, so referenced records exist (and are
 * searchable) before DIGIT validates the reference. Codes keep their first appearance order within a level; a
 * reference cycle is broken where it is first entered (every schema still gets a level).
 */
export function masterLevels(bundle: Bundle, knownSchemas?: ReadonlyMap<string, MdmsSchemaSpec["definition"]>): string[][] {
  const codes = [...new Set(bundle.mdmsData.map((r) => r.schemaCode).filter((c) => schemaKind(c) === "mdms"))];
  if (codes.length === 0) return [];
  const defs = new Map(knownSchemas);
  for (const s of bundle.mdmsSchemas) defs.set(s.code, s.definition);
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
  const levels: string[][] = [];
  for (const code of codes) (levels[level.get(code)!] ??= []).push(code);
  return levels.filter(Boolean);
}

/** Each relationship's depth in its tree (0: a root, or a parent the bundle does not have). */
export function relationshipDepths(rels: readonly BoundaryRelationshipSpec[]): Map<BoundaryRelationshipSpec, number> {
  const byCode = new Map(rels.map((r) => [`${r.tenantId}|${r.hierarchyType}|${r.code}`, r]));
  const depth = new Map<BoundaryRelationshipSpec, number>();
  const of = (r: BoundaryRelationshipSpec, guard = 0): number => {
    const known = depth.get(r);
    if (known !== undefined) return known;
    const p = r.parent ? byCode.get(`${r.tenantId}|${r.hierarchyType}|${r.parent}`) : undefined;
    const d = p && guard < 64 ? of(p, guard + 1) + 1 : 0;
    depth.set(r, d);
    return d;
  };
  rels.forEach((r) => of(r));
  return depth;
}
