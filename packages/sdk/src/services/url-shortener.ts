import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { urlShortenerRoutes, type UrlShortenerOperations } from "../generated/urlShortener/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `urlShortener` service namespace: one typed method per operation of the route table. */
export type UrlShortenerClient = ServiceClient<UrlShortenerOperations, typeof urlShortenerRoutes>;

/**
 * A client for the `urlShortener` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createUrlShortenerClient } from "@digit-kit/sdk/url-shortener";
 * const urls = createUrlShortenerClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * const short = await urls.shorten({ url: "https://example.org/a/very/long/url" });
 * ```
 */
export function createUrlShortenerClient(options: CoreOrOptions): UrlShortenerClient {
  return bindService<UrlShortenerOperations, typeof urlShortenerRoutes>(toCore(options, authRoutes).request, urlShortenerRoutes);
}
