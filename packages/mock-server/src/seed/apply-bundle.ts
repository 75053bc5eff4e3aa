/**
 * Seeding: apply a `Bundle` through the service modules' own handlers (as a system caller, so the same
 * validation rules apply), in the CLI's dependency order: schemas, tenants, masters, workflows,
 * localization, boundaries, users, employees.
 */
import type { Bundle, Origin } from "@digit-kit/bundle";
import type { MockEngine } from "../core/dispatch.js";
import { TENANT_SCHEMA } from "../core/tenants.js";
import type { Caller, MdmsSlice, OperationResult, StoredUser } from "../core/types.js";

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedError";
  }
}

export interface SeedReport {
  applied: number;
  skipped: number;
}

const SYSTEM_UUID = "00000000-0000-4000-8000-000000000000";

/** The caller seeding runs as: a SYSTEM user with SUPERUSER at the given state tenants. */
export function systemCaller(states: string[]): Caller {
  const user: StoredUser = {
    id: 0,
    uuid: SYSTEM_UUID,
    userName: "digit-mock-seed",
    password: "",
    name: "DIGIT mock seeding",
    type: "SYSTEM",
    tenantId: states[0] ?? "pg",
    active: true,
    roles: states.map((s) => ({ code: "SUPERUSER", name: "Super User", tenantId: s })),
    auditDetails: { createdBy: SYSTEM_UUID, createdTime: 0, lastModifiedBy: SYSTEM_UUID, lastModifiedTime: 0 },
  };
  return { user, token: "" };
}

const requestInfo = { apiId: "digit-mock-seed", ver: "1.0", msgId: "seed|en_IN" };

function errorsOf(result: OperationResult): { code: string; message: string }[] {
  const b = result.body as { Errors?: { code: string; message: string }[]; error?: string; error_description?: string } | undefined;
  if (b?.Errors) return b.Errors;
  return [{ code: b?.error ?? String(result.status), message: b?.error_description ?? "failed" }];
}

const isDuplicate = (result: OperationResult) =>
  errorsOf(result).some((e) => /DUPLICATE|ALREADY_EXISTS|already exists|DuplicateUserName/i.test(`${e.code} ${e.message}`));

export function applyBundle(engine: MockEngine, bundle: Bundle, extraStates: string[] = []): SeedReport {
  const states = [...new Set([bundle.stateTenant, ...bundle.tenants.filter((t) => t.kind === "state").map((t) => t.code), ...extraStates])];
  const caller = systemCaller(states);
  const report: SeedReport = { applied: 0, skipped: 0 };
  const call = (op: string, body: Record<string, unknown>, origin: Origin, params?: Record<string, string>) => {
    if (!engine.isStateful(op)) {
      throw new SeedError(`Cannot seed ${origin.file}${origin.pointer}: the mock has no stateful ${op} handler yet.`);
    }
    // Not journaled: a failed seed aborts the start, so there is nothing to roll back to.
    const result = engine.invoke(op, { RequestInfo: requestInfo, ...body }, { caller, transactional: false, ...(params ? { params } : {}) });
    if (result.status < 400) {
      report.applied++;
      return;
    }
    if (isDuplicate(result)) {
      report.skipped++;
      return;
    }
    const errs = errorsOf(result)
      .map((e) => `${e.code}: ${e.message}`)
      .join("; ");
    throw new SeedError(`Seeding ${origin.file}${origin.pointer} failed (${op}, HTTP ${result.status}): ${errs}`);
  };
  const mdmsSlice = () => (engine.state.keys().includes("mdms") ? engine.state.raw<MdmsSlice>("mdms") : undefined);

  for (const s of bundle.mdmsSchemas) {
    if (mdmsSlice()?.schemas[s.tenantId]?.[s.code]) {
      report.skipped++;
      continue;
    }
    call("mdms.createSchema", { SchemaDefinition: { tenantId: s.tenantId, code: s.code, description: s.description ?? s.code, definition: s.definition, isActive: s.isActive } }, s.origin);
  }
  for (const t of bundle.tenants) {
    call("mdms.create", { Mdms: { tenantId: bundle.stateTenant, schemaCode: TENANT_SCHEMA, data: t.record, isActive: true } }, t.origin, { schemaCode: TENANT_SCHEMA });
  }
  for (const r of referencedFirst(bundle, mdmsSlice())) {
    call("mdms.create", { Mdms: { tenantId: r.tenantId, schemaCode: r.schemaCode, data: r.data, isActive: r.isActive } }, r.origin, { schemaCode: r.schemaCode });
  }
  for (const w of bundle.workflows) {
    call("workflow.createBusinessService", { BusinessServices: [{ ...w.businessService, tenantId: w.tenantId }] }, w.origin);
  }
  const groups = new Map<string, typeof bundle.localization>();
  for (const m of bundle.localization) {
    const key = `${m.tenantId}\u0000${m.locale}\u0000${m.module}`;
    const g = groups.get(key) ?? [];
    g.push(m);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const first = g[0]!;
    call(
      "localization.upsert",
      { tenantId: first.tenantId, messages: g.map((m) => ({ code: m.code, message: m.message, module: m.module, locale: m.locale })) },
      first.origin,
    );
  }
  for (const h of bundle.boundary.hierarchies) {
    call("boundary.createHierarchy", { BoundaryHierarchy: { tenantId: h.tenantId, hierarchyType: h.hierarchyType, boundaryHierarchy: h.boundaryHierarchy } }, h.origin);
  }
  for (const e of bundle.boundary.entities) {
    call("boundary.create", { Boundary: [{ tenantId: e.tenantId, code: e.code, geometry: e.geometry ?? null, additionalDetails: e.additionalDetails ?? null }] }, e.origin);
  }
  for (const r of parentsFirst(bundle.boundary.relationships)) {
    call("boundary.createRelationship", { BoundaryRelationship: { tenantId: r.tenantId, code: r.code, hierarchyType: r.hierarchyType, boundaryType: r.boundaryType, parent: r.parent } }, r.origin);
  }
  for (const u of bundle.users) {
    call(
      "user.createNoValidate",
      {
        user: {
          userName: u.userName,
          name: u.name,
          type: u.type,
          tenantId: u.tenantId,
          mobileNumber: u.mobileNumber ?? null,
          emailId: u.emailId ?? null,
          ...(u.password ? { password: u.password } : {}),
          roles: u.roles.map((r) => ({ code: r.code, name: r.name ?? r.code, tenantId: r.tenantId })),
          active: true,
        },
      },
      u.origin,
    );
  }
  for (const e of bundle.employees) {
    call("hrms.create", { Employees: [{ ...e.employee, tenantId: e.tenantId }] }, e.origin);
  }
  return report;
}

/** Boundary relationships ordered so every parent is created before its children. */
function parentsFirst<T extends { code: string; parent: string | null; hierarchyType: string; tenantId: string }>(rels: T[]): T[] {
  const key = (r: { tenantId: string; hierarchyType: string }, code: string) => `${r.tenantId}|${r.hierarchyType}|${code}`;
  const byKey = new Map(rels.map((r) => [key(r, r.code), r]));
  const out: T[] = [];
  const done = new Set<string>();
  const visit = (r: T, depth: number) => {
    const k = key(r, r.code);
    if (done.has(k) || depth > 1000) return;
    const parent = r.parent ? byKey.get(key(r, r.parent)) : undefined;
    if (parent) visit(parent, depth + 1);
    if (!done.has(k)) {
      done.add(k);
      out.push(r);
    }
  };
  for (const r of rels) visit(r, 0);
  return out;
}

/** `x-ref-schema` targets of a schema definition. */
function refTargets(definition: Record<string, unknown> | undefined): string[] {
  const refs = definition?.["x-ref-schema"];
  if (!Array.isArray(refs)) return [];
  return refs.map((r) => (r && typeof r === "object" ? (r as { schemaCode?: unknown }).schemaCode : undefined)).filter((c): c is string => typeof c === "string");
}

/**
 * Master records ordered so that records a schema references (`x-ref-schema`) are created first, as the CLI
 * does; records keep their bundle order within a schema, and reference cycles keep the bundle order.
 */
function referencedFirst(bundle: Bundle, slice: MdmsSlice | undefined): Bundle["mdmsData"] {
  const deps = new Map<string, string[]>();
  for (const tenantSchemas of Object.values(slice?.schemas ?? {})) {
    for (const sch of Object.values(tenantSchemas)) deps.set(sch.code, refTargets(sch.definition));
  }
  for (const sch of bundle.mdmsSchemas) deps.set(sch.code, refTargets(sch.definition));
  const codes = [...new Set(bundle.mdmsData.map((r) => r.schemaCode))];
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (code: string) => {
    if (state.get(code)) return;
    state.set(code, "visiting");
    for (const dep of deps.get(code) ?? []) if (codes.includes(dep)) visit(dep);
    state.set(code, "done");
    order.push(code);
  };
  for (const c of codes) visit(c);
  const rank = new Map(order.map((c, i) => [c, i]));
  return bundle.mdmsData
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank.get(a.r.schemaCode)! - rank.get(b.r.schemaCode)! || a.i - b.i)
    .map((x) => x.r);
}
