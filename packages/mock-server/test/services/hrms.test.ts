import { describe, expect, it } from "vitest";

// Response bodies are checked field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
import type { MdmsSlice } from "../../src/core/types.js";
import { DEFAULT_EMPLOYEE_PASSWORD, hrmsService } from "../../src/services/hrms/index.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role, T0 } from "./helpers.js";

const YEAR = 365 * 24 * 3600 * 1000;

function employee(overrides: Record<string, unknown> = {}, user: Record<string, unknown> = {}) {
  return {
    tenantId: "pb.amritsar",
    employeeStatus: "EMPLOYED",
    employeeType: "PERMANENT",
    dateOfAppointment: T0 - 2 * YEAR,
    assignments: [{ department: "DEPT_1", designation: "DESIG_1", fromDate: T0 - YEAR, isCurrentAssignment: true }],
    jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "City", boundary: "pb.amritsar" }],
    user: {
      name: "Asha",
      mobileNumber: `9${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`,
      gender: "FEMALE",
      dob: T0 - 30 * YEAR,
      roles: [{ code: "GRO", name: "Grievance Routing Officer", tenantId: "pb.amritsar" }],
      ...user,
    },
    ...overrides,
  };
}

/** Puts active MDMS records of `schemaCode` at `tenantId` into the fake context's mdms slice. */
function master(slices: Record<string, unknown>, tenantId: string, schemaCode: string, records: Record<string, unknown>[]): void {
  const mdms = slices["mdms"] as MdmsSlice;
  const bySchema = (mdms.data[tenantId] ??= {});
  const bucket = (bySchema[schemaCode] ??= {});
  records.forEach((data, i) => {
    const id = `${schemaCode}-${i}`;
    bucket[id] = { id, tenantId, schemaCode, uniqueIdentifier: String(data["code"] ?? i), data, isActive: true, auditDetails: { createdBy: "t", createdTime: 0, lastModifiedBy: "t", lastModifiedTime: 0 }, visibleFrom: 0 };
  });
}

function withMasters(slices: Record<string, unknown>): void {
  master(slices, "pb", "common-masters.Department", [{ code: "DEPT_1", active: true }, { code: "DEPT_OLD", active: false }]);
  master(slices, "pb", "common-masters.Designation", [{ code: "DESIG_1", active: true }]);
  master(slices, "pb", "egov-hrms.EmployeeType", [{ code: "PERMANENT", active: true }]);
  master(slices, "pb", "egov-hrms.EmployeeStatus", [{ code: "EMPLOYED", active: true }]);
  master(slices, "pb", "ACCESSCONTROL-ROLES.roles", [{ code: "GRO", name: "GRO" }, { code: "PGR_LME", name: "LME" }, { code: "CITIZEN", name: "Citizen" }]);
  master(slices, "pb.amritsar", "egov-location.TenantBoundary", [
    { hierarchyType: { code: "ADMIN", name: "ADMIN" }, boundary: { code: "pb.amritsar", label: "City", children: [{ code: "Z1", label: "Zone" }] } },
  ]);
}

function setup(options: { writeLagMs?: number; masters?: boolean; strict?: boolean } = {}) {
  const ctx = fakeContext({ writeLagMs: options.writeLagMs ?? 0, strict: options.strict ?? false });
  if (options.masters !== false) withMasters(ctx.slices);
  const h = new Harness(hrmsService, ctx);
  const admin = caller(ctx, [role("HRMS_ADMIN"), role("SUPERUSER")], "admin");
  const create = (...Employees: unknown[]) => h.call("hrms.create", { caller: admin, body: { Employees } });
  const search = (query: Record<string, string>) =>
    bodyOf(h.call("hrms.search", { caller: admin, query: { tenantId: "pb.amritsar", ...query } }))["Employees"] as Record<string, unknown>[];
  return { ctx, h, admin, create, search };
}

const codesOf = (list: Record<string, unknown>[]) => list.map((e) => e["code"]);

describe("hrms create", () => {
  it("creates the EMPLOYEE user (userName = code), enriches children, and hides the password", () => {
    const { ctx, create } = setup();
    const res = create(employee({ code: "EMP-1", isActive: false }, { password: "Pass@123" }));
    expect(res.status).toBe(202);
    const emp = (bodyOf(res)["Employees"] as Record<string, unknown>[])[0] as Record<string, Json>;
    expect(emp).toMatchObject({ code: "EMP-1", isActive: true });
    expect(emp["id"]).toBe(emp["user"].id);
    expect(emp["uuid"]).toBe(emp["user"].uuid);
    expect(emp["user"]).toMatchObject({ userName: "EMP-1", password: null, type: "EMPLOYEE", active: true });
    expect(emp["assignments"][0]).toMatchObject({ position: 1, auditDetails: { createdBy: expect.any(String), createdDate: T0 } });
    expect(typeof emp["assignments"][0].id).toBe("string");
    expect(emp["jurisdictions"][0]).toMatchObject({ isActive: true });
    const user = ctx.users.byUuid(String(emp["uuid"]));
    expect(user).toMatchObject({ userName: "EMP-1", type: "EMPLOYEE", password: "Pass@123", tenantId: "pb.amritsar" });
    expect(user?.roles.map((r) => r.code)).toEqual(["GRO"]);
  });

  it("uses the default password when none is sent", () => {
    const { ctx, create } = setup();
    const emp = (bodyOf(create(employee({ code: "EMP-2" })))["Employees"] as { uuid: string }[])[0];
    expect(ctx.users.byUuid(emp?.uuid ?? "")?.password).toBe(DEFAULT_EMPLOYEE_PASSWORD);
  });

  it("refuses existing user names and mobile numbers, and duplicates inside a request, without creating users", () => {
    const { ctx, create } = setup();
    const first = employee({ code: "EMP-1" });
    create(first);
    const before = ctx.users.all().length;
    expect(errorCodes(create(employee({ code: "EMP-1" })))).toEqual(["ERR_HRMS_USER_EXIST_USERNAME"]);
    expect(errorCodes(create(employee({ code: "EMP-9" }, { mobileNumber: first.user.mobileNumber })))).toEqual(["ERR_HRMS_USER_EXIST_MOB"]);
    const a = employee({ code: "X1" });
    expect(errorCodes(create(a, employee({ code: "X1" }, { mobileNumber: a.user.mobileNumber }))).sort()).toEqual([
      "ERR_HRMS_BULK_CREATE_DUPLICATE_EMPCODE",
      "ERR_HRMS_BULK_CREATE_DUPLICATE_MOBILE",
    ]);
    expect(ctx.users.all().length).toBe(before);
  });

  it("applies DIGIT's bean validation with Spring's codes", () => {
    const { create } = setup();
    const bad = employee({ code: "B1", assignments: [{ department: "DEPT_1" }] }, { dob: null, roles: [{ code: "GRO" }], mobileNumber: "123" });
    expect(errorCodes(create(bad)).sort()).toEqual([
      "NotNull.employeeRequest.employees[0].assignments[0].designation",
      "NotNull.employeeRequest.employees[0].assignments[0].fromDate",
      "NotNull.employeeRequest.employees[0].assignments[0].isCurrentAssignment",
      "NotNull.employeeRequest.employees[0].user.dob",
      "NotNull.employeeRequest.employees[0].user.roles[0].name",
      "Pattern.employeeRequest.employees[0].user.mobileNumber",
    ]);
  });

  it("checks department, designation, employee type, roles, assignments and jurisdictions against MDMS", () => {
    const { create } = setup();
    const res = create(
      employee(
        {
          code: "M1",
          employeeType: "NOPE",
          assignments: [
            { department: "DEPT_OLD", designation: "NOPE", fromDate: T0 - YEAR, isCurrentAssignment: true },
            { department: "DEPT_1", designation: "DESIG_1", fromDate: T0 - YEAR / 2, isCurrentAssignment: true },
          ],
          jurisdictions: [{ hierarchy: "REVENUE", boundaryType: "Ward", boundary: "pb.amritsar" }],
        },
        { roles: [{ code: "CITIZEN", name: "Citizen" }] },
      ),
    );
    expect(errorCodes(res).sort()).toEqual(
      [
        "ERR_HRMS_INVALID_EMP_TYPE",
        "ERR_HRMS_INVALID_ROLE",
        "ERR_HRMS_INVALID_CURRENT_ASSGN",
        "ERR_HRMS_INVALID_DEPT",
        "ERR_HRMS_INVALID_DESG",
        "ERR_HRMS_INVALID_JURISDICTION_HEIRARCHY",
        "ERR_HRMS_INVALID_BOUNDARY_TYPE_HEIRARCHY",
        "ERR_HRMS_INVALID_JURISDICTION_BOUNDARY",
      ].sort(),
    );
    expect(create(employee({ code: "M2", jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "Zone", boundary: "pb.amritsar" }] })).status).toBe(202);
  });

  it("skips every MDMS check when MDMS has none of the masters, as DIGIT does", () => {
    const { create } = setup({ masters: false });
    expect(create(employee({ code: "N1", employeeType: "ANY", assignments: [{ department: "X", designation: "Y", fromDate: 1, isCurrentAssignment: true }] })).status).toBe(202);
  });

  it("warns where DIGIT would crash on a missing master, and refuses under --strict", () => {
    const lenient = setup({ masters: false });
    master(lenient.ctx.slices, "pb", "ACCESSCONTROL-ROLES.roles", [{ code: "GRO", name: "GRO" }]);
    expect(lenient.create(employee({ code: "W1" })).status).toBe(202);
    const strict = setup({ masters: false, strict: true });
    master(strict.ctx.slices, "pb", "ACCESSCONTROL-ROLES.roles", [{ code: "GRO", name: "GRO" }]);
    expect(errorCodes(strict.create(employee({ code: "W1" })))).toEqual(["An unhandled exception occurred on the server"]);
  });
});

describe("hrms search and count", () => {
  it("searches by codes (any case), names, roles, uuids, isActive and assignment fields", () => {
    const { h, admin, create, search } = setup();
    create(employee({ code: "A" }), employee({ code: "B" }, { name: "Ravi", roles: [{ code: "PGR_LME", name: "LME", tenantId: "pb.amritsar" }] }));
    expect(codesOf(search({ codes: "a" }))).toEqual(["A"]);
    expect(codesOf(search({ names: "Rav" }))).toEqual(["B"]);
    expect(codesOf(search({ roles: "GRO" }))).toEqual(["A"]);
    expect(codesOf(search({ departments: "DEPT_1", codes: "B" }))).toEqual(["B"]);
    expect(search({ departments: "DEPT_9" })).toEqual([]);
    expect(search({ employeetypes: "CONTRACT" })).toEqual([]);
    const b = search({ codes: "B" })[0] as { uuid: string; user: { name: string } };
    expect(b.user.name).toBe("Ravi");
    const noTenant = bodyOf(h.call("hrms.search", { caller: admin, query: { uuids: b.uuid } }))["Employees"] as Record<string, unknown>[];
    expect(codesOf(noTenant)).toEqual(["B"]);
  });

  it("refuses what DIGIT's search validation refuses", () => {
    const { ctx, h, admin } = setup();
    const q = (query: Record<string, string>, who = admin) => errorCodes(h.call("hrms.search", { caller: who, query }));
    expect(q({ tenantId: "pb.amritsar", asOnDate: String(T0) })).toEqual(["ERR_HRMS_INVALID_SEARCH_AOD"]);
    expect(q({ phone: "9999999999" })).toEqual(["ERR_HRMS_INVALID_SEARCH_USER"]);
    expect(q({ roles: "GRO" })).toEqual(["ERR_HRMS_INVALID_SEARCH_ROLES"]);
    const clerk = caller(ctx, [role("EMPLOYEE")], "clerk");
    expect(q({}, clerk)).toEqual(["ERR_HRMS_INVALID_SEARCH_REQ"]);
    expect(q({})).toEqual([]);
  });

  it("pages by employee: limit needs offset (warning), 200 at most without a limit", () => {
    const { h, admin, create, search } = setup({ strict: false });
    create(employee({ code: "A" }), employee({ code: "B" }), employee({ code: "C" }));
    expect(search({ limit: "2", offset: "0" })).toHaveLength(2);
    expect(search({ offset: "2" })).toHaveLength(1);
    const res = h.call("hrms.search", { caller: admin, query: { tenantId: "pb.amritsar", limit: "1" } });
    expect(bodyOf(res)["Employees"]).toHaveLength(1);
  });

  it("hides new employees from search and count during the write lag", () => {
    const { ctx, h, admin, create, search } = setup({ writeLagMs: 50 });
    create(employee({ code: "A" }));
    expect(search({})).toHaveLength(0);
    expect(errorCodes(h.call("hrms.count", { caller: admin, query: { tenantId: "pb.amritsar" } }))).toEqual(["NO_RECORDS"]);
    ctx.clock.now += 50;
    expect(codesOf(search({}))).toEqual(["A"]);
  });

  it("counts with EmployeCount strings, sums the cities of a state, and needs the tenantId parameter", () => {
    const { h, admin, create } = setup();
    const count = (query: Record<string, string>) => h.call("hrms.count", { caller: admin, query });
    expect(errorCodes(count({ tenantId: "pb.amritsar" }))).toEqual(["NO_RECORDS"]);
    create(employee({ code: "A" }), employee({ code: "B" }));
    expect(bodyOf(count({ tenantId: "pb.amritsar" }))["EmployeCount"]).toEqual({ totalEmployee: "2", activeEmployee: "2", inactiveEmployee: "0" });
    expect(bodyOf(count({ tenantId: "pb" }))["EmployeCount"]).toMatchObject({ totalEmployee: "2" });
    expect(Object.keys(bodyOf(count({ tenantId: "pb" })))).toEqual(["ResponseInfo", "EmployeCount"]);
    const missing = bodyOf(count({}))["Errors"] as { code: string; params: string[] }[];
    expect(missing[0]).toMatchObject({ code: "", params: ["tenantId"] });
    expect(errorCodes(count({ tenantId: "" }))).toEqual(["ERR_HRMS_COUNT_EMP"]);
  });
});

describe("hrms update", () => {
  function created() {
    const s = setup();
    s.create(employee({ code: "A" }));
    const live = s.search({ codes: "A" })[0] as Record<string, Json>;
    const update = (e: unknown) => s.h.call("hrms.update", { caller: s.admin, body: { Employees: [e] } });
    return { ...s, live, update };
  }

  it("replaces the employee and the user's roles when sent back as searched", () => {
    const { ctx, live, update, search } = created();
    const res = update({ ...live, reActivateEmployee: false, employeeStatus: "RETIRED", user: { ...live["user"], roles: [{ code: "PGR_LME", name: "LME", tenantId: "pb.amritsar" }] } });
    expect(res.status).toBe(202);
    expect(ctx.users.byUuid(live["uuid"])?.roles.map((r) => r.code)).toEqual(["PGR_LME"]);
    expect(search({ codes: "A" })[0]).toMatchObject({ employeeStatus: "RETIRED" });
  });

  it("needs id, code and uuid, finds by uuid, and refuses a code change", () => {
    const { live, update } = created();
    const { id: _i, ...noId } = live;
    expect(errorCodes(update({ ...noId, reActivateEmployee: false }))).toContain("ERR_HRMS_UPDATE_NULL_ID");
    expect(errorCodes(update({ ...live, reActivateEmployee: false, uuid: "ghost" }))).toContain("ERR_HRMS_UPDATE_EMPLOYEE_NOT_EXIST_CODE");
    expect(errorCodes(update({ ...live, reActivateEmployee: false, code: "B" }))).toContain("ERR_HRMS_UPDATE_EMPLOYEE_CODE_CHANGE");
  });

  it("requires every existing assignment and jurisdiction id back", () => {
    const { live, update } = created();
    const fresh = [{ department: "DEPT_1", designation: "DESIG_1", fromDate: T0 - YEAR, isCurrentAssignment: true }];
    expect(errorCodes(update({ ...live, reActivateEmployee: false, assignments: fresh }))).toEqual(["ERR_HRMS_UPDATE_ASSIGNEMENT_INCOSISTENT"]);
    const more = [...live["jurisdictions"], { hierarchy: "ADMIN", boundaryType: "City", boundary: "pb.amritsar" }];
    expect(update({ ...live, reActivateEmployee: false, jurisdictions: more }).status).toBe(202);
  });

  it("warns when isActive or reActivateEmployee is missing (DIGIT crashes), and refuses it under --strict", () => {
    const { live, update } = created();
    expect(update(live).status).toBe(202);
    const strict = setup({ strict: true });
    strict.create(employee({ code: "S" }));
    const s = strict.search({ codes: "S" })[0] as Record<string, unknown>;
    expect(errorCodes(strict.h.call("hrms.update", { caller: strict.admin, body: { Employees: [s] } }))).toEqual(["An unhandled exception occurred on the server"]);
  });
});
