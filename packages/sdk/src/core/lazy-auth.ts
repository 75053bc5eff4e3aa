import type { AuthRoutes, DigitAuth } from "./auth.js";
import type { AuthOptions } from "./options.js";
import type { AuthProvider, RequestFn } from "./request.js";

/**
 * The auth layer, loaded on first use. A client with a static token never loads the session code
 * (login, refresh, token store, user routes), which keeps single-service bundles small.
 */
export function createLazyAuth(
  options: AuthOptions | undefined,
  tenantId: string,
  loadRoutes: () => Promise<AuthRoutes>,
  request: RequestFn,
): DigitAuth & AuthProvider {
  const fixed = options && "token" in options ? { token: options.token, user: options.user } : undefined;
  let real: Promise<DigitAuth & AuthProvider> | undefined;
  const load = () => (real ??= import("./auth.js").then((m) => m.createAuth(options, tenantId, loadRoutes, request)));
  return {
    current: () => (fixed ? Promise.resolve(fixed) : load().then((a) => a.current())),
    recover: (token) => (fixed ? Promise.resolve(false) : load().then((a) => a.recover(token))),
    login: (credentials) => load().then((a) => a.login(credentials)),
    logout: () => load().then((a) => a.logout()),
    getToken: () => load().then((a) => a.getToken()),
    getSession: () => load().then((a) => a.getSession()),
    refresh: () => load().then((a) => a.refresh()),
  };
}
