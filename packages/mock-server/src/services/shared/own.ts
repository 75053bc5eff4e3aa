/**
 * Maps keyed by untrusted input (tenant ids, codes, ids from requests) in JSON state. State objects are plain
 * objects (a snapshot or restore turns `Object.create(null)` maps back into ordinary ones), so lookups must not
 * see `Object.prototype` (`constructor`, `toString`) and writes must never set a prototype (`__proto__`).
 */

/** The map's own entry for `key`, never an inherited property. */
export function ownGet<V>(map: Record<string, V>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** Sets an own entry, even for `__proto__` (plain assignment would replace the map's prototype). */
export function ownSet<V>(map: Record<string, V>, key: string, value: V): V {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/** The own entry for `key`, created with `make()` when missing. */
export function ownEnsure<V>(map: Record<string, V>, key: string, make: () => V): V {
  return ownGet(map, key) ?? ownSet(map, key, make());
}
