import { describe, expect, it } from "vitest";
import { IssueSink } from "../src/errors.js";
import { validateEmployees } from "../src/validate/employees.js";

const origin = { file: "employees.yaml", pointer: "/0" };

describe("employee checks (what egov-hrms always refuses)", () => {
  it("accepts a DIGIT-valid employee", () => {
    const sink = new IssueSink();
    const employee = {
      employeeType: "PERMANENT",
      user: { name: "Asha", mobileNumber: "9000000001", dob: 631152000000, roles: [{ code: "GRO", name: "GRO" }] },
      assignments: [{ department: "DEPT_1", designation: "DESIG_04", fromDate: 1700000000000, isCurrentAssignment: true }],
      jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "City", boundary: "pg.citya" }],
    };
    validateEmployees([{ tenantId: "pg.citya", code: "E1", employee, origin }], sink);
    expect(sink.errors).toEqual([]);
  });

  it("names each missing field with its pointer", () => {
    const sink = new IssueSink();
    const employee = {
      user: { name: "Asha", mobileNumber: "123" },
      assignments: [{ department: "DEPT_1", isCurrentAssignment: false }],
      jurisdictions: [],
    };
    validateEmployees([{ tenantId: "pg.citya", code: "E1", employee, origin }], sink);
    expect(sink.errors.map((e) => e.pointer)).toEqual([
      "/0/employeeType",
      "/0/user/dob",
      "/0/user/mobileNumber",
      "/0/assignments/0/designation",
      "/0/assignments/0/fromDate",
      "/0/assignments",
      "/0/jurisdictions",
    ]);
  });
});

describe("boundary checks DIGIT's boundary-service makes", () => {
  it("accepts Point and closed Polygon geometries and names what it refuses", async () => {
    const { geometryProblem } = await import("../src/validate/boundary.js");
    expect(geometryProblem({ type: "Point", coordinates: [1, 2] })).toBeNull();
    expect(geometryProblem({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] })).toBeNull();
    expect(geometryProblem({ type: "MultiPolygon", coordinates: [] })).toMatch(/not Point or Polygon/);
    expect(geometryProblem({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] })).toMatch(/at least 5/);
    expect(geometryProblem({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 2]]] })).toMatch(/end where it starts/);
  });
});
