/**
 * egov-hrms's bean validation of `Employees` (`@Valid` on EmployeeRequest.employees): the constraints of
 * model/Employee.java, model/Assignment.java, model/Jurisdiction.java, model/Role.java and web/contract/User.java
 * that a request can break, with Spring's codes (`NotNull.employeeRequest.employees[0].user.dob`). Through the
 * gateway door the request schema refuses most of these first; the handler checks them for internal callers.
 */
import type { DigitErrorItem } from "../../core/types.js";
import { beanViolation, MUST_NOT_BE_NULL } from "../shared/tracer.js";
import { isRecord } from "../shared/values.js";

const OBJECT = "employeeRequest";
const NAME = /^[a-zA-Z \-'`.]*$/;
const MOBILE = /^[0-9]{10}$/;

const absent = (v: unknown) => v === undefined || v === null;

export function employeeBeanErrors(items: unknown[]): DigitErrorItem[] {
  const errors: DigitErrorItem[] = [];
  const v = (constraint: string, path: string, message: string) => errors.push(beanViolation(constraint, OBJECT, path, message));
  const notNull = (value: unknown, path: string) => absent(value) && v("NotNull", path, MUST_NOT_BE_NULL);
  items.forEach((raw, i) => {
    const p = `employees[${i}]`;
    const e = isRecord(raw) ? raw : {};
    notNull(e["employeeType"], `${p}.employeeType`);
    notNull(e["tenantId"], `${p}.tenantId`);
    if (typeof e["code"] === "string" && (e["code"].length < 1 || e["code"].length > 256)) v("Size", `${p}.code`, "size must be between 1 and 256");
    for (const key of ["jurisdictions", "assignments"]) {
      const list = e[key];
      if (!Array.isArray(list) || list.length === 0) v("NotEmpty", `${p}.${key}`, "must not be empty");
    }
    if (Array.isArray(e["jurisdictions"]) && e["jurisdictions"].length > 50) v("Size", `${p}.jurisdictions`, "size must be between 1 and 50");
    (Array.isArray(e["assignments"]) ? e["assignments"] : []).forEach((a: unknown, j: number) => {
      const x = isRecord(a) ? a : {};
      for (const f of ["designation", "department", "fromDate", "isCurrentAssignment"]) notNull(x[f], `${p}.assignments[${j}].${f}`);
    });
    (Array.isArray(e["jurisdictions"]) ? e["jurisdictions"] : []).forEach((a: unknown, j: number) => {
      const x = isRecord(a) ? a : {};
      for (const f of ["hierarchy", "boundary", "boundaryType"]) notNull(x[f], `${p}.jurisdictions[${j}].${f}`);
      for (const f of ["hierarchy", "boundary"]) {
        if (typeof x[f] === "string" && ((x[f] as string).length < 2 || (x[f] as string).length > 100)) v("Size", `${p}.jurisdictions[${j}].${f}`, "size must be between 2 and 100");
      }
    });
    const user = e["user"];
    if (!isRecord(user)) {
      v("NotNull", `${p}.user`, MUST_NOT_BE_NULL);
      return;
    }
    notNull(user["name"], `${p}.user.name`);
    if (typeof user["name"] === "string" && !NAME.test(user["name"])) v("Pattern", `${p}.user.name`, "Invalid name. Only alphabets and special characters -, ',`, .");
    notNull(user["mobileNumber"], `${p}.user.mobileNumber`);
    if (typeof user["mobileNumber"] === "string" && !MOBILE.test(user["mobileNumber"])) v("Pattern", `${p}.user.mobileNumber`, "MobileNumber should be 10 digit number");
    notNull(user["dob"], `${p}.user.dob`);
    (Array.isArray(user["roles"]) ? user["roles"] : []).forEach((r: unknown, j: number) => {
      const x = isRecord(r) ? r : {};
      notNull(x["name"], `${p}.user.roles[${j}].name`);
    });
  });
  return errors;
}
