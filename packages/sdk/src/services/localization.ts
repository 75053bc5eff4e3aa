import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { localizationRoutes, type LocalizationOperations } from "../generated/localization/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `localization` service namespace: one typed method per operation of the route table. */
export type LocalizationClient = ServiceClient<LocalizationOperations, typeof localizationRoutes>;

/**
 * A client for the `localization` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createLocalizationClient } from "@digit-kit/sdk/localization";
 * const localization = createLocalizationClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * await localization.search({}, { query: { locale: "en_IN", module: "rainmaker-pgr" } });
 * ```
 */
export function createLocalizationClient(options: CoreOrOptions): LocalizationClient {
  return bindService<LocalizationOperations, typeof localizationRoutes>(toCore(options, authRoutes).request, localizationRoutes);
}
