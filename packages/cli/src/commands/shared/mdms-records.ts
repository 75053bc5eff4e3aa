/** Small MDMS v2 helpers for the `mdms` commands. */
import type { DigitClient } from "@digit-kit/sdk";

export interface MdmsRecord {
  id: string;
  tenantId: string;
  schemaCode: string;
  uniqueIdentifier?: string | null;
  data: Record<string, unknown>;
  isActive: boolean;
  [key: string]: unknown;
}

export interface MdmsQuery {
  tenantId: string;
  schemaCode: string;
  uniqueIdentifiers?: string[];
  filters?: Record<string, unknown>;
  limit?: number;
  offset?: number;
}

export async function searchMdms(client: DigitClient, q: MdmsQuery): Promise<MdmsRecord[]> {
  const res = (await client.mdms.search({
    MdmsCriteria: { offset: 0, limit: 100, ...q },
  } as never)) as { mdms?: MdmsRecord[] };
  return res.mdms ?? [];
}

export async function getSchemaDefinition(client: DigitClient, tenantId: string, code: string): Promise<Record<string, unknown> | undefined> {
  const res = (await client.mdms.searchSchemas({ SchemaDefCriteria: { tenantId, codes: [code], offset: 0, limit: 1 } } as never)) as {
    SchemaDefinitions?: { code: string; definition: Record<string, unknown> }[];
  };
  return res.SchemaDefinitions?.find((s) => s.code === code)?.definition;
}
