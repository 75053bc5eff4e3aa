import { emptyBundle, ROLES_SCHEMA, TENANTS_SCHEMA, type Bundle } from "@digit-kit/bundle";
import type { DigitGateway } from "./gateway.js";
import { readMdms } from "./resources/mdms.js";
import { normalizeBusinessService, ownBusinessServices } from "./resources/workflow.js";

export interface TenantFromTemplateOptions {
  /** New city tenant code, e.g. `pg.cityb`. */
  city: string;
  /** Template city tenant code, e.g. `pg.citya`. */
  from: string;
  /** Display name of the new city (default: the template's name with the city code swapped). */
  name?: string;
  /** Locales to copy city-level messages for (default `en_IN`). */
  locales?: string[];
}

const suffix = (t: string): string => t.split(".").slice(1).join(".");

/**
 * Builds a bundle for a new city from a live template city: its `tenant.tenants` record, boundary hierarchy,
 * boundaries and relationships, city-scoped ACCESSCONTROL roles, business services and city-level messages.
 * Tenant codes are replaced, and boundary codes containing the template city code (e.g. `PG_CITYA_…`) get the
 * new city code. Plan/apply the result like any bundle.
 */
export async function tenantFromTemplate(gateway: DigitGateway, options: TenantFromTemplateOptions): Promise<Bundle> {
  const { city, from } = options;
  const state = city.split(".")[0]!;
  if (!city.includes(".") || !from.includes(".") || from.split(".")[0] !== state) {
    throw new Error(`tenantFromTemplate: "${city}" and "${from}" must be city tenants of the same state (e.g. pg.cityb from pg.citya).`);
  }
  const oldUpper = suffix(from).toUpperCase();
  const newUpper = suffix(city).toUpperCase();
  const swap = (s: string): string => s.split(from).join(city).split(oldUpper).join(newUpper);
  const swapDeep = <T>(v: T): T => JSON.parse(swap(JSON.stringify(v))) as T;
  const origin = { file: `(template ${from})`, pointer: "" };
  const ctx = { gateway, bundle: emptyBundle(`(template ${from})`, "digit-kit", state) };
  const bundle = ctx.bundle;

  const tenantRecord = (await readMdms(ctx, state, TENANTS_SCHEMA)).find((r) => r.data.code === from);
  if (!tenantRecord) throw new Error(`tenantFromTemplate: template tenant "${from}" is not in ${state}'s tenant.tenants master. Check --from.`);
  const record = swapDeep(tenantRecord.data);
  const name = options.name ?? String(record.name ?? city);
  record.name = name;
  if (record.city && typeof record.city === "object") (record.city as Record<string, unknown>).name = name;
  bundle.tenants.push({ code: city, name, kind: "city", record, origin });

  for (const r of await readMdms(ctx, from, ROLES_SCHEMA)) {
    bundle.mdmsData.push({ tenantId: city, schemaCode: ROLES_SCHEMA, data: swapDeep(r.data), isActive: r.isActive ?? true, origin });
  }
  for (const bs of (await ownBusinessServices(gateway, from)).values()) {
    const normal = { ...swapDeep(normalizeBusinessService(bs)), tenantId: city } as unknown as Bundle["workflows"][number]["businessService"];
    bundle.workflows.push({ tenantId: city, businessService: normal, origin });
  }
  for (const locale of options.locales ?? ["en_IN"]) {
    for (const m of await gateway.searchMessages(from, locale)) {
      bundle.localization.push({ tenantId: city, locale, module: m.module, code: m.code, message: m.message, origin });
    }
  }
  for (const h of await gateway.searchHierarchies(from)) {
    if (h.tenantId !== from) continue;
    bundle.boundary.hierarchies.push({ tenantId: city, hierarchyType: h.hierarchyType, boundaryHierarchy: h.boundaryHierarchy.flatMap((l) => (l.boundaryType ? [{ boundaryType: l.boundaryType, parentBoundaryType: l.parentBoundaryType || null, ...(l.active !== undefined ? { active: l.active } : {}) }] : [])), origin });
    const rels = await gateway.searchRelationships(from, h.hierarchyType);
    for (const r of rels) {
      bundle.boundary.relationships.push({ tenantId: city, code: swap(r.code), hierarchyType: h.hierarchyType, boundaryType: r.boundaryType, parent: r.parent ? swap(r.parent) : null, origin });
    }
    if (rels.length > 0) {
      for (const e of await gateway.searchBoundaries(from, rels.map((r) => r.code))) {
        bundle.boundary.entities.push({ tenantId: city, code: swap(e.code), ...(e.geometry ? { geometry: e.geometry } : {}), ...(e.additionalDetails ? { additionalDetails: e.additionalDetails } : {}), origin });
      }
    }
  }
  return bundle;
}
