/**
 * Copying state in and out of the container. State is JSON: a copy made here has prototype-free objects
 * (`dict()` semantics all the way down), so a key read from a request can never reach `Object.prototype`
 * in restored or loaded state, and the copy reports anything that is not JSON instead of keeping it.
 */

/** Deepest nesting accepted in a state slice (DIGIT data is a handful of levels deep). */
export const MAX_STATE_DEPTH = 256;
/** Problems reported per copy before the rest are only counted. */
const MAX_PROBLEMS = 20;

/** Collects problems as `<json path>: <what is wrong>` lines, capped at MAX_PROBLEMS. */
export class Problems {
  readonly list: string[] = [];
  private more = 0;

  add(path: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(`${path}: ${message}`);
    else this.more++;
  }

  get count(): number {
    return this.list.length + this.more;
  }

  /** The problems as lines, with "... and N more" when some were left out. */
  lines(): string[] {
    return this.more ? [...this.list, `... and ${this.more} more`] : [...this.list];
  }
}

/** `slices.user.users["a b"]`-style path segment. */
export function pathOf(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The JSON kind of a value: object, array, string, number, boolean or null (anything else: its typeof). */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * A deep copy of JSON `value` with prototype-free objects. Reports (and leaves out) what JSON cannot hold:
 * functions, symbols, bigints, non-finite numbers, class instances (Date, Map, typed arrays), cycles,
 * nesting deeper than MAX_STATE_DEPTH, and `__proto__` keys. `undefined` follows JSON: dropped from objects,
 * null in arrays.
 */
export function copyJson(value: unknown, path: string, problems: Problems): unknown {
  const stack = new Set<object>();
  const walk = (v: unknown, p: string, depth: number): unknown => {
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        if (!Number.isFinite(v)) problems.add(p, `${String(v)} is not a JSON number`);
        return v;
      case "undefined":
        return undefined;
      case "object":
        break;
      default:
        problems.add(p, `a ${typeof v} is not JSON`);
        return undefined;
    }
    if (v === null) return null;
    if (depth > MAX_STATE_DEPTH) {
      problems.add(p, `nests deeper than ${MAX_STATE_DEPTH} levels`);
      return undefined;
    }
    if (stack.has(v)) {
      problems.add(p, "refers back to itself (a cycle); state must be a JSON tree");
      return undefined;
    }
    if (Array.isArray(v)) {
      stack.add(v);
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        const x = walk(v[i], `${p}[${i}]`, depth + 1);
        out[i] = x === undefined ? null : x;
      }
      stack.delete(v);
      return out;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
      problems.add(p, `a ${typeof name === "string" && name ? name : "non-plain object"} is not JSON`);
      return undefined;
    }
    stack.add(v);
    const out = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v)) {
      if (k === "__proto__") {
        problems.add(pathOf(p, k), "the key __proto__ is not allowed in state");
        continue;
      }
      const x = walk((v as Record<string, unknown>)[k], pathOf(p, k), depth + 1);
      if (x !== undefined) out[k] = x;
    }
    stack.delete(v);
    return out;
  };
  return walk(value, path, 0);
}
