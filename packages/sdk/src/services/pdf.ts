import { bindService } from "../core/bind-service.js";
import { toCore, type CoreOrOptions } from "../core/core.js";
import type { ServiceClient } from "../core/types.js";
import { pdfRoutes, type PdfOperations } from "../generated/pdf/routes.gen.js";
import { authRoutes } from "./auth-routes.js";

/** The `pdf` service namespace: one typed method per operation of the route table. */
export type PdfClient = ServiceClient<PdfOperations, typeof pdfRoutes>;

/**
 * A client for the `pdf` service only (tree-shakable: pulls just this service's routes).
 * Pass client options, or an existing `DigitCore`/`DigitClient` to share its login.
 *
 * @example
 * ```ts
 * import { createPdfClient } from "@digit-kit/sdk/pdf";
 * const pdf = createPdfClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token } });
 * const file = await pdf.createNoSave({}, { query: { key: "consolidatedreceipt" } }); // Blob
 * ```
 */
export function createPdfClient(options: CoreOrOptions): PdfClient {
  return bindService<PdfOperations, typeof pdfRoutes>(toCore(options, authRoutes).request, pdfRoutes);
}
