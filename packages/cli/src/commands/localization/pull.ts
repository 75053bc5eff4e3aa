/** `digit localization pull`: messages of a tenant/locale (optionally one module) to stdout or a file. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { clientFor, tenantOf } from "../shared/client.js";
import type { CommandContext } from "../types.js";

export default async function localizationPull(ctx: CommandContext): Promise<number> {
  const { client, connection } = clientFor(ctx, ctx.options.tenant as string | undefined);
  const tenantId = tenantOf(ctx, connection.loginTenant);
  const locale = String(ctx.options.locale ?? "en_IN");
  const module = ctx.options.module as string | undefined;
  const res = await client.localization.search({
    query: { tenantId, locale, ...(module ? { module } : {}) },
  });
  const messages = (res.messages ?? []).map(({ code, message, module: m, locale: l }) => ({ code, message, module: m, locale: l }));
  const out = ctx.options.out as string | undefined;
  if (out) {
    writeFileSync(resolve(ctx.io.cwd, out), `${JSON.stringify(messages, null, 2)}\n`);
    ctx.out.result({ tenantId, locale, module: module ?? null, count: messages.length, file: out }, () => `Wrote ${messages.length} message(s) to ${out}.`);
  } else {
    ctx.out.result(messages, () => JSON.stringify(messages, null, 2));
  }
  return 0;
}
