/**
 * The tenant ids a request names, and whether each is a plausible DIGIT tenant id. The gateway checks run on
 * this list (known tenant, RBAC per tenant), so it covers every item of every top-level payload array: a
 * tenant hidden in item 101 of a bulk create is checked like the first.
 */

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Tenant ids named by `query.tenantId`, `body.tenantId`, and the `tenantId` of each top-level payload object
 * and of every object item of each top-level payload array. Comma lists are split; duplicates dropped.
 * Linear in the number of top-level items (the body decoder already capped arrays at `maxArrayItems`).
 */
export function requestTenants(query: Readonly<Record<string, string>>, body: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== "string" || !v) return;
    if (!v.includes(",")) {
      const t = v.trim();
      if (t) out.add(t);
      return;
    }
    for (const part of v.split(",")) {
      const t = part.trim();
      if (t) out.add(t);
    }
  };
  add(query["tenantId"]);
  add(body["tenantId"]);
  for (const k of Object.keys(body)) {
    if (k === "RequestInfo") continue;
    const v = body[k];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (isObj(x)) add(x["tenantId"]);
      }
    } else if (isObj(v)) add(v["tenantId"]);
  }
  return [...out];
}

/** Names an object inherits (`constructor`, `toString`, `__proto__`, ...): never a tenant, always a hazard as a map key. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** One segment of a tenant id: a letter or digit, then letters, digits, `_` or `-`. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Whether `tenantId` looks like a DIGIT tenant id: a state (`pb`) or a city (`pb.amritsar`), at most four
 * dot-separated segments of letters, digits, `_` and `-`, none of them a name objects inherit.
 */
export function isPlausibleTenantId(tenantId: string): boolean {
  if (tenantId.length > 128) return false;
  const parts = tenantId.split(".");
  if (parts.length > 4) return false;
  return parts.every((p) => SEGMENT.test(p) && !INHERITED.has(p));
}
