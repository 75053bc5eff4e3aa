import type { AuthRoutes, DigitAuth } from "./auth.js";
import { createLazyAuth } from "./lazy-auth.js";
import type { DigitClientOptions } from "./options.js";
import { createRequest, resolvePipelineConfig, type RequestFn } from "./request.js";
import type { PaginatedMethod } from "./types.js";

/**
 * What every client (full or per-service) is built on: the configured pipeline and the session.
 * Pass a `DigitCore` (or a full client) to a `create<Service>Client` to share one login.
 */
export interface DigitCore {
  readonly baseUrl: string;
  readonly tenantId: string;
  /** Sends any route-table entry through the pipeline (escape hatch for operations outside the table). */
  readonly request: RequestFn;
  readonly auth: DigitAuth;
  /**
   * Every item of a paginated search, across pages.
   *
   * @example
   * ```ts
   * for await (const record of digit.paginate(digit.mdms.search, { MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } }, { pageSize: 200 })) {}
   * ```
   */
  paginate<M extends PaginatedMethod>(method: M, ...args: Parameters<M["iterate"]>): ReturnType<M["iterate"]>;
}

/** Builds a {@link DigitCore}; the client factories pass the two user-service routes auth needs. */
export function createCore(options: DigitClientOptions, authRoutes: () => Promise<AuthRoutes>): DigitCore {
  const config = resolvePipelineConfig(options);
  const request: RequestFn = createRequest(config, () => auth);
  const auth = createLazyAuth(options.auth, config.tenantId, authRoutes, request);
  const { login, logout, getToken, getSession, refresh } = auth;
  return {
    baseUrl: config.baseUrl,
    tenantId: config.tenantId,
    request,
    auth: { login, logout, getToken, getSession, refresh },
    paginate: (method, ...args) => (method.iterate as (...a: unknown[]) => never)(...args),
  };
}

/** A `DigitCore` or the options to build one. */
export type CoreOrOptions = DigitCore | DigitClientOptions;

/** Reuses a given core, or builds one from options. */
export function toCore(input: CoreOrOptions, authRoutes: () => Promise<AuthRoutes>): DigitCore {
  return "request" in input && typeof input.request === "function" ? input : createCore(input as DigitClientOptions, authRoutes);
}
