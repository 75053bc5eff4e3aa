/** `digit mdms search <schema>` */
import { UserError } from "../../errors.js";
import { renderTable } from "../../ui/render.js";
import { clientFor, tenantOf } from "../shared/client.js";
import { searchMdms } from "../shared/mdms-records.js";
import type { CommandContext } from "../types.js";

/**
 * `key=value` filters. mdms-v2 reads them as strings (`Map<String, String> filters`, compared as JSONB strings),
 * so values are sent as written; a JSON-quoted value (`"x"`) is unquoted.
 */
export function parseFilters(list: string[] | undefined): Record<string, string> | undefined {
  if (!list?.length) return undefined;
  const filters: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UserError(`Bad --filter "${item}".`, { where: "--filter", fix: "Write key=value, e.g. --filter active=true." });
    const raw = item.slice(eq + 1);
    let value = raw;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "string") value = parsed;
    } catch {
      /* keep the string */
    }
    filters[item.slice(0, eq)] = value;
  }
  return filters;
}

export default async function mdmsSearch(ctx: CommandContext): Promise<number> {
  const schemaCode = String(ctx.args[0]);
  const limit = Number(ctx.options.limit ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UserError("--limit must be 1..500.", { where: "--limit" });
  const { client, connection } = clientFor(ctx, ctx.options.tenant as string | undefined);
  const tenantId = tenantOf(ctx, connection.loginTenant);
  const filters = parseFilters(ctx.options.filter as string[] | undefined);
  const records = await searchMdms(client, { tenantId, schemaCode, limit, ...(filters ? { filters } : {}) });
  if (ctx.out.json) {
    ctx.out.result({ tenantId, schemaCode, count: records.length, records }, () => "");
    return 0;
  }
  if (records.length === 0) {
    ctx.out.text(`No ${schemaCode} records in ${tenantId}.`);
    return 0;
  }
  await renderTable(ctx.out, {
    title: `${schemaCode} in ${tenantId}: ${records.length} record(s)`,
    columns: ["uniqueIdentifier", "active", "data"],
    rows: records.map((r) => {
      const data = JSON.stringify(r.data);
      return [r.uniqueIdentifier ?? r.id, r.isActive ? "yes" : "no", data.length > 80 ? `${data.slice(0, 77)}...` : data];
    }),
  });
  return 0;
}
