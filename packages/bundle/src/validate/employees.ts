/**
 * What DIGIT's egov-hrms refuses in every employee, whatever the environment: its bean validation (model/
 * Employee.java, Assignment.java, Jurisdiction.java, web/contract/User.java) and the one-current-assignment rule
 * (web/validator/EmployeeValidator.java:350). Checking it here saves a failed apply; the MDMS checks (departments,
 * designations, ...) depend on the environment and are left to the server.
 */
import type { IssueSink } from "../errors.js";
import type { EmployeeSpec } from "../model.js";
import { joinPointer } from "../pointer.js";

const HINT = "egov-hrms refuses such an employee (docs/bundles.md, employees).";
const isRec = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null || v === "";

export function validateEmployees(employees: readonly EmployeeSpec[], sink: IssueSink): void {
  for (const e of employees) {
    const at = (...path: (string | number)[]) => joinPointer(e.origin.pointer, ...path.map(String));
    const err = (pointer: string, message: string) => sink.error(e.origin.file, pointer, message, HINT);
    const emp = e.employee;
    if (absent(emp["employeeType"])) err(at("employeeType"), "employeeType is required");
    const user = isRec(emp["user"]) ? emp["user"] : {};
    if (absent(user["dob"])) err(at("user", "dob"), "user.dob (date of birth, epoch milliseconds) is required");
    if (typeof user["mobileNumber"] !== "string" || !/^[0-9]{10}$/.test(user["mobileNumber"])) err(at("user", "mobileNumber"), "user.mobileNumber must be 10 digits");
    const assignments = Array.isArray(emp["assignments"]) ? emp["assignments"] : [];
    if (assignments.length === 0) err(at("assignments"), "at least one assignment is required");
    assignments.forEach((a, i) => {
      const x = isRec(a) ? a : {};
      for (const f of ["department", "designation", "fromDate", "isCurrentAssignment"]) if (absent(x[f])) err(at("assignments", i, f), `assignments[${i}].${f} is required`);
    });
    if (assignments.length > 0 && assignments.filter((a) => isRec(a) && a["isCurrentAssignment"] === true).length !== 1) {
      err(at("assignments"), "exactly one assignment must have isCurrentAssignment: true");
    }
    const jurisdictions = Array.isArray(emp["jurisdictions"]) ? emp["jurisdictions"] : [];
    if (jurisdictions.length === 0) err(at("jurisdictions"), "at least one jurisdiction is required");
    jurisdictions.forEach((j, i) => {
      const x = isRec(j) ? j : {};
      for (const f of ["hierarchy", "boundaryType", "boundary"]) if (absent(x[f])) err(at("jurisdictions", i, f), `jurisdictions[${i}].${f} is required`);
    });
  }
}
