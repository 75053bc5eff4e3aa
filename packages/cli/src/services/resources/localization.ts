import type { LiveMessage } from "../gateway.js";
import { chunk, runPool } from "../pool.js";
import type { PlanItem } from "../types.js";
import { groupBy, type PlanContext } from "./context.js";
import { PLAN_READS } from "./mdms.js";

/** Messages per upsert call. */
export const LOCALIZATION_BATCH = 500;

/**
 * Messages matched by (tenant, locale, module, code). Creates and updates are written together through
 * upsert in batches, one tenant, locale and module per call (DIGIT's upsert keys on the first message's locale
 * and module): the first item of each batch carries the write, the others ride along.
 *
 * DIGIT's search does not merge tenant levels: it answers the first of the tenant, its parents and `default`
 * with any message matching the filter. What a search shows for a tenant may therefore come from a parent, and
 * writing some messages of a module at the tenant hides the parent's others. So when a group has anything to
 * write, its unchanged messages are written with it, which makes the tenant's own level complete.
 */
export async function planLocalization(ctx: PlanContext): Promise<PlanItem[]> {
  const groups = [...groupBy(ctx.bundle.localization, (m) => `${m.tenantId}|${m.locale}|${m.module}`)];
  // The groups' searches run alongside each other (up to PLAN_READS at once); items keep group order.
  const perGroup: PlanItem[][] = [];
  await runPool(groups.map((g, i) => [g, i] as const), PLAN_READS, async ([[group, msgs], index]) => {
    const items: PlanItem[] = (perGroup[index] = []);
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
    if (pending.length === 0) return;
    // Unchanged messages ride along; each code once (a code twice in one upsert is DUPLICATE_RECORDS).
    const toWrite = new Map<string, LiveMessage>();
    for (const m of msgs) toWrite.set(m.code, { code: m.code, message: m.message, module, locale });
    const batches = chunk([...toWrite.values()], LOCALIZATION_BATCH);
    let promise: Promise<void> | undefined;
    // The group's upsert calls are made once, by whichever of its items runs first.
    const run = (): Promise<void> =>
      (promise ??= (async () => {
        // The batches hold different codes, so they go out together.
        await Promise.all(batches.map((messages) => ctx.gateway.upsertMessages(tenantId, messages)));
      })().catch((err: unknown) => {
        promise = undefined; // an upsert is safe to repeat: a retry sends the group again
        throw err;
      }));
    for (const p of pending) items.push({ ...p.item, run });
  });
  return perGroup.flat();
}
