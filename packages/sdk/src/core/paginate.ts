import type { RequestFn } from "./request.js";
import type { RequestOptions } from "./options.js";
import type { RouteDef } from "./route.js";

/** DIGIT services cap page sizes (mdms-v2 and most searches refuse more than 500). */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** Options of `paginate()` / `.iterate()`. */
export interface PaginateOptions extends RequestOptions {
  /** Items per request (default 100, capped at 500). */
  pageSize?: number;
  /** Stop after this many items in total. */
  max?: number;
  /** Body key of the criteria object that holds `offset`/`limit` (found automatically when it ends in `Criteria`). */
  criteriaKey?: string;
}

/**
 * Async iterator over every item of an offset/limit search. Sets `offset`/`limit` where the operation takes
 * them (query parameters when the route declares them, else the body's `*Criteria` object, else the body),
 * reads the list under `route.listKey`, and stops on a short page or at `max`.
 */
export async function* paginateRoute<T = unknown>(
  request: RequestFn,
  route: RouteDef,
  body: unknown,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const { pageSize: wanted, max = Infinity, criteriaKey, ...callOptions } = options;
  const listKey = route.listKey;
  if (!listKey) throw new TypeError(`${route.operationId} is not a paginated search (no listKey in the route table)`);
  const pageSize = Math.max(1, Math.min(wanted ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
  const inQuery = route.queryParams.includes("offset");
  // billing's bill search names its page size `size`
  const limitName = inQuery && !route.queryParams.includes("limit") && route.queryParams.includes("size") ? "size" : "limit";
  let seen = 0;
  let previousFirst: string | undefined;
  for (let offset = 0; seen < max; offset += pageSize) {
    const limit = Math.min(pageSize, max - seen);
    let pageBody = body;
    let query = callOptions.query;
    if (inQuery) query = { ...query, offset, [limitName]: limit };
    else pageBody = withPage(body, criteriaKey, offset, limit);
    const page = await request<Record<string, unknown>>(route, pageBody, { ...callOptions, query });
    const items = page?.[listKey];
    if (!Array.isArray(items) || items.length === 0) return;
    // A server that ignores offset/limit answers the same list again: stop instead of looping forever.
    const first = JSON.stringify(items[0]);
    if (offset > 0 && first === previousFirst) return;
    previousFirst = first;
    for (const item of items) {
      yield item as T;
      if (++seen >= max) return;
    }
    // A short page is the last one; a page longer than asked means the server does not page this search.
    if (items.length !== limit) return;
  }
}

function withPage(body: unknown, criteriaKey: string | undefined, offset: number, limit: number): unknown {
  const input = { ...(body as Record<string, unknown>) };
  const key = criteriaKey ?? Object.keys(input).find((k) => k.endsWith("Criteria") && isObject(input[k]));
  if (key) input[key] = { ...(input[key] as object), offset, limit };
  else Object.assign(input, { offset, limit });
  return input;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
