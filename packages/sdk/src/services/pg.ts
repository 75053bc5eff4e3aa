import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { pgRoutes, type PgOperations } from "../generated/pg/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `pg` service namespace: one typed method per operation of the route table. */
export type PgClient = ServiceClient<PgOperations, typeof pgRoutes>;

/**
 * A client for the `pg` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createPgClient } from "@digit-kit/sdk/pg";
 * const pg = createPgClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await pg.searchTransactions({}, { query: { txnId: "PB_PG_2026_01_01_000001" } });
 * ```
 */
export function createPgClient(options: CoreOrOptions): PgClient {
  return bindService<PgOperations, typeof pgRoutes>(toCore(options, authRoutes).request, pgRoutes);
}
