import { refSpecs, refValues, TENANTS_SCHEMA, uniqueIdentifierOf, type Bundle, type MdmsRecordSpec } from "@digit-kit/bundle";
import type { DigitGateway } from "./gateway.js";
import { readLiveBundle } from "./live-bundle.js";
import { kindOfSchema } from "./resources/mdms.js";
import type { ResourceKind } from "./types.js";

/** Name and extra `tenant.tenants` fields of one tenant (flags or the `--details` YAML). */
export interface TenantDetails {
  name?: string;
  /** Merged into the tenant's `tenant.tenants` record (deep, objects merged, everything else replaced). */
  fields?: Record<string, unknown>;
}

export interface CloneDetails extends TenantDetails {
  /** Copied cities of a state clone, by city code without the state (`citya`) or full code (`nr.citya`). */
  cities?: Record<string, TenantDetails>;
}

/** An administrator to create at the new tenant. The password is never logged or returned. */
export interface CloneAdmin {
  userName: string;
  password: string;
  name?: string;
  mobileNumber?: string;
  /** Role codes (default SUPERUSER and EMPLOYEE), granted at the new tenant. */
  roles?: string[];
}

export interface CloneOptions {
  /** Source tenant: a state root (`pg`) or a city (`pg.citya`). */
  from: string;
  /** New tenant: a root when `from` is a root, else a city of the same state. */
  to: string;
  details?: CloneDetails;
  admin?: CloneAdmin;
  locales?: string[];
  onWarning?: (message: string) => void;
}

/** Why a value changed on the way from the source to the new tenant. */
export type RewriteRule = "tenant-code" | "city-code" | "name" | "field" | "message-code";

/** One value the clone writes differently from the source; `plan` lists every one. */
export interface Rewrite {
  kind: ResourceKind;
  /** The resource, as the source names it (schema code and record, boundary code, message code ...). */
  key: string;
  tenantId: string;
  /** JSON pointer inside the resource. */
  path: string;
  from: unknown;
  to: unknown;
  rule: RewriteRule;
}

/** A source record the clone leaves out because it belongs to another tenant. */
export interface DroppedRecord {
  kind: ResourceKind;
  key: string;
  tenantId: string;
  reason: string;
}

export interface ClonePlan {
  bundle: Bundle;
  rewrites: Rewrite[];
  dropped: DroppedRecord[];
  /** The copied cities' new codes (a state clone), for the check after apply. */
  tenants: string[];
}

/** A value at the new tenant that still names the source tenant. */
export interface Trace {
  kind: ResourceKind;
  key: string;
  tenantId: string;
  path: string;
  value: string;
}

const KINDS_COPIED: ResourceKind[] = ["schema", "tenant", "mdms", "role", "action", "role-action", "workflow", "localization", "boundary-hierarchy", "boundary", "boundary-relationship"];
const under = (t: string, root: string): boolean => t === root || t.startsWith(`${root}.`);
const upper = (t: string): string => t.toUpperCase();
/** DIGIT's UI localises a tenant's name under `TENANT_TENANTS_<CODE>` with dots as underscores. */
const tenantMessageCode = (t: string): string => `TENANT_TENANTS_${upper(t).replace(/\./g, "_")}`;
const escape = (k: string): string => k.replace(/~/g, "~0").replace(/\//g, "~1");
const label = (origin: { file: string }): string => origin.file.replace(/^\(live\) /, "");

/**
 * The tenant-code rule: a string equal to the source code, or starting with `<source>.`, names the source
 * (tenantIds, nested codes, StateInfo `code`, citymodule `tenants[].code`, `districtTenantCode` ...); the same
 * in upper case (`city.code: PG.CITYA`). Returns the rewritten string or undefined when the rule does not apply.
 */
export function moveTenantCode(value: string, from: string, to: string): string | undefined {
  if (value === from) return to;
  if (value.startsWith(`${from}.`)) return `${to}${value.slice(from.length)}`;
  if (value === upper(from)) return upper(to);
  if (value.startsWith(`${upper(from)}.`)) return `${upper(to)}${value.slice(from.length)}`;
  return undefined;
}

/** True when `value` names the source tenant by the tenant-code rule (what the check after apply reports). */
export function namesTenant(value: string, tenant: string): boolean {
  return moveTenantCode(value, tenant, "\u0000") !== undefined;
}

function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    out[k] = v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b) ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/**
 * Builds the bundle that copies a live tenant to a new one, re-tenanted by rule:
 * - a state root (`pg` → `nr`): schemas, masters, roles, actions, role-actions, workflows, localization, boundaries
 *   of the root and all its cities; records of other tenants (another state's `tenant.tenants` row, a record whose
 *   `tenantId` names another tenant) are left out;
 * - a city (`pg.citya` → `pg.cityb`): the city's tenant row, its own MDMS records, workflows, boundaries and
 *   messages; boundary codes containing the template's city code in upper case (`PG_CITYA_…`) get the new one.
 * Every string naming the source (see {@link moveTenantCode}) is rewritten, the new tenant's `tenant.tenants` row
 * gets the given name and fields, and each change is listed in `rewrites`. HRMS employees and users are not copied
 * (people are not configuration); `admin` adds one administrator at the new tenant.
 */
export async function cloneTenant(gateway: DigitGateway, options: CloneOptions): Promise<ClonePlan> {
  const { from, to } = options;
  const fromRoot = !from.includes(".");
  if (fromRoot !== !to.includes(".")) throw new Error(`cloneTenant: "${from}" and "${to}" must both be state roots or both be cities.`);
  const state = from.split(".")[0]!;
  if (!fromRoot && to.split(".")[0] !== state) throw new Error(`cloneTenant: a city is copied within its state ("${to}" is not in ${state}).`);
  if (from === to) throw new Error(`cloneTenant: "${to}" is the source itself.`);
  const name = options.details?.name;
  if (!name) throw new Error(`cloneTenant: the new tenant ${to} needs a name (its tenant.tenants row must not keep ${from}'s).`);

  const live = await readLiveBundle(gateway, {
    tenant: state,
    kinds: KINDS_COPIED,
    ...(options.locales ? { locales: options.locales } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  const rewrites: Rewrite[] = [];
  const dropped: DroppedRecord[] = [];
  const owns = (t: string): boolean => (fromRoot ? under(t, from) : t === from);
  const cityFrom = fromRoot ? "" : upper(from.split(".").slice(1).join("."));
  const cityTo = fromRoot ? "" : upper(to.split(".").slice(1).join("."));

  /** Rewrites one string by rule, recording the change. */
  const str = (v: string, at: Omit<Rewrite, "from" | "to" | "rule">): string => {
    const moved = moveTenantCode(v, from, to);
    if (moved !== undefined) {
      rewrites.push({ ...at, from: v, to: moved, rule: "tenant-code" });
      return moved;
    }
    if (cityFrom && v.includes(cityFrom)) {
      const swapped = v.split(cityFrom).join(cityTo);
      rewrites.push({ ...at, from: v, to: swapped, rule: "city-code" });
      return swapped;
    }
    return v;
  };
  const deep = <T>(v: T, at: Omit<Rewrite, "from" | "to" | "rule" | "path">, path = ""): T => {
    if (typeof v === "string") return str(v, { ...at, path }) as T;
    if (Array.isArray(v)) return v.map((x, i) => deep(x, at, `${path}/${i}`)) as T;
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x, at, `${path}/${escape(k)}`)])) as T;
    return v;
  };
  const setField = (record: Record<string, unknown>, at: Omit<Rewrite, "from" | "to" | "rule" | "path">, path: string[], value: unknown, rule: RewriteRule): void => {
    let obj = record;
    for (const p of path.slice(0, -1)) {
      if (!obj[p] || typeof obj[p] !== "object") return;
      obj = obj[p] as Record<string, unknown>;
    }
    const last = path.at(-1)!;
    if (obj[last] === value) return;
    rewrites.push({ ...at, path: `/${path.map(escape).join("/")}`, from: obj[last], to: value, rule });
    obj[last] = value;
  };

  const bundle: Bundle = { ...live, stateTenant: fromRoot ? to : state, tenants: [], mdmsSchemas: [], mdmsData: [], workflows: [], localization: [], users: [], employees: [], boundary: { hierarchies: [], entities: [], relationships: [] } };
  const newTenants = new Set<string>();

  for (const t of live.tenants) {
    if (!owns(t.code)) {
      dropped.push({ kind: "tenant", key: t.code, tenantId: state, reason: `tenant.tenants row of ${t.code}, which is not ${fromRoot ? `${from} or one of its cities` : from}` });
      continue;
    }
    const at = { kind: "tenant" as const, key: t.code, tenantId: fromRoot ? to : state };
    const code = moveTenantCode(t.code, from, to)!;
    const record = deep(structuredClone(t.record), at);
    const suffix = code.split(".").slice(1).join(".");
    const d: TenantDetails | undefined = code === to ? options.details : (options.details?.cities?.[suffix] ?? options.details?.cities?.[code]);
    if (d?.name) {
      const oldName = String(t.record.name ?? "");
      setField(record, at, ["name"], d.name, "name");
      const city = record.city as Record<string, unknown> | undefined;
      if (city && typeof city === "object") {
        if ("name" in city) setField(record, at, ["city", "name"], d.name, "name");
        if (city.districtName === oldName) setField(record, at, ["city", "districtName"], d.name, "name");
      }
      if (record.description === oldName) setField(record, at, ["description"], d.name, "name");
    }
    const merged = d?.fields ? deepMerge(record, d.fields) : record;
    if (d?.fields) for (const [k, v] of Object.entries(d.fields)) rewrites.push({ ...at, path: `/${escape(k)}`, from: t.record[k], to: v, rule: "field" });
    newTenants.add(code);
    bundle.tenants.push({ code, name: String(merged.name ?? code), kind: code.includes(".") ? "city" : "state", record: merged, origin: { file: `(clone of ${t.code})`, pointer: "" } });
  }
  if (!newTenants.has(to)) {
    throw new Error(`cloneTenant: ${from} has no tenant.tenants row at ${state}, so there is nothing to copy ${to}'s row from. Check the source tenant.`);
  }

  if (fromRoot) {
    for (const s of live.mdmsSchemas) bundle.mdmsSchemas.push({ ...s, tenantId: to, origin: { file: `(clone of ${from}) schema ${s.code}`, pointer: "" } });
  }
  // Records of other tenants: a `tenantId` naming another tenant, then (to a fixpoint) records referencing a dropped
  // record through x-ref-schema (a role-action of another state's action would fail REFERENCE_VALIDATION_ERR).
  const defs = new Map(live.mdmsSchemas.map((s) => [s.code, s.definition]));
  const gone = new Map<MdmsRecordSpec, string>();
  const goneUids = new Set<string>();
  for (const r of live.mdmsData) {
    const named = r.data.tenantId;
    if (owns(r.tenantId) && typeof named === "string" && named !== "" && !owns(named)) gone.set(r, `its tenantId is ${named}, another tenant`);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [r] of gone) {
      const uid = uniqueIdentifierOf(defs.get(r.schemaCode), r.data);
      if (uid !== undefined && !goneUids.has(`${r.tenantId}|${r.schemaCode}:${uid}`)) goneUids.add(`${r.tenantId}|${r.schemaCode}:${uid}`);
    }
    for (const r of live.mdmsData) {
      if (gone.has(r) || !owns(r.tenantId)) continue;
      for (const ref of refSpecs(defs.get(r.schemaCode))) {
        const hit = refValues(r.data, ref.fieldPath).find((v) => goneUids.has(`${r.tenantId}|${ref.schemaCode}:${String(v)}`) || goneUids.has(`${state}|${ref.schemaCode}:${String(v)}`));
        if (hit !== undefined) {
          gone.set(r, `references ${ref.schemaCode} ${String(hit)}, a record of another tenant`);
          changed = true;
          break;
        }
      }
    }
  }
  for (const r of live.mdmsData) {
    const kind = kindOfSchema(r.schemaCode);
    const key = label(r.origin);
    if (!owns(r.tenantId)) continue; // the state's records when copying a city: not the city's own
    const why = gone.get(r);
    if (why) {
      dropped.push({ kind, key, tenantId: r.tenantId, reason: why });
      continue;
    }
    const tenantId = moveTenantCode(r.tenantId, from, to)!;
    const data = deep(structuredClone(r.data), { kind, key, tenantId });
    if (fromRoot && r.schemaCode === "common-masters.StateInfo" && data.code === to) setField(data, { kind, key, tenantId }, ["name"], name, "name");
    bundle.mdmsData.push({ ...r, tenantId, data, origin: { file: `(clone of ${r.tenantId}) ${key}`, pointer: "" } } satisfies MdmsRecordSpec);
  }
  for (const w of live.workflows) {
    if (!owns(w.tenantId)) continue;
    const tenantId = moveTenantCode(w.tenantId, from, to)!;
    const key = String(w.businessService.businessService);
    bundle.workflows.push({ tenantId, businessService: { ...deep(structuredClone(w.businessService), { kind: "workflow", key, tenantId }), tenantId }, origin: { file: `(clone of ${w.tenantId}) workflow ${key}`, pointer: "" } });
  }

  // Messages: a state clone copies the root's and its cities' own; a city clone the city's own. The live read
  // holds exactly those: a city's messages are exported only when DIGIT's search answers the city's own (not the
  // state's it falls back to).
  const messages = live.localization.filter((m) => (fromRoot ? true : m.tenantId === from)).map((m) => ({ ...m }));
  const msgFrom = tenantMessageCode(from);
  for (const m of messages) {
    const tenantId = moveTenantCode(m.tenantId, from, to) ?? m.tenantId;
    const key = `${m.module}:${m.code}@${m.locale}`;
    const at = { kind: "localization" as const, key, tenantId };
    let code = m.code;
    if (code === msgFrom || code.startsWith(`${msgFrom}_`)) {
      code = tenantMessageCode(to) + code.slice(msgFrom.length);
      rewrites.push({ ...at, path: "/code", from: m.code, to: code, rule: "message-code" });
    }
    let message = m.message;
    if (code === tenantMessageCode(to) && message !== name) {
      rewrites.push({ ...at, path: "/message", from: message, to: name, rule: "name" });
      message = name;
    }
    bundle.localization.push({ ...m, tenantId, code, message: str(message, { ...at, path: "/message" }), origin: { file: `(clone of ${m.tenantId}) message ${m.code}`, pointer: "" } });
  }

  const b = live.boundary;
  for (const h of b.hierarchies.filter((x) => owns(x.tenantId))) {
    bundle.boundary.hierarchies.push({ ...h, tenantId: moveTenantCode(h.tenantId, from, to)!, origin: { file: `(clone of ${h.tenantId}) hierarchy ${h.hierarchyType}`, pointer: "" } });
  }
  for (const e of b.entities.filter((x) => owns(x.tenantId))) {
    const tenantId = moveTenantCode(e.tenantId, from, to)!;
    const at = { kind: "boundary" as const, key: e.code, tenantId };
    const code = str(e.code, { ...at, path: "/code" });
    bundle.boundary.entities.push({
      ...e,
      tenantId,
      code,
      ...(e.additionalDetails ? { additionalDetails: deep(structuredClone(e.additionalDetails), at, "/additionalDetails") } : {}),
      origin: { file: `(clone of ${e.tenantId}) boundary ${e.code}`, pointer: "" },
    });
  }
  for (const r of b.relationships.filter((x) => owns(x.tenantId))) {
    const tenantId = moveTenantCode(r.tenantId, from, to)!;
    const at = { kind: "boundary-relationship" as const, key: `${r.hierarchyType}:${r.code}`, tenantId };
    bundle.boundary.relationships.push({
      ...r,
      tenantId,
      code: str(r.code, { ...at, path: "/code" }),
      parent: r.parent ? str(r.parent, { ...at, path: "/parent" }) : null,
      origin: { file: `(clone of ${r.tenantId}) relationship ${r.code}`, pointer: "" },
    });
  }

  if (options.admin) {
    const a = options.admin;
    bundle.users.push({
      tenantId: to,
      userName: a.userName,
      name: a.name ?? "Administrator",
      type: "EMPLOYEE",
      ...(a.mobileNumber ? { mobileNumber: a.mobileNumber } : {}),
      password: a.password,
      roles: (a.roles ?? ["SUPERUSER", "EMPLOYEE"]).map((code) => ({ code, name: code, tenantId: to })),
      origin: { file: "(--admin)", pointer: "" },
    });
  }
  return { bundle, rewrites, dropped, tenants: [...newTenants] };
}

/**
 * Reads the new tenant back and lists every string that still names the source tenant by the tenant-code rule
 * (equal to `from`, or starting with `from.`; also in upper case). Reads what the clone writes: a state root with its
 * cities, or one city (its tenant row at the state, its own records, workflows, messages and boundaries).
 */
export async function findTraces(gateway: DigitGateway, options: { from: string; to: string; locales?: string[] }): Promise<Trace[]> {
  const { from, to } = options;
  const root = !to.includes(".");
  const state = to.split(".")[0]!;
  const live = await readLiveBundle(gateway, { tenant: state, kinds: KINDS_COPIED, ...(options.locales ? { locales: options.locales } : {}) });
  const mine = (t: string): boolean => (root ? under(t, to) : t === to);
  const traces: Trace[] = [];
  const walk = (v: unknown, at: Omit<Trace, "path" | "value">, path = ""): void => {
    if (typeof v === "string") {
      if (namesTenant(v, from)) traces.push({ ...at, path, value: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, at, `${path}/${i}`));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, at, `${path}/${escape(k)}`);
  };
  for (const t of live.tenants) if (mine(t.code)) walk(t.record, { kind: "tenant", key: t.code, tenantId: state });
  for (const s of live.mdmsSchemas) if (root && mine(s.tenantId)) walk(s.definition, { kind: "schema", key: s.code, tenantId: s.tenantId }, "/definition");
  for (const r of live.mdmsData) if (mine(r.tenantId) && r.schemaCode !== TENANTS_SCHEMA) walk(r.data, { kind: kindOfSchema(r.schemaCode), key: label(r.origin), tenantId: r.tenantId }, "/data");
  for (const w of live.workflows) if (mine(w.tenantId)) walk(w.businessService, { kind: "workflow", key: String(w.businessService.businessService), tenantId: w.tenantId });
  if (root) for (const m of live.localization) walk({ code: m.code, message: m.message }, { kind: "localization", key: `${m.module}:${m.code}@${m.locale}`, tenantId: m.tenantId });
  for (const e of live.boundary.entities) if (mine(e.tenantId)) walk({ code: e.code, additionalDetails: e.additionalDetails ?? null }, { kind: "boundary", key: e.code, tenantId: e.tenantId });
  for (const r of live.boundary.relationships) if (mine(r.tenantId)) walk({ code: r.code, parent: r.parent }, { kind: "boundary-relationship", key: `${r.hierarchyType}:${r.code}`, tenantId: r.tenantId });
  return traces;
}
