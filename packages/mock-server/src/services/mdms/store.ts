/**
 * The `mdms` state slice and its lookup index.
 *
 * State: `schemas[stateTenant][code]` and `data[tenantId][schemaCode][id]` (core/types.ts `MdmsSlice`). Keys come
 * from requests, so every read goes through {@link own} and every write through {@link setOwn}: a tenant or code
 * named `__proto__` or `constructor` is an ordinary key, never `Object.prototype`.
 *
 * Index: per tenant and schema, the record ids in creation order and `uniqueIdentifier → position`, so the
 * handlers' lookups cost what they return, not the size of the master (the duplicate check, reference checks
 * and a newest-first page touch a handful of records among 100k). It lives in the slice itself, under a symbol
 * key and non-enumerable:
 * - a write changes data and index through the same journaled view, so a rolled-back write rolls both back;
 * - `snapshot()`, `restore()` and the state file copy only enumerable string keys, so a restored slice (a reset,
 *   `/_mock/restore`, `--state`) arrives without an index and gets a fresh one, built from its data on first use
 *   ({@link indexOf}); nothing stale can come back from a snapshot;
 * - write lag needs nothing: the index holds every record, visibility is checked when records are read.
 * Records are never deleted and `id`, `uniqueIdentifier`, `tenantId` and `schemaCode` never change after create
 * (an update keeps the stored uniqueIdentifier), so positions stay valid. Data written into the slice other than
 * through {@link putRecord} is not indexed: do not.
 */
import type { MdmsDataRecord, MdmsSchemaRecord, MdmsSlice } from "../../core/types.js";

type Dict<T> = Record<string, T>;

/** `obj[key]` if `obj` has it as an own property (never something inherited from Object.prototype). */
export function own<T>(obj: Dict<T> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** `obj[key] = value`, also for the key `__proto__` (which a plain assignment would turn into a prototype change). */
export function setOwn<T>(obj: Dict<T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

function ensure<T>(obj: Dict<Dict<T>>, key: string): Dict<T> {
  let inner = own(obj, key);
  if (inner === undefined) {
    inner = {};
    setOwn(obj, key, inner);
  }
  return inner;
}

/** One tenant's records of one schema: ids in creation order; position by id and by uniqueIdentifier. */
export interface BucketIndex {
  order: string[];
  pos: Dict<number>;
  uid: Dict<number>;
  /** Changes whenever a record of the bucket is stored. */
  stamp: number;
  /** The stamp of the last update of a stored record (creates do not change it). */
  rewritten: number;
}

// Process-wide, outside the journal: a rolled-back write restores an older stamp, and no stamp is handed out twice,
// so a stamp never names two different contents.
let lastStamp = 0;

type MdmsIndex = Dict<Dict<BucketIndex>>;
const INDEX = Symbol("mdms.index");
type Indexed = MdmsSlice & { [INDEX]?: MdmsIndex };

const dict = <T>(): Dict<T> => Object.create(null) as Dict<T>;

function newBucketIndex(): BucketIndex {
  return { order: [], pos: dict(), uid: dict(), stamp: ++lastStamp, rewritten: 0 };
}

function indexBucket(bucket: Dict<MdmsDataRecord>): BucketIndex {
  const bi = newBucketIndex();
  for (const id of Object.keys(bucket)) {
    const record = bucket[id] as MdmsDataRecord;
    bi.pos[id] = bi.order.length;
    bi.uid[record.uniqueIdentifier] = bi.order.length;
    bi.order.push(id);
  }
  return bi;
}

/** The slice's index, built from its data when the slice has none yet (new, restored or loaded from a file). */
function indexOf(slice: MdmsSlice): MdmsIndex {
  const s = slice as Indexed;
  let index = s[INDEX];
  if (index === undefined) {
    index = dict();
    for (const tenant of Object.keys(slice.data)) {
      const perSchema = dict<BucketIndex>();
      const buckets = slice.data[tenant] as Dict<Dict<MdmsDataRecord>>;
      for (const code of Object.keys(buckets)) perSchema[code] = indexBucket(buckets[code] as Dict<MdmsDataRecord>);
      index[tenant] = perSchema;
    }
    Object.defineProperty(s, INDEX, { value: index, writable: true, enumerable: false, configurable: true });
  }
  return index;
}

/** The index of one tenant's records of one schema (empty when there are none). */
export function bucketIndex(slice: MdmsSlice, tenantId: string, schemaCode: string): BucketIndex | undefined {
  return own(own(indexOf(slice), tenantId), schemaCode);
}

/** Every stored record (any visibility, any status) of one tenant and schema, by id. */
export function bucketOf(slice: MdmsSlice, tenantId: string, schemaCode: string): Dict<MdmsDataRecord> | undefined {
  return own(own(slice.data, tenantId), schemaCode);
}

/** Every stored record of one tenant and schema, in creation order. */
export function bucket(slice: MdmsSlice, tenantId: string, schemaCode: string): MdmsDataRecord[] {
  const records = bucketOf(slice, tenantId, schemaCode);
  return records === undefined ? [] : Object.values(records);
}

/** Schema codes with records at a tenant. */
export function schemaCodesOf(slice: MdmsSlice, tenantId: string): string[] {
  const perTenant = own(slice.data, tenantId);
  return perTenant === undefined ? [] : Object.keys(perTenant);
}

/** The record holding `uniqueIdentifier` in one tenant's schema (any visibility, any status). */
export function recordByUid(slice: MdmsSlice, tenantId: string, schemaCode: string, uniqueIdentifier: string): MdmsDataRecord | undefined {
  const bi = bucketIndex(slice, tenantId, schemaCode);
  const p = bi === undefined ? undefined : own(bi.uid, uniqueIdentifier);
  return p === undefined ? undefined : own(bucketOf(slice, tenantId, schemaCode), bi!.order[p] as string);
}

/** The record `id` at `tenantId`, whatever its schema (mdms-v2 looks records up by id and tenant only). */
export function recordById(slice: MdmsSlice, tenantId: string, id: string): MdmsDataRecord | undefined {
  const perTenant = own(slice.data, tenantId);
  if (perTenant === undefined) return undefined;
  for (const code of Object.keys(perTenant)) {
    const found = own(perTenant[code], id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Position of a record in its bucket's creation order (-1 when unknown). */
export function positionOf(slice: MdmsSlice, record: MdmsDataRecord): number {
  const bi = bucketIndex(slice, record.tenantId, record.schemaCode);
  return (bi === undefined ? undefined : own(bi.pos, record.id)) ?? -1;
}

/** One tenant's records of one schema, newest first (any visibility, any status). */
export function* newestFirst(slice: MdmsSlice, tenantId: string, schemaCode: string): Generator<MdmsDataRecord> {
  const bi = bucketIndex(slice, tenantId, schemaCode);
  const records = bucketOf(slice, tenantId, schemaCode);
  if (bi === undefined || records === undefined) return;
  for (let i = bi.order.length - 1; i >= 0; i--) {
    const record = own(records, bi.order[i] as string);
    if (record !== undefined) yield record;
  }
}

/** Store a new record, or the new version of an existing one (same id, uniqueIdentifier, tenant and schema). */
export function putRecord(slice: MdmsSlice, record: MdmsDataRecord): void {
  const index = indexOf(slice);
  const records = ensure(ensure(slice.data, record.tenantId), record.schemaCode);
  const isNew = own(records, record.id) === undefined;
  setOwn(records, record.id, record);
  let perSchema = own(index, record.tenantId);
  if (perSchema === undefined) {
    perSchema = dict();
    index[record.tenantId] = perSchema;
  }
  let bi = own(perSchema, record.schemaCode);
  if (bi === undefined) {
    bi = newBucketIndex();
    perSchema[record.schemaCode] = bi;
  }
  bi.stamp = ++lastStamp;
  if (!isNew) {
    bi.rewritten = bi.stamp;
    return;
  }
  const p = bi.order.length;
  bi.order.push(record.id);
  bi.pos[record.id] = p;
  bi.uid[record.uniqueIdentifier] = p;
}

/** The schema `code` stored at `tenantId` (schemas live at state tenants). */
export function schemaAt(slice: MdmsSlice, tenantId: string, code: string): MdmsSchemaRecord | undefined {
  return own(own(slice.schemas, tenantId), code);
}

/** Every schema stored at `tenantId`. */
export function schemasAt(slice: MdmsSlice, tenantId: string): MdmsSchemaRecord[] {
  const perTenant = own(slice.schemas, tenantId);
  return perTenant === undefined ? [] : Object.values(perTenant);
}

export function putSchema(slice: MdmsSlice, schema: MdmsSchemaRecord): void {
  setOwn(ensure(slice.schemas, schema.tenantId), schema.code, schema);
}
