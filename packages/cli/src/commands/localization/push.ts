/**
 * `digit localization push <file>`: upserts messages from an array of {code, message, module, locale} (as
 * `pull` writes it) or from a DIGIT Kit bundle's code→message map (`localization/<locale>/<module>.yaml`),
 * whose locale and module come from --locale/--module or else from the file's path.
 */
import { basename, dirname, extname } from "node:path";
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

const LOCALE = /^[a-z]{2,3}_[A-Z]{2}$/;

/** A bundle-style `{CODE: "message"}` map; locale and module from the flags, else from `<locale>/<module>.yaml`. */
function messagesFromMap(map: Record<string, unknown>, file: string, flags: { locale?: string; module?: string }): Message[] {
  const folder = basename(dirname(file));
  const locale = flags.locale ?? (LOCALE.test(folder) ? folder : undefined);
  const module = flags.module ?? basename(file, extname(file));
  if (!locale) {
    throw new UserError(`${file} is a code→message map but names no locale.`, {
      where: file,
      fix: "Pass --locale (e.g. --locale en_IN), or keep the file at localization/<locale>/<module>.yaml as in a bundle.",
    });
  }
  return Object.entries(map).map(([code, message]) => {
    if (typeof message !== "string") {
      throw new UserError(`${file}: ${code} is not a string message.`, { where: `${file}: /${code}`, fix: "Map every code to its message text." });
    }
    return { code, message, module, locale };
  });
}

export function messagesIn(data: unknown, file: string, flags: { locale?: string; module?: string } = {}): Message[] {
  const list = Array.isArray(data) ? data : (data as { messages?: unknown })?.messages;
  if (!Array.isArray(list) && data !== null && typeof data === "object") return messagesFromMap(data as Record<string, unknown>, file, flags);
  if (!Array.isArray(list)) {
    throw new UserError(`${file} holds no messages.`, {
      where: file,
      fix: "Expected an array of {code, message, module, locale}, or a {CODE: message} map with --locale and --module.",
    });
  }
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
  const messages = messagesIn(readDataFile(ctx.io.cwd, file), file, {
    locale: ctx.options.locale as string | undefined,
    module: ctx.options.module as string | undefined,
  });
  const { client, connection } = clientFor(ctx, ctx.options.tenant as string | undefined);
  const tenantId = tenantOf(ctx, connection.loginTenant);
  const BATCH = 500;
  const batches = upsertBatches(messages, BATCH);
  const total = batches.reduce((n, b) => n + b.length, 0);
  let pushed = 0;
  for (const batch of batches) {
    await client.localization.upsert({ tenantId, messages: batch });
    pushed += batch.length;
    if (batches.length > 1) ctx.out.status(`pushed ${pushed}/${total}`);
  }
  ctx.out.result({ tenantId, pushed: total }, () => `Upserted ${total} message(s) to ${tenantId}.`);
  return 0;
}

/**
 * Upsert calls DIGIT handles correctly: one locale and module per call (DIGIT finds existing rows by the first
 * message's locale and module only) and each code once per call (a repeated code is DUPLICATE_RECORDS; the
 * last text wins here), at most `size` messages each.
 */
export function upsertBatches(messages: Message[], size: number): Message[][] {
  const groups = new Map<string, Map<string, Message>>();
  for (const m of messages) {
    const key = `${m.locale}\u0000${m.module}`;
    const group = groups.get(key) ?? new Map<string, Message>();
    group.delete(m.code);
    group.set(m.code, m);
    groups.set(key, group);
  }
  const out: Message[][] = [];
  for (const group of groups.values()) {
    const list = [...group.values()];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  }
  return out;
}
