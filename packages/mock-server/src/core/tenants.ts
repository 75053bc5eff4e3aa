/**
 * The TenantDirectory: state tenants holding MDMS data or schemas, plus every `tenant.tenants` record code
 * under them. Recomputed only when the mdms slice's version changes.
 */
import type { MdmsReader, MdmsSlice, TenantDirectory } from "./types.js";

export const TENANT_SCHEMA = "tenant.tenants";

export function stateOf(tenantId: string): string {
  const i = tenantId.indexOf(".");
  return i < 0 ? tenantId : tenantId.slice(0, i);
}

export function createTenantDirectory(
  mdmsSlice: () => MdmsSlice | undefined,
  reader: MdmsReader,
  version: () => number,
  extra: () => Iterable<string> = () => [],
): TenantDirectory {
  let cachedAt = -1;
  let known = new Set<string>();
  const refresh = () => {
    const v = version();
    if (v === cachedAt) return known;
    const next = new Set<string>(extra());
    const slice = mdmsSlice();
    const states = new Set<string>();
    if (slice) {
      for (const t of Object.keys(slice.schemas ?? {})) if (!t.includes(".")) states.add(t);
      for (const t of Object.keys(slice.data ?? {})) if (!t.includes(".")) states.add(t);
    }
    for (const s of states) {
      next.add(s);
      for (const rec of reader.records(s, TENANT_SCHEMA)) {
        const code = rec.data["code"];
        if (typeof code === "string" && code) next.add(code);
      }
    }
    known = next;
    cachedAt = v;
    return known;
  };
  return {
    isKnown: (tenantId) => refresh().has(tenantId),
    stateOf,
    list: () => [...refresh()].sort(),
  };
}
