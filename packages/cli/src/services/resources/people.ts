import { subsetChanges } from "../compare.js";
import { chunk } from "../pool.js";
import type { PlanItem } from "../types.js";
import { groupBy, type PlanContext } from "./context.js";

const roleKey = (r: { code: string; tenantId: string }): string => `${r.code}@${r.tenantId}`;

/** Users matched by (tenant, userName). Passwords are set on create only and never compared or shown. */
export async function planUsers(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const [tenantId, specs] of groupBy(ctx.bundle.users, (u) => u.tenantId)) {
    const live = [];
    for (const names of chunk(specs.map((u) => u.userName), 50)) live.push(...(await ctx.gateway.searchUsers(tenantId, names)));
    const byName = new Map(live.map((l) => [l.userName, l]));
    for (const u of specs) {
      const { password, origin, ...rest } = u;
      const roles = u.roles.map((r) => ({ ...r, name: r.name ?? r.code }));
      const desired = { ...rest, roles };
      const base = { kind: "user" as const, key: u.userName, tenantId, origin };
      const l = byName.get(u.userName);
      if (!l) {
        items.push({ ...base, action: "create", run: () => ctx.gateway.createUser({ ...desired, ...(password ? { password } : {}) }) });
        continue;
      }
      const { roles: _r, tenantId: _t, ...fields } = rest;
      const changes = subsetChanges(fields, l);
      const want = roles.map(roleKey).sort();
      const have = (l.roles ?? []).map(roleKey).sort();
      if (want.join(",") !== have.join(",")) changes.push({ path: "/roles", from: have, to: want });
      if (changes.length === 0) items.push({ ...base, action: "unchanged" });
      else items.push({ ...base, action: "update", changes, run: () => ctx.gateway.updateUser({ ...l, ...desired }) });
    }
  }
  return items;
}

const withoutSecrets = (e: Record<string, unknown>): Record<string, unknown> => {
  const user = e.user as Record<string, unknown> | undefined;
  if (!user) return e;
  const { password: _p, ...u } = user;
  return { ...e, user: u };
};

/** HRMS employees matched by (tenant, code). */
export async function planEmployees(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const [tenantId, specs] of groupBy(ctx.bundle.employees, (e) => e.tenantId)) {
    const live = [];
    for (const codes of chunk(specs.map((e) => e.code), 50)) live.push(...(await ctx.gateway.searchEmployees(tenantId, codes)));
    const byCode = new Map(live.map((l) => [String(l.code), l]));
    for (const e of specs) {
      const desired = { ...e.employee, code: e.code, tenantId };
      const base = { kind: "employee" as const, key: e.code, tenantId, origin: e.origin };
      const l = byCode.get(e.code);
      if (!l) {
        items.push({ ...base, action: "create", run: () => ctx.gateway.createEmployees(tenantId, [desired]) });
        continue;
      }
      const cmp = withoutSecrets(desired);
      const liveUser = (l.user ?? {}) as Record<string, unknown>;
      const desiredUser = (cmp.user ?? {}) as Record<string, unknown>;
      const { roles: wantRoles, ...userFields } = desiredUser;
      const changes = subsetChanges({ ...cmp, user: userFields }, l);
      const want = ((wantRoles ?? []) as { code: string; tenantId: string }[]).map(roleKey).sort();
      const have = ((liveUser.roles ?? []) as { code: string; tenantId: string }[]).map(roleKey).sort();
      if (want.join(",") !== have.join(",")) changes.push({ path: "/user/roles", from: have, to: want });
      if (changes.length === 0) items.push({ ...base, action: "unchanged" });
      else {
        const merged = { ...l, ...withoutSecrets(desired), user: { ...liveUser, ...desiredUser } };
        delete (merged.user as Record<string, unknown>).password;
        items.push({ ...base, action: "update", changes, run: () => ctx.gateway.updateEmployees(tenantId, [merged]) });
      }
    }
  }
  return items;
}
