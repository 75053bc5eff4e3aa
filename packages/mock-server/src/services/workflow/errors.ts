/**
 * The error codes egov-workflow-v2 answers, spelled as DIGIT's code spells them (several with spaces), and the
 * mock-only codes of checks DIGIT does not make (warnings by default, refusals under `--strict`).
 */
import { ErrorCodes, MockHttpError } from "../../core/errors.js";
import type { DigitErrorItem } from "../../core/types.js";

/** DIGIT's own codes (file:line under egov-workflow-v2/src/main/java/org/egov/wf/). */
export const WF = {
  /** service/EnrichmentService.java:311 */
  invalidNextState: "INVALID NEXTSTATE",
  /** service/TransitionService.java:166,169 */
  businessServiceError: "BUSINESSSERVICE ERROR",
  /** service/TransitionService.java:98; validator/BusinessServiceValidator.java:68 */
  invalidAction: "INVALID ACTION",
  /** validator/WorkflowValidator.java:130 (rating without RATE): with an underscore */
  invalidActionRating: "INVALID_ACTION",
  /** validator/WorkflowValidator.java:141,143 */
  invalidRole: "INVALID ROLE",
  /** validator/WorkflowValidator.java:86 */
  invalidDocument: "INVALID DOCUMENT",
  /** service/EnrichmentService.java:409,422 */
  invalidUuid: "INVALID UUID",
  /** service/UserService.java:55: no user at all for the uuids */
  invalidUserSpace: "INVALID USER",
  /** validator/WorkflowValidator.java:184,234: citizen rules */
  invalidUser: ErrorCodes.invalidUser,
  /** validator/WorkflowValidator.java:170 */
  invalidAssignee: "INVALID_ASSIGNEE",
  /** validator/BusinessServiceValidator.java:58,92 */
  invalidBusinessService: "INVALID BUSINESSSERVICE",
  /** validator/BusinessServiceValidator.java:63 */
  invalidState: "INVALID STATE",
  /** validator/BusinessServiceValidator.java:200-226 */
  appError: "EG_Workflow_APP_ERR",
  /** service/WorkflowService.java:91,112 */
  criteriaError: "EG_WF_CRITERIA_ERR",
  /** service/WorkflowService.java:118 */
  businessServiceRequired: "EG_WF_BUSINESSSRV_ERR",
  /** util/EscalationUtil.java:135 */
  invalidConfig: "INVALID_CONFIG",
  /** util/EscalationUtil.java:75 */
  businessServiceNotFound: "BUSINESSSERVICE_NOT_FOUND",
  /** util/EscalationUtil.java:88 */
  statusNotFound: "STATUS_NOT_FOUND",
  /** libraries/tracer ExceptionAdvise.java:162-170: a negative offset or limit reaching Postgres */
  queryExecution: "QUERY_EXECUTION_ERROR",
  /** libraries/tracer ExceptionAdvise.java:182: the `code` of any unhandled exception (NullPointerException, ...) */
  unhandled: "An unhandled exception occurred on the server",
} as const;

/** Mock-only codes: checks DIGIT does not make (see `strictOnly`). */
export const MOCK = {
  startState: "INVALID_BUSINESSSERVICE_START_STATE",
  noStates: "INVALID_BUSINESSSERVICE_STATES",
  duplicateState: "INVALID_BUSINESSSERVICE_DUPLICATE_STATE",
  duplicateAction: "INVALID_BUSINESSSERVICE_DUPLICATE_ACTION",
  roles: "INVALID_BUSINESSSERVICE_ROLES",
  deadEnd: "INVALID_BUSINESSSERVICE_DEAD_END",
  unreachable: "INVALID_BUSINESSSERVICE_UNREACHABLE_STATE",
  nextStateUuid: "INVALID_BUSINESSSERVICE_NEXT_STATE",
  /** DIGIT answers 200 but its persister cannot store the write (a constraint or column limit): nothing is saved. */
  notPersisted: "WF_NOT_PERSISTED",
  /** DIGIT keeps a value the update sent a new one for (applicationStatus, active) or stores an action inactive. */
  notUpdated: "WF_NOT_UPDATED",
  /** The caller (RequestInfo.userInfo) is no user of the mock's egov-user; DIGIT answers INVALID UUID. */
  unknownCaller: "WF_UNKNOWN_CALLER",
  /** A master DIGIT needs is missing from MDMS; DIGIT fails with an unhandled exception. */
  missingMaster: "WF_MISSING_MASTER",
} as const;

/** One DIGIT error item (DIGIT leaves `description` null; the mock repeats the message or adds a hint there). */
export function wfError(code: string, message: string, description?: string): DigitErrorItem {
  return { code, message, description: description ?? message, params: null };
}

/**
 * An exception DIGIT's code does not handle (NullPointerException, IndexOutOfBoundsException, ...): the tracer
 * answers 400 with `code` "An unhandled exception occurred on the server" and the exception's message.
 */
export function unhandled(exception: string, message: string): DigitErrorItem {
  return { code: WF.unhandled, message, description: `${exception} in egov-workflow-v2 (DIGIT does not handle this case).`, params: null };
}

/** Answers 400 with these errors (DIGIT's tracer answers every exception with 400). */
export function fail(...errors: DigitErrorItem[]): never {
  throw new MockHttpError(400, errors);
}
