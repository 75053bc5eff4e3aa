import type { PaginateOptions } from "./paginate.js";
import type { RequestOptions } from "./options.js";
import type { RequestFn } from "./request.js";
import type { RouteDef } from "./route.js";
import type { ServiceClient } from "./types.js";

/**
 * Turns one service's slice of the route table into its namespace: `mdms.search(body, options)`,
 * `filestore.getUrl(options)` for body-less GETs, and `.iterate()` on searches that have a `listKey`.
 */
export function bindService<Ops, Routes extends Record<string, RouteDef>>(
  request: RequestFn,
  routes: Routes,
): ServiceClient<Ops, Routes> {
  const service: Record<string, unknown> = {};
  for (const [name, route] of Object.entries(routes)) {
    const call =
      route.body === "none"
        ? (options?: RequestOptions) => request(route, undefined, options)
        : (body?: unknown, options?: RequestOptions) => request(route, body, options);
    const method = Object.assign(call, { route }) as typeof call & { route: RouteDef; iterate?: unknown };
    if (route.listKey) method.iterate = (body: unknown, options?: PaginateOptions) => iterate(request, route, body, options);
    service[name] = method;
  }
  return service as ServiceClient<Ops, Routes>;
}

/** Pagination code loads on first use. */
async function* iterate(request: RequestFn, route: RouteDef, body: unknown, options?: PaginateOptions) {
  const { paginateRoute } = await import("./paginate.js");
  yield* paginateRoute(request, route, body, options);
}
