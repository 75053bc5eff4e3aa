/**
 * The precompiled (method, path) → route lookup, built once from the route table.
 * Static paths sit in a Map; parameterised paths (`/mdms-v2/v2/_create/{schemaCode}`) go through a small
 * per-segment matcher grouped by method and segment count.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

interface ParamRoute {
  route: RouteDef;
  /** Literal segment, or null for a `{param}` slot. */
  segments: (string | null)[];
  names: string[];
}

export interface Router {
  match(method: string, path: string): RouteMatch | null;
  /** True when the path exists under another HTTP method. */
  hasPath(path: string): boolean;
  /** The `n` known route paths closest to `path` by edit distance. */
  suggest(path: string, n?: number): string[];
  /** Context paths (`/user`, `/mdms-v2`, ...): first segment of each route path. */
  contexts(): string[];
  routes(): RouteDef[];
}

/** Normalise a request path: strip a trailing slash and collapse duplicate slashes. */
export function normalisePath(path: string): string {
  let p = path.replace(/\/{2,}/g, "/");
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  return p;
}

export function createRouter(table: Record<string, RouteDef>): Router {
  const all = Object.values(table);
  const statics = new Map<string, RouteDef>();
  const dynamic = new Map<string, ParamRoute[]>();
  const paths = new Set<string>();
  const literalPaths = new Set<string>();
  for (const route of all) {
    paths.add(route.path);
    const segs = route.path.split("/").slice(1);
    if (!route.path.includes("{")) {
      statics.set(`${route.httpMethod} ${route.path}`, route);
      literalPaths.add(route.path);
      continue;
    }
    const pr: ParamRoute = { route, segments: [], names: [] };
    for (const s of segs) {
      const m = /^\{(.+)\}$/.exec(s);
      if (m) {
        pr.segments.push(null);
        pr.names.push(m[1]!);
      } else pr.segments.push(s);
    }
    const key = `${route.httpMethod} ${segs.length}`;
    const list = dynamic.get(key) ?? [];
    list.push(pr);
    dynamic.set(key, list);
  }
  // More literal segments first, so `/a/_search` beats `/a/{id}`.
  for (const list of dynamic.values()) list.sort((a, b) => b.segments.filter((s) => s !== null).length - a.segments.filter((s) => s !== null).length);
  const contexts = [...new Set(all.map((r) => `/${r.path.split("/")[1] ?? ""}`))].sort();

  function matchDynamic(method: string, path: string): RouteMatch | null {
    const segs = path.split("/").slice(1);
    const list = dynamic.get(`${method} ${segs.length}`);
    if (!list) return null;
    outer: for (const pr of list) {
      const params: Record<string, string> = {};
      let n = 0;
      for (let i = 0; i < segs.length; i++) {
        const want = pr.segments[i];
        const got = segs[i]!;
        if (want === null) {
          if (got === "") continue outer;
          try {
            params[pr.names[n++]!] = decodeURIComponent(got);
          } catch {
            continue outer;
          }
        } else if (want !== got) continue outer;
      }
      return { route: pr.route, params };
    }
    return null;
  }

  return {
    match(method, rawPath) {
      const path = normalisePath(rawPath);
      const hit = statics.get(`${method} ${path}`);
      if (hit) return { route: hit, params: {} };
      return matchDynamic(method, path);
    },
    hasPath(rawPath) {
      const path = normalisePath(rawPath);
      if (literalPaths.has(path)) return true;
      return matchDynamic("GET", path) !== null || matchDynamic("POST", path) !== null;
    },
    suggest(path, n = 3) {
      return [...paths]
        .map((p) => ({ p, d: editDistance(path, p) }))
        .sort((a, b) => a.d - b.d || a.p.localeCompare(b.p))
        .slice(0, n)
        .map((x) => x.p);
    },
    contexts: () => contexts,
    routes: () => all,
  };
}

/** Levenshtein distance (two-row dynamic programme); inputs are capped to keep 404s cheap. */
export function editDistance(a: string, b: string): number {
  const s = a.slice(0, 200);
  const t = b.slice(0, 200);
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  let cur = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length]!;
}
