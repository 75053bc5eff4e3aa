/**
 * Which business service a request gets, and whose roles count where: DIGIT's tenant rules for egov-workflow-v2
 * (single-state deployment: the state tenant is the first segment of a tenant id).
 */
import type { MockContext, RoleRef } from "../../core/types.js";
import { own, valuesOf, type BusinessService, type WorkflowSlice } from "./model.js";

/** `pg.citya` → `pg`. */
export function stateTenantOf(tenantId: string): string {
  return tenantId.split(".")[0] ?? tenantId;
}

/** MultiStateInstanceUtil.isTenantIdStateLevel (central instance off): no dot. */
export function isStateLevelTenant(tenantId: string): boolean {
  return !tenantId.includes(".");
}

export const MASTER_CONFIG_SCHEMA = "Workflow.BusinessServiceMasterConfig";

/**
 * MDMS `Workflow.BusinessServiceMasterConfig` of the state tenant: code → isStatelevel (MDMSService.java:65-81).
 * DIGIT reads it once at start-up from `state.level.tenant.id`; the mock reads the request's state tenant.
 */
export function stateLevelMapping(ctx: MockContext, tenantId: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const record of ctx.mdms.records(stateTenantOf(tenantId), MASTER_CONFIG_SCHEMA)) {
    const code = record.data["businessService"];
    if (typeof code !== "string") continue;
    // Boolean.valueOf(String): only "true" (any case) is true.
    out.set(code, String(record.data["isStatelevel"]).toLowerCase() === "true");
  }
  return out;
}

/** The tenant DIGIT's V1 repository looks `code` up at: the state tenant, unless the master config says "false". */
export function v1TenantFor(ctx: MockContext, tenantId: string, code: string, mapping = stateLevelMapping(ctx, tenantId)): string {
  return mapping.get(code) === false ? tenantId : stateTenantOf(tenantId);
}

const visibleAt = (bs: BusinessService | undefined, now: number | undefined) => (bs !== undefined && (now === undefined || bs.visibleFrom <= now) ? bs : undefined);

/**
 * BusinessServiceRepositoryV1.getBusinessServices for one code (used by transitions, V1 search, nearing-SLA):
 * exactly one tenant, no fallback. `now` hides business services still in write lag (searches only).
 */
export function findV1(slice: WorkflowSlice, ctx: MockContext, tenantId: string, code: string, now?: number): BusinessService | undefined {
  return visibleAt(own(own(slice.businessServices, v1TenantFor(ctx, tenantId, code)), code), now);
}

/** BusinessServiceRepository.getTenantHierarchy: `pg.citya.x` → [`pg.citya.x`, `pg.citya`, `pg`]. */
export function tenantHierarchy(tenantId: string): string[] {
  const parts = tenantId.split(".");
  return parts.map((_, i) => parts.slice(0, parts.length - i).join("."));
}

/** Stored tenants matching `tenant` ignoring case (the V2 repository compares with equalsIgnoreCase). */
function tenantsLike(slice: WorkflowSlice, tenant: string): string[] {
  const lower = tenant.toLowerCase();
  return Object.keys(slice.businessServices).filter((t) => t.toLowerCase() === lower);
}

/**
 * BusinessServiceRepository.getBusinessServices (V2 search, V2 create's existence check): each code at the nearest
 * tenant of the hierarchy that has it; every code so visible when `codes` is undefined.
 */
export function findV2(slice: WorkflowSlice, tenantId: string, codes: string[] | undefined, now?: number): BusinessService[] {
  const found = new Map<string, BusinessService>();
  for (const tenant of tenantHierarchy(tenantId)) {
    for (const stored of tenantsLike(slice, tenant)) {
      for (const bs of valuesOf(own(slice.businessServices, stored))) {
        if (visibleAt(bs, now) === undefined || found.has(bs.businessService)) continue;
        if (codes !== undefined && !codes.includes(bs.businessService)) continue;
        found.set(bs.businessService, bs);
      }
    }
  }
  return [...found.values()];
}

/** Every stored business service (the inbox's role → status map reads them all). */
export function allBusinessServices(slice: WorkflowSlice, now?: number): BusinessService[] {
  return Object.keys(slice.businessServices).flatMap((t) => valuesOf(own(slice.businessServices, t)).filter((bs) => visibleAt(bs, now) !== undefined));
}

/**
 * The caller's role codes that authorise an action on an instance of `tenantId`: roles held at exactly that
 * tenant plus roles held at its first segment (WorkflowValidator.java:102-117).
 */
export function actingRoles(roles: readonly RoleRef[], tenantId: string): string[] {
  const state = tenantId.split(".")[0];
  return roles.filter((r) => r.tenantId === tenantId || r.tenantId === state).map((r) => r.code);
}

/** WorkflowUtil.isRoleAvailable(List<String>, List<String>): a shared code, or "*" among the action's roles. */
export function anyRole(userRoles: readonly string[], actionRoles: readonly string[]): boolean {
  if (userRoles.length === 0) return false;
  return actionRoles.includes("*") || userRoles.some((r) => actionRoles.includes(r));
}

/**
 * WorkflowUtil.isRoleAvailable(tenantId, roles, actionRoles) (nextActions, assignees): a role whose tenant equals
 * the instance tenant ignoring case, or is contained in it, with a code among the action's roles (or "*").
 */
export function hasRoleFor(roles: readonly { code: string; tenantId?: string | null }[] | null | undefined, tenantId: string, actionRoles: readonly string[]): boolean {
  if (!roles || roles.length === 0) return false;
  return roles.some((r) => {
    const t = r.tenantId;
    if (t === null || t === undefined) return false;
    const valid = t.toLowerCase() === tenantId.toLowerCase() || tenantId.includes(t);
    return valid && (actionRoles.includes(r.code) || actionRoles.includes("*"));
  });
}
