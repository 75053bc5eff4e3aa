import type { OperationRequest } from "../../core/types.js";

/**
 * `<scheme>://<host>` the client reached the mock at, for answers DIGIT makes absolute with its own configured
 * host (short URLs, signed file URLs). `http://localhost` when the request carried no host (internal calls).
 */
export function requestOrigin(req: OperationRequest): string {
  const first = (v: string | undefined) => v?.split(",")[0]?.trim() || undefined;
  const proto = first(req.headers["x-forwarded-proto"]) ?? "http";
  const host = first(req.headers["x-forwarded-host"]) ?? req.headers["host"] ?? "localhost";
  return `${proto === "https" ? "https" : "http"}://${host.replace(/[^A-Za-z0-9.:[\]-]/g, "")}`;
}
