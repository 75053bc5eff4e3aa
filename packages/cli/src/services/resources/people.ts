import { subsetChanges } from "../compare.js";
import { chunk } from "../pool.js";
import type { PlanItem } from "../types.js";
import { groupBy, type PlanContext } from "./context.js";

const roleKey = (r: { code?: string | null; tenantId?: string | null }): string => `${r.code ?? ""}@${r.tenantId ?? ""}`;

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

/**
 * Child lists of an HRMS employee and the fields that identify an entry. DIGIT's `_update` replaces the whole
 * employee but refuses one that drops an existing assignment, jurisdiction, ... (every existing id must come
 * back: EmployeeValidator.validateConsistency*), so the bundle's entries are matched to the live ones.
 */
const CHILD_KEYS: Record<string, string[]> = {
  assignments: ["department", "designation", "fromDate"],
  jurisdictions: ["hierarchy", "boundaryType", "boundary"],
  serviceHistory: ["serviceStatus", "serviceFrom"],
  education: ["qualification", "stream", "yearOfPassing"],
  tests: ["test", "yearOfPassing"],
  documents: ["documentId"],
};

type Rec = Record<string, unknown>;
const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter((x): x is Rec => !!x && typeof x === "object") : []);

/**
 * The bundle's entries with the ids (and audit, position) of the live entries they stand for: exact matches
 * on the identifying fields first, then the rest in order; live entries left over are kept as they are, since
 * DIGIT cannot delete them.
 */
export function mergeChildren(desired: unknown, live: unknown, keys: string[]): Rec[] {
  const want = recs(desired);
  const have = recs(live);
  const key = (r: Rec) => JSON.stringify(keys.map((k) => r[k] ?? null));
  const used = new Set<Rec>();
  const pairs: (Rec | undefined)[] = want.map((w) => {
    const hit = have.find((h) => !used.has(h) && key(h) === key(w));
    if (hit) used.add(hit);
    return hit;
  });
  want.forEach((_, i) => {
    if (pairs[i]) return;
    const next = have.find((h) => !used.has(h));
    if (next) {
      used.add(next);
      pairs[i] = next;
    }
  });
  const merged = want.map((w, i) => {
    const h = pairs[i];
    if (!h) return { ...w };
    const carried: Rec = { id: h["id"] };
    for (const k of ["auditDetails", "position", "tenantId", "tenantid"]) if (h[k] !== undefined && w[k] === undefined) carried[k] = h[k];
    return { ...w, ...carried };
  });
  return [...merged, ...have.filter((h) => !used.has(h))];
}

/**
 * The employee DIGIT's `_update` needs: the live employee (id, uuid, code, audit) with the bundle's fields,
 * every existing child entry kept with its id, and the flags DIGIT dereferences without a null check
 * (`isActive`, `reActivateEmployee`).
 */
export function employeeUpdate(live: Rec, desired: Rec): Rec {
  const liveUser = (live["user"] ?? {}) as Rec;
  const { password: _p, ...desiredUser } = (desired["user"] ?? {}) as Rec;
  const merged: Rec = { ...live, ...desired, user: { ...liveUser, ...desiredUser } };
  for (const [list, keys] of Object.entries(CHILD_KEYS)) {
    if (desired[list] !== undefined || live[list] !== undefined) merged[list] = mergeChildren(desired[list] ?? [], live[list], keys);
  }
  merged["isActive"] = desired["isActive"] ?? live["isActive"] ?? true;
  merged["reActivateEmployee"] = desired["reActivateEmployee"] ?? live["reActivateEmployee"] ?? false;
  for (const k of ["id", "uuid", "code", "tenantId", "auditDetails"]) if (live[k] !== undefined) merged[k] = live[k];
  return merged;
}

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
      else items.push({ ...base, action: "update", changes, run: () => ctx.gateway.updateEmployees(tenantId, [employeeUpdate(l, desired)]) });
    }
  }
  return items;
}
