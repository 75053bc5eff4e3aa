/** Lookups over the `mdms` state slice. */
import type { MdmsDataRecord, MdmsSchemaRecord, MdmsSlice } from "../../core/types.js";
import { tenantChain } from "../shared/tenancy.js";

/** The schema `code` for `tenantId`, else its state tenant's (schemas usually live at state level). */
export function findSchema(slice: MdmsSlice, tenantId: string, code: string): MdmsSchemaRecord | undefined {
  for (const tenant of tenantChain(tenantId)) {
    const schema = slice.schemas[tenant]?.[code];
    if (schema !== undefined) return schema;
  }
  return undefined;
}

/** Every stored record (any visibility, any status) of one tenant and schema, in creation order. */
export function bucket(slice: MdmsSlice, tenantId: string, schemaCode: string): MdmsDataRecord[] {
  return Object.values(slice.data[tenantId]?.[schemaCode] ?? {});
}

/** Schema codes that hold data for a tenant. */
export function schemaCodesOf(slice: MdmsSlice, tenantId: string): string[] {
  return Object.keys(slice.data[tenantId] ?? {});
}

/** Whether an active record with that uniqueIdentifier exists for the tenant or its state tenant. */
export function activeRecordExists(slice: MdmsSlice, tenantId: string, schemaCode: string, uniqueIdentifier: string): boolean {
  return tenantChain(tenantId).some((tenant) =>
    bucket(slice, tenant, schemaCode).some((r) => r.isActive && r.uniqueIdentifier === uniqueIdentifier),
  );
}

export function putRecord(slice: MdmsSlice, record: MdmsDataRecord): void {
  const byTenant = (slice.data[record.tenantId] ??= {});
  const bySchema = (byTenant[record.schemaCode] ??= {});
  bySchema[record.id] = record;
}

export function putSchema(slice: MdmsSlice, schema: MdmsSchemaRecord): void {
  const byTenant = (slice.schemas[schema.tenantId] ??= {});
  byTenant[schema.code] = schema;
}
