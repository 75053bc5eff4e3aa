/**
 * Services the mock answers with spec-shaped data but little behaviour: pdf (stateless), plus the url
 * shortener and user events, which keep just enough state to round-trip.
 */
export { pdfService } from "./pdf.js";
export { urlShortenerService } from "./url-shortener.js";
export { userEventService } from "./user-event.js";
