import type { RetryOptions } from "./retry-config.js";
import type { TokenStore } from "./token-store.js";
import type { DigitHooks } from "./hooks.js";
import type { ResponseValidator } from "./validator.js";

/** A role as DIGIT puts it in `userInfo.roles`. */
export interface DigitRole {
  code: string;
  name?: string;
  tenantId?: string;
}

/** The logged-in user as DIGIT returns it (`UserRequest`) and expects it in `RequestInfo.userInfo`. */
export interface DigitUser {
  id?: number;
  uuid?: string;
  userName?: string;
  name?: string;
  type?: string;
  mobileNumber?: string;
  emailId?: string | null;
  tenantId?: string;
  roles?: DigitRole[];
  [key: string]: unknown;
}

/** DIGIT's request envelope. The SDK fills every field; callers override any of them. */
export interface RequestInfo {
  apiId?: string;
  ver?: string;
  ts?: number;
  action?: string;
  did?: string;
  key?: string;
  msgId?: string;
  authToken?: string;
  userInfo?: DigitUser;
  correlationId?: string;
  [key: string]: unknown;
}

/** A logged-in session, as kept in a {@link TokenStore}. */
export interface DigitSession {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds when the access token expires (from `expires_in`). */
  expiresAt?: number;
  user?: DigitUser;
  tenantId?: string;
  userType?: UserType;
}

/** DIGIT user types accepted by `/user/oauth/token`. */
export type UserType = "EMPLOYEE" | "CITIZEN" | "SYSTEM";

/** Username/password credentials for `user.login`. */
export interface PasswordCredentials {
  username: string;
  password: string;
  /** Default `EMPLOYEE`. */
  userType?: UserType;
  /** Tenant to log in to; defaults to the client's `tenantId`. */
  tenantId?: string;
}

/** How the client authenticates. */
export type AuthOptions =
  | {
      /** A token obtained elsewhere; never refreshed. */
      token: string;
      /** Sent as `RequestInfo.userInfo`; DIGIT services read the caller's uuid and roles from it. */
      user?: DigitUser;
    }
  | {
      /** Where sessions live (default: in memory). Share one store to share a login. */
      store?: TokenStore;
      /** Log in lazily with these on the first authenticated call (and again when refresh fails). */
      credentials?: PasswordCredentials;
      /** Refresh this long before `expiresAt` (default 60 000 ms). */
      refreshSkewMs?: number;
    };

/**
 * Options of `createDigitClient` and of every `create<Service>Client`.
 */
export interface DigitClientOptions {
  /** Gateway origin, e.g. `https://unified-dev.digit.org` (no trailing path needed). */
  baseUrl: string;
  /** Default tenant: used for login, `tenantId` query params the caller leaves out, and multipart uploads. */
  tenantId: string;
  auth?: AuthOptions;
  /** A fetch implementation (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms (default 30 000; `false` disables). */
  timeout?: number | false;
  /** Retry policy (default: 2 retries of safe operations). `false` or `0` disables. */
  retry?: RetryOptions | number | false;
  hooks?: DigitHooks;
  /** Validate responses: `true` loads the built-in validator lazily; or pass one from `@digit-kit/sdk/validate`. */
  validate?: boolean | ResponseValidator;
  /** Fields merged into every `RequestInfo` (e.g. a fixed `did` or `apiId`). */
  requestInfo?: Partial<RequestInfo>;
  /** Locale used in `msgId` (`<ts>|<locale>`), default `en_IN`. */
  locale?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** Options every SDK method accepts as its last argument. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call. */
  timeout?: number | false;
  /** Fields merged over the generated `RequestInfo` for this call. */
  requestInfo?: Partial<RequestInfo>;
  /** Declare this write safe to retry (the server de-duplicates it). */
  idempotent?: boolean;
  headers?: Record<string, string>;
}

/** Call options plus the path and query parameters of one operation. */
export interface RequestOptions extends CallOptions {
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
