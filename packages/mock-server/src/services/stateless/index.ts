/**
 * Services the mock answers with spec-shaped data but little behaviour: billing, collection, pg and
 * pdf (stateless), plus the url shortener and user events, which keep just enough state to round-trip.
 */
export { billingService } from "./billing.js";
export { collectionService } from "./collection.js";
export { pgService } from "./pg.js";
export { pdfService } from "./pdf.js";
export { urlShortenerService } from "./url-shortener.js";
export { userEventService } from "./user-event.js";
