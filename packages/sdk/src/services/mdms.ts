import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { mdmsRoutes, type MdmsOperations } from "../generated/mdms/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `mdms` service namespace: one typed method per operation of the route table. */
export type MdmsClient = ServiceClient<MdmsOperations, typeof mdmsRoutes>;

/**
 * A client for the `mdms` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createMdmsClient } from "@digit-kit/sdk/mdms";
 * const mdms = createMdmsClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * const { mdms: records } = await mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department", limit: 100 } });
 * ```
 */
export function createMdmsClient(options: CoreOrOptions): MdmsClient {
  return bindService<MdmsOperations, typeof mdmsRoutes>(toCore(options, authRoutes).request, mdmsRoutes);
}
