import type { Bundle } from "./model.js";

/**
 * Moves a bundle to another state tenant: every tenant code equal to `from` or under it (`from.city`) becomes
 * `to` / `to.city`, in tenant records, tenantId fields and role tenants. Used for `--tenant` on DIGIT Kit bundles.
 */
export function retenant(bundle: Bundle, from: string, to: string): Bundle {
  if (from === to) return bundle;
  const move = (t: string): string => (t === from ? to : t.startsWith(`${from}.`) ? `${to}${t.slice(from.length)}` : t);
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === "string") return key === "tenantId" || key === "districtTenantCode" ? move(v) : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key === "tenants" ? "tenantRef" : undefined));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = key === "tenantRef" && k === "code" && typeof x === "string" ? move(x) : walk(x, k);
      return out;
    }
    return v;
  };
  const w = <T>(v: T): T => walk(v) as T;
  bundle.stateTenant = to;
  bundle.tenants = bundle.tenants.map((t) => {
    const code = move(t.code);
    return { ...t, code, record: { ...w(t.record), code } };
  });
  bundle.mdmsSchemas = bundle.mdmsSchemas.map((s) => ({ ...s, tenantId: move(s.tenantId) }));
  bundle.mdmsData = bundle.mdmsData.map((r) => ({ ...r, tenantId: move(r.tenantId), data: w(r.data) }));
  bundle.workflows = bundle.workflows.map((x) => ({ ...x, tenantId: move(x.tenantId), businessService: w(x.businessService) }));
  bundle.localization = bundle.localization.map((m) => ({ ...m, tenantId: move(m.tenantId) }));
  bundle.boundary = {
    hierarchies: bundle.boundary.hierarchies.map((h) => ({ ...h, tenantId: move(h.tenantId) })),
    entities: bundle.boundary.entities.map((e) => ({ ...e, tenantId: move(e.tenantId) })),
    relationships: bundle.boundary.relationships.map((r) => ({ ...r, tenantId: move(r.tenantId) })),
  };
  bundle.users = bundle.users.map((u) => ({ ...u, tenantId: move(u.tenantId), roles: u.roles.map((r) => ({ ...r, tenantId: move(r.tenantId) })) }));
  bundle.employees = bundle.employees.map((e) => ({ ...e, tenantId: move(e.tenantId), employee: w(e.employee) }));
  return bundle;
}
