/** `digit mdms get <schema> <id>`: one record by uniqueIdentifier. */
import { UserError } from "../../errors.js";
import { clientFor, tenantOf } from "../shared/client.js";
import { searchMdms } from "../shared/mdms-records.js";
import type { CommandContext } from "../types.js";

export default async function mdmsGet(ctx: CommandContext): Promise<number> {
  const schemaCode = String(ctx.args[0]);
  const id = String(ctx.args[1]);
  const { client, connection } = clientFor(ctx, ctx.options.tenant as string | undefined);
  const tenantId = tenantOf(ctx, connection.loginTenant);
  const [record] = await searchMdms(client, { tenantId, schemaCode, uniqueIdentifiers: [id], limit: 1 });
  if (!record) {
    throw new UserError(`No ${schemaCode} record "${id}" in ${tenantId}.`, {
      fix: `List them: digit mdms search ${schemaCode} --tenant ${tenantId}`,
    });
  }
  ctx.out.result(record, () => JSON.stringify(record.data, null, 2));
  return 0;
}
