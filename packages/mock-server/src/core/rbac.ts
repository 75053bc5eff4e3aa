/**
 * Role-action RBAC as DIGIT decides it: the gateway posts the caller's roles, the request path and the request's
 * tenants to egov-accesscontrol's `_authorize`, which answers from the MDMS masters
 * `ACCESSCONTROL-ROLEACTIONS.roleactions` and `ACCESSCONTROL-ACTIONS-TEST.actions-test`
 * (egov-accesscontrol/src/main/java/org/egov/access/domain/service/ActionService.java:112-199):
 *
 * 1. the request's first tenant picks the role-action data: that tenant, then its state tenant (the first that
 *    allows wins);
 * 2. a role applies if its tenant is any of the request's tenants, or the first tenant's state (root) tenant;
 * 3. allowed if an applicable role maps to an action whose `url` is the path, or whose `{placeholder}`s, read
 *    as `\w+`, match the whole path (egov-accesscontrol/src/main/java/org/egov/access/util/Utils.java:13-24).
 *    An action's `enabled` flag is not read. There is no SUPERUSER shortcut.
 *
 * The mock adds two leniencies, which `check` reports as a reason (a warning by default, a refusal under
 * `--strict`): the mock's seed names parameterised routes by their template (`/mdms-v2/v2/_create/{schemaCode}`,
 * which DIGIT's `\w+` never matches against `tenant.tenants`), and a SUPERUSER role passes what its mapping
 * does not grant. Role-action data is cached per tenant and rebuilt when `dataVersion` of that tenant changes.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import { stateOf } from "./tenants.js";
import { RoleActionTable, type RoleUris } from "./role-action-table.js";
import type { MdmsReader, StoredUser } from "./types.js";

export const ACTIONS_SCHEMA = "ACCESSCONTROL-ACTIONS-TEST.actions-test";
export const ROLE_ACTIONS_SCHEMA = "ACCESSCONTROL-ROLEACTIONS.roleactions";
export const ROLES_SCHEMA = "ACCESSCONTROL-ROLES.roles";
export const SUPERUSER = "SUPERUSER";

/** A role as `_authorize` receives it. */
export interface RoleLike {
  code?: unknown;
  tenantId?: unknown;
}

/** What `_authorize` decides; `unavailable` when the tenant has no role-action data (DIGIT: `DATA_NOT_AVAILABLE`). */
export type AuthorizeResult = "allowed" | "denied" | "unavailable";

export interface RbacVerdict {
  allowed: boolean;
  /** When DIGIT would refuse but the mock lets it through by default: why (the warning). */
  lenient?: string;
}

export interface Rbac {
  /** DIGIT's `_authorize`: may `roles` call `uri` for `tenantIds` (the first one picks the data)? */
  authorize(roles: readonly RoleLike[], uri: string, tenantIds: readonly string[]): AuthorizeResult;
  /** The gateway's check of `user` calling `route` at `requestPath`; no tenants → the user's own (zuul). */
  check(user: StoredUser, route: RouteDef, requestPath: string, tenants: readonly string[]): RbacVerdict;
}

const lower = (v: unknown): string | undefined => (typeof v === "string" ? v.toLowerCase() : undefined);

/**
 * `dataVersion(tenant)` must change whenever the role-action or action records `reader` answers for `tenant`
 * may have changed. With `reader.appendOnly` the table follows those lists instead (growing with created records).
 */
export function createRbac(reader: MdmsReader, dataVersion: (tenant: string) => string | number): Rbac {
  /** Per tenant: its table, the version it was read at (without `appendOnly`), and whether it has data at all. */
  const cache = new Map<string, { version: string | number; table: RoleActionTable; data: Map<string, RoleUris> | null }>();

  /** tenant → role code → its URLs; null when the tenant has no role-action data. */
  function roleActions(tenant: string): Map<string, RoleUris> | null {
    const hit = cache.get(tenant);
    const appendOnly = reader.appendOnly;
    const version = appendOnly ? 0 : dataVersion(tenant);
    if (hit !== undefined && !appendOnly && hit.version === version) return hit.data;
    const read = appendOnly ?? ((t: string, code: string) => reader.records(t, code));
    const roleActionRecords = read(tenant, ROLE_ACTIONS_SCHEMA);
    const actionRecords = read(tenant, ACTIONS_SCHEMA);
    let table = hit?.table;
    if (table === undefined || !table.sync(roleActionRecords, actionRecords)) {
      table = new RoleActionTable();
      table.sync(roleActionRecords, actionRecords);
    }
    const data = roleActionRecords.length > 0 && actionRecords.length > 0 ? table.byRole : null;
    cache.set(tenant, { version, table, data });
    return data;
  }

  /** Role codes of `roles` that apply to a request for `tenantIds` (ActionService.java:179-199). */
  function applicableRoles(roles: readonly RoleLike[], tenantIds: readonly string[]): Set<string> | null {
    const first = tenantIds[0]!;
    const state = stateOf(first).toLowerCase();
    const root = first.split(".")[0]!.toLowerCase();
    const out = new Set<string>();
    for (const r of roles) {
      const t = lower(r.tenantId);
      if (t === undefined) return null; // DIGIT dereferences role.tenantId: an NPE, i.e. denied
      if (typeof r.code !== "string") continue;
      if ((typeof r.tenantId === "string" && tenantIds.includes(r.tenantId)) || t === state || t === root) out.add(r.code);
    }
    return out;
  }

  /** Candidate data tenants, longest first (ActionService.java:114-117, :131-151). */
  const candidates = (first: string): string[] => [...new Set([first, stateOf(first)])].sort((a, b) => b.length - a.length);

  function authorize(roles: readonly RoleLike[], uri: string, tenantIds: readonly string[]): AuthorizeResult {
    if (tenantIds.length === 0 || roles.length === 0) return "denied";
    const applicable = applicableRoles(roles, tenantIds);
    if (!applicable) return "denied";
    for (const tenant of candidates(tenantIds[0]!)) {
      const data = roleActions(tenant);
      // DIGIT throws DATA_NOT_AVAILABLE here, which ends the loop (a 400, so the gateway denies).
      if (!data) return "unavailable";
      for (const code of applicable) {
        const uris = data.get(code);
        if (uris && (uris.exact.has(uri) || uris.patterns.some((p) => p.regex.test(uri)))) return "allowed";
      }
    }
    return "denied";
  }

  /** Whether an applicable role maps to an action named by the route's template (the mock seed's style). */
  function templateAllowed(user: StoredUser, route: RouteDef, tenantIds: readonly string[]): boolean {
    const applicable = applicableRoles(user.roles, tenantIds);
    if (!applicable) return false;
    for (const tenant of candidates(tenantIds[0]!)) {
      const data = roleActions(tenant);
      if (!data) return false;
      for (const code of applicable) {
        const uris = data.get(code);
        if (uris && (uris.exact.has(route.path) || uris.patterns.some((p) => p.url === route.path))) return true;
      }
    }
    return false;
  }

  return {
    authorize,
    check(user, route, requestPath, tenants) {
      const tenantIds = tenants.length ? tenants : [user.tenantId];
      if (authorize(user.roles, requestPath, tenantIds) === "allowed") return { allowed: true };
      if (route.path !== requestPath && templateAllowed(user, route, tenantIds)) {
        return {
          allowed: false,
          lenient: `RBAC_TEMPLATE_ACTION: ${user.userName} may call ${requestPath} only through an action named by the route template ${route.path}; DIGIT reads {placeholders} as \\w+ (no dots), so it needs an action for the concrete path.`,
        };
      }
      if (user.roles.some((r) => r.code === SUPERUSER)) {
        return {
          allowed: false,
          lenient: `RBAC_SUPERUSER: no role-action of ${user.userName} for tenant ${tenantIds[0]} grants ${requestPath}; DIGIT has no SUPERUSER shortcut and would refuse.`,
        };
      }
      return { allowed: false };
    },
  };
}
