/**
 * The built-in seed, generated in code as a `Bundle` so it goes through the same path as `--seed <dir>`:
 * state tenant `pg` ("Punjab Demo") with city `pg.citya`, core roles, one action per route, role-actions,
 * the schemas for those masters, and the superuser ADMIN / eGov@123.
 */
import { CORE_SCHEMA_DEFINITIONS, type Bundle, type MdmsRecordSpec, type MdmsSchemaSpec } from "@digit-kit/bundle";
import type { RouteDef } from "@digit-kit/sdk/routes";
import { ACTIONS_SCHEMA, ROLE_ACTIONS_SCHEMA, ROLES_SCHEMA } from "../core/rbac.js";
import { TENANT_SCHEMA } from "../core/tenants.js";
import { actionsFor, ACTION_ID_BASE, CORE_ROLES, grants, schemaPathActions } from "./access-control.js";
import { withBillingMasters } from "./billing-masters.js";
import { withServiceMasters } from "./service-masters.js";
import { SEED_FILE, seedOrigin, seedSchemas } from "./spec.js";

export const DEFAULT_STATE_TENANT = "pg";
export const DEFAULT_CITY_TENANT = "pg.citya";
/** Documented default credentials of the seeded superuser. */
export const DEFAULT_CREDENTIALS = { username: "ADMIN", password: "eGov@123", tenantId: DEFAULT_STATE_TENANT, userType: "EMPLOYEE" } as const;


/** Schemas and access-control masters for one state tenant (also added for a `--seed` bundle's state). */
export function accessControlSeed(routes: RouteDef[], state: string): { schemas: MdmsSchemaSpec[]; data: MdmsRecordSpec[] } {
  const schemas = seedSchemas(CORE_SCHEMA_DEFINITIONS, state);
  const data: MdmsRecordSpec[] = [];
  for (const role of CORE_ROLES) data.push({ tenantId: state, schemaCode: ROLES_SCHEMA, data: { ...role }, isActive: true, origin: seedOrigin(`/roles/${role.code}`) });
  const actions = actionsFor(routes);
  for (const a of actions) data.push({ tenantId: state, schemaCode: ACTIONS_SCHEMA, data: { ...a }, isActive: true, origin: seedOrigin(`/actions/${a.name}`) });
  const byName = new Map(actions.map((a) => [a.name, a]));
  for (const [role, ops] of Object.entries(grants(routes))) {
    for (const op of ops) data.push(grantRecord(state, role, byName.get(op)!));
  }
  return { schemas, data };
}

/** A role-action record granting `role` the action at `state`. */
function grantRecord(state: string, role: string, action: { id: number; name: string }): MdmsRecordSpec {
  return {
    tenantId: state,
    schemaCode: ROLE_ACTIONS_SCHEMA,
    data: { rolecode: role, actionid: action.id, actioncode: action.name, tenantId: state },
    isActive: true,
    origin: seedOrigin(`/roleactions/${role}/${action.name}`),
  };
}

/**
 * Adds, for every schema `seed` has at `state`, the concrete-path MDMS actions (see `schemaPathActions`), granted
 * to the roles that hold the route's template action.
 */
export function withSchemaPathActions(seed: { schemas: MdmsSchemaSpec[]; data: MdmsRecordSpec[] }, routes: RouteDef[], state: string): { schemas: MdmsSchemaSpec[]; data: MdmsRecordSpec[] } {
  const codes = seed.schemas.filter((s) => s.tenantId === state).map((s) => s.code);
  const data = [...seed.data];
  const byOp = grants(routes);
  for (const { action, operationId } of schemaPathActions(routes, codes, ACTION_ID_BASE + routes.length)) {
    data.push({ tenantId: state, schemaCode: ACTIONS_SCHEMA, data: { ...action }, isActive: true, origin: seedOrigin(`/actions/${action.name}`) });
    for (const [role, ops] of Object.entries(byOp)) if (ops.includes(operationId)) data.push(grantRecord(state, role, action));
  }
  return { schemas: seed.schemas, data };
}

export function defaultSeed(routes: RouteDef[]): Bundle {
  const state = DEFAULT_STATE_TENANT;
  const masters = withServiceMasters(withBillingMasters(accessControlSeed(routes, state), state), state, { code: DEFAULT_CITY_TENANT, name: "City A" });
  const ac = withSchemaPathActions(masters, routes, state);
  const tenantRecord = (code: string, name: string, type: string) => ({
    code,
    name,
    type,
    description: null,
    emailId: `${code.replace(/\./g, "-")}@example.org`,
    contactNumber: "0000000000",
    city: { code: code.toUpperCase(), name, districtTenantCode: code, ulbGrade: type === "STATE" ? "State" : "Municipal Corporation", districtName: name },
  });
  return {
    root: SEED_FILE,
    layout: "digit-kit",
    stateTenant: state,
    tenants: [
      { code: state, name: "Punjab Demo", kind: "state", record: tenantRecord(state, "Punjab Demo", "STATE"), origin: seedOrigin("/tenants/pg") },
      { code: DEFAULT_CITY_TENANT, name: "City A", kind: "city", record: tenantRecord(DEFAULT_CITY_TENANT, "City A", "CITY"), origin: seedOrigin("/tenants/pg.citya") },
    ],
    mdmsSchemas: ac.schemas,
    mdmsData: ac.data,
    workflows: [],
    localization: [],
    boundary: { hierarchies: [], entities: [], relationships: [] },
    users: [
      {
        tenantId: state,
        userName: DEFAULT_CREDENTIALS.username,
        name: "Mock Administrator",
        type: "EMPLOYEE",
        mobileNumber: "9999999999",
        password: DEFAULT_CREDENTIALS.password,
        roles: [
          { code: "SUPERUSER", name: "Super User", tenantId: state },
          { code: "EMPLOYEE", name: "Employee", tenantId: state },
        ],
        origin: seedOrigin("/users/ADMIN"),
      },
    ],
    employees: [],
  };
}

export { TENANT_SCHEMA };
