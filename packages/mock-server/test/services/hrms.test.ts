import { describe, expect, it } from "vitest";
import { DEFAULT_EMPLOYEE_PASSWORD, hrmsService } from "../../src/services/hrms/index.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role } from "./helpers.js";

function employee(overrides: Record<string, unknown> = {}, user: Record<string, unknown> = {}) {
  return {
    tenantId: "pb.amritsar",
    employeeStatus: "EMPLOYED",
    employeeType: "PERMANENT",
    assignments: [{ department: "DEPT_1", designation: "DESIG_1", fromDate: 1, isCurrentAssignment: true }],
    jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "City", boundary: "pb.amritsar" }],
    user: { name: "Asha", mobileNumber: "9999999999", gender: "FEMALE", roles: [{ code: "GRO", name: "Grievance Routing Officer", tenantId: "pb.amritsar" }], ...user },
    ...overrides,
  };
}

function setup(writeLagMs = 0) {
  const ctx = fakeContext({ writeLagMs });
  const h = new Harness(hrmsService, ctx);
  const admin = caller(ctx, [role("HRMS_ADMIN")], "admin");
  const create = (...Employees: unknown[]) => h.call("hrms.create", { caller: admin, body: { Employees } });
  const search = (query: Record<string, string>) =>
    bodyOf(h.call("hrms.search", { caller: admin, query: { tenantId: "pb.amritsar", ...query } }))["Employees"] as Record<string, unknown>[];
  return { ctx, h, admin, create, search };
}

describe("hrms", () => {
  it("creates the employee's EMPLOYEE user with its roles, userName = code, and hides the password", () => {
    const { ctx, create } = setup();
    const res = create(employee({ code: "EMP-1" }, { password: "Pass@123" }));
    expect(res.status).toBe(202);
    const emp = (bodyOf(res)["Employees"] as Record<string, unknown>[])[0] as { uuid: string; code: string; user: Record<string, unknown> };
    expect(emp.code).toBe("EMP-1");
    expect(emp.user).not.toHaveProperty("password");
    const user = ctx.users.byUuid(emp.uuid);
    expect(user).toMatchObject({ userName: "EMP-1", type: "EMPLOYEE", password: "Pass@123", tenantId: "pb.amritsar" });
    expect(user?.roles.map((r) => r.code)).toEqual(["GRO"]);
  });

  it("generates a code when missing and uses the default password", () => {
    const { ctx, create } = setup();
    const emp = (bodyOf(create(employee(), employee()))["Employees"] as { code: string; uuid: string }[]);
    expect(emp.map((e) => e.code)).toEqual(["EMP-PB.AMRITSAR-000001", "EMP-PB.AMRITSAR-000002"]);
    expect(ctx.users.byUuid(emp[0]?.uuid ?? "")?.password).toBe(DEFAULT_EMPLOYEE_PASSWORD);
  });

  it("refuses duplicate codes and invalid employees without creating any user", () => {
    const { ctx, create } = setup();
    create(employee({ code: "EMP-1" }));
    const before = ctx.users.all().length;
    expect(errorCodes(create(employee({ code: "EMP-2" }), employee({ code: "EMP-1" })))).toEqual(["DUPLICATE_EMPLOYEE_CODE"]);
    expect(errorCodes(create(employee({ code: "EMP-3" }, { roles: [] })))).toEqual(["INVALID_EMPLOYEE"]);
    expect(ctx.users.all().length).toBe(before);
  });

  it("searches by codes, names, roles, uuids and isActive with the user embedded", () => {
    const { create, search } = setup();
    create(employee({ code: "A" }), employee({ code: "B", isActive: false }, { name: "Ravi", roles: [{ code: "PGR_LME", tenantId: "pb.amritsar" }] }));
    expect(search({}).map((e) => e["code"])).toEqual(["A", "B"]);
    expect(search({ codes: "B" }).map((e) => e["code"])).toEqual(["B"]);
    expect(search({ names: "ravi" }).map((e) => e["code"])).toEqual(["B"]);
    expect(search({ roles: "GRO" }).map((e) => e["code"])).toEqual(["A"]);
    expect(search({ isActive: "true" }).map((e) => e["code"])).toEqual(["A"]);
    const b = search({ codes: "B" })[0] as { uuid: string; user: { name: string } };
    expect(b.user.name).toBe("Ravi");
    expect(search({ uuids: b.uuid }).map((e) => e["code"])).toEqual(["B"]);
    expect(search({ limit: "1", offset: "1" }).map((e) => e["code"])).toEqual(["B"]);
  });

  it("hides new employees from search and count during the write lag", () => {
    const { ctx, h, admin, create, search } = setup(50);
    create(employee({ code: "A" }));
    expect(search({})).toHaveLength(0);
    expect(errorCodes(h.call("hrms.count", { caller: admin, query: { tenantId: "pb.amritsar" } }))).toEqual(["NO_RECORDS"]);
    ctx.clock.now += 50;
    expect(search({}).map((e) => e["code"])).toEqual(["A"]);
  });

  it("updates roles on the user and refuses unknown employees", () => {
    const { ctx, h, admin, create } = setup();
    const emp = (bodyOf(create(employee({ code: "A" })))["Employees"] as Record<string, unknown>[])[0] as Record<string, unknown> & { uuid: string };
    const res = h.call("hrms.update", {
      caller: admin,
      body: { Employees: [{ ...emp, user: { ...(emp["user"] as object), roles: [{ code: "PGR_LME", tenantId: "pb.amritsar" }] } }] },
    });
    expect(res.status).toBe(202);
    expect(ctx.users.byUuid(emp.uuid)?.roles.map((r) => r.code)).toEqual(["PGR_LME"]);
    const missing = h.call("hrms.update", { caller: admin, body: { Employees: [{ tenantId: "pb.amritsar", code: "ZZZ" }] } });
    expect(errorCodes(missing)).toEqual(["EMPLOYEE_NOT_FOUND"]);
  });

  it("counts active and inactive employees, and answers NO_RECORDS when there are none", () => {
    const { h, admin, create } = setup();
    expect(errorCodes(h.call("hrms.count", { caller: admin, query: { tenantId: "pb.amritsar" } }))).toEqual(["NO_RECORDS"]);
    create(employee({ code: "A" }), employee({ code: "B", isActive: false }));
    const count = bodyOf(h.call("hrms.count", { caller: admin, query: { tenantId: "pb.amritsar" } }))["EmployeCount"];
    expect(count).toEqual({ totalEmployee: "2", activeEmployee: "1", inactiveEmployee: "1" });
  });
});
