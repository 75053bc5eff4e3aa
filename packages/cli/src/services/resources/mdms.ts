import { createHash } from "node:crypto";
import {
  refSpecs,
  refValues,
  schemaKind as kindOfSchema,
  TENANTS_SCHEMA,
  uniqueIdentifierOf,
  type MdmsRecordSpec,
} from "@digit-kit/bundle";
import { stateTenantOf } from "@digit-kit/sdk";
import { exactChanges, stableStringify, subsetChanges } from "../compare.js";
import type { LiveMdmsRecord } from "../gateway.js";
import type { PlanItem } from "../types.js";
import { runPool } from "../pool.js";
import { groupBy, readAll, type PlanContext } from "./context.js";

/** The plan kind of an MDMS schema's records (the bundle's apply order defines it). */
export { kindOfSchema };

/** Why a changed schema is not updated: DIGIT answers schema/v1/_update with 501 (SchemaDefinitionController.java:58-61). */
export const SCHEMA_UPDATE_UNSUPPORTED = "SCHEMA_UPDATE_NOT_SUPPORTED";

/**
 * Schemas: matched by code at the state tenant (mdms-v2 keeps every schema there). A schema that differs from the
 * live one cannot be applied: mdms-v2 has no schema update, so the item is `blocked` (shown by plan, reported by
 * apply, never sent). Its records still apply, against the live definition.
 */
export async function planSchemas(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const [tenantId, specs] of groupBy(ctx.bundle.mdmsSchemas, (s) => s.tenantId)) {
    const state = stateTenantOf(tenantId);
    const live = await ctx.gateway.searchSchemas(tenantId, specs.map((s) => s.code));
    const byCode = new Map(live.filter((l) => l.tenantId === state || l.tenantId === tenantId).map((l) => [l.code, l]));
    for (const s of specs) {
      const desired = { tenantId, code: s.code, description: s.description ?? s.code, definition: s.definition, isActive: s.isActive };
      const l = byCode.get(s.code);
      const base = { kind: "schema" as const, key: s.code, tenantId, origin: s.origin };
      if (!l) {
        items.push({ ...base, action: "create", run: () => ctx.gateway.createSchema(desired) });
        continue;
      }
      const changes = [
        ...exactChanges(s.definition, l.definition, "/definition"),
        ...(l.isActive !== s.isActive ? [{ path: "/isActive", from: l.isActive, to: s.isActive }] : []),
        ...(s.description !== undefined ? subsetChanges(s.description, l.description, "/description") : []),
      ];
      if (changes.length === 0) items.push({ ...base, action: "unchanged" });
      else {
        items.push({
          ...base,
          action: "update",
          changes,
          blocked: {
            code: SCHEMA_UPDATE_UNSUPPORTED,
            message: `schema ${s.code} differs from the one on the server, and DIGIT cannot update a schema in place (mdms-v2 answers schema/v1/_update with 501)`,
            hint: `make ${s.origin.file} match the live definition (digit export writes it), or create the schema under a new code and move its records there`,
          },
        });
      }
    }
  }
  return items;
}

/** Searches a plan runs at once across schemas. */
export const PLAN_READS = 8;

const hash = (v: unknown): string => createHash("sha1").update(stableStringify(v)).digest("hex").slice(0, 10);

/** Definitions for `codes` at `tenantId`: the bundle's, else the live schema's. */
async function definitions(ctx: PlanContext, tenantId: string, codes: string[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const s of ctx.bundle.mdmsSchemas) if (codes.includes(s.code)) out.set(s.code, s.definition);
  const missing = codes.filter((c) => !out.has(c));
  if (missing.length > 0) {
    for (const l of await ctx.gateway.searchSchemas(tenantId, missing)) if (!out.has(l.code)) out.set(l.code, l.definition);
  }
  return out;
}

/** Live records of one schema at one tenant. */
export function readMdms(ctx: PlanContext, tenantId: string, schemaCode: string): Promise<LiveMdmsRecord[]> {
  return readAll((page) => ctx.gateway.searchMdms(tenantId, schemaCode, page), 500, `${schemaCode} search at ${tenantId}`).then((rs) =>
    rs.filter((r) => r.tenantId === tenantId && r.schemaCode === schemaCode),
  );
}

/**
 * MDMS records of the given schema codes, matched by uniqueIdentifier (x-unique) or, without x-unique,
 * by full data equality (then only create/unchanged).
 */
export async function planMdmsRecords(ctx: PlanContext, records: readonly MdmsRecordSpec[]): Promise<PlanItem[]> {
  const bundleSchemas = new Set(ctx.bundle.mdmsSchemas.map((s) => s.code));
  const groups = [...groupBy(records, (r) => `${r.tenantId}|${r.schemaCode}`)];
  // Each group's reads (definition, then its records page by page) run alongside the other groups' (up to
  // PLAN_READS at once): on a real network a plan is a few round trips instead of one per schema.
  const perGroup: PlanItem[][] = [];
  await runPool(groups.map((g, i) => [g, i] as const), PLAN_READS, async ([[group, specs], index]) => {
    const items: PlanItem[] = [];
    perGroup[index] = items;
    const [tenantId, schemaCode] = group.split("|") as [string, string];
    const def = (await definitions(ctx, tenantId, [schemaCode])).get(schemaCode);
    const live = await readMdms(ctx, tenantId, schemaCode);
    const byUid = new Map<string, LiveMdmsRecord>();
    const byHash = new Set<string>();
    for (const l of live) {
      const uid = l.uniqueIdentifier ?? uniqueIdentifierOf(def, l.data);
      if (uid) byUid.set(uid, l);
      byHash.add(hash(l.data));
    }
    const kind = kindOfSchema(schemaCode);
    for (const r of specs) {
      const uid = uniqueIdentifierOf(def, r.data);
      // Skipped when its schema or a record it references (x-ref-schema) failed to apply.
      const dependsOn = [
        ...(bundleSchemas.has(schemaCode) ? [`schema:${schemaCode}`] : []),
        ...refSpecs(def).flatMap((ref) => refValues(r.data, ref.fieldPath).map((v) => `${kindOfSchema(ref.schemaCode)}:${ref.schemaCode}:${String(v)}`)),
      ];
      const base = {
        kind,
        key: `${schemaCode}:${uid ?? `#${hash(r.data)}`}`,
        tenantId,
        origin: r.origin,
        ...(dependsOn.length > 0 ? { dependsOn } : {}),
      };
      const create = (): Promise<void> => ctx.gateway.createMdms({ tenantId, schemaCode, data: r.data, isActive: r.isActive });
      if (uid === undefined) {
        items.push(byHash.has(hash(r.data)) ? { ...base, action: "unchanged" } : { ...base, action: "create", run: create });
        continue;
      }
      const l = byUid.get(uid);
      if (!l) {
        items.push({ ...base, action: "create", run: create });
        continue;
      }
      const changes = exactChanges(r.data, l.data, "/data");
      if (l.isActive !== r.isActive) changes.push({ path: "/isActive", from: l.isActive, to: r.isActive });
      if (changes.length === 0) items.push({ ...base, action: "unchanged" });
      else items.push({ ...base, action: "update", changes, run: () => ctx.gateway.updateMdms({ ...l, data: r.data, isActive: r.isActive }) });
    }
  });
  return perGroup.flat();
}

/** The attention code of a tenant record update that would drop fields of the live record. */
export const TENANT_FIELDS_DROPPED = "TENANT_FIELDS_DROPPED";

/**
 * Tenants: `tenant.tenants` records at the state tenant, keyed by tenant code. An update that would drop fields of
 * the live record (a `digit init` scaffold planned against a state that exists: its emailId, city, ...) is marked
 * `attention`, so plan shows it with `!` and says how to keep the live record. To change a live tenant on purpose,
 * give its whole record (`digit export --only tenant` writes it).
 */
export async function planTenants(ctx: PlanContext): Promise<PlanItem[]> {
  const items = await planTenantRecords(ctx);
  return items.map((item) => {
    if (item.action !== "update") return item;
    const dropped = (item.changes ?? []).filter((c) => c.to === undefined && c.from !== undefined && c.from !== null).map((c) => c.path.replace(/^\/data\//, ""));
    if (dropped.length === 0) return item;
    const code = item.key.slice(item.key.indexOf(":") + 1);
    return {
      ...item,
      attention: {
        code: TENANT_FIELDS_DROPPED,
        message: `rewrites the live tenant record of ${code} and drops ${dropped.join(", ")}`,
        hint: `if ${code} exists already, leave it out of digit-bundle.yaml's tenants (digit init --existing-state does), or give its whole record: digit export --tenant ${ctx.bundle.stateTenant} --only tenant -o live writes the live one`,
      },
    };
  });
}

function planTenantRecords(ctx: PlanContext): Promise<PlanItem[]> {
  const records: MdmsRecordSpec[] = ctx.bundle.tenants.map((t) => ({
    tenantId: ctx.bundle.stateTenant,
    schemaCode: TENANTS_SCHEMA,
    data: t.record,
    isActive: true,
    origin: t.origin,
  }));
  return planMdmsRecords(ctx, records);
}
