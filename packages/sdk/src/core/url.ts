import type { RouteDef } from "./route.js";
import type { QueryValue } from "./options.js";

/**
 * Full URL of one call: base URL + route path with `{param}`s encoded + query string (arrays become
 * comma-separated values, as DIGIT's Spring controllers expect; `undefined`/`null` are left out).
 */
export function buildUrl(
  baseUrl: string,
  route: RouteDef,
  params: Record<string, string | number> | undefined,
  query: Record<string, QueryValue> | undefined,
): string {
  let path = route.path;
  for (const name of route.pathParams) path = path.replace(`{${name}}`, encodeURIComponent(String(params?.[name])));
  let qs = "";
  if (query) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      search.append(key, Array.isArray(value) ? value.join(",") : String(value));
    }
    const s = search.toString();
    if (s) qs = `?${s}`;
  }
  return `${baseUrl.replace(/\/+$/, "")}${path}${qs}`;
}

/** Throws a TypeError naming the first path parameter the caller left out. */
export function assertPathParams(route: RouteDef, params: Record<string, string | number> | undefined): void {
  for (const name of route.pathParams) {
    const value = params?.[name];
    if (value === undefined || value === null || value === "") {
      throw new TypeError(`${route.operationId}: missing path parameter "${name}" (pass { params: { ${name}: ... } })`);
    }
  }
}
