/** Small, defensive readers for request bodies and query strings (bodies are already schema-checked by the core). */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object under `key`, or an empty object. */
export function recordAt(source: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = source[key];
  return isRecord(value) ? value : {};
}

/** The array under `key` (objects only), or an empty array. */
export function recordsAt(source: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = source[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A non-empty string or undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Splits a comma list (query params) or passes an array of strings through. */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => str(v)).filter((v): v is string => v !== undefined);
  const s = str(value);
  if (s === undefined) return [];
  return s
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** A non-negative integer from a number or numeric string, else `fallback`. */
export function int(value: unknown, fallback: number): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** `true`/`false` from a boolean or "true"/"false", else undefined. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** Reads a dotted path (`city.code`) from an object. */
export function getPath(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split(".")) {
    if (part === "") continue;
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A deep copy of JSON data (state must never alias request objects). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
