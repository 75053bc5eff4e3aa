/** Small MDMS v2 helpers for the `mdms` commands. */
import type { DigitClient } from "@digit-kit/sdk";
import type { LiveMdmsRecord } from "../../services/gateway.js";

/** An MDMS v2 record as DIGIT returns it. */
export type MdmsRecord = LiveMdmsRecord;

export interface MdmsQuery {
  tenantId: string;
  schemaCode: string;
  uniqueIdentifiers?: string[];
  filters?: Record<string, string>;
  limit?: number;
  offset?: number;
}

export async function searchMdms(client: DigitClient, q: MdmsQuery): Promise<MdmsRecord[]> {
  const res = await client.mdms.search({
    MdmsCriteria: { offset: 0, limit: 100, ...q },
  });
  return (res.mdms ?? []).filter((r): r is MdmsRecord => typeof r.id === "string");
}

export async function getSchemaDefinition(client: DigitClient, tenantId: string, code: string): Promise<Record<string, unknown> | undefined> {
  const res = await client.mdms.searchSchemas({ SchemaDefCriteria: { tenantId, codes: [code], offset: 0, limit: 1 } });
  return res.SchemaDefinitions?.find((s) => s.code === code)?.definition;
}
