import type { IssueSink } from "../errors.js";
import type { Bundle } from "../model.js";
import { joinPointer } from "../pointer.js";
import { validateBoundaries } from "./boundary.js";
import { validateEmployees } from "./employees.js";
import { validateMdms } from "./mdms.js";
import { validateWorkflow } from "./workflow.js";

const ROLES_SCHEMA = "ACCESSCONTROL-ROLES.roles";

/** Runs every content check on a loaded bundle, recording issues in `sink`. Drops ignorable duplicates. */
export function validateBundle(bundle: Bundle, sink: IssueSink): void {
  const lenient = bundle.layout === "default-data-handler";
  const tenantSeen = new Set<string>();
  for (const t of bundle.tenants) {
    if (tenantSeen.has(t.code)) sink.error(t.origin.file, t.origin.pointer, `duplicate tenant "${t.code}"`);
    tenantSeen.add(t.code);
  }

  const unresolved = validateMdms(bundle, sink, { lenientDuplicates: lenient });
  const byTarget = new Map<string, number>();
  for (const u of unresolved) byTarget.set(u.refSchemaCode, (byTarget.get(u.refSchemaCode) ?? 0) + 1);
  for (const [code, n] of byTarget) {
    const first = unresolved.find((u) => u.refSchemaCode === code)!;
    sink.warn(first.origin.file, first.origin.pointer, `${n} reference(s) to ${code} are not in the bundle (e.g. "${first.value}"); plan checks them on the server`);
  }

  const roleRecords = bundle.mdmsData.filter((r) => r.schemaCode === ROLES_SCHEMA);
  const knownRoles = roleRecords.length > 0 ? new Set(roleRecords.map((r) => String(r.data.code))) : undefined;
  const wfSeen = new Map<string, string>();
  for (const w of bundle.workflows) {
    const key = `${w.tenantId}|${w.businessService.businessService}`;
    if (wfSeen.has(key)) {
      sink.error(w.origin.file, w.origin.pointer, `duplicate business service "${w.businessService.businessService}" for ${w.tenantId} (also in ${wfSeen.get(key)})`);
    }
    wfSeen.set(key, w.origin.file);
    for (const i of validateWorkflow(w.businessService, knownRoles ? { knownRoles } : {})) {
      sink.add({ file: w.origin.file, pointer: w.origin.pointer + i.pointer, message: i.message, ...(i.hint ? { hint: i.hint } : {}), severity: i.severity });
    }
  }

  const locSeen = new Map<string, string>();
  const keptLoc: Bundle["localization"] = [];
  for (const m of bundle.localization) {
    if (m.tenantId !== bundle.stateTenant && !m.tenantId.startsWith(`${bundle.stateTenant}.`)) {
      sink.error(m.origin.file, m.origin.pointer, `message "${m.code}" is for tenant "${m.tenantId}", which is neither the state tenant "${bundle.stateTenant}" nor one of its cities`, `Move it under localization/<locale>/ (the state's) or localization/${bundle.stateTenant}.<city>/<locale>/.`);
      continue;
    }
    const key = `${m.tenantId}|${m.locale}|${m.module}|${m.code}`;
    const prev = locSeen.get(key);
    if (prev !== undefined) {
      if (prev !== m.message) sink.error(m.origin.file, m.origin.pointer, `message "${m.code}" (${m.module}, ${m.locale}) is defined twice with different text`);
      else sink.warn(m.origin.file, m.origin.pointer, `message "${m.code}" repeated; ignored`);
      continue;
    }
    locSeen.set(key, m.message);
    keptLoc.push(m);
  }
  bundle.localization = keptLoc;

  validateBoundaries(bundle, sink);

  const userSeen = new Set<string>();
  for (const u of bundle.users) {
    const key = `${u.tenantId}|${u.userName}`;
    if (userSeen.has(key)) sink.error(u.origin.file, joinPointer(u.origin.pointer, "userName"), `duplicate user "${u.userName}"`);
    userSeen.add(key);
  }
  const empSeen = new Set<string>();
  for (const e of bundle.employees) {
    const key = `${e.tenantId}|${e.code}`;
    if (empSeen.has(key)) sink.error(e.origin.file, joinPointer(e.origin.pointer, "code"), `duplicate employee "${e.code}"`);
    empSeen.add(key);
  }
  validateEmployees(bundle.employees, sink);
}
