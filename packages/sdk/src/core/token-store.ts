import type { DigitSession } from "./options.js";

/**
 * Where a client keeps its session. Implement it to persist logins (a file with mode 0600, `localStorage`,
 * a secret manager). Methods may be sync or async.
 *
 * @example
 * ```ts
 * const store: TokenStore = { get: () => JSON.parse(localStorage.session ?? "null") ?? undefined,
 *   set: (s) => { localStorage.session = JSON.stringify(s); }, clear: () => { delete localStorage.session; } };
 * ```
 */
export interface TokenStore {
  get(): DigitSession | undefined | Promise<DigitSession | undefined>;
  set(session: DigitSession): void | Promise<void>;
  clear(): void | Promise<void>;
}

/**
 * The default {@link TokenStore}: one session in memory, lost when the process ends.
 *
 * @example
 * ```ts
 * const store = memoryTokenStore();
 * const a = createDigitClient({ baseUrl, tenantId: "pb", auth: { store } }); // a and b share one login
 * const b = createMdmsClient({ baseUrl, tenantId: "pb", auth: { store } });
 * ```
 */
export function memoryTokenStore(initial?: DigitSession): TokenStore {
  let session = initial;
  return {
    get: () => session,
    set: (s) => void (session = s),
    clear: () => void (session = undefined),
  };
}
