/**
 * The structural check for slices whose module has no `validateState`: the slice must have the shape of the
 * module's initial state, one level deep, and each entry of a map the initial state declares empty (`users:
 * {}`) must be of the kind the live state's entries are (an object where users are objects). Deeper rules
 * belong to the module's own `validateState`. Keys the initial state has and the slice lacks are filled in
 * from the initial state (snapshots from an older mock stay loadable).
 */
import { copyJson, kindOf, pathOf, Problems } from "./state-json.js";

const isMap = (v: unknown): v is Record<string, unknown> => kindOf(v) === "object";

/** The kind every entry of `map` has, or undefined when it is empty or mixed. */
function entryKind(map: unknown): string | undefined {
  if (!isMap(map)) return undefined;
  let kind: string | undefined;
  for (const k of Object.keys(map)) {
    const v = map[k];
    if (v === null) continue;
    const kv = kindOf(v);
    if (kind === undefined) kind = kv;
    else if (kind !== kv) return undefined;
  }
  return kind;
}

/**
 * Check `slice` (a fresh copy from `copyJson`, filled in place) against `initial` (the module's initial state)
 * and `example` (the live slice it would replace, for the kinds of map entries). Reports into `problems`.
 */
export function checkSliceShape(slice: unknown, initial: unknown, example: unknown, path: string, problems: Problems): void {
  const want = kindOf(initial);
  const got = kindOf(slice);
  if (want !== got) {
    problems.add(path, `expected ${want === "object" ? "an object" : want === "array" ? "an array" : `a ${want}`}, got ${got}`);
    return;
  }
  if (!isMap(initial) || !isMap(slice)) return;
  for (const key of Object.keys(initial)) {
    const init = initial[key];
    const here = pathOf(path, key);
    if (!(key in slice)) {
      slice[key] = copyJson(init, here, new Problems());
      continue;
    }
    const value = slice[key];
    if (init !== null && value !== null && kindOf(init) !== kindOf(value)) {
      problems.add(here, `expected ${kindOf(init)} (as in the module's initial state), got ${kindOf(value)}`);
      continue;
    }
    if (!isMap(init) || Object.keys(init).length > 0 || !isMap(value)) continue;
    const kind = entryKind(isMap(example) ? example[key] : undefined);
    if (kind === undefined) continue;
    for (const k of Object.keys(value)) {
      const entry = value[k];
      if (entry !== null && kindOf(entry) !== kind) problems.add(pathOf(here, k), `expected ${kind} like the other entries, got ${kindOf(entry)}`);
    }
  }
}
