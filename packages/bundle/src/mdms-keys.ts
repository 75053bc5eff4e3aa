/** DIGIT MDMS v2 natural keys: `x-unique` and `x-ref-schema` helpers shared by the validator and the planner. */

/** The `x-unique` field paths of a schema definition (empty when none). */
export function uniqueFields(definition: Record<string, unknown> | undefined): string[] {
  const u = definition?.["x-unique"];
  return Array.isArray(u) ? u.filter((x): x is string => typeof x === "string") : [];
}

/** Reads a dotted path (`a.b.c`) from a record. */
export function readPath(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * DIGIT's uniqueIdentifier for a record: the `x-unique` field values joined with ".". `undefined` when the
 * schema has no `x-unique` or a field is missing.
 */
export function uniqueIdentifierOf(definition: Record<string, unknown> | undefined, data: Record<string, unknown>): string | undefined {
  const fields = uniqueFields(definition);
  if (fields.length === 0) return undefined;
  const values = fields.map((f) => readPath(data, f));
  if (values.some((v) => v === undefined || v === null || typeof v === "object")) return undefined;
  return values.map(String).join(".");
}

/** One `x-ref-schema` entry: the value at `fieldPath` must be a uniqueIdentifier of a `schemaCode` record. */
export interface RefSpec {
  fieldPath: string;
  schemaCode: string;
}

export function refSpecs(definition: Record<string, unknown> | undefined): RefSpec[] {
  const r = definition?.["x-ref-schema"];
  if (!Array.isArray(r)) return [];
  return r.filter(
    (x): x is RefSpec => !!x && typeof x === "object" && typeof (x as RefSpec).fieldPath === "string" && typeof (x as RefSpec).schemaCode === "string",
  );
}

/** Values at a ref field path; `*` steps into arrays (`tenants.*.code`). */
export function refValues(data: unknown, fieldPath: string): unknown[] {
  let cur: unknown[] = [data];
  for (const seg of fieldPath.split(".")) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (seg === "*" && Array.isArray(c)) next.push(...c);
      else if (c && typeof c === "object" && !Array.isArray(c)) next.push((c as Record<string, unknown>)[seg]);
    }
    cur = next;
  }
  return cur.filter((v) => v !== undefined && v !== null && v !== "");
}
