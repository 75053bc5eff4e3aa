/**
 * MDMS masters DIGIT's egov-hrms and egov-user-event check requests against, for the built-in seed's state:
 * common-masters Department / Designation, egov-hrms EmployeeStatus / EmployeeType / DeactivationReason,
 * mseva EventTypes / EventCategories, and egov-location TenantBoundary for the seed's city (HRMS validates
 * jurisdictions against it). Codes follow DIGIT's default data (CCRS default-data-handler). The seed already has
 * ACCESSCONTROL-ROLES roles, so without these HRMS would find some masters but not others, which DIGIT's HRMS
 * cannot handle (400 NullPointerException). The schemas DIGIT's default data defines (common-masters Department and
 * Designation, the egov-hrms masters) carry its definitions and descriptions byte for byte (CCRS default-data-handler
 * `mdms/schemas/common-masters.json` and `egov-hrms.json`), so a bundle written from that data plans them unchanged:
 * mdms-v2 cannot update a schema (SchemaDefinitionController.java answers _update with 501).
 */
import type { MdmsRecordSpec, MdmsSchemaSpec } from "@digit-kit/bundle";
import { seedOrigin } from "./spec.js";

const draft07 = "http://json-schema.org/draft-07/schema#";

/** A `{code, active, ...}` master keyed by code. */
const codeMaster = (extra: Record<string, unknown> = {}) => ({
  $schema: draft07,
  type: "object",
  required: ["code", "active"],
  "x-unique": ["code"],
  properties: { code: { type: "string", minLength: 1 }, active: { type: "boolean" }, name: { type: "string" }, description: { type: "string" }, ...extra },
});

/** A definition as DIGIT's default data writes it ("Generated schema for Root", no extra properties, no references). */
const defaultDataMaster = (required: string[], properties: Record<string, unknown>) => ({
  type: "object",
  title: "Generated schema for Root",
  $schema: draft07,
  required,
  "x-unique": ["code"],
  properties,
  "x-ref-schema": [],
  additionalProperties: false,
});
const codeActive = () => defaultDataMaster(["code", "active"], { code: { type: "string" }, active: { type: "boolean" } });

const DEPARTMENTS: [string, string][] = [
  ["DEPT_1", "Street Lights"],
  ["DEPT_2", "Building & Roads"],
  ["DEPT_3", "Health & Sanitation"],
  ["DEPT_4", "Operation & Maintenance"],
  ["DEPT_5", "Horticulture"],
  ["DEPT_6", "Building Branch"],
  ["DEPT_7", "Citizen service desk"],
  ["DEPT_8", "Complaint Cell"],
  ["DEPT_9", "Executive Branch"],
  ["DEPT_10", "Others"],
];
const DESIGNATIONS: [string, string][] = [
  ["DESIG_01", "Superintending Engineer ( B&R)"],
  ["DESIG_03", "Asst. Engineer ( B&R)"],
  ["DESIG_04", "Junior Engineer ( B&R)"],
  ["DESIG_09", "Junior Engineer ( O&M)"],
  ["DESIG_12", "Junior Engineer ( Light)"],
  ["DESIG_13", "Health Officer"],
  ["DESIG_16", "Sainitary Inspector"],
  ["DESIG_23", "Citizen service representative"],
  ["DESIG_24", "Assistant Commissioner"],
  ["COMM", "Commissioner"],
];
const EMPLOYEE_STATUSES = ["EMPLOYED", "RETIRED", "RESIGNED", "TERMINATED", "DECEASED", "SUSPENDED", "TRANSFERRED"];
const EMPLOYEE_TYPES = ["PERMANENT", "TEMPORARY", "DAILYWAGES", "CONTRACT", "DEPUTATION"];
const DEACTIVATION_REASONS = ["OTHERS", "ORDERBYCOMMISSIONER"];
const EVENT_TYPES = ["BROADCAST", "EVENTSONGROUND", "SYSTEMGENERATED"];
const EVENT_CATEGORIES = ["CULTURAL", "SPORTS", "HEALTH", "EDUCATION", "OTHERS"];

/** Schemas and records of the masters above for `state`, with the TenantBoundary of `city`. */
export function serviceMastersSeed(state: string, city: { code: string; name: string }): { schemas: MdmsSchemaSpec[]; data: MdmsRecordSpec[] } {
  const definitions: Record<string, Record<string, unknown>> = {
    "common-masters.Department": defaultDataMaster(["name", "code", "active"], {
      code: { type: "string" },
      name: { type: "string" },
      active: { type: "boolean", default: true },
    }),
    "common-masters.Designation": defaultDataMaster(["code", "name", "description", "active"], {
      code: { type: "string" },
      name: { type: "string" },
      active: { type: "boolean" },
      department: { type: "array", items: { type: "string" } },
      description: { type: "string" },
    }),
    "egov-hrms.EmployeeStatus": codeActive(),
    "egov-hrms.EmployeeType": codeActive(),
    "egov-hrms.DeactivationReason": codeActive(),
    "mseva.EventTypes": codeMaster(),
    "mseva.EventCategories": codeMaster(),
    "egov-location.TenantBoundary": {
      $schema: draft07,
      type: "object",
      // mdms-v2 needs a non-empty x-unique ⊆ required of top-level fields with text values (SchemaDefinitionValidator
      // .java:57-75, CompositeUniqueIdentifierGenerationUtil.java:31), which DIGIT's nested TenantBoundary records
      // lack: the seed's records carry the hierarchy code as a top-level `code` too.
      required: ["code", "hierarchyType", "boundary"],
      "x-unique": ["code"],
      properties: { code: { type: "string" }, hierarchyType: { type: "object" }, boundary: { type: "object" } },
    },
  };
  const schemas: MdmsSchemaSpec[] = Object.entries(definitions).map(([code, definition]) => ({
    tenantId: state,
    code,
    // DIGIT's default data describes the two common-masters schemas with two spaces.
    description: code.startsWith("common-masters.") ? "  " : code,
    isActive: true,
    definition,
    origin: seedOrigin(`/schemas/${code}`),
  }));
  const data: MdmsRecordSpec[] = [];
  const add = (schemaCode: string, tenantId: string, record: Record<string, unknown>) =>
    data.push({ tenantId, schemaCode, data: record, isActive: true, origin: seedOrigin(`/mdms/${schemaCode}/${String(record["code"] ?? "")}`) });
  for (const [code, name] of DEPARTMENTS) add("common-masters.Department", state, { code, name, active: true });
  for (const [code, name] of DESIGNATIONS) add("common-masters.Designation", state, { code, name, description: name, active: true });
  for (const code of EMPLOYEE_STATUSES) add("egov-hrms.EmployeeStatus", state, { code, active: true });
  for (const code of EMPLOYEE_TYPES) add("egov-hrms.EmployeeType", state, { code, active: true });
  for (const code of DEACTIVATION_REASONS) add("egov-hrms.DeactivationReason", state, { code, active: true });
  for (const code of EVENT_TYPES) add("mseva.EventTypes", state, { code, active: true });
  for (const code of EVENT_CATEGORIES) add("mseva.EventCategories", state, { code, active: true });
  add("egov-location.TenantBoundary", city.code, {
    code: "ADMIN",
    hierarchyType: { code: "ADMIN", name: "ADMIN" },
    boundary: { id: 1, boundaryNum: 1, name: city.name, localname: city.name, label: "City", code: city.code, children: [] },
  });
  return { schemas, data };
}

/** `seed` with the service masters of `state` (and `city`'s TenantBoundary) appended. */
export function withServiceMasters<T extends { schemas: MdmsSchemaSpec[]; data: MdmsRecordSpec[] }>(seed: T, state: string, city: { code: string; name: string }): T {
  const extra = serviceMastersSeed(state, city);
  return { ...seed, schemas: [...seed.schemas, ...extra.schemas], data: [...seed.data, ...extra.data] };
}
