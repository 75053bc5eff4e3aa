/**
 * Reading and writing state maps keyed by untrusted input (tenant ids, codes, ids from requests) without
 * touching `Object.prototype`: a key of `__proto__` or `constructor` is an ordinary own property here. State
 * stays plain JSON (it is persisted and snapshotted), so the maps are plain objects and every access goes
 * through these helpers instead of `map[key]` / `map[key] ??= {}`.
 */

/** `map[key]` when `key` is an own property, else undefined (never an inherited member). */
export function own<V>(map: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** Sets `map[key] = value` as an own data property (also for `__proto__`). */
export function put<V>(map: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The nested map under `key`, created (prototype-free) when missing. */
export function child<V>(map: Record<string, Record<string, V>>, key: string): Record<string, V> {
  const existing = own(map, key);
  if (existing !== undefined) return existing;
  const created = Object.create(null) as Record<string, V>;
  put(map, key, created);
  return own(map, key) as Record<string, V>;
}

/** A new prototype-free map. */
export function emptyMap<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
