/**
 * DIGIT error envelopes and the mock's stable error codes, in one place.
 * Shape: `{ ResponseInfo: {..., status: "failed"}, Errors: [{code, message, description, params}] }`.
 */
import type { DigitErrorItem, OperationResult } from "./types.js";

/** Stable error codes the mock answers with. Codes that DIGIT itself uses keep DIGIT's spelling. */
export const ErrorCodes = {
  invalidRequestBody: "INVALID_REQUEST_BODY",
  invalidRequest: "INVALID_REQUEST",
  requestInfoMissing: "INVALID_REQUEST_INFO",
  unsupportedMediaType: "UNSUPPORTED_MEDIA_TYPE",
  payloadTooLarge: "PAYLOAD_TOO_LARGE",
  invalidTenant: "INVALID_TENANT_ID",
  invalidAccessToken: "InvalidAccessTokenException",
  accessDenied: "AccessDeniedException",
  routeNotFound: "ROUTE_NOT_FOUND",
  methodNotAllowed: "METHOD_NOT_ALLOWED",
  internal: "INTERNAL_SERVER_ERROR",
  faultInjected: "MOCK_FAULT_INJECTED",
  serviceUnavailable: "SERVICE_UNAVAILABLE",
  duplicateUserName: "DuplicateUserNameException",
  userNotFound: "UserNotFoundException",
  passwordMismatch: "PasswordMismatchException",
  invalidUser: "INVALID_USER",
  notSupportedInStrictMode: "NOT_SUPPORTED_BY_MOCK",
  /** Control API (`/_mock/*`) call without the right control token. */
  controlTokenRequired: "MOCK_CONTROL_TOKEN_REQUIRED",
  /** Standalone server: the request's Host header is not on the allow-list. */
  hostNotAllowed: "MOCK_HOST_NOT_ALLOWED",
  /** A snapshot given to restore (or a --state file) is malformed. */
  invalidState: "INVALID_MOCK_STATE",
  /** A write could not be made durable in the --state files; it was not acknowledged. */
  stateNotSaved: "MOCK_STATE_NOT_SAVED",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The request's `RequestInfo` fields echoed back in `ResponseInfo`. */
export interface RequestInfoLike {
  apiId?: unknown;
  ver?: unknown;
  msgId?: unknown;
}

let resMsgCounter = 0;

/** A DIGIT `ResponseInfo` block echoing `apiId`, `ver` and `msgId` from the request. */
export function responseInfo(requestInfo: unknown, status: "successful" | "failed", now = Date.now()): Record<string, unknown> {
  const ri = (requestInfo && typeof requestInfo === "object" ? requestInfo : {}) as RequestInfoLike;
  resMsgCounter = (resMsgCounter + 1) % 1_000_000_000;
  return {
    apiId: typeof ri.apiId === "string" ? ri.apiId : null,
    ver: typeof ri.ver === "string" ? ri.ver : "",
    ts: now,
    resMsgId: `uief87324-${resMsgCounter}`,
    msgId: typeof ri.msgId === "string" ? ri.msgId : null,
    status,
  };
}

/** A successful DIGIT JSON answer: `{ResponseInfo, ...payload}`. */
export function digitOk(status: number, payload: Record<string, unknown>, requestInfo?: unknown): OperationResult {
  return { status, body: { ResponseInfo: responseInfo(requestInfo, "successful"), ...payload } };
}

/** A DIGIT error envelope with the given HTTP status. */
export function digitError(status: number, errors: DigitErrorItem[], requestInfo?: unknown): OperationResult {
  return {
    status,
    body: {
      ResponseInfo: responseInfo(requestInfo, "failed"),
      Errors: errors.map((e) => ({
        ...(e.id != null ? { id: e.id } : {}),
        code: e.code,
        message: e.message,
        description: e.description ?? null,
        params: e.params ?? null,
      })),
    },
  };
}

/** Shorthand for a single-error envelope. */
export function digitFail(status: number, code: string, message: string, requestInfo?: unknown, description?: string): OperationResult {
  return digitError(status, [{ code, message, description: description ?? null }], requestInfo);
}

/**
 * Throw from a handler to answer with a DIGIT error. The core rolls back any state the handler changed
 * before it threw, so a handler may use this even after starting to mutate (but see the rule in types.ts).
 */
export class MockHttpError extends Error {
  readonly status: number;
  readonly errors: DigitErrorItem[];
  readonly result: OperationResult;
  constructor(status: number, errors: DigitErrorItem[], requestInfo?: unknown) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join("; "));
    this.name = "MockHttpError";
    this.status = status;
    this.errors = errors;
    this.result = digitError(status, errors, requestInfo);
  }
}
