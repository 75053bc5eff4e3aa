/** `digit mdms set <schema> --data ...`: create the record, or update it when its uniqueIdentifier exists. */
import { uniqueIdentifierOf } from "@digit-kit/bundle";
import type { MdmsRecord } from "@digit-kit/sdk";
import { UserError } from "../../errors.js";
import { clientFor, tenantOf } from "../shared/client.js";
import { getSchemaDefinition, searchMdms } from "../shared/mdms-records.js";
import { readInlineOrFile } from "../shared/read-data-file.js";
import type { CommandContext } from "../types.js";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export default async function mdmsSet(ctx: CommandContext): Promise<number> {
  const schemaCode = String(ctx.args[0]);
  const raw = ctx.options.data as string | undefined;
  if (!raw) throw new UserError("--data is required.", { fix: `Pass --data '{"code":"X",...}' or --data @record.json.` });
  const data = readInlineOrFile(ctx.io.cwd, raw, "--data");
  if (!isRecord(data)) {
    throw new UserError("--data must be one JSON object (the record's data).", { where: "--data" });
  }
  const isActive = ctx.options.inactive !== true;
  const { client, connection } = clientFor(ctx, ctx.options.tenant as string | undefined);
  const tenantId = tenantOf(ctx, connection.loginTenant);
  const definition = await getSchemaDefinition(client, tenantId, schemaCode);
  if (!definition) {
    throw new UserError(`Schema ${schemaCode} does not exist in ${tenantId}.`, { fix: "Create the schema first (put it in a bundle and digit apply)." });
  }
  const uid = uniqueIdentifierOf(definition, data);
  const [existing] = uid ? await searchMdms(client, { tenantId, schemaCode, uniqueIdentifiers: [uid], limit: 1 }) : [];
  let saved: MdmsRecord | undefined;
  if (existing) {
    const res = await client.mdms.update({ Mdms: { ...existing, data, isActive } }, { params: { schemaCode } });
    saved = res.mdms?.[0];
  } else {
    const res = await client.mdms.create({ Mdms: { tenantId, schemaCode, data, isActive } }, { params: { schemaCode } });
    saved = res.mdms?.[0];
  }
  const action = existing ? "updated" : "created";
  ctx.out.result({ action, record: saved ?? null }, () => `${action} ${schemaCode} ${saved?.uniqueIdentifier ?? uid ?? ""} in ${tenantId}`);
  return 0;
}
