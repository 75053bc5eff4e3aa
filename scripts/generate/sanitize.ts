/**
 * Upstream clean-up used by apply-overlay: drop upstream prose (descriptions, summaries, examples, tags) and
 * fix schema errors the OpenAPI validators report.
 */
import { isObject } from "./json.js";
import type { Json } from "./types.js";

/** Keys whose value is a map of names to objects: their own keys are names, never keywords. */
const NAME_MAPS = new Set([
  "properties",
  "paths",
  "schemas",
  "responses",
  "content",
  "headers",
  "securitySchemes",
  "definitions",
  "parameters",
  "requestBodies",
  "encoding",
  "links",
  "callbacks",
  "variables",
]);
/** Keyword values that are data, not schema. */
const DATA_KEYS = new Set(["enum", "default", "example", "examples", "const"]);
/** Formats OpenAPI 3.0 and JSON Schema define; upstream also invents some (`int128`, `varchar`, `BigDecimal`). */
const KNOWN_FORMATS = new Set([
  "int32", "int64", "float", "double", "byte", "binary", "password",
  "date", "date-time", "time", "email", "uri", "uri-reference", "uuid", "hostname", "ipv4", "ipv6", "regex",
]);
const PROSE_KEYS = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "tags", "contact", "license", "termsOfService"]);

/** Remove upstream prose in place. `x-` extensions are dropped too (ours are added later). */
export function stripProse(node: Json, isNameMap = false): void {
  if (Array.isArray(node)) {
    for (const item of node) stripProse(item);
    return;
  }
  if (!isObject(node)) return;
  for (const key of Object.keys(node)) {
    const value = node[key] as Json;
    if (isNameMap) {
      stripProse(value);
      continue;
    }
    if (PROSE_KEYS.has(key) || key.startsWith("x-")) {
      delete node[key];
      continue;
    }
    if (DATA_KEYS.has(key)) continue;
    stripProse(value, NAME_MAPS.has(key) && isObject(value));
  }
}

/** Fix validator errors in schemas in place; returns one line per fix. */
export function fixSchemaDefects(node: Json, where: string, path = "#"): string[] {
  const fixes: string[] = [];
  if (Array.isArray(node)) {
    node.forEach((item, i) => fixes.push(...fixSchemaDefects(item, where, `${path}/${i}`)));
    return fixes;
  }
  if (!isObject(node)) return fixes;
  for (const [bound, limit] of [
    ["exclusiveMaximum", "maximum"],
    ["exclusiveMinimum", "minimum"],
  ] as const) {
    if (bound in node && (typeof node[bound] === "boolean" && !(limit in node))) {
      delete node[bound];
      fixes.push(`${where}: ${path} had \`${bound}\` without \`${limit}\` (removed)`);
    }
  }
  if (node["type"] === "array" && typeof node["default"] === "string") {
    const raw = node["default"];
    try {
      const parsed = JSON.parse(raw) as Json;
      if (Array.isArray(parsed)) node["default"] = parsed;
      else delete node["default"];
    } catch {
      delete node["default"];
    }
    fixes.push(`${where}: ${path} had string default ${JSON.stringify(raw)} for an array (made a JSON array)`);
  }
  if (typeof node["format"] === "string" && !KNOWN_FORMATS.has(node["format"])) {
    fixes.push(`${where}: ${path} had unknown format ${JSON.stringify(node["format"])} (removed)`);
    delete node["format"];
  }
  if (node["type"] === "object" && "items" in node) {
    delete node["items"];
    fixes.push(`${where}: ${path} had \`items\` on an object schema (removed)`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYS.has(key)) continue;
    fixes.push(...fixSchemaDefects(value, where, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  return fixes;
}
