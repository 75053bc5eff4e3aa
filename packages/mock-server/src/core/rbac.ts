/**
 * Role-action RBAC as DIGIT's gateway applies it: a caller may call a path if any of their roles for the
 * request's tenant (or its state tenant) maps, through `ACCESSCONTROL-ROLEACTIONS.roleactions`, to an
 * `ACCESSCONTROL-ACTIONS-TEST.actions-test` action whose `url` is the path. SUPERUSER may call anything.
 * Allowed-path sets are cached per (role, state tenant) and dropped when the mdms slice changes.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import { stateOf } from "./tenants.js";
import type { MdmsReader, StoredUser } from "./types.js";

export const ACTIONS_SCHEMA = "ACCESSCONTROL-ACTIONS-TEST.actions-test";
export const ROLE_ACTIONS_SCHEMA = "ACCESSCONTROL-ROLEACTIONS.roleactions";
export const ROLES_SCHEMA = "ACCESSCONTROL-ROLES.roles";
export const SUPERUSER = "SUPERUSER";

export interface Rbac {
  /** True when `user` may call `route` (at `requestPath`) for every tenant in `tenants`. */
  allowed(user: StoredUser, route: RouteDef, requestPath: string, tenants: string[]): boolean;
}

export function createRbac(reader: MdmsReader, mdmsVersion: () => number): Rbac {
  let cachedAt = -1;
  const cache = new Map<string, ReadonlySet<string>>();

  /** Action URLs allowed for `role` under `state`. */
  function pathsFor(role: string, state: string): ReadonlySet<string> {
    const v = mdmsVersion();
    if (v !== cachedAt) {
      cache.clear();
      cachedAt = v;
    }
    const key = `${role}\u0000${state}`;
    let set = cache.get(key);
    if (set) return set;
    const actionIds = new Set<string>();
    for (const ra of reader.records(state, ROLE_ACTIONS_SCHEMA)) {
      if (ra.data["rolecode"] === role) actionIds.add(String(ra.data["actionid"]));
    }
    const urls = new Set<string>();
    if (actionIds.size) {
      for (const a of reader.records(state, ACTIONS_SCHEMA)) {
        const url = a.data["url"];
        if (typeof url === "string" && actionIds.has(String(a.data["id"])) && a.data["enabled"] !== false) urls.add(url);
      }
    }
    set = urls;
    cache.set(key, set);
    return set;
  }

  return {
    allowed(user, route, requestPath, tenants) {
      const targets = tenants.length ? tenants : [user.tenantId];
      return targets.every((tenant) => {
        const state = stateOf(tenant);
        return user.roles.some((r) => {
          if (r.tenantId !== tenant && r.tenantId !== state) return false;
          if (r.code === SUPERUSER) return true;
          const paths = pathsFor(r.code, state);
          return paths.has(route.path) || paths.has(requestPath);
        });
      });
    },
  };
}
