import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { collectionRoutes, type CollectionOperations } from "../generated/collection/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `collection` service namespace: one typed method per operation of the route table. */
export type CollectionClient = ServiceClient<CollectionOperations, typeof collectionRoutes>;

/**
 * A client for the `collection` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createCollectionClient } from "@digit-kit/sdk/collection";
 * const collection = createCollectionClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await collection.searchPayments({}, { query: { consumerCodes: ["PB-PGR-1"] } });
 * ```
 */
export function createCollectionClient(options: CoreOrOptions): CollectionClient {
  return bindService<CollectionOperations, typeof collectionRoutes>(toCore(options, authRoutes).request, collectionRoutes);
}
