import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { billingRoutes, type BillingOperations } from "../generated/billing/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `billing` service namespace: one typed method per operation of the route table. */
export type BillingClient = ServiceClient<BillingOperations, typeof billingRoutes>;

/**
 * A client for the `billing` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createBillingClient } from "@digit-kit/sdk/billing";
 * const billing = createBillingClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await billing.searchBills({}, { query: { consumerCode: ["PB-PGR-1"], service: "PGR" } });
 * ```
 */
export function createBillingClient(options: CoreOrOptions): BillingClient {
  return bindService<BillingOperations, typeof billingRoutes>(toCore(options, authRoutes).request, billingRoutes);
}
