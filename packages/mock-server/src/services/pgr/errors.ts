/**
 * pgr-services' error codes and messages, spelled as DIGIT's code spells them (including the codes with a space).
 * Every one answers HTTP 400, like DIGIT's tracer. Citations are under ../shared/reference/digit-source.
 */
import { ErrorCodes, MockHttpError } from "../../core/errors.js";
import type { DigitErrorItem, OperationResult } from "../../core/types.js";

/** Line references below are to pgr-services/src/main/java/org/egov/pgr/validator/ServiceRequestValidator.java (V) unless named. */
export const PgrCodes = {
  /** V:272 */
  invalidSource: "INVALID_SOURCE",
  /** V:123, :157 */
  jsonPathError: "JSONPATH_ERROR",
  /** V:127 */
  invalidServiceCode: "INVALID_SERVICECODE",
  /** HRMSUtil.java:54, V:161 */
  parsingError: "PARSING_ERROR",
  /** HRMSUtil.java:58 */
  departmentNotFound: "DEPARTMENT_NOT_FOUND",
  /** V:167 */
  invalidAssignment: "INVALID_ASSIGNMENT",
  /** V:99, :101; also the mock's code where DIGIT throws a NullPointerException. */
  invalidRequest: ErrorCodes.invalidRequest,
  /** V:192, :196 */
  invalidAction: "INVALID_ACTION",
  /** V:70 */
  invalidUpdate: "INVALID_UPDATE",
  /** UserService.java:112 */
  invalidAccountId: "INVALID_ACCOUNTID",
  /** EnrichmentService.java:148 (with a space) */
  idgenError: "IDGEN ERROR",
  /** WorkflowService.java:55 */
  businessServiceNotFound: "BUSINESSSERVICE_NOT_FOUND",
  /** V:214, :229, :232; PGRQueryBuilder.java:150 */
  invalidSearch: "INVALID_SEARCH",
  /** V:241-259 (with a space) */
  invalidSearchSpace: "INVALID SEARCH",
  /** UserService.java:211 */
  userNotFound: "USER_NOT_FOUND",
  /** WorkflowService.java:142 */
  workflowNotFound: "WORKFLOW_NOT_FOUND",
  /** V:279 */
  tenantIdListEmpty: "TENANT_ID_LIST_EMPTY",
  /** tracer ExceptionAdvise.java:162-170 (a negative limit or offset reaches Postgres) */
  queryExecutionError: "QUERY_EXECUTION_ERROR",
} as const;

export const PgrMessages = {
  invalidSource: (source: unknown) => `The source: ${String(source)} is not valid`,
  jsonPath: "Failed to parse mdms response",
  jsonPathDepartment: "Failed to parse mdms response for department",
  invalidServiceCode: (code: string) => `The service code: ${code} is not present in MDMS`,
  hrmsParsing: "Failed to parse HRMS response",
  departmentNotFound: (uuids: string[]) => `The Department of the user with uuid: ${javaList(uuids)} is not found`,
  departmentFromMdms: (code: string) => `Failed to fetch department from mdms data for serviceCode: ${code}`,
  invalidAssignment: (departments: string[]) => `The application cannot be assigned to employee of department: ${javaList(departments)}`,
  citizenNull: "Citizen object cannot be null",
  citizenFields: "Name and Mobile Number is mandatory in citizen object",
  reopenNotOwner: "Not authorized to re-open the complain",
  reopenClosed: "Complaint is closed",
  invalidUpdate: "The record that you are trying to update does not exists",
  invalidAccountId: "No user exist for the given accountId",
  idgen: "No ids returned from idgen Service",
  businessServiceNotFound: "The businessService PGR is not found",
  tenantMandatory: "TenantId is mandatory search param",
  searchWithoutParams: "Search without params is not allowed",
  stateLevelSearch: "Employees cannot perform state level searches.",
  noSearchConfig: (type: string) => `The userType: ${type} does not have any search config`,
  searchNotAllowed: (param: string) => `Search on ${param} is not allowed`,
  toDateWithoutFrom: "Cannot specify to-Date without a from-Date",
  userNotFound: "No user found for the uuids",
  workflowNotFound: "The workflow object is not found",
  tenantIdListEmpty: "Tenant ids not provided for searching.",
  queryExecution: "Database operation failed",
} as const;

/** Java's `List.toString()`: `[a, b]`. */
export function javaList(values: readonly string[]): string {
  return `[${values.join(", ")}]`;
}

/** One error item as DIGIT's tracer renders a CustomException: no description, no params. */
export function pgrError(code: string, message: string): DigitErrorItem {
  return { code, message, description: null, params: null };
}

/** Throws DIGIT's 400 for a CustomException (the core rolls back whatever the handler changed before). */
export function fail(code: string, message: string, requestInfo: unknown): never {
  throw new MockHttpError(400, [pgrError(code, message)], requestInfo);
}

/** Throws a 400 with several error items (a CustomException built from a map, or bean validation). */
export function failAll(errors: DigitErrorItem[], requestInfo: unknown): never {
  throw new MockHttpError(400, errors, requestInfo);
}

/**
 * Where DIGIT throws a NullPointerException (400, "An unhandled exception occurred on the server"): the mock answers
 * 400 `INVALID_REQUEST` naming what is missing. The status is DIGIT's; the code cannot be.
 */
export function failMissing(what: string, requestInfo: unknown): never {
  fail(PgrCodes.invalidRequest, `${what} is required (DIGIT's pgr-services fails here with a NullPointerException, HTTP 400).`, requestInfo);
}

/**
 * A downstream service's 4xx passed through verbatim, as pgr-services' ServiceCallException does (HTTP 400 with the
 * downstream body; tracer ExceptionAdvise.java:142-149). Thrown, so the core also undoes the request's earlier writes.
 */
export function passThrough(result: OperationResult, requestInfo: unknown): never {
  const body = result.body as { Errors?: DigitErrorItem[] } | undefined;
  const errors = Array.isArray(body?.Errors) ? body.Errors : [pgrError(String(result.status), "The downstream service refused the request.")];
  const error = new MockHttpError(400, errors, requestInfo);
  Object.defineProperty(error, "result", { value: { status: 400, body: result.body } });
  throw error;
}
