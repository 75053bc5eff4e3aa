/**
 * Socket timeouts of the standalone server, so slow or stalled clients (slow-loris: headers or a body
 * trickled byte by byte, idle connections) cannot hold sockets open forever.
 */
import type { Server, ServerOptions } from "node:http";

export interface ServerTimeouts {
  /** Time allowed to receive the request headers (default 10 s). */
  headersMs: number;
  /** Time allowed to receive the whole request, body included (default 60 s). */
  requestMs: number;
  /** A socket with no traffic for this long is closed (default 30 s; 0 = never). */
  idleMs: number;
  /** How long an idle keep-alive connection stays open between requests (default 5 s). */
  keepAliveMs: number;
}

export const defaultServerTimeouts: ServerTimeouts = { headersMs: 10_000, requestMs: 60_000, idleMs: 30_000, keepAliveMs: 5_000 };

/** Merge and check; node:http needs headers <= request when both are set. */
export function resolveTimeouts(partial: Partial<ServerTimeouts> = {}): ServerTimeouts {
  const t = { ...defaultServerTimeouts, ...partial };
  for (const [k, v] of Object.entries(t)) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`timeouts.${k} must be a whole number of ms >= 0, got ${String(v)}.`);
  }
  if (t.headersMs === 0 || t.requestMs === 0) throw new Error("timeouts.headersMs and timeouts.requestMs must be above 0.");
  if (t.headersMs > t.requestMs) throw new Error(`timeouts.headersMs (${t.headersMs}) must not exceed timeouts.requestMs (${t.requestMs}).`);
  return t;
}

/** `createServer` options: node checks header/request deadlines every `connectionsCheckingInterval`. */
export function serverOptions(t: ServerTimeouts): ServerOptions {
  return {
    headersTimeout: t.headersMs,
    requestTimeout: t.requestMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(t.headersMs / 4))),
  };
}

/** The settings that are properties rather than constructor options. */
export function applyTimeouts(server: Server, t: ServerTimeouts): void {
  server.keepAliveTimeout = t.keepAliveMs;
  server.timeout = t.idleMs;
}
