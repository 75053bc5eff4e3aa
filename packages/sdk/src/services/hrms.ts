import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { hrmsRoutes, type HrmsOperations } from "../generated/hrms/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `hrms` service namespace: one typed method per operation of the route table. */
export type HrmsClient = ServiceClient<HrmsOperations, typeof hrmsRoutes>;

/**
 * A client for the `hrms` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createHrmsClient } from "@digit-kit/sdk/hrms";
 * const hrms = createHrmsClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await hrms.count({}, { query: { tenantId: "pb.amritsar" } });
 * ```
 */
export function createHrmsClient(options: CoreOrOptions): HrmsClient {
  return bindService<HrmsOperations, typeof hrmsRoutes>(toCore(options, authRoutes).request, hrmsRoutes);
}
