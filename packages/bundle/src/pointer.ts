/** Builds an RFC 6901 JSON pointer from path segments. */
export function toPointer(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "";
  return "/" + path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

/** Appends segments to an existing pointer. */
export function joinPointer(base: string, ...path: PropertyKey[]): string {
  return base + toPointer(path);
}
