import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { filestoreRoutes, type FilestoreOperations } from "../generated/filestore/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `filestore` service namespace: one typed method per operation of the route table. */
export type FilestoreClient = ServiceClient<FilestoreOperations, typeof filestoreRoutes>;

/**
 * A client for the `filestore` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createFilestoreClient } from "@digit-kit/sdk/filestore";
 * const filestore = createFilestoreClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * const { files } = await filestore.upload({ file: new Blob(["hello"]), module: "PGR" });
 * ```
 */
export function createFilestoreClient(options: CoreOrOptions): FilestoreClient {
  return bindService<FilestoreOperations, typeof filestoreRoutes>(toCore(options, authRoutes).request, filestoreRoutes);
}
