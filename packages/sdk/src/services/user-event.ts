import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { userEventRoutes, type UserEventOperations } from "../generated/userEvent/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `userEvent` service namespace: one typed method per operation of the route table. */
export type UserEventClient = ServiceClient<UserEventOperations, typeof userEventRoutes>;

/**
 * A client for the `userEvent` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createUserEventClient } from "@digit-kit/sdk/user-event";
 * const events = createUserEventClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await events.search({}, { query: { eventTypes: ["SYSTEMGENERATED"] } });
 * ```
 */
export function createUserEventClient(options: CoreOrOptions): UserEventClient {
  return bindService<UserEventOperations, typeof userEventRoutes>(toCore(options, authRoutes).request, userEventRoutes);
}
