import type { LiveMessage } from "../gateway.js";
import { chunk } from "../pool.js";
import type { PlanItem } from "../types.js";
import { groupBy, type PlanContext } from "./context.js";

/** Messages per upsert call. */
export const LOCALIZATION_BATCH = 500;

/**
 * Messages matched by (tenant, locale, module, code). Creates and updates are written together through
 * upsert in batches: the first item of each batch carries the write, the others ride along.
 */
export async function planLocalization(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const [group, msgs] of groupBy(ctx.bundle.localization, (m) => `${m.tenantId}|${m.locale}|${m.module}`)) {
    const [tenantId, locale, module] = group.split("|") as [string, string, string];
    const live = await ctx.gateway.searchMessages(tenantId, locale, module);
    const byCode = new Map(live.filter((l) => l.module === module && l.locale === locale).map((l) => [l.code, l.message]));
    const pending: { item: PlanItem; msg: LiveMessage }[] = [];
    for (const m of msgs) {
      const base = { kind: "localization" as const, key: `${module}:${m.code}@${locale}`, tenantId, origin: m.origin };
      const current = byCode.get(m.code);
      const msg = { code: m.code, message: m.message, module, locale };
      if (current === undefined) pending.push({ item: { ...base, action: "create" }, msg });
      else if (current !== m.message) pending.push({ item: { ...base, action: "update", changes: [{ path: "/message", from: current, to: m.message }] }, msg });
      else items.push({ ...base, action: "unchanged" });
    }
    for (const batch of chunk(pending, LOCALIZATION_BATCH)) {
      const messages = batch.map((b) => b.msg);
      const write = ctx.gateway.upsertMessages.bind(ctx.gateway, tenantId, messages);
      let promise: Promise<void> | undefined;
      // Every item of the batch shares one upsert call, made once.
      const run = (): Promise<void> => (promise ??= write());
      for (const b of batch) items.push({ ...b.item, run });
    }
  }
  return items;
}
