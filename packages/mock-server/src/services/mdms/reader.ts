/** Read access to MDMS v2 data for the core (tenants, RBAC) and for other service modules. */
import type { MdmsDataRecord, MdmsSlice } from "../../core/types.js";
import { stateOf } from "../shared/tenancy.js";
import { bucket, bucketIndex, bucketOf, type BucketIndex } from "./store.js";

function visibleActive(slice: MdmsSlice, tenantId: string, schemaCode: string, now: number): MdmsDataRecord[] {
  return bucket(slice, tenantId, schemaCode).filter((r) => r.isActive && r.visibleFrom <= now);
}

/**
 * Active records of `schemaCode` visible at `now` (`visibleFrom <= now`) for `tenantId`, in creation order; a city
 * tenant with none of its own gets its state tenant's records, as DIGIT's MDMS does.
 */
export function readMdms(slice: MdmsSlice, tenantId: string, schemaCode: string, now: number): MdmsDataRecord[] {
  const own = visibleActive(slice, tenantId, schemaCode, now);
  const state = stateOf(tenantId);
  if (own.length > 0 || state === tenantId) return own;
  return visibleActive(slice, state, schemaCode, now);
}

const EMPTY: readonly MdmsDataRecord[] = Object.freeze([]);

/**
 * {@link readMdms} without write lag, as lists that grow in place while records are only created (the
 * `MdmsReader.appendOnly` contract): a bucket's list is rebuilt when one of its records was updated, the slice
 * was replaced (a restore brings a new index) or a write was rolled back (its last record is not the one seen).
 */
export function createAppendOnlyReader(slice: () => MdmsSlice): (tenantId: string, schemaCode: string) => readonly MdmsDataRecord[] {
  const lists = new Map<string, { index: BucketIndex; stamp: number; rewritten: number; seen: number; lastId: string | undefined; list: MdmsDataRecord[] }>();
  function ownList(tenantId: string, schemaCode: string): readonly MdmsDataRecord[] {
    const s = slice();
    const bi = bucketIndex(s, tenantId, schemaCode);
    const records = bucketOf(s, tenantId, schemaCode);
    if (bi === undefined || records === undefined) return EMPTY;
    const key = `${tenantId}\u0000${schemaCode}`;
    let e = lists.get(key);
    if (e !== undefined && e.index === bi && e.stamp === bi.stamp) return e.list;
    const appended = e !== undefined && e.index === bi && e.rewritten === bi.rewritten && bi.order.length >= e.seen && (e.seen === 0 || bi.order[e.seen - 1] === e.lastId);
    if (!appended) lists.set(key, (e = { index: bi, stamp: 0, rewritten: bi.rewritten, seen: 0, lastId: undefined, list: [] }));
    for (; e!.seen < bi.order.length; e!.seen++) {
      const id = bi.order[e!.seen]!;
      const r = records[id];
      if (r !== undefined && r.isActive) e!.list.push(r);
      e!.lastId = id;
    }
    e!.stamp = bi.stamp;
    return e!.list;
  }
  return (tenantId, schemaCode) => {
    const own = ownList(tenantId, schemaCode);
    const state = stateOf(tenantId);
    return own.length > 0 || state === tenantId ? own : ownList(state, schemaCode);
  };
}
