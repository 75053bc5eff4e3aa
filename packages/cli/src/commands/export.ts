/** `digit export --tenant <t> -o <dir>`: a live tenant as a DIGIT Kit bundle. */
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { exportTenant, PagingError, type ResourceKind } from "../services/index.js";
import { UserError } from "../errors.js";
import { renderTable } from "../ui/render.js";
import { connect } from "./shared/connect.js";
import type { CommandContext } from "./types.js";

export default async function exportCommand(ctx: CommandContext): Promise<number> {
  const tenant = ctx.options.tenant as string | undefined;
  const out = ctx.options.out as string | undefined;
  if (!tenant) throw new UserError("Which tenant? --tenant is required.", { fix: "Pass --tenant <state>, e.g. --tenant pb." });
  if (!out) throw new UserError("Where to? -o/--out is required.", { fix: "Pass -o <dir>; it is created if missing." });
  const outDir = resolve(ctx.io.cwd, out);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new UserError(`${out} is not empty.`, { where: outDir, fix: "Export into a new or empty directory." });
  }
  const { gateway } = connect(ctx, tenant);
  const only = ctx.options.only as ResourceKind[] | undefined;
  let result;
  try {
    result = await exportTenant(gateway, { tenant, outDir, ...(only ? { kinds: only } : {}), onWarning: (w) => ctx.out.status(`warning: ${w}`) });
  } catch (err) {
    if (err instanceof PagingError) throw new UserError(`Export stopped: ${err.message}.`, { fix: "Nothing was left out silently; check the server's paging (offset/limit) for this search." });
    throw err;
  }
  if (ctx.out.json) {
    ctx.out.result({ tenant, ...result }, () => "");
  } else {
    await renderTable(ctx.out, {
      title: `Exported ${tenant} to ${out} (${result.files.length} files)`,
      columns: ["what", "count"],
      rows: Object.entries(result.counts).map(([k, v]) => [k, v]),
      alignRight: [1],
    });
  }
  return 0;
}
