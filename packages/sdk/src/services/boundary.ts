import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { boundaryRoutes, type BoundaryOperations } from "../generated/boundary/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `boundary` service namespace: one typed method per operation of the route table. */
export type BoundaryClient = ServiceClient<BoundaryOperations, typeof boundaryRoutes>;

/**
 * A client for the `boundary` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createBoundaryClient } from "@digit-kit/sdk/boundary";
 * const boundary = createBoundaryClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await boundary.search({}, { query: { codes: ["WARD_1"] } });
 * ```
 */
export function createBoundaryClient(options: CoreOrOptions): BoundaryClient {
  return bindService<BoundaryOperations, typeof boundaryRoutes>(toCore(options, authRoutes).request, boundaryRoutes);
}
