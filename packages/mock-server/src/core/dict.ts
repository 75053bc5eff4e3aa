/**
 * Prototype-free maps. Keys of DIGIT data (tenant ids, codes, uuids, query parameter names) come from
 * requests; on an ordinary `{}` a key like `__proto__` or `constructor` reaches `Object.prototype`. A map made
 * by `dict()` has no prototype, so every key is just a key.
 */

/** An empty map without a prototype: `m["__proto__"] = x` stores a property, `m["constructor"]` is undefined. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** `map[key]` when `map` has its own property `key`, else undefined: never an inherited member. */
export function getOwn<T>(map: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return map != null && hasOwn.call(map, key) ? map[key] : undefined;
}

/** Whether `map` has its own property `key`. */
export function hasOwnKey(map: object | null | undefined, key: string): boolean {
  return map != null && hasOwn.call(map, key);
}
