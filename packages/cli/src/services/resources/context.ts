import type { Bundle } from "@digit-kit/bundle";
import type { DigitGateway, Page } from "../gateway.js";

/** What every resource planner gets. */
export interface PlanContext {
  gateway: DigitGateway;
  bundle: Bundle;
}

/** Reads every page of a search until an empty page (robust to servers that cap `limit` below ours). */
export async function readAll<T>(search: (page: Page) => Promise<T[]>, limit = 500): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; ) {
    const page = await search({ offset, limit });
    if (page.length === 0) break;
    out.push(...page);
    offset += page.length;
  }
  return out;
}

/** Groups items by a key, keeping order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}
