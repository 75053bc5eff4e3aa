/** Small MDMS v2 helpers for the `mdms` commands. */
import type { DigitClient } from "@digit-kit/sdk";
import type { LiveMdmsRecord } from "../../services/gateway.js";

/** An MDMS v2 record as DIGIT returns it, with whatever else the server adds (auditDetails, ...). */
export type MdmsRecord = LiveMdmsRecord & Record<string, unknown>;

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
