/**
 * DIGIT's API gateway, the parts a client sees before any service: which paths need a token, where the token
 * is read, and the bodies of its refusals. DIGIT has two gateways with the same lists: the Spring Cloud Gateway
 * (`gateway/`, Digit-Core) and the older zuul (`zuul/`, DIGIT-OSS). Where they differ the mock follows zuul
 * (the `auth-token` header, 403 for an RBAC denial, egov-user's body for a bad token); docs/mock-server.md
 * lists the differences.
 */
import { ErrorCodes } from "./errors.js";
import type { DigitErrorItem, OperationResult } from "./types.js";

/**
 * `egov.mixed-mode-endpoints-whitelist`, the paths of it that the route table has: a token is optional there
 * (gateway/src/main/resources/application.properties:42, zuul/src/main/resources/application.properties:25).
 * Matching is the exact path (`List.contains`, gateway/.../filters/pre/helpers/AuthPreCheckFilterHelper.java:66).
 *
 * `/user/users/_createnovalidate` is on DIGIT's list too, but the mock still wants a token there: zuul would
 * let an anonymous caller create a user with any roles (SUPERUSER included), and Spring Cloud Gateway fails
 * such a call with a 500 for want of a userInfo; an anonymous caller must never grant roles.
 */
export const MIXED_MODE_ENDPOINTS: ReadonlySet<string> = new Set([
  "/user/_search",
  "/workflow/history/v1/_search",
  "/filestore/v1/files/id",
  "/filestore/v1/files",
  "/filestore/v1/files/tag",
  "/egov-idgen/id/_generate",
]);

/** The message of a refusal for lack of a token (gateway/.../AuthPreCheckFilterHelper.java:29, zuul/.../AuthPreCheckFilter.java:100). */
export const UNAUTHORIZED_MESSAGE = "You are not authorized to access this resource";
/** zuul's RBAC denial message (zuul/src/main/java/org/egov/filters/pre/RbacFilter.java:35). */
export const FORBIDDEN_MESSAGE = "Not authorized to access this resource";

/** The gateway's own error body: `ResponseInfo` null, one item without id/parentId (zuul/.../Utils/ExceptionUtils.java:26-52). */
export function gatewayError(status: number, code: string, message: string, description: string | null = message): OperationResult {
  return { status, body: { ResponseInfo: null, Errors: [{ code, message, description, params: null }] } };
}

/** The body DIGIT's tracer renders for an exception no handler maps: code = the exception's class name. */
export function tracerUnhandled(status: number, exception: string, description: string | null): OperationResult {
  const item: DigitErrorItem = { code: exception, message: "An unhandled exception occurred on the server", description, params: null };
  return { status, body: { ResponseInfo: null, Errors: [item] } };
}

/** No token on a protected path: 401 `CustomException`. */
export const missingToken = (): OperationResult => gatewayError(401, "CustomException", UNAUTHORIZED_MESSAGE);

/**
 * A token egov-user does not know (unknown, expired, logged out): zuul hands egov-user's `_details` answer on
 * with 401 (zuul/.../Utils/ExceptionUtils.java:118-121; egov-user/.../domain/service/TokenService.java:36-45).
 */
export const invalidToken = (): OperationResult => tracerUnhandled(401, ErrorCodes.invalidAccessToken, "Invalid Access Token Exception");

/** RBAC said no: zuul's 403 `CustomException` (Spring Cloud Gateway answers 401 with the missing-token message). */
export const rbacDenied = (): OperationResult => gatewayError(403, "CustomException", FORBIDDEN_MESSAGE);

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Where a token came from; `query` and `bearer` are the mock's extras, DIGIT's gateways read neither. */
export type TokenSource = "body" | "header" | "query" | "bearer";

export interface FoundToken {
  token: string;
  source: TokenSource;
}

/**
 * The token of a request as zuul reads it: `RequestInfo.authToken` (or `requestInfo.authToken`) of a JSON
 * body, else the `auth-token` header (zuul/src/main/java/org/egov/filters/pre/AuthPreCheckFilter.java:110-132,
 * zuul/src/main/java/org/egov/model/RequestBodyInspector.java:38-56). Then, as the mock's extras, the
 * `access_token` query parameter and `Authorization: Bearer`, which callers must be warned about.
 */
export function findToken(body: Record<string, unknown>, headers: Record<string, string>, query: Record<string, string>): FoundToken | null {
  const info = isObj(body["RequestInfo"]) ? body["RequestInfo"] : isObj(body["requestInfo"]) ? body["requestInfo"] : undefined;
  const fromBody = info?.["authToken"];
  if (typeof fromBody === "string" && fromBody) return { token: fromBody, source: "body" };
  if (headers["auth-token"]) return { token: headers["auth-token"], source: "header" };
  if (query["access_token"]) return { token: query["access_token"], source: "query" };
  const bearer = /^Bearer\s+(.+)$/i.exec(headers["authorization"] ?? "");
  if (bearer) return { token: bearer[1]!.trim(), source: "bearer" };
  return null;
}

/** The warning for a token DIGIT's gateways would not have seen. */
export function nonDigitTokenWarning(source: "query" | "bearer"): string {
  const where = source === "query" ? "the access_token query parameter" : "an Authorization: Bearer header";
  return `NON_DIGIT_TOKEN_SOURCE: the token came from ${where}, which DIGIT's gateway does not read; send it as RequestInfo.authToken (JSON bodies) or the auth-token header.`;
}
