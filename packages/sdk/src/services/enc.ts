import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { encRoutes, type EncOperations } from "../generated/enc/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `enc` service namespace: one typed method per operation of the route table. */
export type EncClient = ServiceClient<EncOperations, typeof encRoutes>;

/**
 * A client for the `enc` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createEncClient } from "@digit-kit/sdk/enc";
 * const enc = createEncClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await enc.encrypt({ encryptionRequests: [{ tenantId: "pb", type: "Normal", value: ["9999999999"] }] });
 * ```
 */
export function createEncClient(options: CoreOrOptions): EncClient {
  return bindService<EncOperations, typeof encRoutes>(toCore(options, authRoutes).request, encRoutes);
}
