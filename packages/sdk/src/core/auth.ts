import { DigitAuthError } from "../errors.js";
import type { AuthOptions, DigitSession, DigitUser, PasswordCredentials } from "./options.js";
import type { AuthProvider, RequestFn } from "./request.js";
import type { RouteDef } from "./route.js";
import { memoryTokenStore, type TokenStore } from "./token-store.js";

/** `Basic base64("egov-user-client:")`: the public OAuth client every DIGIT UI logs in with. */
const DIGIT_CLIENT_BASIC = "Basic ZWdvdi11c2VyLWNsaWVudDo=";
export const DEFAULT_REFRESH_SKEW_MS = 60_000;

/** The two user-service routes auth needs (taken from the route table by the client factories). */
export interface AuthRoutes {
  login: RouteDef;
  logout: RouteDef;
}

/**
 * Session management exposed as `digit.auth`.
 *
 * @example
 * ```ts
 * await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
 * const token = await digit.auth.getToken();
 * await digit.auth.logout();
 * ```
 */
export interface DigitAuth {
  /** Password login through `user.login` (form-encoded, Basic client header); stores and returns the session. */
  login(credentials: PasswordCredentials): Promise<DigitSession>;
  /** Calls `user.logout` (best effort; the token goes in the body's `access_token`, as egov-user reads it) and clears the store. */
  logout(): Promise<void>;
  /** The current access token, refreshed first when it expires within the skew; undefined when logged out. */
  getToken(): Promise<string | undefined>;
  /** The current session (token, refresh token, expiry, user), if any. */
  getSession(): Promise<DigitSession | undefined>;
  /** Exchanges the refresh token for a new session now. Concurrent callers share one request. */
  refresh(): Promise<DigitSession>;
}

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  UserRequest?: DigitUser;
}

/** Builds the auth layer: {@link DigitAuth} for callers plus the {@link AuthProvider} the pipeline uses. */
export function createAuth(
  options: AuthOptions | undefined,
  tenantId: string,
  loadRoutes: () => Promise<AuthRoutes>,
  request: RequestFn,
): DigitAuth & AuthProvider {
  const fixed = options && "token" in options ? options : undefined;
  const managed = options && !("token" in options) ? options : {};
  const store: TokenStore = managed.store ?? memoryTokenStore();
  const skew = managed.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
  let inflight: Promise<DigitSession> | undefined;

  /** Single flight: every caller arriving while a token request runs gets that request's result. */
  function once(run: () => Promise<DigitSession>): Promise<DigitSession> {
    return (inflight ??= track(run()));
  }

  /** Makes `pending` the token request in flight, so calls arriving meanwhile wait for it. */
  function track(pending: Promise<DigitSession>): Promise<DigitSession> {
    const tracked: Promise<DigitSession> = pending.finally(() => {
      if (inflight === tracked) inflight = undefined;
    });
    inflight = tracked;
    return tracked;
  }

  async function tokenRequest(fields: Record<string, string | undefined>, previous?: DigitSession) {
    const routes = await loadRoutes();
    const res = await request<TokenResponse>(routes.login, { scope: "read", ...fields }, {
      headers: { authorization: DIGIT_CLIENT_BASIC },
    });
    if (!res?.access_token) {
      throw new DigitAuthError({
        status: 200,
        operationId: routes.login.operationId,
        method: routes.login.httpMethod,
        path: routes.login.path,
        errors: [{ code: "NO_ACCESS_TOKEN", message: "the token endpoint answered without access_token" }],
      });
    }
    const session: DigitSession = {
      accessToken: res.access_token,
      refreshToken: res.refresh_token ?? previous?.refreshToken,
      expiresAt: res.expires_in ? Date.now() + res.expires_in * 1000 : undefined,
      user: res.UserRequest ?? previous?.user,
      tenantId: fields.tenantId ?? previous?.tenantId,
      userType: (fields.userType as DigitSession["userType"]) ?? previous?.userType,
    };
    await store.set(session);
    return session;
  }

  function login(credentials: PasswordCredentials): Promise<DigitSession> {
    return tokenRequest({
      grant_type: "password",
      username: credentials.username,
      password: credentials.password,
      userType: credentials.userType ?? "EMPLOYEE",
      tenantId: credentials.tenantId ?? tenantId,
    });
  }

  function refresh(): Promise<DigitSession> {
    return once(async () => {
      const session = await store.get();
      if (session?.refreshToken) {
        try {
          return await tokenRequest(
            { grant_type: "refresh_token", refresh_token: session.refreshToken, tenantId: session.tenantId, userType: session.userType },
            session,
          );
        } catch (error) {
          if (!managed.credentials) throw error;
        }
      }
      if (managed.credentials) return login(managed.credentials);
      throw new DigitAuthError({
        status: 401,
        operationId: "user.login",
        method: "POST",
        path: "(none)",
        errors: [{ code: "NOT_LOGGED_IN", message: "no session to refresh; call digit.auth.login() or pass auth.credentials" }],
      });
    });
  }

  async function getSession(): Promise<DigitSession | undefined> {
    if (fixed) return { accessToken: fixed.token, user: fixed.user };
    if (inflight) return inflight;
    const session = await store.get();
    if (!session) return managed.credentials ? once(() => login(managed.credentials!)) : undefined;
    const expiring = session.expiresAt !== undefined && session.expiresAt - skew <= Date.now();
    return expiring && (session.refreshToken || managed.credentials) ? refresh() : session;
  }

  return {
    // An explicit login always runs with the caller's credentials; concurrent calls wait for it.
    login: (credentials) => track(login(credentials)),
    refresh,
    getSession,
    async getToken() {
      return (await getSession())?.accessToken;
    },
    async logout() {
      const session = await store.get();
      try {
        if (session) {
          const token = session.accessToken;
          // egov-user revokes the body's `access_token`; the gateway reads RequestInfo.authToken.
          await request((await loadRoutes()).logout, { access_token: token }, { requestInfo: { authToken: token } });
        }
      } catch {
        // the token may already be dead; clearing the local session is what matters
      } finally {
        await store.clear();
      }
    },
    async current() {
      const session = await getSession();
      return { token: session?.accessToken, user: session?.user };
    },
    async recover(rejected) {
      if (fixed) return false;
      const session = await store.get();
      // Another call already refreshed while this one was in flight: just replay with the new token.
      if (session && session.accessToken !== rejected) return true;
      if (!session?.refreshToken && !managed.credentials) return false;
      await refresh();
      return true;
    },
  };
}
