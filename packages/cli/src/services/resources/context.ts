import type { Bundle } from "@digit-kit/bundle";
import type { DigitGateway, Page } from "../gateway.js";

/** What every resource planner gets. */
export interface PlanContext {
  gateway: DigitGateway;
  bundle: Bundle;
}

/** Raised when paging a search cannot reach its end: export and plan never continue on a silently cut list. */
export class PagingError extends Error {
  readonly code = "PAGE_LIMIT_REACHED";
  constructor(message: string) {
    super(message);
    this.name = "PagingError";
  }
}

/** More pages than any DIGIT search should ever need; hitting it means the server ignores `offset`. */
export const MAX_PAGES = 10_000;

/**
 * Reads every page of a search until an empty page, so a server that caps `limit` below ours (boundary-service
 * caps at 300: boundary-service/src/main/resources/application.properties:94) is still read to the end. Throws a
 * {@link PagingError} instead of stopping silently when the server answers the same page twice (it ignores
 * `offset`) or after {@link MAX_PAGES} pages.
 */
export async function readAll<T>(search: (page: Page) => Promise<T[]>, limit = 500, what = "search"): Promise<T[]> {
  const out: T[] = [];
  let previous: string | undefined;
  for (let offset = 0, pages = 0; ; pages++) {
    if (pages >= MAX_PAGES) throw new PagingError(`${what}: still finding records after ${MAX_PAGES} pages (${out.length} records); refusing to return a partial list`);
    const page = await search({ offset, limit });
    if (page.length === 0) break;
    const first = JSON.stringify(page[0]);
    if (offset > 0 && first === previous) {
      throw new PagingError(`${what}: the server answered offset ${offset} with the same page as before (it ignores offset), so only the first ${offset} records are reachable`);
    }
    previous = first;
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
