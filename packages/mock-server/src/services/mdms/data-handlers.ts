/** mdms-v2 master data: `v2/_create/{schemaCode}`, `v2/_search`, `v2/_count`, `v2/_update/{schemaCode}`. */
import type { DigitErrorItem, MdmsDataRecord, MdmsSchemaRecord, MdmsSlice, OperationHandler, OperationRequest } from "../../core/types.js";
import { actorOf, newAudit, touchAudit } from "../shared/audit.js";
import { digitError, handle, ok, reject, rejectAll } from "../shared/respond.js";
import { tenantChain } from "../shared/tenancy.js";
import { bool, clone, int, isRecord, list, recordAt, str } from "../shared/values.js";
import { activeRecordExists, bucket, findSchema, putRecord, schemaCodesOf } from "./store.js";
import { keyPart, refSchemas, uniqueIdentifierOf, validateData, valuesAt } from "./validation.js";

/** DIGIT's default page size for mdms-v2 searches. */
export const DEFAULT_SEARCH_LIMIT = 10;
/** The mock's ceiling for one page; larger limits are clamped. */
export const MAX_SEARCH_LIMIT = 1000;

interface MdmsInput {
  tenantId: string;
  schemaCode: string;
  data: Record<string, unknown>;
  input: Record<string, unknown>;
}

function readInput(req: OperationRequest): MdmsInput {
  const input = recordAt(req.body, "Mdms");
  const pathCode = str(req.params["schemaCode"]);
  const bodyCode = str(input["schemaCode"]);
  const tenantId = str(input["tenantId"]);
  if (tenantId === undefined) reject("INVALID_MDMS_REQUEST", "Mdms.tenantId is required.");
  if (pathCode !== undefined && bodyCode !== undefined && pathCode !== bodyCode) {
    reject(
      "SCHEMA_CODE_MISMATCH",
      `The path names schema ${pathCode} but Mdms.schemaCode is ${bodyCode}; send the same code in both places.`,
      [pathCode, bodyCode],
    );
  }
  const schemaCode = pathCode ?? bodyCode;
  if (schemaCode === undefined) reject("INVALID_MDMS_REQUEST", "The schema code is required (path {schemaCode} or Mdms.schemaCode).");
  const data = input["data"];
  if (!isRecord(data)) reject("INVALID_MDMS_DATA", "Mdms.data must be a JSON object.", ["$"]);
  return { tenantId, schemaCode, data, input };
}

function requireSchema(slice: MdmsSlice, tenantId: string, schemaCode: string): MdmsSchemaRecord {
  const schema = findSchema(slice, tenantId, schemaCode);
  if (schema === undefined || !schema.isActive) {
    reject(
      "SCHEMA_DEFINITION_NOT_FOUND",
      `No active schema definition ${schemaCode} exists for tenant ${tenantId} or its state tenant; create it with schema/v1/_create first.`,
      [schemaCode],
    );
  }
  return schema;
}

/** `x-ref-schema` checks: every referenced value must be an active record's uniqueIdentifier. */
function referenceErrors(slice: MdmsSlice, schema: MdmsSchemaRecord, tenantId: string, data: Record<string, unknown>): DigitErrorItem[] {
  const errors: DigitErrorItem[] = [];
  for (const ref of refSchemas(schema)) {
    for (const value of valuesAt(data, ref.fieldPath)) {
      const id = keyPart(value);
      if (!activeRecordExists(slice, tenantId, ref.schemaCode, id)) {
        errors.push(
          digitError(
            "INVALID_REFERENCE",
            `Mdms.data.${ref.fieldPath} = ${id} does not match any active ${ref.schemaCode} record for tenant ${tenantId}; create that record first or fix the value.`,
            [ref.fieldPath, ref.schemaCode, id],
          ),
        );
      }
    }
  }
  return errors;
}

function duplicateCheck(slice: MdmsSlice, tenantId: string, schemaCode: string, uniqueIdentifier: string, selfId?: string): void {
  const clash = bucket(slice, tenantId, schemaCode).find((r) => r.uniqueIdentifier === uniqueIdentifier && r.id !== selfId);
  if (clash !== undefined) {
    reject(
      "DUPLICATE_RECORD",
      `A ${schemaCode} record with unique identifier ${uniqueIdentifier} already exists for tenant ${tenantId} (id ${clash.id}); update it instead.`,
      [schemaCode, uniqueIdentifier],
    );
  }
}

function toWire(record: MdmsDataRecord): Record<string, unknown> {
  const { visibleFrom: _hidden, ...rest } = record;
  return clone(rest);
}

/**
 * The search view of a record: a shallow copy. Both transports serialise the answer at once and reads run
 * outside the write journal, so sharing nested objects is safe there and saves a deep copy per record.
 */
function toSearchView(record: MdmsDataRecord): Record<string, unknown> {
  const { visibleFrom: _hidden, ...rest } = record;
  return rest;
}

export const createData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, schemaCode, data, input } = readInput(req);
    const schema = requireSchema(slice, tenantId, schemaCode);
    rejectAll(validateData(schema, data));
    const uniqueIdentifier = uniqueIdentifierOf(schema, data) ?? ctx.uuid();
    duplicateCheck(slice, tenantId, schemaCode, uniqueIdentifier);
    rejectAll(referenceErrors(slice, schema, tenantId, data));
    const now = ctx.now();
    const record: MdmsDataRecord = {
      id: ctx.uuid(),
      tenantId,
      schemaCode,
      uniqueIdentifier,
      data: clone(data),
      isActive: input["isActive"] !== false,
      auditDetails: newAudit(actorOf(req), now),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    putRecord(slice, record);
    return ok(req, now, 202, { mdms: [toWire(record)] });
  });

/**
 * Updates by `Mdms.id` (else by `uniqueIdentifier`), revalidating the data. `isActive: false` is DIGIT's
 * soft delete. The new version replaces the old one in place and keeps its visibility time.
 */
export const updateData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, schemaCode, data, input } = readInput(req);
    const schema = requireSchema(slice, tenantId, schemaCode);
    const id = str(input["id"]);
    const givenUid = str(input["uniqueIdentifier"]);
    const existing = bucket(slice, tenantId, schemaCode).find((r) => (id !== undefined ? r.id === id : r.uniqueIdentifier === givenUid));
    if (existing === undefined) {
      reject(
        "MDMS_DATA_NOT_FOUND",
        `No ${schemaCode} record with ${id !== undefined ? `id ${id}` : `uniqueIdentifier ${givenUid ?? "(none given)"}`} exists for tenant ${tenantId}; send Mdms.id of an existing record.`,
        [schemaCode],
      );
    }
    rejectAll(validateData(schema, data));
    const uniqueIdentifier = uniqueIdentifierOf(schema, data) ?? existing.uniqueIdentifier;
    duplicateCheck(slice, tenantId, schemaCode, uniqueIdentifier, existing.id);
    const isActive = typeof input["isActive"] === "boolean" ? input["isActive"] : existing.isActive;
    if (isActive) rejectAll(referenceErrors(slice, schema, tenantId, data));
    const now = ctx.now();
    const record: MdmsDataRecord = {
      ...existing,
      uniqueIdentifier,
      data: clone(data),
      isActive,
      auditDetails: touchAudit(existing.auditDetails, actorOf(req), now),
    };
    putRecord(slice, record);
    return ok(req, now, 202, { mdms: [toWire(record)] });
  });

/** JSONB containment (`data @> filters`), which is what DIGIT's `filters` does. */
function contains(data: unknown, filter: unknown): boolean {
  if (isRecord(filter)) {
    return isRecord(data) && Object.entries(filter).every(([k, v]) => contains(data[k], v));
  }
  if (Array.isArray(filter)) {
    return Array.isArray(data) && filter.every((f) => data.some((d) => contains(d, f)));
  }
  // Filters travel as strings (`additionalProperties: string`) even for numeric or boolean fields.
  return data === filter || (typeof filter === "string" && data !== null && typeof data !== "object" && String(data) === filter);
}

interface Criteria {
  tenantId: string;
  schemaCode?: string;
  ids: string[];
  uniqueIdentifiers: string[];
  filters?: Record<string, unknown>;
  isActive?: boolean;
}

function readCriteria(req: OperationRequest): { criteria: Criteria; raw: Record<string, unknown> } {
  const raw = recordAt(req.body, "MdmsCriteria");
  const tenantId = str(raw["tenantId"]);
  if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "MdmsCriteria.tenantId is required.");
  const filters = raw["filters"];
  return {
    raw,
    criteria: {
      tenantId,
      schemaCode: str(raw["schemaCode"]),
      ids: list(raw["ids"]),
      uniqueIdentifiers: list(raw["uniqueIdentifiers"]),
      filters: isRecord(filters) ? filters : undefined,
      isActive: bool(raw["isActive"]),
    },
  };
}

function matches(record: MdmsDataRecord, c: Criteria, now: number): boolean {
  return (
    record.visibleFrom <= now &&
    (c.ids.length === 0 || c.ids.includes(record.id)) &&
    (c.uniqueIdentifiers.length === 0 || c.uniqueIdentifiers.includes(record.uniqueIdentifier)) &&
    (c.isActive === undefined || record.isActive === c.isActive) &&
    (c.filters === undefined || contains(record.data, c.filters))
  );
}

/**
 * Records matching the criteria for the tenant; per schema, a city tenant with no match falls back to
 * its state tenant (DIGIT's tenant-level fallback). Creation order is kept.
 */
export function findRecords(slice: MdmsSlice, c: Criteria, now: number): MdmsDataRecord[] {
  const chain = tenantChain(c.tenantId);
  const codes =
    c.schemaCode !== undefined ? [c.schemaCode] : [...new Set(chain.flatMap((tenant) => schemaCodesOf(slice, tenant)))];
  const out: MdmsDataRecord[] = [];
  for (const code of codes) {
    for (const tenant of chain) {
      const found = bucket(slice, tenant, code).filter((r) => matches(r, c, now));
      if (found.length > 0) {
        out.push(...found);
        break;
      }
    }
  }
  return out;
}

export const searchData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { criteria, raw } = readCriteria(req);
    const now = ctx.now();
    const offset = int(raw["offset"], 0);
    const limit = Math.min(int(raw["limit"], DEFAULT_SEARCH_LIMIT), MAX_SEARCH_LIMIT);
    const found = findRecords(slice, criteria, now);
    return ok(req, now, 200, { mdms: found.slice(offset, offset + limit).map(toSearchView) });
  });

export const countData: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { criteria } = readCriteria(req);
    const now = ctx.now();
    return ok(req, now, 200, { totalCount: findRecords(slice, criteria, now).length });
  });
