import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { accessRoutes, type AccessOperations } from "../generated/access/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `access` service namespace: one typed method per operation of the route table. */
export type AccessClient = ServiceClient<AccessOperations, typeof accessRoutes>;

/**
 * A client for the `access` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createAccessClient } from "@digit-kit/sdk/access";
 * const access = createAccessClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await access.searchRoles({}, { query: { code: ["SUPERUSER"] } });
 * ```
 */
export function createAccessClient(options: CoreOrOptions): AccessClient {
  return bindService<AccessOperations, typeof accessRoutes>(toCore(options, authRoutes).request, accessRoutes);
}
