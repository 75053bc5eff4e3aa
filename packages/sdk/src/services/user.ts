import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { userRoutes, type UserOperations } from "../generated/user/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `user` service namespace: one typed method per operation of the route table. */
export type UserClient = ServiceClient<UserOperations, typeof userRoutes>;

/**
 * A client for the `user` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createUserClient } from "@digit-kit/sdk/user";
 * const users = createUserClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * const { user } = await users.search({ tenantId: "pb", userName: "ADMIN" });
 * ```
 */
export function createUserClient(options: CoreOrOptions): UserClient {
  return bindService<UserOperations, typeof userRoutes>(toCore(options, authRoutes).request, userRoutes);
}
