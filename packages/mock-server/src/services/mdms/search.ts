/**
 * mdms-v2's `v2/_search` and `v2/_count` semantics (MDMSServiceV2.java:69-108, MdmsDataQueryBuilderV2.java,
 * QueryUtil.java): criteria, `filters` as JSONB containment with string values, the tenant level chosen once for
 * the whole criteria, newest first. Candidates come from the index (store.ts), so a page costs what it returns.
 */
import type { MdmsDataRecord, MdmsSlice } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { bucketIndex, bucketOf, newestFirst, own, schemaCodesOf } from "./store.js";
import { fallbackChain } from "./validation.js";

/** A `filters` value as DIGIT queries it: strings at the leaves (null: left out), `a.b` keys nested. */
export type FilterNode = Map<string, string | null | FilterNode>;

export interface Criteria {
  tenantId: string;
  schemaCode?: string;
  /** undefined: no filter (an empty list is a SQL error, checked by the caller). */
  ids?: ReadonlySet<string>;
  uniqueIdentifiers?: ReadonlySet<string>;
  filter?: FilterNode;
  isActive?: boolean;
}

/**
 * QueryUtil.preparePartialJsonStringFromFilterMap: each key in request order; `a.b.c` becomes `{a:{b:{c:v}}}`, and
 * a later key with the same first segment replaces the earlier one (`queryMap.put(keyArray[0], ...)`). Values are
 * strings (Jackson binds `Map<String,String>`, so 5 and true arrive as "5" and "true"); Gson leaves out nulls.
 */
export function filterOf(filters: Record<string, unknown>): FilterNode {
  const query: FilterNode = new Map();
  for (const key of Object.keys(filters)) {
    const raw = filters[key];
    const value = raw === null || raw === undefined ? null : typeof raw === "object" ? JSON.stringify(raw) : String(raw);
    if (!key.includes(".")) {
      query.set(key, value);
      continue;
    }
    const parts = key.split(".");
    // Java's String.split drops trailing empty strings ("a.b." is ["a", "b"]).
    while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
    if (parts.length === 0) continue;
    let node: string | null | FilterNode = value;
    for (let i = parts.length - 1; i >= 1; i--) node = new Map([[parts[i] as string, node]]);
    query.set(parts[0] as string, node);
  }
  return query;
}

/** JSONB `data @> filter`: every filter key present with an equal string, or a containing object. */
export function contains(data: unknown, filter: FilterNode): boolean {
  if (!isRecord(data)) return false;
  for (const [key, expected] of filter) {
    if (expected === null) continue;
    const actual = own(data, key);
    if (actual === undefined) return false;
    if (typeof expected === "string") {
      if (actual !== expected) return false;
    } else if (!contains(actual, expected)) return false;
  }
  return true;
}

function matches(record: MdmsDataRecord, c: Criteria, now: number): boolean {
  return (
    record.visibleFrom <= now &&
    (c.ids === undefined || c.ids.has(record.id)) &&
    (c.uniqueIdentifiers === undefined || c.uniqueIdentifiers.has(record.uniqueIdentifier)) &&
    (c.isActive === undefined || record.isActive === c.isActive) &&
    (c.filter === undefined || contains(record.data, c.filter))
  );
}

/** Candidates of one bucket, newest first: through the uniqueIdentifier or id index when the criteria name them. */
function* bucketCandidates(slice: MdmsSlice, tenantId: string, schemaCode: string, c: Criteria): Generator<MdmsDataRecord> {
  const keys = c.uniqueIdentifiers ?? c.ids;
  if (keys === undefined) {
    yield* newestFirst(slice, tenantId, schemaCode);
    return;
  }
  const bi = bucketIndex(slice, tenantId, schemaCode);
  const records = bucketOf(slice, tenantId, schemaCode);
  if (bi === undefined || records === undefined) return;
  const map = c.uniqueIdentifiers !== undefined ? bi.uid : bi.pos;
  const positions = [...keys].map((k) => own(map, k)).filter((p): p is number => p !== undefined);
  positions.sort((a, b) => b - a);
  for (const p of positions) {
    const record = own(records, bi.order[p] as string);
    if (record !== undefined) yield record;
  }
}

/** Records at one tenant level matching the criteria, newest first (by createdTime across schemas). */
export function* matchingAt(slice: MdmsSlice, tenantId: string, c: Criteria, now: number): Generator<MdmsDataRecord> {
  const codes = c.schemaCode !== undefined ? [c.schemaCode] : schemaCodesOf(slice, tenantId);
  const sources = codes.map((code) => bucketCandidates(slice, tenantId, code, c));
  const next = (g: Generator<MdmsDataRecord>): MdmsDataRecord | undefined => {
    for (let r = g.next(); !r.done; r = g.next()) if (matches(r.value, c, now)) return r.value;
    return undefined;
  };
  if (sources.length === 1) {
    for (let r = next(sources[0]!); r !== undefined; r = next(sources[0]!)) yield r;
    return;
  }
  const heads = sources.map(next);
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h !== undefined && (best < 0 || h.auditDetails.createdTime > heads[best]!.auditDetails.createdTime)) best = i;
    }
    if (best < 0) return;
    yield heads[best]!;
    heads[best] = next(sources[best]!);
  }
}

/**
 * The tenant level DIGIT searches (MDMSServiceV2.resolveFallbackTenant): the first of `tenantId` and its parents
 * where something matches the whole criteria, else the last (the state tenant).
 */
export function resolveLevel(slice: MdmsSlice, c: Criteria, now: number): string {
  const chain = fallbackChain(c.tenantId);
  for (const level of chain) if (!matchingAt(slice, level, c, now).next().done) return level;
  return chain[chain.length - 1] as string;
}

/** One page of the search: `offset` matches skipped, at most `limit` returned. */
export function searchPage(slice: MdmsSlice, c: Criteria, now: number, offset: number, limit: number): MdmsDataRecord[] {
  const out: MdmsDataRecord[] = [];
  if (limit <= 0) return out;
  let skipped = 0;
  for (const record of matchingAt(slice, resolveLevel(slice, c, now), c, now)) {
    if (skipped < offset) {
      skipped += 1;
      continue;
    }
    out.push(record);
    if (out.length >= limit) break;
  }
  return out;
}

/** `_count`: every match at the resolved level (paging ignored). */
export function countMatches(slice: MdmsSlice, c: Criteria, now: number): number {
  let n = 0;
  for (const _ of matchingAt(slice, resolveLevel(slice, c, now), c, now)) n += 1;
  return n;
}
