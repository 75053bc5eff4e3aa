/**
 * mdms-v2's rules on schema definitions and master data, as its Java code applies them: the attribute lists a
 * definition needs (SchemaDefinitionValidator.java), the uniqueIdentifier built from `x-unique`
 * (CompositeUniqueIdentifierGenerationUtil.java), the schema check (json-schema.ts) and `x-ref-schema` values
 * (MdmsDataValidator.java).
 */
import type { MdmsSchemaRecord } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { MdmsErrors, unhandled, type MdmsError } from "./errors.js";
import { definitionProblem, digitSchemaErrors, SchemaLoadError, validateAgainst } from "./json-schema.js";

/** The tenant, then each parent obtained by dropping its last `.segment` (FallbackUtil.java:18-29). */
export function fallbackChain(tenantId: string): string[] {
  const chain = [tenantId];
  for (let t = tenantId; t.includes("."); ) {
    t = t.slice(0, t.lastIndexOf("."));
    chain.push(t);
  }
  return chain;
}

/** org.json's class name for a JSON value (what DIGIT's ClassCastException messages name). */
function jsonClass(v: unknown): string {
  if (Array.isArray(v)) return "org.json.JSONArray";
  if (isRecord(v)) return "org.json.JSONObject";
  if (v === null) return "org.json.JSONObject$Null";
  if (typeof v === "string") return "java.lang.String";
  if (typeof v === "boolean") return "java.lang.Boolean";
  return Number.isInteger(v) ? "java.lang.Integer" : "java.math.BigDecimal";
}

const castError = (v: unknown): MdmsError => unhandled(`class ${jsonClass(v)} cannot be cast to class org.json.JSONArray`);

/**
 * SchemaDefinitionValidator.validateSchemaAttributes (SchemaDefinitionValidator.java:53-77): `required` and
 * `x-unique` present and non-empty, `x-unique` a subset of `required` (by element equality). Returns the
 * `[code, message]` entries DIGIT puts in its error map, or throws-like `{unhandled}` when DIGIT fails outright
 * (a `required` or `x-unique` that is not an array: ClassCastException).
 */
export function attributeListErrors(definition: Record<string, unknown>): { entries: [string, string][] } | { unhandled: MdmsError } {
  const entries: [string, string][] = [];
  const required = definition["required"];
  const unique = definition["x-unique"];
  if (required !== undefined && !Array.isArray(required)) return { unhandled: castError(required) };
  if (required === undefined || required.length === 0) entries.push([MdmsErrors.requiredListEmpty.code, MdmsErrors.requiredListEmpty.message]);
  if (unique !== undefined && !Array.isArray(unique)) return { unhandled: castError(unique) };
  if (unique === undefined || unique.length === 0) entries.push([MdmsErrors.uniqueListEmpty.code, MdmsErrors.uniqueListEmpty.message]);
  if (entries.length === 0) {
    const req = (required as unknown[]).map((x) => JSON.stringify(x));
    const uni = (unique as unknown[]).map((x) => JSON.stringify(x));
    if (uni.length > req.length || !uni.every((u) => req.includes(u))) {
      entries.push([MdmsErrors.uniqueNotRequired.code, MdmsErrors.uniqueNotRequired.message]);
    }
  }
  return { entries };
}

/** Problems DIGIT does not check at create but the mock reports (a warning): invalid JSON Schema, malformed x-ref-schema. */
export function definitionWarnings(definition: Record<string, unknown>): string[] {
  const out: string[] = [];
  const problem = definitionProblem(definition);
  if (problem !== null) out.push(`the definition is not a valid draft-07 JSON Schema (${problem})`);
  const refs = definition["x-ref-schema"];
  if (refs !== undefined && !(Array.isArray(refs) && refs.every((r) => isRecord(r) && typeof r["fieldPath"] === "string" && typeof r["schemaCode"] === "string"))) {
    out.push("x-ref-schema must be an array of {fieldPath, schemaCode} objects; DIGIT fails on every data write otherwise");
  }
  return out;
}

/** Java's `Double.toString`, for the non-integral numbers Jackson and json-smart print. */
function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split("e") as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/**
 * A number as DIGIT's Java prints it: integers plainly (Jackson's IntNode/LongNode/BigIntegerNode), others as
 * `Double.toString`. From 1e21 on, JavaScript clients send exponent notation, which Jackson reads as a double.
 */
export function javaNumberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : javaDouble(n);
}

/** Jackson's `JsonNode.at("/a/b").asText()`: "" for a missing node, an object or an array. */
function asText(data: unknown, dotPath: string): string {
  let node: unknown = data;
  for (const part of dotPath.split(".")) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(part)) node = node[Number(part)];
    else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, part)) node = node[part];
    else return "";
  }
  if (node === null) return "null";
  if (typeof node === "string") return node;
  if (typeof node === "number") return javaNumberText(node);
  if (typeof node === "boolean") return String(node);
  return "";
}

export type UidResult = { uid: string } | { error: MdmsError };

/**
 * The record's uniqueIdentifier (CompositeUniqueIdentifierGenerationUtil.getUniqueIdentifier): the `x-unique`
 * values, read as Jackson's `asText()`, joined with ".". An empty value is UNIQUE_IDENTIFIER_EMPTY_ERR; a schema
 * without a usable `x-unique` makes DIGIT fail outright (only legacy schemas can lack it).
 */
export function uniqueIdentifierOf(definition: Record<string, unknown>, data: unknown): UidResult {
  if (!Object.prototype.hasOwnProperty.call(definition, "x-unique")) return { error: unhandled('JSONObject["x-unique"] not found.') };
  const fields = definition["x-unique"];
  if (!Array.isArray(fields)) return { error: castError(fields) };
  const parts: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (typeof field !== "string") return { error: unhandled(`JSONArray[${i}] is not a string.`) };
    const part = asText(data, field);
    if (part === "") return { error: MdmsErrors.uniqueValueEmpty };
    parts.push(part);
  }
  return { uid: parts.join(".") };
}

/** `{fieldPath, schemaCode}` entries of `x-ref-schema` (malformed entries are skipped; create warned about them). */
export function refSchemas(schema: MdmsSchemaRecord): { fieldPath: string; schemaCode: string }[] {
  const refs = schema.definition["x-ref-schema"];
  if (!Array.isArray(refs)) return [];
  return refs.filter((r): r is { fieldPath: string; schemaCode: string } => isRecord(r) && typeof r["fieldPath"] === "string" && typeof r["schemaCode"] === "string");
}

/** What Jayway's `JsonPath.read(data, "$." + fieldPath)` answers. */
export type RefRead = { kind: "value"; value: unknown } | { kind: "list"; values: unknown[] } | { kind: "missing"; message: string };

/** Reads `$.<fieldPath>` (names, `[n]`, `*`): a definite path answers its value or "missing"; a wildcard path a list. */
export function readRef(data: unknown, fieldPath: string): RefRead {
  const tokens: (string | number)[] = [];
  for (const m of fieldPath.matchAll(/\[(\d+|\*|'[^']*')\]|([^.[\]]+)/g)) {
    if (m[2] !== undefined) tokens.push(m[2]);
    else if (m[1] === "*") tokens.push("*");
    else if (m[1]!.startsWith("'")) tokens.push(m[1]!.slice(1, -1));
    else tokens.push(Number(m[1]));
  }
  const definite = !tokens.includes("*") && !fieldPath.includes("..");
  let current: unknown[] = [data];
  const walked: string[] = [];
  for (const token of tokens) {
    walked.push(typeof token === "number" ? `[${token}]` : `['${token}']`);
    const next: unknown[] = [];
    for (const node of current) {
      if (token === "*") {
        if (Array.isArray(node)) next.push(...node);
        else if (isRecord(node)) next.push(...Object.values(node));
      } else if (typeof token === "number") {
        if (Array.isArray(node) && token < node.length) next.push(node[token]);
      } else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, token)) next.push(node[token]);
    }
    current = next;
    if (definite && current.length === 0) return { kind: "missing", message: `No results for path: $${walked.join("")}` };
  }
  return definite ? { kind: "value", value: current[0] } : { kind: "list", values: current };
}

/**
 * The set of uniqueIdentifiers a reference names (MdmsDataValidator.addTypeCastedUniqueIdentifiersToVerificationSet):
 * a string, a number (as Java prints it) or a list of them; anything else is REFERENCE_VALIDATION_ERR.
 */
export function referencedIds(read: RefRead): Set<string> | MdmsError {
  if (read.kind === "missing") return unhandled(read.message);
  const values = read.kind === "list" ? read.values : Array.isArray(read.value) ? read.value : [read.value];
  if (read.kind === "value" && !Array.isArray(read.value) && typeof read.value !== "string" && typeof read.value !== "number") return MdmsErrors.referenceType;
  const ids = new Set<string>();
  for (const v of values) {
    if (typeof v === "string") ids.add(v);
    else if (typeof v === "number") ids.add(javaNumberText(v));
    else return MdmsErrors.referenceType;
  }
  return ids;
}

/** The schema check's error map entries, or the error DIGIT throws at once (data not an object, unloadable schema). */
export function schemaErrors(schema: MdmsSchemaRecord, data: unknown): { entries: [string, string][] } | { thrown: string } {
  // `new JSONObject(data.toString())` (MdmsDataValidator.java:71) fails on anything but an object.
  if (!isRecord(data)) return { thrown: "A JSONObject text must begin with '{' at 1 [character 2 line 1]" };
  try {
    const failure = validateAgainst(schema.definition, data);
    return { entries: failure === null ? [] : digitSchemaErrors(failure) };
  } catch (error) {
    if (error instanceof SchemaLoadError) return { thrown: error.message };
    throw error;
  }
}
