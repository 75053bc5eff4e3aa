/**
 * egov-hrms: employees (an EMPLOYEE user plus assignments and jurisdictions), checked against MDMS masters.
 * The masters an employee must name (department, designation, employee type, roles, jurisdiction) are read
 * from the target's MDMS, so the same tests run against the mock and a real DIGIT.
 */
import { describe, expect } from "vitest";
import { behaviour, type Conformance, type Json } from "../src/index.js";

const HR = "egov-hrms/src/main/java/org/egov/hrms";
const EMP = "/egov-hrms/employees";

interface Masters {
  department: string;
  designation: string;
  employeeType: string;
  role: { code: string; name: string };
  jurisdiction: { hierarchy: string; boundaryType: string; boundary: string };
}

async function mdmsV1(c: Conformance, tenantId: string, moduleName: string, names: string[]): Promise<Record<string, Json[]>> {
  const res = await c.digit.post("/egov-mdms-service/v1/_search", {
    MdmsCriteria: { tenantId, moduleDetails: [{ moduleName, masterDetails: names.map((name) => ({ name })) }] },
  });
  return (res.body?.MdmsRes?.[moduleName] ?? {}) as Record<string, Json[]>;
}

const firstActive = (list: Json[] | undefined, fallback: string): string => list?.find((r: Json) => r.active !== false)?.code ?? fallback;

/** The first active code of each master HRMS checks, read from the target (fallbacks only for an empty MDMS). */
async function masters(c: Conformance): Promise<Masters> {
  const common = await mdmsV1(c, c.city, "common-masters", ["Department", "Designation"]);
  const hr = await mdmsV1(c, c.city, "egov-hrms", ["EmployeeType"]);
  const roles = (await mdmsV1(c, c.city, "ACCESSCONTROL-ROLES", ["roles"]))["roles"] ?? [];
  const role = roles.find((r: Json) => r.code === "EMPLOYEE") ?? roles.find((r: Json) => r.code !== "CITIZEN") ?? { code: "EMPLOYEE", name: "Employee" };
  const location = (await mdmsV1(c, c.city, "egov-location", ["TenantBoundary"]))["TenantBoundary"] ?? [];
  const tb = location.find((t: Json) => t?.boundary?.code === c.city) ?? location[0];
  return {
    department: firstActive(common["Department"], "DEPT_1"),
    designation: firstActive(common["Designation"], "DESIG_1"),
    employeeType: firstActive(hr["EmployeeType"], "PERMANENT"),
    role: { code: role.code, name: role.name ?? role.code },
    jurisdiction: tb
      ? { hierarchy: tb.hierarchyType.code, boundaryType: tb.boundary.label, boundary: tb.boundary.code }
      : { hierarchy: "ADMIN", boundaryType: "City", boundary: c.city },
  };
}

let mobileSeq = 0;
/** A 10-digit mobile number unlikely to exist on the target. */
function mobile(): string {
  mobileSeq += 1;
  return `7${String((Date.now() * 10 + mobileSeq) % 1e9).padStart(9, "0")}`;
}

const YEAR = 365 * 24 * 3600 * 1000;

function employee(c: Conformance, m: Masters, overrides: Record<string, unknown> = {}, user: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    code: c.unique("E"),
    tenantId: c.city,
    employeeStatus: "EMPLOYED",
    employeeType: m.employeeType,
    dateOfAppointment: now - 2 * YEAR,
    assignments: [{ department: m.department, designation: m.designation, fromDate: now - YEAR, isCurrentAssignment: true }],
    jurisdictions: [{ ...m.jurisdiction, tenantId: c.city }],
    user: {
      name: "Conformance Employee",
      mobileNumber: mobile(),
      gender: "FEMALE",
      dob: now - 30 * YEAR,
      tenantId: c.city,
      roles: [{ ...m.role, tenantId: c.city }],
      ...user,
    },
    ...overrides,
  };
}

async function create(c: Conformance, ...employees: Record<string, unknown>[]) {
  return c.digit.post(`${EMP}/_create`, { Employees: employees });
}

async function search(c: Conformance, query: Record<string, string>): Promise<Json[]> {
  const res = await c.digit.post(`${EMP}/_search`, {}, { query });
  expect(res.status, res.text).toBe(200);
  return res.body.Employees;
}

/** Creates one valid employee and waits until a search by code finds it. */
async function created(c: Conformance, m: Masters, overrides: Record<string, unknown> = {}): Promise<Json> {
  const e = employee(c, m, overrides);
  const res = await create(c, e);
  expect(res.status, res.text).toBe(202);
  return c.eventually(async () => {
    const [found] = await search(c, { tenantId: c.city, codes: String(e["code"]) });
    expect(found?.code).toBe(e["code"]);
    return found;
  });
}

const codes = (res: { body: Json }): string[] => (res.body?.Errors ?? []).map((e: Json) => e.code);

describe("hrms create", () => {
  behaviour(
    "_create answers 202; the employee's id is its user's id, children get ids, assignments a position, the password is not returned",
    `${HR}/service/EmployeeService.java:224`,
    async (c) => {
      const m = await masters(c);
      const e = employee(c, m);
      const res = await create(c, e);
      expect(res.status, res.text).toBe(202);
      const out = res.body.Employees[0];
      expect(out.code).toBe(e["code"]);
      expect(out.id).toBe(out.user.id);
      expect(out.uuid).toBe(out.user.uuid);
      expect(out.user.userName).toBe(e["code"]);
      expect(out.user.password ?? null).toBeNull();
      expect(out.isActive).toBe(true);
      expect(typeof out.assignments[0].id).toBe("string");
      expect(typeof out.assignments[0].position).toBe("number");
      expect(typeof out.jurisdictions[0].id).toBe("string");
      expect(out.jurisdictions[0].isActive).toBe(true);
    },
  );

  behaviour("isActive false on create is ignored: new employees are active", `${HR}/service/EmployeeService.java:309`, async (c) => {
    const m = await masters(c);
    const res = await create(c, employee(c, m, { isActive: false }));
    expect(res.status, res.text).toBe(202);
    expect(res.body.Employees[0].isActive).toBe(true);
  });

  behaviour("an existing user name (the code) is refused with ERR_HRMS_USER_EXIST_USERNAME", `${HR}/web/validator/EmployeeValidator.java:224`, async (c) => {
    const m = await masters(c);
    const first = await created(c, m);
    const res = await create(c, employee(c, m, { code: first.code }));
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("ERR_HRMS_USER_EXIST_USERNAME");
  });

  behaviour("an existing mobile number is refused with ERR_HRMS_USER_EXIST_MOB", `${HR}/web/validator/EmployeeValidator.java:203`, async (c) => {
    const m = await masters(c);
    const first = await created(c, m);
    const res = await create(c, employee(c, m, {}, { mobileNumber: first.user.mobileNumber }));
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("ERR_HRMS_USER_EXIST_MOB");
  });

  behaviour("two employees with one mobile number in a request are refused", `${HR}/web/validator/EmployeeValidator.java:177`, async (c) => {
    const m = await masters(c);
    const a = employee(c, m);
    const b = employee(c, m, {}, { mobileNumber: (a["user"] as Json).mobileNumber });
    const res = await create(c, a, b);
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("ERR_HRMS_BULK_CREATE_DUPLICATE_MOBILE");
  });

  behaviour("user.dob is required", `${HR}/web/contract/User.java:110`, async (c) => {
    const m = await masters(c);
    const e = employee(c, m);
    delete (e["user"] as Record<string, unknown>)["dob"];
    const res = await create(c, e);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.Errors)).toContain("dob");
  });

  behaviour("a role needs its name", `${HR}/model/Role.java:58`, async (c) => {
    const m = await masters(c);
    const res = await create(c, employee(c, m, {}, { roles: [{ code: m.role.code, tenantId: c.city }] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.Errors)).toContain("name");
  });

  behaviour("an unknown department or designation is refused", `${HR}/web/validator/EmployeeValidator.java:372`, async (c) => {
    const m = await masters(c);
    const res = await create(c, employee(c, m, { assignments: [{ department: "NO_SUCH_DEPT", designation: "NO_SUCH_DESG", fromDate: Date.now() - YEAR, isCurrentAssignment: true }] }));
    expect(res.status).toBe(400);
    expect(codes(res).sort()).toEqual(["ERR_HRMS_INVALID_DEPT", "ERR_HRMS_INVALID_DESG"]);
  });

  behaviour("an unknown employee type or role is refused", `${HR}/web/validator/EmployeeValidator.java:325`, async (c) => {
    const m = await masters(c);
    const res = await create(c, employee(c, m, { employeeType: "NO_SUCH_TYPE" }, { roles: [{ code: "NO_SUCH_ROLE", name: "Nope", tenantId: c.city }] }));
    expect(res.status).toBe(400);
    expect(codes(res).sort()).toEqual(["ERR_HRMS_INVALID_EMP_TYPE", "ERR_HRMS_INVALID_ROLE"]);
  });

  behaviour("exactly one assignment must be current", `${HR}/web/validator/EmployeeValidator.java:350`, async (c) => {
    const m = await masters(c);
    const a = { department: m.department, designation: m.designation, fromDate: Date.now() - YEAR, isCurrentAssignment: true };
    const res = await create(c, employee(c, m, { assignments: [a, { ...a, fromDate: Date.now() - YEAR / 2 }] }));
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("ERR_HRMS_INVALID_CURRENT_ASSGN");
  });
});

describe("hrms search and count", () => {
  behaviour("codes match case-insensitively", `${HR}/repository/EmployeeQueryBuilder.java:69`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    const found = await search(c, { tenantId: c.city, codes: String(e.code).toLowerCase() });
    expect(found.map((x: Json) => x.code)).toEqual([e.code]);
  });

  behaviour("departments and designations filter on assignments", `${HR}/repository/EmployeeQueryBuilder.java:122`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    expect((await search(c, { tenantId: c.city, codes: e.code, departments: m.department })).map((x: Json) => x.code)).toEqual([e.code]);
    expect(await search(c, { tenantId: c.city, codes: e.code, departments: "NO_SUCH_DEPT" })).toEqual([]);
    expect(await search(c, { tenantId: c.city, codes: e.code, designations: "NO_SUCH_DESG" })).toEqual([]);
    expect((await search(c, { tenantId: c.city, codes: e.code, positions: String(e.assignments[0].position) })).map((x: Json) => x.code)).toEqual([e.code]);
  });

  behaviour("employeetypes and employeestatuses filter", `${HR}/repository/EmployeeQueryBuilder.java:82`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    expect(await search(c, { tenantId: c.city, codes: e.code, employeetypes: "NO_SUCH_TYPE" })).toEqual([]);
    expect(await search(c, { tenantId: c.city, codes: e.code, employeestatuses: "NO_SUCH_STATUS" })).toEqual([]);
    expect((await search(c, { tenantId: c.city, codes: e.code, employeestatuses: "EMPLOYED" })).map((x: Json) => x.code)).toEqual([e.code]);
  });

  behaviour("asOnDate needs departments and designations", `${HR}/web/validator/EmployeeValidator.java:135`, async (c) => {
    const res = await c.digit.post(`${EMP}/_search`, {}, { query: { tenantId: c.city, asOnDate: Date.now() } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["ERR_HRMS_INVALID_SEARCH_AOD"]);
  });

  behaviour("phone without tenantId is refused", `${HR}/web/validator/EmployeeValidator.java:144`, async (c) => {
    const res = await c.digit.post(`${EMP}/_search`, {}, { query: { phone: "9999999999" } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["ERR_HRMS_INVALID_SEARCH_USER"]);
  });

  behaviour("tenantId is optional: codes or uuids alone find the employee", `${HR}/repository/EmployeeQueryBuilder.java:62`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    expect((await search(c, { codes: e.code })).map((x: Json) => x.code)).toEqual([e.code]);
    expect((await search(c, { uuids: e.uuid })).map((x: Json) => x.code)).toEqual([e.code]);
  });

  behaviour("_count answers EmployeCount with string counts under ResponseInfo", `${HR}/service/EmployeeService.java:560`, async (c) => {
    const m = await masters(c);
    await created(c, m);
    const res = await c.digit.post(`${EMP}/_count`, {}, { query: { tenantId: c.city } });
    expect(res.status).toBe(200);
    expect(res.body).toHaveProperty("ResponseInfo");
    expect(Object.keys(res.body).sort()).toEqual(["EmployeCount", "ResponseInfo"]);
    expect(typeof res.body.EmployeCount.totalEmployee).toBe("string");
    expect(Number(res.body.EmployeCount.totalEmployee)).toBeGreaterThan(0);
  });

  behaviour("_count without the tenantId query parameter is a missing-parameter error", "libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:151", async (c) => {
    const res = await c.digit.post(`${EMP}/_count`, {});
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("");
    expect(res.body.Errors[0].params).toEqual(["tenantId"]);
  });
});

describe("hrms update", () => {
  behaviour("_update of an unchanged search result with a new employeeStatus answers 202 and sticks", `${HR}/web/controller/EmployeeController.java:103`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    const res = await c.digit.post(`${EMP}/_update`, { Employees: [{ ...e, employeeStatus: "RETIRED" }] });
    expect(res.status, res.text).toBe(202);
    await c.eventually(async () => {
      const [after] = await search(c, { tenantId: c.city, codes: e.code });
      expect(after.employeeStatus).toBe("RETIRED");
    });
  });

  behaviour("_update needs id, code and uuid and finds the employee by uuid", `${HR}/web/validator/EmployeeValidator.java:591`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    const { id: _id, ...noId } = e;
    const missing = await c.digit.post(`${EMP}/_update`, { Employees: [noId] });
    expect(missing.status).toBe(400);
    expect(codes(missing)).toContain("ERR_HRMS_UPDATE_NULL_ID");
    const unknown = await c.digit.post(`${EMP}/_update`, {
      Employees: [{ ...e, uuid: "00000000-0000-4000-8000-00000000dead", user: { ...e.user, uuid: "00000000-0000-4000-8000-00000000dead" } }],
    });
    expect(unknown.status).toBe(400);
    expect(codes(unknown)).toContain("ERR_HRMS_UPDATE_EMPLOYEE_NOT_EXIST_CODE");
  });

  behaviour("_update cannot change the code", `${HR}/web/validator/EmployeeValidator.java:280`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    const res = await c.digit.post(`${EMP}/_update`, { Employees: [{ ...e, code: c.unique("E") }] });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("ERR_HRMS_UPDATE_EMPLOYEE_CODE_CHANGE");
  });

  behaviour("_update replaces the employee: existing assignments must be sent back with their ids", `${HR}/web/validator/EmployeeValidator.java:645`, async (c) => {
    const m = await masters(c);
    const e = await created(c, m);
    const fresh = [{ department: m.department, designation: m.designation, fromDate: Date.now() - YEAR, isCurrentAssignment: true }];
    const res = await c.digit.post(`${EMP}/_update`, { Employees: [{ ...e, assignments: fresh }] });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("ERR_HRMS_UPDATE_ASSIGNEMENT_INCOSISTENT");
  });
});
