/**
 * pgr-services' calls to other DIGIT services, made through `ctx.call` (the internal door) with the bodies
 * pgr-services sends and the client's RequestInfo. A downstream 4xx passes through verbatim (ServiceCallException).
 */
import type { MockContext, OperationResult } from "../../core/types.js";
import { stateOf } from "../shared/tenancy.js";
import { isRecord } from "../shared/values.js";
import { fail, passThrough, PgrCodes, PgrMessages } from "./errors.js";

/** pgr-services' defaults (pgr-services/src/main/resources/application.properties:70-73). */
export const ID_NAME = "pgr.servicerequestid";
export const ID_FORMAT = "PB-PGR-[cy:yyyy-MM-dd]-[SEQ_EG_PGR_ID]";
/** PGRConstants.java:15, :21 */
export const BUSINESS_SERVICE = "PGR";
export const MODULE_NAME = "PGR";

function call(ctx: MockContext, ri: unknown, operationId: string, body: Record<string, unknown>, query?: Record<string, string>): Record<string, unknown> {
  const result: OperationResult = ctx.call(operationId, { RequestInfo: ri, ...body }, query ? { query } : {});
  if (result.status >= 500) throw new Error(`${operationId} failed inside a PGR call with HTTP ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
  if (result.status >= 400) passThrough(result, ri);
  return isRecord(result.body) ? result.body : {};
}

/**
 * The active `RAINMAKER-PGR.ServiceDefs` records, as MDMS v1 answers pgr-services' search (MDMSUtils.java:39-99):
 * `undefined` when the answer has no such master at all (DIGIT's JSONPath read then fails: JSONPATH_ERROR).
 */
export function serviceDefs(ctx: MockContext, ri: unknown, tenantId: string): Record<string, unknown>[] | undefined {
  const body = call(ctx, ri, "mdmsV1.search", {
    MdmsCriteria: { tenantId, moduleDetails: [{ moduleName: "RAINMAKER-PGR", masterDetails: [{ name: "ServiceDefs", filter: "$.[?(@.active==true)]" }] }] },
  });
  const res = body["MdmsRes"];
  const module = isRecord(res) ? res["RAINMAKER-PGR"] : undefined;
  const defs = isRecord(module) ? module["ServiceDefs"] : undefined;
  return Array.isArray(defs) ? defs.filter(isRecord) : undefined;
}

/**
 * Departments of every assignment (current or not) of the HRMS employees with these uuids: pgr-services searches
 * HRMS by `uuids` only, with no tenantId (HRMSUtil.java:40-78).
 */
export function departmentsOf(ctx: MockContext, ri: unknown, uuids: string[]): string[] {
  const query = { uuids: uuids.join(",") };
  const result = ctx.call("hrms.search", { RequestInfo: ri }, { query });
  let employees: unknown;
  if (refusesSearchWithoutTenant(result)) {
    // TODO(hrms): remove once hrms.search answers `uuids` without a tenantId across tenants, as DIGIT's
    // EmployeeValidator allows (egov-hrms/.../web/validator/EmployeeValidator.java:115-148). Until then, ask each tenant.
    employees = ctx.tenants.list().flatMap((tenantId) => {
      const r = ctx.call("hrms.search", { RequestInfo: ri }, { query: { ...query, tenantId } });
      const list = isRecord(r.body) ? r.body["Employees"] : undefined;
      return r.status < 300 && Array.isArray(list) ? list : [];
    });
  } else {
    if (result.status >= 500) throw new Error(`hrms.search failed inside a PGR call with HTTP ${result.status}.`);
    if (result.status >= 400) passThrough(result, ri);
    employees = isRecord(result.body) ? result.body["Employees"] : undefined;
  }
  if (!Array.isArray(employees)) fail(PgrCodes.parsingError, PgrMessages.hrmsParsing, ri);
  const departments: string[] = [];
  for (const e of employees.filter(isRecord)) {
    for (const a of Array.isArray(e["assignments"]) ? e["assignments"].filter(isRecord) : []) {
      if (typeof a["department"] === "string") departments.push(a["department"]);
    }
  }
  if (departments.length === 0) fail(PgrCodes.departmentNotFound, PgrMessages.departmentNotFound(uuids), ri);
  return departments;
}

/** The mock's (pre-fix) refusal of an HRMS search without tenantId, which DIGIT's HRMS answers. */
function refusesSearchWithoutTenant(result: OperationResult): boolean {
  const errors = result.status === 400 && isRecord(result.body) && Array.isArray(result.body["Errors"]) ? result.body["Errors"] : [];
  return errors.some((e) => isRecord(e) && e["code"] === "INVALID_SEARCH_CRITERIA" && /tenantId/.test(String(e["message"])));
}

/** egov-user `_search` for CITIZEN users (UserService.java:169-239). */
export function searchCitizens(ctx: MockContext, ri: unknown, criteria: Record<string, unknown>): Record<string, unknown>[] {
  const body = call(ctx, ri, "user.search", { ...criteria, userType: "CITIZEN", active: true });
  return Array.isArray(body["user"]) ? body["user"].filter(isRecord) : [];
}

/** `user/users/_createnovalidate` or `_updatenovalidate` with `{RequestInfo, user}` (UserService.java:125-160). */
export function writeUser(ctx: MockContext, ri: unknown, operationId: "user.createNoValidate" | "user.updateNoValidate", user: Record<string, unknown>): Record<string, unknown> {
  const body = call(ctx, ri, operationId, { user });
  const users = Array.isArray(body["user"]) ? body["user"].filter(isRecord) : [];
  const first = users[0];
  if (first === undefined) throw new Error(`${operationId} answered no user.`);
  return first;
}

/** One complaint number from idgen (EnrichmentService.java:143-152, IdGenRepository.java:46-64). */
export function nextServiceRequestId(ctx: MockContext, ri: unknown, tenantId: string): string {
  const body = call(ctx, ri, "idgen.generate", { idRequests: [{ idName: ID_NAME, format: ID_FORMAT, tenantId, count: 1 }] });
  const ids = Array.isArray(body["idResponses"]) ? body["idResponses"].filter(isRecord) : [];
  const id = ids[0]?.["id"];
  if (typeof id !== "string" || id === "") fail(PgrCodes.idgenError, PgrMessages.idgen, ri);
  return id;
}

/** The PGR business service's code for the tenant (WorkflowService.java:42-58); workflow resolves city → state. */
export function businessServiceCode(ctx: MockContext, ri: unknown, tenantId: string): string {
  const body = call(ctx, ri, "workflow.searchBusinessServices", {}, { tenantId, businessServices: BUSINESS_SERVICE });
  const list = Array.isArray(body["BusinessServices"]) ? body["BusinessServices"].filter(isRecord) : [];
  const code = list[0]?.["businessService"];
  if (typeof code !== "string") fail(PgrCodes.businessServiceNotFound, PgrMessages.businessServiceNotFound, ri);
  return code;
}

/** `process/_transition` with the process instance pgr-services builds (WorkflowService.java:176-203); the state entered. */
export function transition(ctx: MockContext, ri: unknown, instance: Record<string, unknown>): Record<string, unknown> {
  const body = call(ctx, ri, "workflow.transition", { ProcessInstances: [instance] });
  const list = Array.isArray(body["ProcessInstances"]) ? body["ProcessInstances"].filter(isRecord) : [];
  const state = list[0]?.["state"];
  if (!isRecord(state)) throw new Error("workflow.transition answered no state.");
  return state;
}

/**
 * The latest process instance of each complaint number of one tenant (WorkflowService.java:111-155). DIGIT sends
 * no limit; the mock asks for every id of the page (see docs/mock-server.md, PGR).
 */
export function latestInstances(ctx: MockContext, ri: unknown, tenantId: string, businessIds: string[]): Record<string, unknown>[] {
  const search = (ids: string[], offset = 0): Record<string, unknown>[] => {
    const query = { tenantId, businessIds: ids.join(","), limit: String(WORKFLOW_PAGE), offset: String(offset) };
    const body = call(ctx, ri, "workflow.searchProcesses", {}, query);
    return Array.isArray(body["ProcessInstances"]) ? body["ProcessInstances"].filter(isRecord) : [];
  };
  // The workflow answers at most WORKFLOW_PAGE instances a call and matches businessIds as substrings (PG-1 also
  // finds PG-10): ask in pages, keep exact matches only, and page through the matches of any complaint that a
  // full page crowded out.
  const wanted = new Set(businessIds);
  const found = new Map<unknown, Record<string, unknown>>();
  const keep = (list: Record<string, unknown>[]) => {
    for (const p of list) if (wanted.has(p["businessId"] as string) && !found.has(p["businessId"])) found.set(p["businessId"], p);
  };
  for (let i = 0; i < businessIds.length; i += WORKFLOW_PAGE) keep(search(businessIds.slice(i, i + WORKFLOW_PAGE)));
  for (const id of businessIds) {
    for (let offset = 0; !found.has(id); offset += WORKFLOW_PAGE) {
      const page = search([id], offset);
      keep(page);
      if (page.length < WORKFLOW_PAGE) break;
    }
  }
  return [...found.values()];
}

/** egov-workflow-v2's maximum page size (`egov.wf.max.limit`, application.properties:67). */
const WORKFLOW_PAGE = 100;

/** pgr-services' state-level tenant: everything before the first dot (UserUtils.java:130-132). */
export const stateTenantOf = stateOf;
