/** `digit localization push <file>`: upserts messages (array of {code, message, module, locale}, or a DIGIT Kit code→message map with --locale/--module). */
import { UserError } from "../../errors.js";
import { clientFor, tenantOf } from "../shared/client.js";
import { readDataFile } from "../shared/read-data-file.js";
import type { CommandContext } from "../types.js";

interface Message {
  code: string;
  message: string;
  module: string;
  locale: string;
}

export function messagesIn(data: unknown, file: string): Message[] {
  const list = Array.isArray(data) ? data : (data as { messages?: unknown })?.messages;
  if (!Array.isArray(list)) throw new UserError(`${file} holds no messages.`, { where: file, fix: "Expected an array of {code, message, module, locale}." });
  return list.map((m, i) => {
    const x = m as Partial<Message>;
    if (!x.code || typeof x.message !== "string" || !x.module || !x.locale) {
      throw new UserError(`${file}: message ${i} lacks code, message, module or locale.`, { where: `${file}: /${i}`, fix: "Give every message all four fields." });
    }
    return { code: x.code, message: x.message, module: x.module, locale: x.locale };
  });
}

export default async function localizationPush(ctx: CommandContext): Promise<number> {
  const file = String(ctx.args[0]);
  const messages = messagesIn(readDataFile(ctx.io.cwd, file), file);
  const { client, connection } = clientFor(ctx, ctx.options.tenant as string | undefined);
  const tenantId = tenantOf(ctx, connection.loginTenant);
  const BATCH = 500;
  for (let i = 0; i < messages.length; i += BATCH) {
    await client.localization.upsert({ tenantId, messages: messages.slice(i, i + BATCH) } as never);
    if (messages.length > BATCH) ctx.out.status(`pushed ${Math.min(i + BATCH, messages.length)}/${messages.length}`);
  }
  ctx.out.result({ tenantId, pushed: messages.length }, () => `Upserted ${messages.length} message(s) to ${tenantId}.`);
  return 0;
}
