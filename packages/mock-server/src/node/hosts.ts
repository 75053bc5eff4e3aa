/**
 * The Host allow-list of the standalone server, against DNS rebinding: a page on `evil.example` whose name
 * is re-pointed at 127.0.0.1 reaches the mock with `Host: evil.example`, and is refused. Allowed: loopback
 * names (`localhost`, `127.0.0.1`, `[::1]`), the host the server is bound to, the machine's own addresses
 * when bound to all interfaces, and whatever `--allow-host` adds. A request without a Host header
 * (HTTP/1.0, raw clients) passes: browsers always send one.
 */
import { networkInterfaces } from "node:os";

const LOOPBACK = ["localhost", "127.0.0.1", "::1"];
const WILDCARD = new Set(["0.0.0.0", "::", ""]);

/** `Host` header value → lower-case host name without port or IPv6 brackets. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    return end < 0 ? h : h.slice(1, end);
  }
  const colon = h.indexOf(":");
  // More than one colon without brackets: a bare IPv6 address (not valid in Host, compared as is).
  if (colon >= 0 && h.indexOf(":", colon + 1) < 0) return h.slice(0, colon);
  return h.replace(/\.$/, "");
}

function normalise(name: string): string {
  const bareIpv6 = !name.startsWith("[") && name.split(":").length > 2;
  return hostName(bareIpv6 ? `[${name}]` : name);
}

export interface HostAllowList {
  allows(hostHeader: string | undefined): boolean;
  /** The allowed names, for messages. */
  names(): string[];
}

export function createHostAllowList(boundHost: string, extra: readonly string[] = []): HostAllowList {
  const names = new Set<string>(LOOPBACK);
  const bound = normalise(boundHost);
  if (WILDCARD.has(bound)) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(normalise(a.address));
  } else names.add(bound);
  for (const e of extra) if (e.trim()) names.add(normalise(e));
  return {
    allows: (header) => header === undefined || header === "" || names.has(hostName(header)),
    names: () => [...names],
  };
}
