/**
 * The MDMS checks of egov-hrms's EmployeeValidator (web/validator/EmployeeValidator.java:58-106,239-506): the
 * masters are read for the first employee's tenant as MDMSService.getMDMSData builds them, and every check is
 * skipped when MDMS has none of them (EmployeeValidator.java:65-67). A master that is missing while others exist
 * makes DIGIT crash (400 NullPointerException); jurisdictions need `egov-location.TenantBoundary` (400
 * PathNotFoundException without it). Those crashes are warnings here, refusals under --strict.
 */
import type { DigitErrorItem, MockContext, OperationRequest } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { javaException } from "../shared/tracer.js";
import { isRecord } from "../shared/values.js";
import * as E from "./errors.js";

/** Master name → active codes; `null` when the module came back without that master (DIGIT's map holds null). */
export type MasterData = Map<string, string[] | null>;

/** Codes of the active records of `schemaCode` (filter `[?(@.active == true)].code`). */
function activeCodes(ctx: MockContext, tenantId: string, schemaCode: string, filter: (d: Record<string, unknown>) => boolean): string[] | undefined {
  const records = ctx.mdms.records(tenantId, schemaCode);
  if (records.length === 0) return undefined;
  return records.map((r) => r.data).filter(filter).map((d) => String(d["code"]));
}

const MODULES: Record<string, string[]> = {
  "common-masters": ["Department", "Designation", "Year"],
  "egov-hrms": ["EmployeeStatus", "EmployeeType", "Degree", "ServiceStatus", "Specalization", "DeactivationReason", "EmploymentTest"],
};
const KEPT: Record<string, string[]> = {
  "common-masters": ["Department", "Designation"],
  "egov-hrms": ["EmployeeStatus", "EmployeeType", "Degree", "Specalization", "EmploymentTest", "DeactivationReason"],
};

/** MDMSService.getMDMSData: a module present in MDMS puts all its kept masters (null for those without records). */
export function readMasters(ctx: MockContext, tenantId: string): MasterData {
  const data: MasterData = new Map();
  for (const [module, masters] of Object.entries(MODULES)) {
    const found = new Map(masters.map((m) => [m, activeCodes(ctx, tenantId, `${module}.${m}`, (d) => d["active"] === true)]));
    if ([...found.values()].every((v) => v === undefined)) continue;
    for (const m of KEPT[module] ?? []) data.set(m, found.get(m) ?? null);
  }
  const roles = activeCodes(ctx, tenantId, "ACCESSCONTROL-ROLES.roles", (d) => d["code"] !== "CITIZEN");
  if (roles !== undefined) data.set("roles", roles);
  return data;
}

/** `egov-location.TenantBoundary` records of each jurisdiction's boundary (used as the MDMS tenant, as DIGIT does). */
export function readTenantBoundaries(ctx: MockContext, employee: Record<string, unknown>): Record<string, unknown>[] {
  const boundaries = [...new Set(listOf(employee["jurisdictions"]).map((j) => j["boundary"]).filter((b): b is string => typeof b === "string"))];
  return boundaries.flatMap((b) => ctx.mdms.records(b, "egov-location.TenantBoundary").map((r) => r.data));
}

export function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** Every value of `key` anywhere inside `value` (JsonPath's deep scan `..key`). */
function deep(value: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) deep(v, key, out);
  else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v);
      deep(v, key, out);
    }
  }
  return out;
}

/**
 * Collects DIGIT's MDMS-based errors of one employee into `errors` (one entry per code, like DIGIT's HashMap).
 * `now` is DIGIT's `new Date().getTime()`.
 */
export function checkAgainstMasters(
  req: OperationRequest,
  ctx: MockContext,
  employee: Record<string, unknown>,
  masters: MasterData,
  tenantBoundaries: Record<string, unknown>[],
  errors: Map<string, DigitErrorItem>,
): void {
  const add = (e: DigitErrorItem) => {
    if (!errors.has(e.code)) errors.set(e.code, e);
  };
  const now = ctx.now();
  const warned = new Set<string>();
  /** The master's codes, or undefined after warning (once) that DIGIT would crash on the missing master. */
  const master = (name: string): string[] | undefined => {
    const codes = masters.get(name);
    if (codes) return codes;
    if (warned.has(name)) return undefined;
    warned.add(name);
    strictOnly(
      req,
      ctx,
      javaException("NullPointerException", `MDMS has other HRMS masters but not ${name} for ${String(employee["tenantId"])}; DIGIT's HRMS cannot check the employee (add the master).`),
    );
    return undefined;
  };
  const user = isRecord(employee["user"]) ? employee["user"] : {};
  const dob = num(user["dob"]);
  const appointed = num(employee["dateOfAppointment"]);

  // validateEmployee (EmployeeValidator.java:310-336)
  if (typeof user["mobileNumber"] === "string" && user["mobileNumber"].length !== 10) add(E.INVALID_MOB_NO);
  const roles = listOf(user["roles"]);
  if (roles.length === 0) add(E.MISSING_ROLES);
  else {
    const known = master("roles");
    if (known && roles.some((r) => !known.includes(String(r["code"])))) add(E.INVALID_ROLE);
  }
  const types = master("EmployeeType");
  if (types && !types.includes(String(employee["employeeType"]))) add(E.INVALID_EMP_TYPE);
  if (appointed !== undefined && appointed > now) add(E.INVALID_DATE_OF_APPOINTMENT);
  if (dob !== undefined) {
    if (dob >= now) add(E.INVALID_DOB);
    if (appointed !== undefined && appointed < dob) add(E.INVALID_DATE_OF_APPOINTMENT_DOB);
  }

  // validateAssignments (EmployeeValidator.java:349-390)
  const assignments = listOf(employee["assignments"]);
  const current = assignments.filter((a) => a["isCurrentAssignment"] === true);
  if (current.length !== 1) add(E.INVALID_CURRENT_ASSGN);
  const sorted = [...assignments].sort((a, b) => (num(a["fromDate"]) ?? 0) - (num(b["fromDate"]) ?? 0));
  for (let i = 0; i < sorted.length - 1; i++) {
    const to = num(sorted[i]?.["toDate"]);
    if (to !== undefined && to > (num(sorted[i + 1]?.["fromDate"]) ?? 0)) add(E.OVERLAPPING_ASSGN);
  }
  const departments = assignments.length > 0 ? master("Department") : undefined;
  const designations = assignments.length > 0 ? master("Designation") : undefined;
  for (const a of assignments) {
    const from = num(a["fromDate"]) ?? 0;
    const to = num(a["toDate"]);
    const isCurrent = a["isCurrentAssignment"] === true;
    if (!isCurrent && current.length > 0 && to !== undefined && (num(current[0]?.["fromDate"]) ?? 0) < to) add(E.OVERLAPPING_ASSGN_CURRENT);
    if (departments && !departments.includes(String(a["department"]))) add(E.INVALID_DEPT);
    if (designations && !designations.includes(String(a["designation"]))) add(E.INVALID_DESG);
    if (isCurrent && to !== undefined) add(E.INVALID_ASSIGNMENT_CURRENT_TO_DATE);
    if (!isCurrent && to === undefined) add(E.INVALID_ASSIGNMENT_NON_CURRENT_TO_DATE);
    if (to !== undefined && from > to) add(E.INVALID_ASSIGNMENT_PERIOD);
    if (dob !== undefined && (from < dob || (to !== undefined && to < dob))) add(E.INVALID_ASSIGNMENT_DATES);
    if (appointed !== undefined && from < appointed) add(E.INVALID_ASSIGNMENT_DATES_APPOINTMENT);
  }

  // validateServiceHistory (EmployeeValidator.java:404-427)
  const history = listOf(employee["serviceHistory"]);
  const currentService = history.filter((h) => h["isCurrentPosition"] === true);
  if (currentService.length > 1) add(E.INVALID_CURRENT_SERVICE);
  for (const h of history) {
    const isCurrent = h["isCurrentPosition"] === true;
    const from = num(h["serviceFrom"]);
    const to = num(h["serviceTo"]);
    const currentFrom = num(currentService[0]?.["serviceFrom"]);
    if (!isCurrent && currentFrom !== undefined && to !== undefined && currentFrom < to) add(E.OVERLAPPING_SERVICEHISTORY_CURRENT);
    if (isCurrent && to !== undefined) add(E.INVALID_SERVICE_CURRENT_TO_DATE);
    if (!isCurrent && to === undefined) add(E.INVALID_SERVICE_NON_CURRENT_TO_DATE);
    if (typeof h["serviceStatus"] === "string" && h["serviceStatus"] !== "") {
      const statuses = master("EmployeeStatus");
      if (statuses && !statuses.includes(h["serviceStatus"])) add(E.INVALID_SERVICE_STATUS);
    }
    if ((from !== undefined && from > now) || (to !== undefined && to > now) || (from !== undefined && to !== undefined && from > to)) add(E.INVALID_SERVICE_PERIOD);
    if (dob !== undefined && ((from !== undefined && from < dob) || (to !== undefined && to < dob))) add(E.INVALID_SERVICE_DATES);
  }

  // validateJurisdicton (EmployeeValidator.java:463-483)
  const jurisdictions = listOf(employee["jurisdictions"]);
  if (!jurisdictions.some((j) => j["isActive"] === undefined || j["isActive"] === null || j["isActive"] === true)) add(E.INVALID_JURISDICTION_ACTIIEV_NULL);
  if (jurisdictions.length > 0 && tenantBoundaries.length === 0) {
    strictOnly(
      req,
      ctx,
      javaException(
        "PathNotFoundException",
        "Missing property in path $['TenantBoundary'] (DIGIT's HRMS checks jurisdictions against MDMS egov-location.TenantBoundary at the jurisdiction's boundary, which has none)",
      ),
    );
  } else {
    for (const j of jurisdictions) {
      const ofBoundary = tenantBoundaries.filter((tb) => isRecord(tb["boundary"]) && tb["boundary"]["code"] === j["boundary"]);
      const hierarchies = ofBoundary.map((tb) => (isRecord(tb["hierarchyType"]) ? tb["hierarchyType"]["code"] : undefined));
      const ofHierarchy = ofBoundary.filter((tb) => isRecord(tb["hierarchyType"]) && tb["hierarchyType"]["name"] === j["hierarchy"]);
      if (!hierarchies.includes(j["hierarchy"])) add(E.INVALID_JURISDICTION_HEIRARCHY);
      if (!deep(ofHierarchy, "label").includes(j["boundaryType"])) add(E.INVALID_JURISDICTION_BOUNDARY_TYPE);
      if (!deep(ofHierarchy, "code").includes(j["boundary"])) add(E.INVALID_JURISDICTION_BOUNDARY);
    }
  }

  // validateEducationalDetails / validateDepartmentalTest (EmployeeValidator.java:439-506)
  for (const ed of listOf(employee["education"])) {
    if (ed["qualification"] !== undefined && ed["qualification"] !== null) {
      const degrees = master("Degree");
      if (degrees && !degrees.includes(String(ed["qualification"]))) add(E.INVALID_QUALIFICATION);
    }
    if (ed["stream"] !== undefined && ed["stream"] !== null) {
      const streams = master("Specalization");
      if (streams && !streams.includes(String(ed["stream"]))) add(E.INVALID_EDUCATIONAL_STREAM);
    }
    if ((num(ed["yearOfPassing"]) ?? 0) > now) add(E.INVALID_EDUCATIONAL_PASSING_YEAR);
  }
  for (const t of listOf(employee["tests"])) {
    if (t["test"] !== undefined && t["test"] !== null) {
      const tests = master("EmploymentTest");
      if (tests && !tests.includes(String(t["test"]))) add(E.INVALID_DEPARTMENTAL_TEST);
    }
    if ((num(t["yearOfPassing"]) ?? 0) > now) add(E.INVALID_DEPARTMENTAL_TEST_PASSING_YEAR);
  }
}
