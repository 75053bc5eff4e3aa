/**
 * egov-hrms employees. Creating an employee creates its login user through the user directory
 * (type EMPLOYEE, userName = employee code); responses embed that user without its password.
 */
import type { DigitErrorItem, MockContext, OperationHandler, OperationRequest, RoleRef, ServiceModule, StoredUser } from "../../core/types.js";
import { actorOf, newAudit, touchAudit } from "../shared/audit.js";
import { digitError, handle, ok, reject, rejectAll } from "../shared/respond.js";
import { publicUser } from "../shared/users.js";
import { bool, int, isRecord, list, recordsAt, str } from "../shared/values.js";
import type { AuditDetails } from "../../core/types.js";

/** DIGIT HRMS's default employee password (`egov.hrms.default.pwd`) when `user.password` is not sent. */
export const DEFAULT_EMPLOYEE_PASSWORD = "eGov@123";

export interface StoredEmployee {
  id: number;
  /** The employee's user uuid (DIGIT uses the same uuid for both). */
  uuid: string;
  code: string;
  tenantId: string;
  isActive: boolean;
  /** Every other Employee field as sent (assignments, jurisdictions, ...). */
  fields: Record<string, unknown>;
  auditDetails: AuditDetails;
  /** Epoch ms from which searches and counts see the employee (write lag). */
  visibleFrom: number;
}

export interface HrmsSlice {
  /** Employees by tenantId, then code. */
  employees: Record<string, Record<string, StoredEmployee>>;
  /** Last generated employee number per tenant. */
  sequences: Record<string, number>;
  nextId: number;
}

const OWN_FIELDS = ["id", "uuid", "code", "tenantId", "isActive", "user", "auditDetails"];
const USER_FIELDS = ["name", "mobileNumber", "emailId", "gender", "type", "tenantId", "roles", "password", "userName", "uuid", "id", "active"];

function roleRefs(input: unknown, tenantId: string): RoleRef[] {
  if (!Array.isArray(input)) return [];
  return input.filter(isRecord).map((r) => ({
    code: str(r["code"]) ?? "",
    name: str(r["name"]) ?? str(r["code"]) ?? "",
    tenantId: str(r["tenantId"]) ?? tenantId,
  }));
}

function pick(source: Record<string, unknown>, omit: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([k]) => !omit.includes(k)));
}

function toWire(ctx: MockContext, e: StoredEmployee): Record<string, unknown> {
  const user = ctx.users.byUuid(e.uuid);
  return {
    ...structuredClone(e.fields),
    id: e.id,
    uuid: e.uuid,
    code: e.code,
    tenantId: e.tenantId,
    isActive: e.isActive,
    user: user === undefined ? null : publicUser(user),
    auditDetails: e.auditDetails,
  };
}

function employeesOf(req: OperationRequest): Record<string, unknown>[] {
  const items = recordsAt(req.body, "Employees");
  if (items.length === 0) reject("INVALID_REQUEST", "Employees must hold at least one employee.", ["Employees"]);
  return items;
}

const create: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = employeesOf(req);
    const errors: DigitErrorItem[] = [];
    const sequences = { ...slice.sequences };
    const planned = items.flatMap((item, i) => {
      const where = `Employees[${i}]`;
      const tenantId = str(item["tenantId"]);
      const user = isRecord(item["user"]) ? item["user"] : undefined;
      if (tenantId === undefined || user === undefined) {
        errors.push(digitError("INVALID_EMPLOYEE", `${where} needs tenantId and user.`, [where]));
        return [];
      }
      const roles = roleRefs(user["roles"], tenantId);
      if (str(user["name"]) === undefined) errors.push(digitError("INVALID_EMPLOYEE", `${where}.user.name is required.`, [where]));
      if (roles.length === 0 || roles.some((r) => r.code === "")) {
        errors.push(digitError("INVALID_EMPLOYEE", `${where}.user.roles must list at least one role {code, tenantId}.`, [where]));
      }
      let code = str(item["code"]);
      if (code === undefined) {
        do {
          sequences[tenantId] = (sequences[tenantId] ?? 0) + 1;
          code = `EMP-${tenantId.toUpperCase()}-${String(sequences[tenantId]).padStart(6, "0")}`;
        } while (slice.employees[tenantId]?.[code] !== undefined);
      }
      const clash =
        slice.employees[tenantId]?.[code] !== undefined ||
        ctx.users.byUserName(code, str(user["tenantId"]) ?? tenantId) !== undefined ||
        items.slice(0, i).some((o) => str(o["code"]) === code && str(o["tenantId"]) === tenantId);
      if (clash) errors.push(digitError("DUPLICATE_EMPLOYEE_CODE", `${where}: employee or user ${code} already exists for tenant ${tenantId}; choose another code.`, [code, tenantId]));
      return [{ item, tenantId, user, roles, code }];
    });
    rejectAll(errors);
    const now = ctx.now();
    const by = actorOf(req);
    const created = planned.map(({ item, tenantId, user, roles, code }) => {
      const stored: StoredUser = ctx.users.create(
        {
          userName: code,
          password: str(user["password"]) ?? DEFAULT_EMPLOYEE_PASSWORD,
          name: str(user["name"]) as string,
          type: "EMPLOYEE",
          tenantId: str(user["tenantId"]) ?? tenantId,
          mobileNumber: str(user["mobileNumber"]) ?? null,
          emailId: str(user["emailId"]) ?? null,
          gender: str(user["gender"]) ?? null,
          roles,
          extra: pick(user, USER_FIELDS),
        },
        by,
      );
      slice.nextId = (slice.nextId ?? 0) + 1;
      const employee: StoredEmployee = {
        id: slice.nextId,
        uuid: stored.uuid,
        code,
        tenantId,
        isActive: item["isActive"] !== false,
        fields: structuredClone(pick(item, OWN_FIELDS)),
        auditDetails: newAudit(by, now),
        visibleFrom: now + ctx.options.writeLagMs,
      };
      (slice.employees[tenantId] ??= {})[code] = employee;
      return employee;
    });
    slice.sequences = sequences;
    return ok(req, now, req.route.successStatus, { Employees: created.map((e) => toWire(ctx, e)) });
  });

const update: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = employeesOf(req);
    const errors: DigitErrorItem[] = [];
    const targets = items.flatMap((item, i) => {
      const tenantId = str(item["tenantId"]) ?? "";
      const code = str(item["code"]);
      const uuid = str(item["uuid"]);
      const existing = Object.values(slice.employees[tenantId] ?? {}).find((e) => (uuid !== undefined ? e.uuid === uuid : e.code === code));
      if (existing === undefined) {
        errors.push(digitError("EMPLOYEE_NOT_FOUND", `Employees[${i}]: no employee ${uuid ?? code ?? "(no uuid or code)"} in tenant ${tenantId}.`, [uuid ?? code ?? ""]));
        return [];
      }
      if (code !== undefined && code !== existing.code) {
        errors.push(digitError("INVALID_EMPLOYEE", `Employees[${i}]: the employee code cannot change (${existing.code} → ${code}).`, [existing.code]));
      }
      const user = isRecord(item["user"]) ? item["user"] : {};
      const roles = user["roles"] === undefined ? undefined : roleRefs(user["roles"], tenantId);
      if (roles !== undefined && roles.length === 0) errors.push(digitError("INVALID_EMPLOYEE", `Employees[${i}].user.roles cannot be empty.`, [existing.code]));
      return [{ item, existing, user, roles }];
    });
    rejectAll(errors);
    const now = ctx.now();
    const by = actorOf(req);
    const updated = targets.map(({ item, existing, user, roles }) => {
      const isActive = typeof item["isActive"] === "boolean" ? item["isActive"] : existing.isActive;
      const patch: Partial<StoredUser> = { active: isActive };
      if (roles !== undefined) patch.roles = roles;
      for (const k of ["name", "mobileNumber", "emailId", "gender"] as const) if (str(user[k]) !== undefined) patch[k] = str(user[k]) as string;
      ctx.users.update(existing.uuid, patch, by);
      const next: StoredEmployee = {
        ...existing,
        isActive,
        fields: { ...existing.fields, ...structuredClone(pick(item, OWN_FIELDS)) },
        auditDetails: touchAudit(existing.auditDetails, by, now),
      };
      (slice.employees[existing.tenantId] ??= {})[existing.code] = next;
      return next;
    });
    return ok(req, now, req.route.successStatus, { Employees: updated.map((e) => toWire(ctx, e)) });
  });

const search: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const q = (k: string) => req.query[k] ?? (isRecord(req.body["criteria"]) ? req.body["criteria"][k] : undefined);
    const tenantId = str(q("tenantId"));
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "Query parameter tenantId is required.", ["tenantId"]);
    const codes = list(q("codes"));
    const names = list(q("names")).map((n) => n.toLowerCase());
    const roles = list(q("roles"));
    const uuids = list(q("uuids"));
    const ids = list(q("ids"));
    const isActive = bool(q("isActive"));
    const phone = str(q("phone"));
    const now = ctx.now();
    const found = Object.values(slice.employees[tenantId] ?? {}).filter((e) => {
      if (e.visibleFrom > now) return false;
      const user = ctx.users.byUuid(e.uuid);
      return (
        (codes.length === 0 || codes.includes(e.code)) &&
        (uuids.length === 0 || uuids.includes(e.uuid)) &&
        (ids.length === 0 || ids.includes(String(e.id))) &&
        (isActive === undefined || e.isActive === isActive) &&
        (names.length === 0 || names.includes((user?.name ?? "").toLowerCase())) &&
        (roles.length === 0 || (user?.roles ?? []).some((r) => roles.includes(r.code))) &&
        (phone === undefined || user?.mobileNumber === phone)
      );
    });
    const offset = int(q("offset"), 0);
    const limit = int(q("limit"), 200);
    return ok(req, ctx.now(), 200, { Employees: found.slice(offset, offset + limit).map((e) => toWire(ctx, e)) });
  });

/**
 * `{ResponseInfo, EmployeCount: {totalEmployee, activeEmployee, inactiveEmployee}}` with string counts,
 * as DIGIT's HRMS answers (key spelled `EmployeCount` in DIGIT's code; `EmployeeCount` in its spec, so
 * both are sent). No employees → 400 `NO_RECORDS`, like DIGIT.
 */
const count: OperationHandler<HrmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.query["tenantId"]) ?? str(req.body["tenantId"]);
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "Query parameter tenantId is required.", ["tenantId"]);
    const all = Object.values(slice.employees[tenantId] ?? {}).filter((e) => e.visibleFrom <= ctx.now());
    if (all.length === 0) reject("NO_RECORDS", `No records found for the tenantId: ${tenantId}`, [tenantId]);
    const active = all.filter((e) => e.isActive).length;
    const counts = { totalEmployee: String(all.length), activeEmployee: String(active), inactiveEmployee: String(all.length - active) };
    return ok(req, ctx.now(), 200, { EmployeCount: counts, EmployeeCount: counts });
  });

export const hrmsService: ServiceModule<HrmsSlice> = {
  key: "hrms",
  initialState: () => ({ employees: {}, sequences: {}, nextId: 0 }),
  handlers: { "hrms.create": create, "hrms.update": update, "hrms.search": search, "hrms.count": count },
};
