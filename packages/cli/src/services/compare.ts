/** Comparison helpers: what counts as a real difference between bundle and live state. */
import type { FieldChange } from "./types.js";

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const nullish = (v: unknown): boolean => v === null || v === undefined;

/** Exact deep equality (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Differences where `desired` is not contained in `live`: every key the bundle sets must match, keys only the
 * server has (ids, uuids, auditDetails) are ignored, null equals absent. Arrays compare element by element.
 */
export function subsetChanges(desired: unknown, live: unknown, path = "", out: FieldChange[] = []): FieldChange[] {
  if (nullish(desired) && nullish(live)) return out;
  if (isObj(desired) && isObj(live)) {
    for (const [k, v] of Object.entries(desired)) subsetChanges(v, live[k], `${path}/${k}`, out);
    return out;
  }
  if (Array.isArray(desired) && Array.isArray(live) && desired.length === live.length) {
    desired.forEach((v, i) => subsetChanges(v, live[i], `${path}/${i}`, out));
    return out;
  }
  if (!deepEqual(desired, live)) out.push({ path: path || "/", from: live, to: desired });
  return out;
}

/** Differences between two values compared exactly (MDMS data): added, removed and changed fields. */
export function exactChanges(desired: unknown, live: unknown, path = "", out: FieldChange[] = []): FieldChange[] {
  if (isObj(desired) && isObj(live)) {
    const keys = new Set([...Object.keys(desired), ...Object.keys(live)]);
    for (const k of keys) exactChanges(desired[k], live[k], `${path}/${k}`, out);
    return out;
  }
  if (!deepEqual(desired, live)) out.push({ path: path || "/", from: live, to: desired });
  return out;
}

/** Stable JSON for hashing records by full content. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(",")}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
