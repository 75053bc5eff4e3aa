/**
 * `POST /user/oauth/token`: Spring OAuth2 password and refresh_token grants with DIGIT's enhanced answer
 * (`ResponseInfo` + `UserRequest`). Client auth is HTTP Basic `egov-user-client:` (empty secret). Failures of
 * egov-user's authentication provider are `OAuth2Exception`s: 400 `{error: "invalid_request", error_description}`
 * (egov-user/src/main/java/org/egov/user/security/oauth2/custom/authproviders/CustomAuthenticationProvider.java:82-178).
 */
import type { MockContext, OperationRequest, OperationResult, StoredUser, UserType } from "../../core/types.js";
import { LoginMessages } from "./errors.js";
import { userTypeOf } from "./input.js";
import { presentSessionUser } from "./present.js";
import type { UserSlice } from "./slice.js";
import { issueToken, resolveRefreshToken, type IssuedToken } from "./tokens.js";

export const OAUTH_CLIENT_ID = "egov-user-client";

function oauthError(status: number, error: string, description: string): OperationResult {
  return { status, body: { error, error_description: description } };
}

function clientOk(authorization: string | undefined): boolean {
  if (!authorization) return false;
  const m = /^Basic\s+(.+)$/i.exec(authorization.trim());
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  return decoded === `${OAUTH_CLIENT_ID}:`;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * The user a password login names: userName + tenant (its state for citizens) + type, exactly
 * (egov-user/src/main/java/org/egov/user/domain/service/UserService.java:149-173). Lenient: an employee named
 * with a city tenant may be found at its state tenant (with a warning).
 */
function findLoginUser(req: OperationRequest, ctx: MockContext, slice: UserSlice, userName: string, tenantId: string, type: UserType): StoredUser | undefined {
  const tenant = type === "CITIZEN" ? ctx.tenants.stateOf(tenantId) : tenantId;
  const matches = Object.values(slice.users).filter((u) => u.userName === userName && u.type === type && u.tenantId === tenant);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1 || ctx.options.strict) return undefined;
  const state = ctx.tenants.stateOf(tenantId);
  if (state === tenant) return undefined;
  const atState = Object.values(slice.users).filter((u) => u.userName === userName && u.type === type && u.tenantId === state);
  if (atState.length !== 1) return undefined;
  req.warnings.push(`LOGIN_TENANT_FALLBACK: ${userName} is a ${type} of ${state}, not of ${tenantId}; DIGIT looks users up at the exact tenant (citizens at their state) and would answer "${LoginMessages.invalidCredentials}".`);
  return atState[0];
}

/** The token endpoint's 200 body (CustomTokenEnhancer.java:22-33). */
export function tokenAnswer(issued: IssuedToken, user: StoredUser): OperationResult {
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      token_type: "bearer",
      refresh_token: issued.refreshToken,
      expires_in: issued.expiresIn,
      scope: "read",
      ResponseInfo: { api_id: "", ver: "", ts: "", res_msg_id: "", msg_id: "", status: "Access Token generated successfully" },
      UserRequest: presentSessionUser(user),
    },
  };
}

export function login(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  if (!clientOk(req.headers["authorization"])) {
    return oauthError(401, "invalid_client", `Bad client credentials: send Authorization: Basic base64("${OAUTH_CLIENT_ID}:").`);
  }
  // Spring's token endpoint reads request parameters: form fields and query string alike.
  const p = { ...req.query, ...req.body } as Record<string, unknown>;
  const grant = str(p["grant_type"]);
  const now = ctx.now();
  const ttl = ctx.options.tokenTtlSeconds;
  if (grant === "password") {
    const tenantId = str(p["tenantId"]);
    if (!tenantId) return oauthError(400, "invalid_request", LoginMessages.tenantMandatory);
    const type = userTypeOf(p["userType"]);
    if (!type) return oauthError(400, "invalid_request", LoginMessages.userTypeMandatory);
    const userName = str(p["username"]);
    const password = str(p["password"]);
    const user = userName ? findLoginUser(req, ctx, slice, userName, tenantId, type) : undefined;
    if (!user) return oauthError(400, "invalid_request", LoginMessages.invalidCredentials);
    if (!user.active) return oauthError(400, "invalid_request", LoginMessages.inactive);
    if (!password || user.password !== password) return oauthError(400, "invalid_request", LoginMessages.invalidCredentials);
    return tokenAnswer(issueToken(slice, user, ttl, now, ctx.uuid), user);
  }
  if (grant === "refresh_token") {
    const token = str(p["refresh_token"]);
    const user = token ? resolveRefreshToken(slice, token, now) : null;
    // Spring's DefaultTokenServices: InvalidGrantException "Invalid refresh token: <value>".
    if (!token || !user) return oauthError(400, "invalid_grant", `Invalid refresh token: ${token ?? ""}`);
    return tokenAnswer(issueToken(slice, user, ttl, now, ctx.uuid, token), user);
  }
  if (!grant) return oauthError(400, "invalid_request", "Missing grant type");
  return oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grant}`);
}
