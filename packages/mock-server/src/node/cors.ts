/**
 * CORS for the standalone server, so a browser app on another origin (a Vite dev server on :5173, a DIGIT UI
 * on :3000) can call the mock directly. Permissive by design: the mock is a local test double, so any origin
 * may call any route with any header. Transport-level only: the engine never sees preflights, and the
 * in-process `fetch`/msw transports need no CORS.
 *
 * Hot path: `addCorsHeaders` writes three constant-valued entries into the header object the transport
 * already builds; nothing else is allocated per request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Response headers a browser app may read: back-off hints and redirect targets (URL shortener). */
export const CORS_EXPOSE_HEADERS = "Retry-After, Location";
export const CORS_ALLOW_METHODS = "GET, POST, OPTIONS";
/** Seconds a browser may cache a preflight answer (browsers cap it: Chromium at 2 h, Firefox at 24 h). */
export const CORS_MAX_AGE = "86400";

/** The `Access-Control-Allow-Origin` value for a request: its `Origin` echoed, or `*` when it has none. */
export function corsOrigin(req: IncomingMessage): string {
  return req.headers.origin ?? "*";
}

/** Add the headers every CORS-enabled response carries (errors and 404s included). */
export function addCorsHeaders(headers: Record<string, string>, origin: string): void {
  headers["access-control-allow-origin"] = origin;
  headers["access-control-expose-headers"] = CORS_EXPOSE_HEADERS;
  headers["vary"] = headers["vary"] ? `${headers["vary"]}, Origin` : "Origin";
}

/**
 * Answer an `OPTIONS` request (a preflight) with 204: any route, the requested headers echoed. Also grants
 * Chromium's Private Network Access preflight (`Access-Control-Request-Private-Network`), so a page served
 * from a public origin may reach a mock on localhost.
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  req.resume(); // discard any body
  const headers: Record<string, string> = {
    "access-control-allow-methods": CORS_ALLOW_METHODS,
    "access-control-max-age": CORS_MAX_AGE,
  };
  addCorsHeaders(headers, corsOrigin(req));
  const requested = req.headers["access-control-request-headers"];
  if (requested) {
    headers["access-control-allow-headers"] = requested;
    headers["vary"] = "Origin, Access-Control-Request-Headers";
  }
  if (req.headers["access-control-request-private-network"] === "true") headers["access-control-allow-private-network"] = "true";
  res.writeHead(204, headers);
  res.end();
}

/** Answer a preflight with 403 and no CORS headers: the browser then refuses the actual request. */
export function refusePreflight(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(403, { "content-type": "text/plain" });
  res.end("The mock's control API does not accept cross-origin requests.\n");
}
