import { authRoutes } from "./core/auth-routes.js";
import { createCore, type DigitCore } from "./core/core.js";
import type { DigitClientOptions } from "./core/options.js";
import { bindServices, type DigitServices } from "./generated/services.gen.js";

/** The full client: {@link DigitCore} (auth, paginate, request) plus one namespace per DIGIT service. */
export interface DigitClient extends DigitCore, DigitServices {}

/**
 * Creates a client for every DIGIT service. Methods are typed from the generated OpenAPI types:
 * `RequestInfo` is filled for you, path params go in `params`, query params in `query`.
 *
 * @example
 * ```ts
 * const digit = createDigitClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb" });
 * await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
 * const { mdms } = await digit.mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } });
 * ```
 */
export function createDigitClient(options: DigitClientOptions): DigitClient {
  const core = createCore(options, authRoutes);
  return { ...core, ...bindServices(core.request) };
}

/**
 * Creates the shared core (pipeline + session) without any service namespace. Hand it to several
 * `create<Service>Client` factories so they share one login.
 *
 * @example
 * ```ts
 * const core = createDigitCore({ baseUrl, tenantId: "pb" });
 * await core.auth.login({ username: "ADMIN", password: "eGov@123" });
 * const mdms = createMdmsClient(core);
 * ```
 */
export function createDigitCore(options: DigitClientOptions): DigitCore {
  return createCore(options, authRoutes);
}
