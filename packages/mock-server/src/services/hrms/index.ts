/**
 * egov-hrms employees, as egov-hrms/src/main/java/org/egov/hrms/{web/validator/EmployeeValidator.java,
 * service/EmployeeService.java, repository/EmployeeQueryBuilder.java}. Creating an employee creates its EMPLOYEE
 * user through the user directory (userName = code); the employee's `id`/`uuid` are its user's.
 */
import type { AuditDetails, DigitErrorItem, MockContext, OperationHandler, OperationRequest, RoleRef, ServiceModule, StoredUser } from "../../core/types.js";
import { UserDirectoryError } from "../user/directory.js";
import { strictOnly } from "../../core/warnings.js";
import { child, own, put } from "../shared/keyed.js";
import { handle, ok, rejectAll } from "../shared/respond.js";
import { javaException, missingRequestParam, refuse } from "../shared/tracer.js";
import { publicUser } from "../shared/users.js";
import { isRecord, list, str } from "../shared/values.js";
import { employeeBeanErrors } from "./bean.js";
import * as E from "./errors.js";
import { checkAgainstMasters, listOf, readMasters, readTenantBoundaries } from "./masters.js";

/**
 * The password the mock gives a new employee's user when the request has none. DIGIT generates a random one
 * and sends it by SMS only (EmployeeService.java:242-252), so a client cannot know it; the mock needs a known
 * one to let the employee log in. A `user.password` in the request is used instead (mock only: DIGIT ignores it).
 */
export const DEFAULT_EMPLOYEE_PASSWORD = "eGov@123";

/** idgen name and format HRMS asks for a missing code (egov-hrms application.properties:58-59). */
const CODE_ID_NAME = "hrms.employeecode";
const CODE_FORMAT = "EMP-[city]-[SEQ_EG_HRMS_EMP_CODE]";

/** egov-hrms's own audit block: createdDate/lastModifiedDate (model/AuditDetails.java). */
export interface HrmsAudit {
  createdBy: string | null;
  createdDate: number | null;
  lastModifiedBy?: string | null;
  lastModifiedDate?: number | null;
}

export interface StoredEmployee {
  /** The employee's user id (DIGIT uses the same id and uuid for both). */
  id: number;
  uuid: string;
  code: string;
  tenantId: string;
  isActive: boolean;
  /** Every other Employee field as stored (assignments, jurisdictions, ... with their ids), without `user`. */
  fields: Record<string, unknown>;
  auditDetails: HrmsAudit | AuditDetails;
  /** Epoch ms from which searches and counts see the employee (write lag). */
  visibleFrom: number;
}

export interface HrmsSlice {
  /** Employees by tenantId, then code. */
  employees: Record<string, Record<string, StoredEmployee>>;
  /** Unused since codes come from idgen; kept so older saved states load. */
  sequences?: Record<string, number>;
  /** Last assignment position handed out (DIGIT's EG_HRMS_POSITION sequence). */
  position?: number;
  nextId?: number;
}

const OWN_FIELDS = new Set(["id", "uuid", "code", "tenantId", "isActive", "user", "auditDetails"]);
/** Child lists that carry ids DIGIT requires back on update, with the consistency error of each. */
const CHILD_LISTS: [string, DigitErrorItem, boolean][] = [
  ["assignments", E.UPDATE_ASSIGNEMENT_INCOSISTENT, true],
  ["jurisdictions", E.UPDATE_JURISDICTION_INCOSISTENT, true],
  ["tests", E.UPDATE_TESTS_INCOSISTENT, false],
  ["education", E.UPDATE_EDUCATION_INCOSISTENT, false],
  ["serviceHistory", E.UPDATE_SERVICE_HISTORY_INCOSISTENT, false],
  ["documents", E.UPDATE_DOCUMENT_INCOSISTENT, false],
  ["deactivationDetails", E.UPDATE_DEACT_DETAILS_INCOSISTENT, false],
];
const LISTS = ["assignments", "jurisdictions", "serviceHistory", "education", "tests", "documents", "deactivationDetails", "reactivationDetails"];

function allEmployees(slice: HrmsSlice): StoredEmployee[] {
  return Object.values(slice.employees).flatMap((byCode) => Object.values(byCode));
}

function roleRefs(input: unknown, tenantId: string): RoleRef[] {
  return listOf(input).map((r) => ({ code: str(r["code"]) ?? "", name: str(r["name"]) ?? "", tenantId: str(r["tenantId"]) ?? tenantId }));
}

const USER_FIELDS = new Set(["name", "mobileNumber", "emailId", "gender", "type", "tenantId", "roles", "password", "userName", "uuid", "id", "active"]);
function userExtra(user: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([k]) => !USER_FIELDS.has(k)));
}

/** The employee as a search answers it: inactive jurisdictions left out, the user from egov-user. */
function toWire(ctx: MockContext, e: StoredEmployee): Record<string, unknown> {
  const user = ctx.users.byUuid(e.uuid);
  const fields = structuredClone(e.fields);
  for (const key of LISTS) if (!Array.isArray(fields[key])) fields[key] = [];
  fields["jurisdictions"] = listOf(fields["jurisdictions"]).filter((j) => j["isActive"] !== false);
  return {
    ...fields,
    id: e.id,
    uuid: e.uuid,
    code: e.code,
    tenantId: e.tenantId,
    isActive: e.isActive,
    auditDetails: structuredClone(e.auditDetails),
    user: user === undefined ? null : publicUser(user),
  };
}

function employeesOf(req: OperationRequest): Record<string, unknown>[] {
  const items = req.body["Employees"];
  if (!Array.isArray(items) || items.length === 0) refuse({ code: "NotEmpty.employeeRequest.employees", message: "must not be empty", description: "must not be empty", params: null });
  rejectAll(employeeBeanErrors(items as unknown[]));
  return items as Record<string, unknown>[];
}

const userOf = (e: Record<string, unknown>): Record<string, unknown> => (isRecord(e["user"]) ? e["user"] : {});

/** EMPLOYEE users of egov-user matching a search by tenantId + one field (UserService.getUser adds userType EMPLOYEE). */
function employeeUsers(ctx: MockContext, tenantId: string | undefined, match: (u: StoredUser) => boolean): StoredUser[] {
  return ctx.users.all().filter((u) => u.type === "EMPLOYEE" && (tenantId === undefined || u.tenantId === tenantId) && match(u));
}

/** EmployeeValidator.validateExistingDuplicates (:155-230), collected. */
function duplicateErrors(ctx: MockContext, items: Record<string, unknown>[], errors: Map<string, DigitErrorItem>): void {
  const add = (e: DigitErrorItem) => errors.has(e.code) || errors.set(e.code, e);
  const mobiles = new Set<unknown>();
  const codes = new Set<unknown>();
  for (const e of items) {
    const mobile = userOf(e)["mobileNumber"];
    if (mobiles.has(mobile)) add(E.BULK_CREATE_DUPLICATE_MOBILE);
    else mobiles.add(mobile);
    if (e["code"] !== undefined && e["code"] !== null) {
      if (codes.has(e["code"])) add(E.BULK_CREATE_DUPLICATE_EMPCODE);
      else codes.add(e["code"]);
    }
  }
  for (const e of items) {
    const tenantId = str(e["tenantId"]);
    if (employeeUsers(ctx, tenantId, (u) => u.mobileNumber === userOf(e)["mobileNumber"]).length > 0) add(E.USER_EXIST_MOB);
  }
  for (const e of items) {
    const code = str(e["code"]);
    if (code !== undefined && employeeUsers(ctx, str(e["tenantId"]), (u) => u.userName === code).length > 0) add(E.USER_EXIST_USERNAME);
  }
}

/** The MDMS checks of the request's employees (masters of the first employee's tenant, as DIGIT reads them). */
function masterErrors(req: OperationRequest, ctx: MockContext, items: Record<string, unknown>[], errors: Map<string, DigitErrorItem>, always: boolean): void {
  const first = items[0] as Record<string, unknown>;
  const masters = readMasters(ctx, String(first["tenantId"]));
  if (!always && masters.size === 0) return;
  const boundaries = readTenantBoundaries(ctx, first);
  for (const e of items) checkAgainstMasters(req, ctx, e, masters, boundaries, errors);
}

function auditOf(by: string, now: number): HrmsAudit {
  return { createdBy: by, createdDate: now, lastModifiedBy: null, lastModifiedDate: null };
}

/** Codes for the employees that have none, from idgen (`hrms.employeecode`), as IdGenService.setIds. */
function generateCodes(req: OperationRequest, ctx: MockContext, items: Record<string, unknown>[]): void {
  const missing = items.filter((e) => str(e["code"]) === undefined);
  if (missing.length === 0) return;
  const tenantId = String((items[0] as Record<string, unknown>)["tenantId"]);
  const res = ctx.call(
    "idgen.generate",
    { RequestInfo: req.body["RequestInfo"] ?? {}, idRequests: missing.map(() => ({ idName: CODE_ID_NAME, format: CODE_FORMAT, tenantId })) },
    { caller: req.caller },
  );
  const ids = res.status < 300 && isRecord(res.body) ? listOf(res.body["idResponses"]).map((r) => str(r["id"])) : [];
  if (ids.length !== missing.length || ids.some((id) => id === undefined)) refuse(E.GENERATE_ID_ERROR);
  missing.forEach((e, i) => (e["code"] = ids[i]));
}

const create: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = structuredClone(employeesOf(req));
    const errors = new Map<string, DigitErrorItem>();
    duplicateErrors(ctx, items, errors);
    rejectAll([...errors.values()]);
    masterErrors(req, ctx, items, errors, false);
    rejectAll([...errors.values()]);
    // A user of another type with the code as userName makes egov-user refuse the create (checked before any write).
    for (const e of items) {
      const code = str(e["code"]);
      if (code !== undefined && ctx.users.byUserName(code, str(userOf(e)["tenantId"]) ?? String(e["tenantId"])) !== undefined) refuse(E.USER_CREATION_FAILED);
    }
    if (items.some((e) => str(userOf(e)["password"]) !== undefined)) {
      req.warnings.push("hrms: DIGIT ignores user.password and sends a generated password by SMS; the mock uses the password sent.");
    }
    generateCodes(req, ctx, items);
    const now = ctx.now();
    const by = req.caller?.user.uuid ?? "anonymous";
    const audit = auditOf(by, now);
    const created = items.map((item) => {
      const tenantId = String(item["tenantId"]);
      const code = String(item["code"]);
      const user = userOf(item);
      for (const j of listOf(item["jurisdictions"])) Object.assign(j, { id: ctx.uuid(), auditDetails: { ...audit }, isActive: j["isActive"] ?? true });
      for (const a of listOf(item["assignments"])) {
        slice.position = (slice.position ?? 0) + 1;
        Object.assign(a, { id: ctx.uuid(), auditDetails: { ...audit }, position: slice.position });
      }
      for (const h of listOf(item["serviceHistory"])) Object.assign(h, { id: ctx.uuid(), auditDetails: { ...audit }, isCurrentPosition: h["isCurrentPosition"] ?? false });
      for (const key of ["education", "tests"]) for (const x of listOf(item[key])) Object.assign(x, { id: ctx.uuid(), auditDetails: { ...audit }, isActive: x["isActive"] ?? true });
      for (const d of listOf(item["documents"])) Object.assign(d, { id: ctx.uuid(), auditDetails: { ...audit } });
      let stored: StoredUser;
      try {
        stored = ctx.users.create(
          {
            userName: code,
            password: str(user["password"]) ?? DEFAULT_EMPLOYEE_PASSWORD,
            name: String(user["name"]),
            type: "EMPLOYEE",
            tenantId: str(user["tenantId"]) ?? tenantId,
            mobileNumber: str(user["mobileNumber"]) ?? null,
            emailId: str(user["emailId"]) ?? null,
            gender: str(user["gender"]) ?? null,
            roles: roleRefs(user["roles"], tenantId),
            extra: userExtra(user),
          },
          by,
        );
      } catch (error) {
        // Not a MockHttpError: it reaches the core, which rolls back the users already created.
        if (error instanceof UserDirectoryError) throw Object.assign(new Error(E.USER_CREATION_FAILED.message), { status: 400, errors: [E.USER_CREATION_FAILED] });
        throw error;
      }
      const fields = structuredClone(Object.fromEntries(Object.entries(item).filter(([k]) => !OWN_FIELDS.has(k))));
      const employee: StoredEmployee = {
        id: stored.id,
        uuid: stored.uuid,
        code,
        tenantId,
        isActive: true,
        fields,
        auditDetails: { ...audit },
        visibleFrom: now + ctx.options.writeLagMs,
      };
      put(child(slice.employees, tenantId), code, employee);
      // The answer is the request enriched (EmployeeService.java:112-130): the user as sent, password null.
      return {
        ...item,
        id: stored.id,
        uuid: stored.uuid,
        isActive: true,
        auditDetails: { ...audit },
        user: { ...user, id: stored.id, uuid: stored.uuid, userName: code, active: true, type: "EMPLOYEE", password: null },
      };
    });
    return ok(req, now, req.route.successStatus, { Employees: created });
  });

const idsOf = (value: unknown): unknown[] => listOf(value).map((x) => x["id"]);

/** EmployeeValidator.validateDataConsistency (:257-270) against the employee as a search returns it. */
function consistencyErrors(req: OperationRequest, ctx: MockContext, e: Record<string, unknown>, existing: Record<string, unknown>, masters: ReturnType<typeof readMasters>, add: (x: DigitErrorItem) => void): void {
  if (e["code"] !== existing["code"]) add(E.UPDATE_EMPLOYEE_CODE_CHANGE);
  const user = userOf(e);
  const mobile = user["mobileNumber"];
  if (mobile !== userOf(existing)["mobileNumber"]) {
    const clash = employeeUsers(ctx, str(e["tenantId"]), (u) => u.mobileNumber === mobile);
    if (clash.length > 0 && clash[0]?.uuid !== user["uuid"]) add(E.UPDATE_EXISTING_MOBNO);
  }
  for (const [key, error, always] of CHILD_LISTS) {
    const sent = idsOf(e[key]);
    if (!always && sent.length === 0) continue;
    if (!idsOf(existing[key]).every((id) => sent.includes(id))) add(error);
  }
  const isActive = e["isActive"];
  if (typeof isActive !== "boolean") {
    strictOnly(req, ctx, javaException("NullPointerException", 'Cannot invoke "java.lang.Boolean.booleanValue()" because the return value of "Employee.getIsActive()" is null'));
    return;
  }
  const now = ctx.now();
  if (!isActive) {
    const start = new Date(now);
    start.setHours(0, 0, 0, 0);
    for (const d of listOf(e["deactivationDetails"])) {
      const from = Number(d["effectiveFrom"]);
      if (from > now || from < start.getTime()) add(E.UPDATE_DEACT_DETAILS_INCORRECT_EFFECTIVEFROM);
      const reasons = masters.get("DeactivationReason");
      if (reasons && !reasons.includes(String(d["reasonForDeactivation"]))) add(E.INVALID_DEACT_REASON);
    }
    return;
  }
  if (typeof e["reActivateEmployee"] !== "boolean") {
    strictOnly(req, ctx, javaException("NullPointerException", 'Cannot invoke "java.lang.Boolean.booleanValue()" because the return value of "Employee.getReActivateEmployee()" is null'));
    return;
  }
  if (e["reActivateEmployee"]) {
    const deactivatedFrom = Number(listOf(existing["deactivationDetails"])[0]?.["effectiveFrom"] ?? Number.NaN);
    for (const r of listOf(e["reactivationDetails"])) {
      const from = Number(r["effectiveFrom"]);
      if (!(deactivatedFrom <= from && from <= now)) add(E.UPDATE_REACT_DETAILS_INCORRECT_EFFECTIVEFROM);
    }
  }
}

/** EmployeeService.enrichUpdateRequest (:345-535): new children get ids and audit, changed ones a lastModified. */
function enrichUpdate(e: Record<string, unknown>, existing: Record<string, unknown>, byName: string, now: number, audit: HrmsAudit, ctx: MockContext): void {
  for (const key of LISTS) {
    const before = new Map(listOf(existing[key]).map((x) => [x["id"], x]));
    for (const x of listOf(e[key])) {
      if (key === "jurisdictions") x["isActive"] ??= true;
      if (key === "serviceHistory") x["isCurrentPosition"] ??= false;
      if (x["id"] === undefined || x["id"] === null) Object.assign(x, { id: ctx.uuid(), auditDetails: { ...audit } });
      else if (JSON.stringify(before.get(x["id"])) !== JSON.stringify(x)) {
        x["auditDetails"] = { ...(isRecord(x["auditDetails"]) ? x["auditDetails"] : {}), lastModifiedBy: byName, lastModifiedDate: now };
      }
    }
  }
}

const update: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = structuredClone(employeesOf(req));
    const first = items[0] as Record<string, unknown>;
    const masters = readMasters(ctx, String(first["tenantId"]));
    const stored = allEmployees(slice);
    const errors = new Map<string, DigitErrorItem>();
    const add = (x: DigitErrorItem) => errors.has(x.code) || errors.set(x.code, x);
    const targets = new Map<Record<string, unknown>, StoredEmployee>();
    const uuids = items.map((e) => e["uuid"]);
    const anyFound = stored.some((s) => uuids.includes(s.uuid));
    for (const e of items) {
      // EmployeeValidator.validateEmployeeForUpdate (:589-606)
      const missing = [
        e["id"] === undefined || e["id"] === null ? E.UPDATE_NULL_ID : undefined,
        str(e["code"]) === undefined ? E.UPDATE_NULL_CODE : undefined,
        str(e["uuid"]) === undefined ? E.UPDATE_NULL_UUID : undefined,
      ].filter((x): x is DigitErrorItem => x !== undefined);
      missing.forEach(add);
      if (missing.length === 0) {
        const found = stored.find((s) => s.uuid === e["uuid"]);
        if (!anyFound) add(E.UPDATE_EMPLOYEE_NOT_EXIST);
        else if (found === undefined) refuse(javaException("NoSuchElementException", "No value present"));
        else {
          targets.set(e, found);
          consistencyErrors(req, ctx, e, toWire(ctx, found), masters, add);
        }
      }
    }
    masterErrors(req, ctx, items, errors, true);
    rejectAll([...errors.values()]);
    const now = ctx.now();
    const byName = req.caller?.user.userName ?? "anonymous";
    const audit = auditOf(byName, now);
    const updated = items.map((e) => {
      const existing = targets.get(e) as StoredEmployee;
      enrichUpdate(e, toWire(ctx, existing), byName, now, audit, ctx);
      const isActive = e["isActive"] !== false;
      const user = userOf(e);
      user["userName"] = e["code"];
      user["active"] = isActive;
      const patch: Partial<StoredUser> = { active: isActive, extra: userExtra(user) };
      if (Array.isArray(user["roles"])) patch.roles = roleRefs(user["roles"], existing.tenantId);
      for (const k of ["name", "mobileNumber", "emailId", "gender"] as const) if (str(user[k]) !== undefined) patch[k] = str(user[k]) as string;
      try {
        ctx.users.update(existing.uuid, patch, req.caller?.user.uuid ?? "anonymous");
      } catch {
        // UserService.updateUser swallows egov-user's errors (UserService.java:155-166).
      }
      const fields = structuredClone(Object.fromEntries(Object.entries(e).filter(([k]) => !OWN_FIELDS.has(k))));
      // Inactive jurisdictions are not in the search view the client sent back; keep them.
      const hidden = listOf(existing.fields["jurisdictions"]).filter((j) => j["isActive"] === false && !idsOf(fields["jurisdictions"]).includes(j["id"]));
      fields["jurisdictions"] = [...listOf(fields["jurisdictions"]), ...hidden];
      const next: StoredEmployee = {
        ...existing,
        isActive,
        fields,
        auditDetails: { ...(existing.auditDetails as HrmsAudit), lastModifiedBy: byName, lastModifiedDate: now },
      };
      put(child(slice.employees, existing.tenantId), existing.code, next);
      return { ...e, user: { ...user, password: null } };
    });
    return ok(req, now, req.route.successStatus, { Employees: updated });
  });

/** EmployeeValidator.validateSearchRequest (:115-150). */
function searchErrors(req: OperationRequest, q: (k: string) => string | undefined): DigitErrorItem[] {
  const errors = new Map<string, DigitErrorItem>();
  const add = (e: DigitErrorItem) => errors.has(e.code) || errors.set(e.code, e);
  const has = (k: string) => list(q(k)).length > 0;
  const user = req.caller?.user;
  if (user?.type === "CITIZEN" && has("ids")) add(E.INVALID_SEARCH_CITIZEN);
  const empty = ["codes", "names", "departments", "designations", "ids", "employeestatuses", "employeetypes", "uuids", "positions", "roles"].every((k) => !has(k)) && q("tenantId") === undefined && q("asOnDate") === undefined;
  if (empty && !(user?.roles ?? []).some((r) => r.code === "SUPERUSER")) add(E.INVALID_SEARCH_REQ);
  if (q("asOnDate") !== undefined && (!has("departments") || !has("designations"))) add(E.INVALID_SEARCH_AOD);
  if (has("roles") && q("tenantId") === undefined) add(E.INVALID_SEARCH_ROLES);
  if ((q("phone") !== undefined || has("names")) && q("tenantId") === undefined) add(E.INVALID_SEARCH_USER);
  return [...errors.values()];
}

/** Whether an assignment is active on `asOnDate` (EmployeeQueryBuilder.java:132-136). */
function activeOn(a: Record<string, unknown>, date: number): boolean {
  const from = Number(a["fromDate"]);
  const to = a["toDate"];
  return to === undefined || to === null ? from <= date : from <= date && Number(to) > date;
}

const search: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const q = (k: string): string | undefined => str(req.query[k]);
    rejectAll(searchErrors(req, q));
    let tenantId = q("tenantId");
    let uuids: string[] | undefined = list(q("uuids")).length > 0 ? list(q("uuids")) : undefined;
    const phone = q("phone");
    const roles = list(q("roles"));
    const names = list(q("names"));
    let userChecked = false;
    // EmployeeService.search (:140-192): phone, roles and names go through egov-user, then filter by uuid.
    if (phone !== undefined || roles.length > 0) {
      const found = employeeUsers(ctx, tenantId, (u) => (phone === undefined || u.mobileNumber === phone) && (roles.length === 0 || u.roles.some((r) => roles.includes(r.code))));
      userChecked = true;
      const ids = found.map((u) => u.uuid);
      uuids = uuids === undefined ? ids : uuids.filter((u) => ids.includes(u));
    }
    const byUsers = roles.length > 0 || phone !== undefined;
    if (!(byUsers && (uuids ?? []).length === 0) && names.length > 0) {
      const ids = names.flatMap((n) => employeeUsers(ctx, tenantId, (u) => u.name.includes(n.trim())).map((u) => u.uuid));
      userChecked = true;
      uuids = uuids === undefined || uuids.length === 0 ? ids : uuids.filter((u) => ids.includes(u));
    }
    if (userChecked) tenantId = undefined;
    if ((byUsers || names.length > 0) && (uuids ?? []).length === 0) return ok(req, ctx.now(), 200, { Employees: [] });
    const now = ctx.now();
    const visible = allEmployees(slice).filter((e) => e.visibleFrom <= now);
    const departments = list(q("departments"));
    const designations = list(q("designations"));
    const positions = list(q("positions"));
    const asOnDate = q("asOnDate") === undefined ? undefined : Number(q("asOnDate"));
    if (departments.length > 0 || designations.length > 0 || positions.length > 0 || asOnDate !== undefined) {
      const matching = visible
        .filter((e) =>
          listOf(e.fields["assignments"]).some(
            (a) =>
              (departments.length === 0 || departments.includes(String(a["department"]))) &&
              (designations.length === 0 || designations.includes(String(a["designation"]))) &&
              (positions.length === 0 || positions.includes(String(a["position"]))) &&
              (asOnDate === undefined || activeOn(a, asOnDate)),
          ),
        )
        .map((e) => e.uuid);
      if (matching.length === 0) return ok(req, now, 200, { Employees: [] });
      uuids = uuids === undefined || uuids.length === 0 ? matching : uuids.filter((u) => matching.includes(u));
    }
    const codes = list(q("codes")).map((c) => c.toLowerCase());
    const ids = list(q("ids"));
    const statuses = list(q("employeestatuses"));
    const types = list(q("employeetypes"));
    const isActive = q("isActive") === undefined ? undefined : q("isActive") === "true";
    const found = visible
      .filter(
        (e) =>
          (tenantId === undefined || e.tenantId === tenantId) &&
          (codes.length === 0 || codes.includes(e.code.toLowerCase())) &&
          (ids.length === 0 || ids.includes(String(e.id))) &&
          (uuids === undefined || uuids.length === 0 || uuids.includes(e.uuid)) &&
          (statuses.length === 0 || statuses.includes(String(e.fields["employeeStatus"]))) &&
          (types.length === 0 || types.includes(String(e.fields["employeeType"]))) &&
          (isActive === undefined || e.isActive === isActive),
      )
      .sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
    // Paging counts employees in uuid order: ranks in (offset, offset + limit], or (offset, 200] without a limit.
    const limit = q("limit") === undefined ? undefined : Number(q("limit"));
    let offset = q("offset") === undefined ? undefined : Number(q("offset"));
    if (limit !== undefined && offset === undefined) {
      strictOnly(req, ctx, javaException("NullPointerException", 'Cannot invoke "java.lang.Integer.intValue()" because the return value of "EmployeeSearchCriteria.getOffset()" is null'));
      offset = 0;
    }
    const from = offset ?? 0;
    const upTo = limit === undefined ? 200 : limit + from;
    return ok(req, now, 200, { Employees: found.slice(from, Math.max(from, upTo)).map((e) => toWire(ctx, e)) });
  });

/**
 * `{ResponseInfo, EmployeCount: {activeEmployee, inactiveEmployee, totalEmployee}}` with string counts, as
 * EmployeeService.getEmployeeCountResponse answers (the key is spelled `EmployeCount`). A state tenant counts
 * every tenant whose id starts with it (`tenantid LIKE 'pb%'`).
 */
const count: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const raw = req.query["tenantId"];
    if (raw === undefined) refuse(missingRequestParam("tenantId", "Required String parameter 'tenantId' is not present"));
    const tenantId = raw as string;
    if (tenantId.trim() === "") refuse(E.EMPLOYEE_COUNT_ERROR);
    const state = ctx.tenants.stateOf(tenantId) === tenantId;
    const all = allEmployees(slice).filter((e) => e.visibleFrom <= ctx.now() && (state ? e.tenantId.startsWith(tenantId) : e.tenantId === tenantId));
    if (all.length === 0) refuse({ code: "NO_RECORDS", message: `No records found for the tenantId: ${tenantId}`, description: `No records found for the tenantId: ${tenantId}`, params: null });
    const active = all.filter((e) => e.isActive).length;
    return ok(req, ctx.now(), 200, {
      EmployeCount: { activeEmployee: String(active), inactiveEmployee: String(all.length - active), totalEmployee: String(all.length) },
    });
  });

/** The stored employee of a tenant and code (for other modules and tests). */
export function employeeByCode(slice: HrmsSlice, tenantId: string, code: string): StoredEmployee | undefined {
  return own(own(slice.employees, tenantId), code);
}

export const hrmsService: ServiceModule<HrmsSlice> = {
  key: "hrms",
  initialState: () => ({ employees: {}, position: 0 }),
  handlers: { "hrms.create": create, "hrms.update": update, "hrms.search": search, "hrms.count": count },
};
