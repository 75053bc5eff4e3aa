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
  // Everything but the static-token fast path is forwarded to the real auth layer once it has loaded.
  const forward =
    <K extends keyof (DigitAuth & AuthProvider)>(name: K) =>
    (...args: unknown[]) =>
      load().then((a) => (a[name] as (...x: unknown[]) => unknown)(...args));
  return {
    current: () => (fixed ? Promise.resolve(fixed) : (forward("current")() as ReturnType<AuthProvider["current"]>)),
    recover: (token) => (fixed ? Promise.resolve(false) : (forward("recover")(token) as Promise<boolean>)),
    login: forward("login") as DigitAuth["login"],
    logout: forward("logout") as DigitAuth["logout"],
    getToken: forward("getToken") as DigitAuth["getToken"],
    getSession: forward("getSession") as DigitAuth["getSession"],
    refresh: forward("refresh") as DigitAuth["refresh"],
  };
}
