/**
 * `POST /user/oauth/token`: Spring OAuth2 password and refresh_token grants with DIGIT's enhanced answer
 * (`ResponseInfo` + `UserRequest`). Client auth is HTTP Basic `egov-user-client:` (empty secret).
 */
import type { MockContext, OperationRequest, OperationResult, StoredUser } from "../../core/types.js";
import { presentSessionUser } from "./present.js";
import type { UserSlice } from "./slice.js";
import { issueToken } from "./tokens.js";

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

/** The user a password login names: exact tenant first, then (lenient mode) the state tenant. */
function findLoginUser(ctx: MockContext, slice: UserSlice, userName: string, tenantId: string | undefined, userType: string | undefined): StoredUser | undefined {
  const candidates = Object.values(slice.users).filter(
    (u) => u.userName === userName && (userType === undefined || u.type === userType.toUpperCase()),
  );
  if (tenantId === undefined) return ctx.options.strict ? undefined : candidates.length === 1 ? candidates[0] : undefined;
  const exact = candidates.find((u) => u.tenantId === tenantId);
  if (exact || ctx.options.strict) return exact;
  const state = ctx.tenants.stateOf(tenantId);
  return candidates.find((u) => u.tenantId === state);
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
  let user: StoredUser | undefined;
  let reuseRefresh: string | undefined;
  if (grant === "password") {
    const userName = str(p["username"]);
    const password = str(p["password"]);
    if (!userName || !password) return oauthError(400, "invalid_grant", "Invalid login credentials");
    user = findLoginUser(ctx, slice, userName, str(p["tenantId"]), str(p["userType"]));
    if (!user || user.password !== password || !user.active) return oauthError(400, "invalid_grant", "Invalid login credentials");
  } else if (grant === "refresh_token") {
    const token = str(p["refresh_token"]);
    const entry = token ? slice.refreshTokens[token] : undefined;
    if (!token || !entry || entry.expiresAt <= now) return oauthError(400, "invalid_grant", "Invalid refresh token");
    user = slice.users[entry.uuid];
    if (!user || !user.active) return oauthError(400, "invalid_grant", "Invalid refresh token");
    reuseRefresh = token;
  } else {
    return oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grant ?? "(none)"}; use password or refresh_token.`);
  }
  const issued = issueToken(slice, user, ttl, now, ctx.uuid, reuseRefresh);
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
