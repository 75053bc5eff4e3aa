import { uniqueIdentifierOf, type Bundle } from "@digit-kit/bundle";
import { exactChanges, stableStringify } from "./compare.js";
import type { DigitGateway } from "./gateway.js";
import { readLiveBundle } from "./live-bundle.js";
import type { FieldChange, ResourceKind } from "./types.js";

export type DriftKind = Extract<ResourceKind, "schema" | "mdms" | "workflow" | "localization">;
export const DRIFT_KINDS: readonly DriftKind[] = ["schema", "mdms", "workflow", "localization"];

export interface DriftItem {
  kind: DriftKind;
  key: string;
  status: "only-in-a" | "only-in-b" | "different";
  changes?: FieldChange[];
}

export interface DriftReport {
  a: string;
  b: string;
  items: DriftItem[];
}

export interface DiffSide {
  gateway: DigitGateway;
  tenant: string;
  /** Label in reports (default: the tenant code). */
  label?: string;
}

/**
 * Compares two tenants (same or different environments) on schemas, MDMS masters, workflows and localization,
 * matched by natural key with tenant codes factored out. `changes` read "from a → to b".
 */
export async function diff(a: DiffSide, b: DiffSide, kinds: readonly DriftKind[] = DRIFT_KINDS): Promise<DriftReport> {
  const read = (s: DiffSide): Promise<Bundle> =>
    readLiveBundle(s.gateway, { tenant: s.tenant, kinds: kinds.flatMap((k) => (k === "mdms" ? (["mdms", "role", "action", "role-action", "tenant"] as const) : [k])) });
  const [ba, bb] = await Promise.all([read(a), read(b)]);
  const items: DriftItem[] = [];
  for (const kind of kinds) {
    const ma = entries(ba, kind, a.tenant);
    const mb = entries(bb, kind, b.tenant);
    for (const [key, va] of ma) {
      const vb = mb.get(key);
      if (vb === undefined) items.push({ kind, key, status: "only-in-a" });
      else {
        const changes = exactChanges(vb, va);
        if (changes.length > 0) items.push({ kind, key, status: "different", changes });
      }
    }
    for (const key of mb.keys()) if (!ma.has(key)) items.push({ kind, key, status: "only-in-b" });
  }
  return { a: a.label ?? a.tenant, b: b.label ?? b.tenant, items };
}

/** Natural key → comparable value, with the tenant code replaced by `{tenantid}` so two tenants line up. */
function entries(bundle: Bundle, kind: DriftKind, tenant: string): Map<string, unknown> {
  // Only whole tenant codes (`"pg"`, `"pg.citya"`) are neutralised, not strings that merely start with them.
  const neutral = <T>(v: T): T =>
    JSON.parse(JSON.stringify(v).split(`"${tenant}"`).join('"{tenantid}"').split(`"${tenant}.`).join('"{tenantid}.')) as T;
  const neutralTenant = (t: string): string => (t === tenant ? "{tenantid}" : t.startsWith(`${tenant}.`) ? `{tenantid}${t.slice(tenant.length)}` : t);
  const out = new Map<string, unknown>();
  if (kind === "schema") for (const s of bundle.mdmsSchemas) out.set(s.code, neutral(s.definition));
  if (kind === "mdms") {
    const defs = new Map(bundle.mdmsSchemas.map((s) => [s.code, s.definition]));
    const records = [...bundle.mdmsData, ...bundle.tenants.map((t) => ({ tenantId: tenant, schemaCode: "tenant.tenants", data: t.record }))];
    for (const r of records) {
      const data = neutral(r.data);
      const uid = uniqueIdentifierOf(defs.get(r.schemaCode), data) ?? `#${stableStringify(data).slice(0, 40)}`;
      const where = r.tenantId === tenant ? "" : `${neutralTenant(r.tenantId)}/`;
      out.set(`${where}${r.schemaCode}:${uid}`, data);
    }
  }
  if (kind === "workflow") for (const w of bundle.workflows) out.set(`${neutralTenant(w.tenantId)}:${w.businessService.businessService}`, neutral(w.businessService));
  if (kind === "localization") for (const m of bundle.localization) out.set(`${m.module}:${m.code}@${m.locale}`, m.message);
  return out;
}
