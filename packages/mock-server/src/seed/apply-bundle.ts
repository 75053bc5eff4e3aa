/**
 * Seeding: apply a `Bundle` through the service modules' own handlers (as a system caller, so the same
 * validation rules apply), in the bundle's apply order (`applyOrder`, the one the CLI's apply follows).
 */
import { applyOrder, type ApplyStep, type Bundle, type MdmsSchemaSpec, type Origin } from "@digit-kit/bundle";
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
  const knownSchemas = new Map<string, MdmsSchemaSpec["definition"]>();
  for (const tenantSchemas of Object.values(mdmsSlice()?.schemas ?? {})) {
    for (const sch of Object.values(tenantSchemas)) knownSchemas.set(sch.code, sch.definition);
  }
  for (const step of applyOrder(bundle, { knownSchemas })) seedStep(step, bundle, call, mdmsSlice, report);
  return report;
}

type Call = (op: string, body: Record<string, unknown>, origin: Origin, params?: Record<string, string>) => void;

function seedStep(step: ApplyStep, bundle: Bundle, call: Call, mdmsSlice: () => MdmsSlice | undefined, report: SeedReport): void {
  switch (step.kind) {
    case "schema":
      for (const s of step.items) {
        if (mdmsSlice()?.schemas[s.tenantId]?.[s.code]) {
          report.skipped++;
          continue;
        }
        call("mdms.createSchema", { SchemaDefinition: { tenantId: s.tenantId, code: s.code, description: s.description ?? s.code, definition: s.definition, isActive: s.isActive } }, s.origin);
      }
      return;
    case "tenant":
      for (const t of step.items) call("mdms.create", { Mdms: { tenantId: bundle.stateTenant, schemaCode: TENANT_SCHEMA, data: t.record, isActive: true } }, t.origin, { schemaCode: TENANT_SCHEMA });
      return;
    case "mdms":
    case "role":
    case "action":
    case "role-action":
      for (const r of step.items) call("mdms.create", { Mdms: { tenantId: r.tenantId, schemaCode: r.schemaCode, data: r.data, isActive: r.isActive } }, r.origin, { schemaCode: r.schemaCode });
      return;
    case "user":
      for (const u of step.items) {
        const roles = u.roles.map((r) => ({ code: r.code, name: r.name ?? r.code, tenantId: r.tenantId }));
        const user = { userName: u.userName, name: u.name, type: u.type, tenantId: u.tenantId, mobileNumber: u.mobileNumber ?? null, emailId: u.emailId ?? null, ...(u.password ? { password: u.password } : {}), roles, active: true };
        call("user.createNoValidate", { user }, u.origin);
      }
      return;
    case "workflow":
      for (const w of step.items) call("workflow.createBusinessService", { BusinessServices: [{ ...w.businessService, tenantId: w.tenantId }] }, w.origin);
      return;
    case "localization": {
      const groups = new Map<string, typeof step.items>();
      for (const m of step.items) {
        const key = `${m.tenantId}\u0000${m.locale}\u0000${m.module}`;
        groups.set(key, [...(groups.get(key) ?? []), m]);
      }
      for (const g of groups.values()) {
        const first = g[0]!;
        call("localization.upsert", { tenantId: first.tenantId, messages: g.map((m) => ({ code: m.code, message: m.message, module: m.module, locale: m.locale })) }, first.origin);
      }
      return;
    }
    case "boundary-hierarchy":
      for (const h of step.items) call("boundary.createHierarchy", { BoundaryHierarchy: { tenantId: h.tenantId, hierarchyType: h.hierarchyType, boundaryHierarchy: h.boundaryHierarchy } }, h.origin);
      return;
    case "boundary":
      for (const e of step.items) call("boundary.create", { Boundary: [{ tenantId: e.tenantId, code: e.code, geometry: e.geometry ?? null, additionalDetails: e.additionalDetails ?? null }] }, e.origin);
      return;
    case "boundary-relationship":
      for (const r of step.items) {
        call("boundary.createRelationship", { BoundaryRelationship: { tenantId: r.tenantId, code: r.code, hierarchyType: r.hierarchyType, boundaryType: r.boundaryType, parent: r.parent } }, r.origin);
      }
      return;
    case "employee":
      for (const e of step.items) call("hrms.create", { Employees: [{ ...e.employee, tenantId: e.tenantId }] }, e.origin);
      return;
  }
}
