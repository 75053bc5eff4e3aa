import { emptyBundle, TENANTS_SCHEMA, toBusinessServiceSpec, type Bundle, type MdmsRecordSpec, type Origin } from "@digit-kit/bundle";
import type { DigitGateway } from "./gateway.js";
import { chunk } from "./pool.js";
import { readMdms } from "./resources/mdms.js";
import { normalizeBusinessService, ownBusinessServices } from "./resources/workflow.js";
import type { ResourceKind } from "./types.js";

export interface ReadLiveOptions {
  /** State tenant to read, e.g. `pg`. */
  tenant: string;
  /** Locales to read; default from common-masters.StateInfo `languages`, else `en_IN`. */
  locales?: string[];
  /** Kinds to read (default: all the reader supports). */
  kinds?: readonly ResourceKind[];
  /** Called with anything the reader could not read completely. */
  onWarning?: (message: string) => void;
}

/** boundary-service answers at most 300 boundaries per search (application.properties:94, boundary.max.default.limit). */
export const BOUNDARY_SEARCH_MAX = 300;

const live = (what: string): Origin => ({ file: `(live) ${what}`, pointer: "" });
const messageKey = (m: { module: string; code: string; message: string }): string => `${m.module}\u0000${m.code}\u0000${m.message}`;

/**
 * Reads a state tenant's live configuration into a {@link Bundle}: MDMS schemas and records (state and each city's
 * own), tenants, workflows (state and city tenants), localization (per locale), boundaries and HRMS employees. Users outside HRMS are
 * not listed (DIGIT has no "all users" search). Server-assigned fields are dropped.
 */
export async function readLiveBundle(gateway: DigitGateway, options: ReadLiveOptions): Promise<Bundle> {
  const { tenant } = options;
  const want = (k: ResourceKind): boolean => !options.kinds || options.kinds.includes(k);
  const ctx = { gateway, bundle: emptyBundle("(live)", "digit-kit", tenant) };
  const bundle = ctx.bundle;

  const schemas = (await gateway.searchSchemas(tenant)).filter((s) => s.tenantId === tenant);
  if (want("schema")) {
    for (const s of schemas) {
      bundle.mdmsSchemas.push({
        tenantId: tenant,
        code: s.code,
        ...(s.description != null ? { description: s.description } : {}),
        isActive: s.isActive ?? true,
        definition: s.definition,
        origin: live(`schema ${s.code}`),
      });
    }
  }
  const records: MdmsRecordSpec[] = [];
  for (const s of schemas) {
    for (const r of await readMdms(ctx, tenant, s.code)) {
      records.push({ tenantId: tenant, schemaCode: s.code, data: r.data, isActive: r.isActive ?? true, origin: live(`${s.code} ${r.uniqueIdentifier ?? r.id}`) });
    }
  }
  for (const r of records) {
    if (r.schemaCode === TENANTS_SCHEMA) {
      if (!want("tenant")) continue;
      const code = String(r.data.code ?? "");
      bundle.tenants.push({ code, name: String(r.data.name ?? code), kind: code.includes(".") ? "city" : "state", record: r.data, origin: r.origin });
    } else if (want("mdms") || want("role") || want("action") || want("role-action")) {
      bundle.mdmsData.push(r);
    }
  }

  const tenantCodes = [...new Set([tenant, ...bundle.tenants.map((t) => t.code).filter((c) => c.split(".")[0] === tenant)])];
  if (want("mdms") || want("role") || want("action") || want("role-action")) {
    for (const city of tenantCodes.filter((t) => t !== tenant)) {
      for (const s of schemas) {
        if (s.code === TENANTS_SCHEMA) continue;
        for (const r of await readMdms(ctx, city, s.code)) {
          bundle.mdmsData.push({ tenantId: city, schemaCode: s.code, data: r.data, isActive: r.isActive ?? true, origin: live(`${city} ${s.code} ${r.uniqueIdentifier ?? r.id}`) });
        }
      }
    }
  }
  if (want("workflow")) {
    for (const t of tenantCodes) {
      for (const bs of (await ownBusinessServices(gateway, t)).values()) {
        const checked = toBusinessServiceSpec(normalizeBusinessService(bs), t);
        if ("problems" in checked) throw new Error(`Business service ${bs.businessService} at ${t} is not one a bundle can hold: ${checked.problems.join("; ")}`);
        bundle.workflows.push({ tenantId: t, businessService: checked.spec, origin: live(`workflow ${bs.businessService}`) });
      }
    }
  }

  if (want("localization")) {
    for (const locale of options.locales ?? localesOf(records)) {
      const stateMessages = (await gateway.searchMessages(tenant, locale)).filter((m) => m.locale === locale);
      for (const m of stateMessages) {
        bundle.localization.push({ tenantId: tenant, locale, module: m.module, code: m.code, message: m.message, origin: live(`message ${m.code}`) });
      }
      // A city's search answers only its own messages when it has any, else the state's (the first tenant of the
      // hierarchy with messages wins: MessageService.getFilteredMessages, egov-localization MessageService.java:80-96).
      // An answer equal to the state's is that fallback (or a copy that changes nothing): not exported.
      const stateSet = new Set(stateMessages.map(messageKey));
      for (const city of tenantCodes.filter((t) => t !== tenant)) {
        const own = (await gateway.searchMessages(city, locale)).filter((m) => m.locale === locale);
        if (own.length === stateSet.size && own.every((m) => stateSet.has(messageKey(m)))) continue;
        for (const m of own) {
          bundle.localization.push({ tenantId: city, locale, module: m.module, code: m.code, message: m.message, origin: live(`${city} message ${m.code}`) });
        }
      }
    }
  }

  if (want("boundary") || want("boundary-hierarchy") || want("boundary-relationship")) {
    for (const t of tenantCodes) {
      const linked = new Set<string>();
      const boundaryTypes = new Set<string>();
      for (const h of await gateway.searchHierarchies(t)) {
        if (h.tenantId !== t) continue;
        h.boundaryHierarchy.forEach((l) => {
          if (l.boundaryType) boundaryTypes.add(l.boundaryType);
        });
        bundle.boundary.hierarchies.push({ tenantId: t, hierarchyType: h.hierarchyType, boundaryHierarchy: h.boundaryHierarchy.flatMap((l) => (l.boundaryType ? [{ boundaryType: l.boundaryType, parentBoundaryType: l.parentBoundaryType || null, ...(l.active !== undefined ? { active: l.active } : {}) }] : [])), origin: live(`hierarchy ${h.hierarchyType}`) });
        const rels = await gateway.searchRelationships(t, h.hierarchyType);
        for (const r of rels) {
          linked.add(r.code);
          bundle.boundary.relationships.push({ tenantId: t, code: r.code, hierarchyType: h.hierarchyType, boundaryType: r.boundaryType, parent: r.parent || null, origin: live(`relationship ${r.code}`) });
        }
      }
      // DIGIT cannot list a tenant's boundary entities: boundary/_search requires codes (BoundarySearchCriteria.java:21-24,
      // validated at BoundaryController.java:42). Entities outside every hierarchy are found by probing every code-like
      // value the tenant knows: relationship codes, boundary types, tenant codes, MDMS values, message codes.
      const candidates = new Set<string>([...linked, ...boundaryTypes, ...tenantCodes]);
      const addStrings = (v: unknown): void => {
        if (typeof v === "string") {
          if (v.length > 0 && v.length <= 256 && !/\s|\/\//.test(v)) candidates.add(v);
        } else if (Array.isArray(v)) v.forEach(addStrings);
        else if (v && typeof v === "object") Object.values(v).forEach(addStrings);
      };
      for (const r of [...records, ...bundle.mdmsData]) if (r.tenantId === t || r.tenantId === tenant) addStrings(r.data);
      if (want("localization")) for (const m of bundle.localization) candidates.add(m.code);
      const seen = new Set<string>();
      for (const codes of chunk([...candidates], BOUNDARY_SEARCH_MAX)) {
        for (const e of await gateway.searchBoundaries(t, codes)) {
          if (e.tenantId !== t || seen.has(e.code)) continue;
          seen.add(e.code);
          bundle.boundary.entities.push({ tenantId: t, code: e.code, ...(e.geometry ? { geometry: e.geometry } : {}), ...(e.additionalDetails ? { additionalDetails: e.additionalDetails } : {}), origin: live(`boundary ${e.code}`) });
        }
      }
      const missing = [...linked].filter((c) => !seen.has(c));
      if (missing.length > 0) options.onWarning?.(`${t}: relationship(s) ${missing.slice(0, 5).join(", ")} have no boundary entity on the server`);
    }
  }

  if (want("employee")) {
    for (const t of tenantCodes) {
      for (const e of await gateway.searchEmployees(t, [])) {
        const code = String(e.code ?? "");
        if (!code || e.tenantId !== t) continue;
        bundle.employees.push({ tenantId: t, code, employee: stripEmployee(e), origin: live(`employee ${code}`) });
      }
    }
  }
  return bundle;
}

/** Locales listed in common-masters.StateInfo `languages`, else `en_IN`. */
function localesOf(records: MdmsRecordSpec[]): string[] {
  const info = records.find((r) => r.schemaCode === "common-masters.StateInfo");
  const langs = (info?.data.languages ?? []) as { value?: unknown }[];
  const locales = langs.map((l) => l.value).filter((v): v is string => typeof v === "string");
  return locales.length > 0 ? locales : ["en_IN"];
}

const SERVER_FIELDS = new Set(["id", "uuid", "auditDetails", "createdBy", "createdDate", "lastModifiedBy", "lastModifiedDate", "password"]);
function stripEmployee(v: unknown): Record<string, unknown> {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).filter(([k, val]) => !SERVER_FIELDS.has(k) && val !== null).map(([k, val]) => [k, walk(val)]));
    return x;
  };
  return walk(v) as Record<string, unknown>;
}

