/**
 * `_create` and `_update` (PGRService.java:63-70, :122-129): MDMS read, validation, enrichment (user service, idgen),
 * the workflow transition, then the persister's write. Downstream refusals pass through and, because they are thrown,
 * the core undoes whatever this request wrote before them (DIGIT would keep a citizen it had already created).
 */
import type { MockContext, OperationHandler, OperationRequest, OperationResult } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { isRecord } from "../shared/values.js";
import {
  BUSINESS_SERVICE,
  businessServiceCode,
  departmentsOf,
  MODULE_NAME,
  nextServiceRequestId,
  searchCitizens,
  serviceDefs,
  stateTenantOf,
  transition,
  writeUser,
} from "./calls.js";
import { fail, failMissing, PgrCodes, PgrMessages } from "./errors.js";
import { addressRow, citizenOf, complaintById, num, text, type PgrSlice, type StoredAddress, type StoredComplaint } from "./model.js";
import { bindRequest, callerOf, pgrResponseInfo, requestInfoOf, validateBeans, type BoundRequest, type PgrCaller } from "./request.js";

/** `allowed.source` (application.properties:113): compared exactly. */
export const ALLOWED_SOURCES = ["whatsapp", "web", "mobile", "RB Bot"];
/** `pgr.complain.idle.time` (application.properties:85): a complaint idle longer than this cannot be reopened. */
export const REOPEN_WINDOW_MS = 864_000_000;
const REOPEN = "REOPEN";

function validateSource(source: unknown, ri: unknown): void {
  if (typeof source !== "string" || !ALLOWED_SOURCES.includes(source)) fail(PgrCodes.invalidSource, PgrMessages.invalidSource(source), ri);
}

/** ServiceRequestValidator.java:112-128: the code must be among the active ServiceDefs. */
function validateServiceCode(defs: Record<string, unknown>[] | undefined, code: string, ri: unknown): void {
  if (defs === undefined) fail(PgrCodes.jsonPathError, PgrMessages.jsonPath, ri);
  if (!defs.some((d) => d["serviceCode"] === code)) fail(PgrCodes.invalidServiceCode, PgrMessages.invalidServiceCode(code), ri);
}

/** ServiceRequestValidator.java:138-173: assignees must be HRMS employees of the complaint type's department. */
function validateDepartment(ctx: MockContext, ri: unknown, defs: Record<string, unknown>[] | undefined, bound: BoundRequest): void {
  if (bound.workflow === null) failMissing("workflow", ri);
  const assignes = bound.workflow["assignes"] as string[] | null;
  if (assignes === null || assignes.length === 0) return;
  const code = bound.service["serviceCode"] as string;
  const departments = departmentsOf(ctx, ri, assignes);
  if (defs === undefined) fail(PgrCodes.jsonPathError, PgrMessages.jsonPathDepartment, ri);
  const fromMdms = defs.filter((d) => d["serviceCode"] === code && d["department"] !== undefined && d["department"] !== null).map((d) => d["department"]);
  if (fromMdms.length === 0) fail(PgrCodes.parsingError, PgrMessages.departmentFromMdms(code), ri);
  if (!departments.includes(fromMdms[0] as string)) fail(PgrCodes.invalidAssignment, PgrMessages.invalidAssignment(departments), ri);
}

/** ServiceRequestValidator.java:180-198, on the body's own auditDetails and accountId. */
function validateReopen(bound: BoundRequest, caller: PgrCaller, now: number, ri: unknown): void {
  const action = bound.workflow?.["action"];
  if (typeof action !== "string") failMissing("workflow.action", ri);
  if (action.toUpperCase() !== REOPEN) return;
  const audit = bound.service["auditDetails"];
  if (!isRecord(audit)) failMissing("service.auditDetails (to reopen)", ri);
  if (caller.type === "CITIZEN" && caller.uuid.toLowerCase() !== String(bound.service["accountId"] ?? "").toLowerCase()) {
    fail(PgrCodes.invalidAction, PgrMessages.reopenNotOwner, ri);
  }
  const lastModified = num(audit["lastModifiedTime"]);
  if (lastModified === null) failMissing("service.auditDetails.lastModifiedTime (to reopen)", ri);
  if (now - lastModified > REOPEN_WINDOW_MS) fail(PgrCodes.invalidAction, PgrMessages.reopenClosed, ri);
}

/** UserService.java:40-116: look the owner up by accountId, or find/create the citizen an employee files for. */
function callUserService(ctx: MockContext, ri: unknown, bound: BoundRequest): void {
  const { service } = bound;
  const state = stateTenantOf(String(service["tenantId"]));
  const accountId = text(service["accountId"]);
  if (accountId !== null && accountId !== "") {
    const found = searchCitizens(ctx, ri, { tenantId: state, uuid: [accountId] });
    if (found[0] === undefined) fail(PgrCodes.invalidAccountId, PgrMessages.invalidAccountId, ri);
    service["citizen"] = citizenOf(found[0]);
    return;
  }
  const citizen = bound.citizen;
  if (citizen === null) return;
  const mobile = text(citizen["mobileNumber"]);
  if (mobile === null) failMissing("service.citizen.mobileNumber", ri);
  const found = searchCitizens(ctx, ri, { tenantId: state, userName: mobile })[0];
  if (found !== undefined) {
    const name = text(citizen["name"]);
    if (name === null) failMissing("service.citizen.name", ri);
    if (name.toLowerCase() !== String(found["name"] ?? "").toLowerCase()) {
      const updated = writeUser(ctx, ri, "user.updateNoValidate", { ...citizenOf(found), name, active: true });
      service["accountId"] = updated["uuid"];
    } else {
      service["accountId"] = found["uuid"];
    }
    return;
  }
  // UserUtils.java:108-128: the request's citizen object itself gets the defaults (the answer echoes it, without uuid).
  Object.assign(citizen, { roles: [{ code: "CITIZEN", name: "Citizen", tenantId: state }], type: "CITIZEN", userName: mobile, tenantId: state, active: true });
  const created = writeUser(ctx, ri, "user.createNoValidate", { ...citizen });
  service["accountId"] = created["uuid"];
}

/** The process instance pgr-services sends to `_transition` (WorkflowService.java:176-203). */
function processInstance(ctx: MockContext, ri: unknown, bound: BoundRequest): Record<string, unknown> {
  const { service } = bound;
  const workflow = bound.workflow as Record<string, unknown>;
  const code = businessServiceCode(ctx, ri, String(service["tenantId"]));
  const assignes = workflow["assignes"] as string[] | null;
  const instance: Record<string, unknown> = {
    businessId: service["serviceRequestId"],
    action: workflow["action"],
    moduleName: MODULE_NAME,
    tenantId: service["tenantId"],
    businessService: code,
  };
  if (workflow["verificationDocuments"] !== null) instance["documents"] = workflow["verificationDocuments"];
  if (workflow["comments"] !== null) instance["comment"] = workflow["comments"];
  if (assignes !== null && assignes.length > 0) instance["assignes"] = assignes.map((uuid) => ({ uuid }));
  return instance;
}

const LIMITS: [keyof StoredAddress, number][] = [
  ["doorNo", 128],
  ["plotNo", 256],
  ["buildingName", 1024],
  ["street", 1024],
  ["landmark", 1024],
  ["city", 512],
  ["pincode", 16],
  ["locality", 128],
  ["district", 256],
  ["region", 256],
  ["state", 256],
  ["country", 512],
];

/**
 * What makes DIGIT's persister fail after pgr-services answered 200 (columns of V20200717133931__create_table.sql):
 * DIGIT then loses the write. The mock keeps it and warns; `--strict` refuses instead.
 */
function persisterChecks(req: OperationRequest, ctx: MockContext, row: { serviceCode: string; description: string | null; source: string; address: StoredAddress }): void {
  const problems: string[] = [];
  if (row.address.locality === null) problems.push("address.locality.code is required (column locality NOT NULL)");
  for (const [field, max] of LIMITS) {
    const value = row.address[field];
    if (typeof value === "string" && value.length > max) problems.push(`address.${field} is longer than ${max} characters`);
  }
  if (row.description !== null && row.description.length > 4000) problems.push("description is longer than 4000 characters");
  if (row.serviceCode.length > 256) problems.push("serviceCode is longer than 256 characters");
  if (row.source.length > 256) problems.push("source is longer than 256 characters");
  if (row.address.latitude !== null && Math.abs(row.address.latitude) >= 1000) problems.push("geoLocation.latitude overflows NUMERIC(9,6)");
  if (row.address.longitude !== null && Math.abs(row.address.longitude) >= 1000) problems.push("geoLocation.longitude overflows NUMERIC(10,7)");
  if (problems.length === 0) return;
  strictOnly(req, ctx, {
    code: PgrCodes.invalidRequest,
    message: `DIGIT's persister would drop this complaint after answering 200 (pgr-services-persister.yml): ${problems.join("; ")}.`,
    description: null,
    params: null,
  });
}

function answer(ri: unknown, bound: BoundRequest): OperationResult {
  return {
    status: 200,
    body: {
      responseInfo: pgrResponseInfo(ri),
      ServiceWrappers: [{ service: bound.service, workflow: bound.workflow }],
      complaintsResolved: 0,
      averageResolutionTime: 0,
      complaintTypes: 0,
    },
  };
}

export const createComplaint: OperationHandler<PgrSlice> = (req, ctx, slice) => {
  const ri = requestInfoOf(req);
  const caller = callerOf(req);
  const bound = bindRequest(req);
  validateBeans(bound, ri);
  const { service } = bound;
  const tenantId = service["tenantId"] as string;
  const defs = serviceDefs(ctx, ri, tenantId);

  // validateCreate (ServiceRequestValidator.java:42-50): the user-data error is raised last.
  let userError: string | null = null;
  if (caller.type === "EMPLOYEE") {
    if (bound.citizen === null) userError = PgrMessages.citizenNull;
    else if (bound.citizen["mobileNumber"] === null || bound.citizen["name"] === null) userError = PgrMessages.citizenFields;
  }
  validateSource(service["source"], ri);
  validateServiceCode(defs, service["serviceCode"] as string, ri);
  validateDepartment(ctx, ri, defs, bound);
  if (userError !== null) fail(PgrCodes.invalidRequest, userError, ri);

  // enrichCreateRequest (EnrichmentService.java:46-82)
  if (caller.type === "CITIZEN") service["accountId"] = caller.uuid;
  callUserService(ctx, ri, bound);
  const now = ctx.now();
  service["auditDetails"] = { createdBy: caller.uuid, lastModifiedBy: caller.uuid, createdTime: now, lastModifiedTime: now };
  service["id"] = ctx.uuid();
  const address = bound.address as Record<string, unknown>;
  address["id"] = ctx.uuid();
  address["tenantId"] = tenantId;
  service["active"] = true;
  for (const doc of (bound.workflow?.["verificationDocuments"] as Record<string, unknown>[] | null) ?? []) doc["id"] = ctx.uuid();
  if (text(service["accountId"]) === null || service["accountId"] === "") {
    const uuid = bound.citizen?.["uuid"];
    if (bound.citizen === null) failMissing("service.citizen (or accountId)", ri);
    service["accountId"] = uuid ?? null;
  }
  service["serviceRequestId"] = nextServiceRequestId(ctx, ri, tenantId);

  const state = transition(ctx, ri, processInstance(ctx, ri, bound));
  service["applicationStatus"] = state["applicationStatus"] ?? null;

  const row: StoredComplaint = {
    id: service["id"] as string,
    tenantId,
    serviceCode: service["serviceCode"] as string,
    serviceRequestId: service["serviceRequestId"] as string,
    description: text(service["description"]),
    accountId: text(service["accountId"]),
    rating: null,
    additionalDetail: service["additionalDetail"] ?? null,
    applicationStatus: text(service["applicationStatus"]),
    source: service["source"] as string,
    active: true,
    address: addressRow(address, address["id"] as string, tenantId),
    auditDetails: { createdBy: caller.uuid, createdTime: now, lastModifiedBy: caller.uuid, lastModifiedTime: now },
    seq: slice.seq + 1,
    visibleFrom: now + ctx.options.writeLagMs,
  };
  persisterChecks(req, ctx, row);
  slice.seq = row.seq;
  slice.complaints[row.id] = structuredClone(row);
  return answer(ri, bound);
};

export const updateComplaint: OperationHandler<PgrSlice> = (req, ctx, slice) => {
  const ri = requestInfoOf(req);
  const caller = callerOf(req);
  const bound = bindRequest(req);
  validateBeans(bound, ri);
  const { service } = bound;
  const defs = serviceDefs(ctx, ri, service["tenantId"] as string);

  // validateUpdate (ServiceRequestValidator.java:58-74)
  validateSource(service["source"], ri);
  validateServiceCode(defs, service["serviceCode"] as string, ri);
  validateDepartment(ctx, ri, defs, bound);
  const now = ctx.now();
  validateReopen(bound, caller, now, ri);
  const id = text(service["id"]);
  const stored = id === null ? undefined : complaintById(slice, id);
  if (stored === undefined) fail(PgrCodes.invalidUpdate, PgrMessages.invalidUpdate, ri);

  // enrichUpdateRequest (EnrichmentService.java:89-98; PGRUtils.java:19-26)
  const audit = service["auditDetails"];
  if (!isRecord(audit)) failMissing("service.auditDetails (send back the one a search returned)", ri);
  service["auditDetails"] = { createdBy: audit["createdBy"] ?? null, lastModifiedBy: caller.uuid, createdTime: audit["createdTime"] ?? null, lastModifiedTime: now };
  callUserService(ctx, ri, bound);

  const state = transition(ctx, ri, processInstance(ctx, ri, bound));
  service["applicationStatus"] = state["applicationStatus"] ?? null;

  // The persister's UPDATEs (pgr-services-persister.yml:98-164): a full replace of the mutable columns.
  const address = bound.address as Record<string, unknown>;
  const next: StoredComplaint = {
    ...structuredClone(stored),
    serviceCode: service["serviceCode"] as string,
    rating: num(service["rating"]),
    serviceRequestId: text(service["serviceRequestId"]),
    description: text(service["description"]),
    accountId: text(service["accountId"]),
    additionalDetail: service["additionalDetail"] ?? null,
    applicationStatus: text(service["applicationStatus"]),
    auditDetails: { ...stored.auditDetails, lastModifiedBy: caller.uuid, lastModifiedTime: now },
  };
  const addressId = text(address["id"]);
  const owner = addressId === null ? undefined : Object.values(slice.complaints).find((c) => c.address.id === addressId);
  const newAddress = owner === undefined ? undefined : addressRow(address, owner.address.id, owner.address.tenantId);
  persisterChecks(req, ctx, { ...next, address: newAddress ?? next.address });
  if (owner !== undefined && newAddress !== undefined) {
    if (owner.id === next.id) next.address = newAddress;
    else slice.complaints[owner.id] = structuredClone({ ...owner, address: newAddress });
  }
  slice.complaints[next.id] = structuredClone(next);
  return answer(ri, bound);
};

export { BUSINESS_SERVICE };
