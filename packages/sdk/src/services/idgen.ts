import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { idgenRoutes, type IdgenOperations } from "../generated/idgen/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `idgen` service namespace: one typed method per operation of the route table. */
export type IdgenClient = ServiceClient<IdgenOperations, typeof idgenRoutes>;

/**
 * A client for the `idgen` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createIdgenClient } from "@digit-kit/sdk/idgen";
 * const idgen = createIdgenClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await idgen.generate({ idRequests: [{ idName: "pgr.servicerequestid", tenantId: "pb.amritsar", count: 1 }] });
 * ```
 */
export function createIdgenClient(options: CoreOrOptions): IdgenClient {
  return bindService<IdgenOperations, typeof idgenRoutes>(toCore(options, authRoutes).request, idgenRoutes);
}
