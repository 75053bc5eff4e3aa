import type { Json, JsonObject } from "./types.js";

/** Deep copy of a JSON value. */
export function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON Merge Patch (RFC 7396) of `patch` into `target`: objects merge, null deletes, the rest replaces. Mutates target. */
export function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (value === null) delete target[key];
    // A patch holding a $ref replaces the schema: a $ref with sibling keywords would mean something else.
    else if (isObject(current) && isObject(value) && !("$ref" in value)) deepMerge(current, value);
    else target[key] = clone(value);
  }
  return target;
}

/** Visit every `$ref` string in a document and replace it with the callback's result. */
export function mapRefs(node: Json, fn: (ref: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) mapRefs(item, fn);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") node[key] = fn(value);
    else mapRefs(value, fn);
  }
}

/** Object with keys sorted alphabetically (shallow). */
export function sortKeys<T extends Json>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k] as T]));
}

/** Resolve a local `#/a/b` pointer inside a document. */
export function resolvePointer(doc: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split("/")) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}
