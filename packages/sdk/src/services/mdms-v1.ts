import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { mdmsV1Routes, type MdmsV1Operations } from "../generated/mdmsV1/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `mdmsV1` service namespace: one typed method per operation of the route table. */
export type MdmsV1Client = ServiceClient<MdmsV1Operations, typeof mdmsV1Routes>;

/**
 * A client for the `mdmsV1` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createMdmsV1Client } from "@digit-kit/sdk/mdms-v1";
 * const mdmsV1 = createMdmsV1Client({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await mdmsV1.search({ MdmsCriteria: { tenantId: "pb", moduleDetails: [{ moduleName: "tenant", masterDetails: [{ name: "tenants" }] }] } });
 * ```
 */
export function createMdmsV1Client(options: CoreOrOptions): MdmsV1Client {
  return bindService<MdmsV1Operations, typeof mdmsV1Routes>(toCore(options, authRoutes).request, mdmsV1Routes);
}
