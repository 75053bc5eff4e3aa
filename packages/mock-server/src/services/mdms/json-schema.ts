/**
 * Validates master data against a schema definition the way mdms-v2's validator (everit-json-schema, draft-04/06/07)
 * reports it: a tree of failures where each property, item or sub-schema that fails contributes one failure
 * (itself a group when it failed several ways), with everit's keywords and messages. MdmsDataValidator.java
 * turns the top of that tree into its error codes ({@link digitSchemaErrors}).
 *
 * An interpreter, not a compiler: the cost is linear in data and schema, with no compile step, so a definition with
 * thousands of properties or a record with 300k keys costs milliseconds, not the seconds a code-generating
 * validator spends. Failures stop being collected after {@link MAX_FAILURES}.
 */
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { INVALID_REQUEST } from "./errors.js";

// ajv-formats ships CJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** One failure as everit reports it. `keyword` is null for a group of several failures at one place. */
export interface Failure {
  keyword: string | null;
  message: string;
  /** JSON pointer of the failing value (`#/a/0`). */
  pointer: string;
  causes: Failure[];
}

/** A definition everit could not load (bad regex, unknown type...); mdms-v2 answers MASTER_DATA_VALIDATION_ERR. */
export class SchemaLoadError extends Error {}

/** At most this many failures are collected per validation (a record with 300k extraneous keys stops here). */
export const MAX_FAILURES = 1000;

type Json = unknown;
type Schema = Record<string, unknown> | boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// Meta-schema checks and format validators come from ajv (its meta-schema validation does no code generation).
const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
addFormats(ajv);

/** Formats everit knows for draft-07 (others, e.g. `uuid`, are not checked by DIGIT). */
const EVERIT_FORMATS = new Set(["date-time", "email", "hostname", "ipv4", "ipv6", "uri", "uri-reference", "uri-template", "json-pointer", "relative-json-pointer", "date", "time", "regex"]);

function formatOk(format: string, value: string): boolean {
  if (!EVERIT_FORMATS.has(format)) return true;
  const f = ajv.formats[format] as unknown;
  if (f instanceof RegExp) return f.test(value);
  if (typeof f === "function") return Boolean((f as (s: string) => boolean)(value));
  if (isObject(f) && "validate" in f) {
    const v = f["validate"];
    if (v instanceof RegExp) return v.test(value);
    if (typeof v === "function") return Boolean((v as (s: string) => boolean)(value));
  }
  return true;
}

/**
 * Why the definition is not a valid JSON Schema (draft-07 meta-schema), or null. Checks DIGIT does not make at
 * create time; a definition that fails here is what everit refuses to load later.
 */
export function definitionProblem(definition: Record<string, unknown>): string | null {
  const { $schema: _ignored, ...rest } = definition;
  if (!ajv.validateSchema(rest)) {
    const e = ajv.errors?.[0];
    return e ? `${e.instancePath || "/"} ${e.message ?? "is invalid"}` : "not a valid JSON Schema";
  }
  const bad = firstBadPattern(rest, 0);
  return bad === null ? null : `pattern ${JSON.stringify(bad)} is not a valid regular expression`;
}

function firstBadPattern(node: unknown, depth: number): string | null {
  if (depth > 200 || node === null || typeof node !== "object") return null;
  if (Array.isArray(node)) {
    for (const x of node) {
      const bad = firstBadPattern(x, depth + 1);
      if (bad !== null) return bad;
    }
    return null;
  }
  const o = node as Record<string, unknown>;
  if (typeof o["pattern"] === "string" && regex(o["pattern"]) === null) return o["pattern"];
  if (isObject(o["patternProperties"])) for (const p of Object.keys(o["patternProperties"])) if (regex(p) === null) return p;
  for (const k of Object.keys(o)) {
    if (k === "enum" || k === "const" || k === "default" || k === "examples") continue;
    const bad = firstBadPattern(o[k], depth + 1);
    if (bad !== null) return bad;
  }
  return null;
}

const regexCache = new Map<string, RegExp | null>();
function regex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, "u");
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null;
      }
    }
    if (regexCache.size > 2000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

/** Java class names everit prints for a JSON value's type. */
function javaType(v: Json): string {
  if (v === null) return "Null";
  if (typeof v === "string") return "String";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "Integer" : "BigDecimal";
  return Array.isArray(v) ? "JSONArray" : "JSONObject";
}
const TYPE_NAMES: Record<string, string> = { string: "String", number: "Number", integer: "Integer", boolean: "Boolean", object: "JSONObject", array: "JSONArray", null: "Null" };

function typeMatches(type: string, v: Json): boolean {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number";
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "boolean":
      return typeof v === "boolean";
    case "object":
      return isObject(v);
    case "array":
      return Array.isArray(v);
    case "null":
      return v === null;
    default:
      return true;
  }
}

/** Canonical JSON (sorted keys) for enum/const/uniqueItems comparisons. */
function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

const show = (v: Json): string => (typeof v === "string" ? v : canonical(v));
const child = (pointer: string, key: string | number): string => `${pointer}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;

class Run {
  count = 0;
  constructor(readonly root: Schema) {}

  get full(): boolean {
    return this.count >= MAX_FAILURES;
  }

  leaf(keyword: string, message: string, pointer: string): Failure {
    this.count += 1;
    return { keyword, message, pointer, causes: [] };
  }

  /** everit's `throwFor`: nothing, the one failure, or a group of them. */
  one(failures: Failure[], pointer: string): Failure | null {
    if (failures.length === 0) return null;
    if (failures.length === 1) return failures[0] as Failure;
    return { keyword: null, message: `${failures.length} schema violations found`, pointer, causes: failures };
  }

  resolve(ref: string): Schema | undefined {
    if (ref === "#") return this.root;
    if (!ref.startsWith("#/")) return undefined;
    let node: unknown = this.root;
    for (const raw of ref.slice(2).split("/")) {
      const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(node)) node = node[Number(part)];
      else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, part)) node = node[part];
      else return undefined;
    }
    return typeof node === "boolean" || isObject(node) ? node : undefined;
  }

  /** Whether `value` passes `schema` (for combinators), without counting its failures. */
  passes(schema: Schema, value: Json, pointer: string, depth: number): boolean {
    const saved = this.count;
    const ok = this.check(schema, value, pointer, depth).length === 0;
    this.count = saved;
    return ok;
  }

  /** The failures of `value` against `schema`, flat (one per failing keyword, property or item). */
  check(schema: Schema, value: Json, pointer: string, depth: number): Failure[] {
    if (schema === true || this.full || depth > 500) return [];
    if (schema === false) return [this.leaf("false", "false schema always fails", pointer)];
    const s = schema;
    if (typeof s["$ref"] === "string") {
      // draft-07: $ref replaces its siblings. Unresolvable (remote) references are not followed.
      const target = this.resolve(s["$ref"]);
      return target === undefined ? [] : this.check(target, value, pointer, depth + 1);
    }
    const out: Failure[] = [];
    const type = s["type"];
    if (typeof type === "string" && TYPE_NAMES[type] === undefined) throw new SchemaLoadError(`${pointer || "#"}: unknown type: [${type}]`);
    if (typeof type === "string" && !typeMatches(type, value)) {
      out.push(this.leaf("type", `expected type: ${TYPE_NAMES[type]}, found: ${javaType(value)}`, pointer));
    } else if (Array.isArray(type) && type.length > 0 && !type.some((t) => typeof t === "string" && typeMatches(t, value))) {
      const names = type.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(", ");
      out.push(this.leaf("type", `expected type is one of ${names}, found: ${javaType(value)}`, pointer));
    } else {
      if (typeof value === "string") this.checkString(s, value, pointer, out);
      else if (typeof value === "number") this.checkNumber(s, value, pointer, out);
      else if (Array.isArray(value)) this.checkArray(s, value, pointer, depth, out);
      else if (isObject(value)) this.checkObject(s, value, pointer, depth, out);
    }
    if (Array.isArray(s["enum"]) && !(s["enum"] as Json[]).some((e) => canonical(e) === canonical(value))) {
      out.push(this.leaf("enum", `${show(value)} is not a valid enum value`, pointer));
    }
    if ("const" in s && canonical(s["const"]) !== canonical(value)) out.push(this.leaf("const", "", pointer));
    this.checkCombinators(s, value, pointer, depth, out);
    return out;
  }

  private checkString(s: Record<string, unknown>, value: string, pointer: string, out: Failure[]): void {
    const length = typeof s["minLength"] === "number" || typeof s["maxLength"] === "number" ? [...value].length : 0;
    if (typeof s["minLength"] === "number" && length < s["minLength"]) out.push(this.leaf("minLength", `expected minLength: ${s["minLength"]}, actual: ${length}`, pointer));
    if (typeof s["maxLength"] === "number" && length > s["maxLength"]) out.push(this.leaf("maxLength", `expected maxLength: ${s["maxLength"]}, actual: ${length}`, pointer));
    if (typeof s["pattern"] === "string") {
      const re = regex(s["pattern"]);
      if (re === null) throw new SchemaLoadError(`${pointer || "#"}: invalid regular expression ${JSON.stringify(s["pattern"])}`);
      if (!re.test(value)) out.push(this.leaf("pattern", `string [${value}] does not match pattern ${s["pattern"]}`, pointer));
    }
    if (typeof s["format"] === "string" && !formatOk(s["format"], value)) out.push(this.leaf("format", `[${value}] is not a valid ${s["format"]}`, pointer));
  }

  private checkNumber(s: Record<string, unknown>, value: number, pointer: string, out: Failure[]): void {
    const min = s["minimum"];
    const max = s["maximum"];
    const exMin = s["exclusiveMinimum"];
    const exMax = s["exclusiveMaximum"];
    if (typeof min === "number") {
      // draft-04: a boolean exclusiveMinimum qualifies minimum.
      if (exMin === true ? value <= min : value < min) out.push(this.leaf("minimum", `${value} is not ${exMin === true ? "greater than" : "greater or equal to"} ${min}`, pointer));
    }
    if (typeof exMin === "number" && value <= exMin) out.push(this.leaf("exclusiveMinimum", `${value} is not greater than ${exMin}`, pointer));
    if (typeof max === "number") {
      if (exMax === true ? value >= max : value > max) out.push(this.leaf("maximum", `${value} is not ${exMax === true ? "less than" : "less or equal to"} ${max}`, pointer));
    }
    if (typeof exMax === "number" && value >= exMax) out.push(this.leaf("exclusiveMaximum", `${value} is not less than ${exMax}`, pointer));
    const m = s["multipleOf"];
    if (typeof m === "number" && m > 0) {
      const q = value / m;
      if (Math.abs(q - Math.round(q)) > 1e-9) out.push(this.leaf("multipleOf", `${value} is not a multiple of ${m}`, pointer));
    }
  }

  private checkArray(s: Record<string, unknown>, value: Json[], pointer: string, depth: number, out: Failure[]): void {
    if (typeof s["minItems"] === "number" && value.length < s["minItems"]) out.push(this.leaf("minItems", `expected minimum item count: ${s["minItems"]}, found: ${value.length}`, pointer));
    if (typeof s["maxItems"] === "number" && value.length > s["maxItems"]) out.push(this.leaf("maxItems", `expected maximum item count: ${s["maxItems"]}, found: ${value.length}`, pointer));
    if (s["uniqueItems"] === true) {
      const seen = new Set<string>();
      for (const item of value) {
        const key = canonical(item);
        if (seen.has(key)) {
          out.push(this.leaf("uniqueItems", "array items are not unique", pointer));
          break;
        }
        seen.add(key);
      }
    }
    const items = s["items"];
    const itemSchema = (i: number): Schema | undefined => {
      if (isObject(items) || typeof items === "boolean") return items;
      if (Array.isArray(items)) {
        if (i < items.length) return items[i] as Schema;
        const extra = s["additionalItems"];
        return isObject(extra) || typeof extra === "boolean" ? extra : undefined;
      }
      return undefined;
    };
    for (let i = 0; i < value.length && !this.full; i++) {
      const sub = itemSchema(i);
      if (sub === undefined) continue;
      if (sub === false && Array.isArray(items)) {
        out.push(this.leaf("items", `expected: [${items.length}] array items, found: [${value.length}]`, pointer));
        break;
      }
      const f = this.one(this.check(sub, value[i], child(pointer, i), depth + 1), child(pointer, i));
      if (f !== null) out.push(f);
    }
    const contains = s["contains"];
    if ((isObject(contains) || typeof contains === "boolean") && !value.some((x, i) => this.passes(contains, x, child(pointer, i), depth + 1))) {
      out.push(this.leaf("contains", "expected at least one array item to match 'contains' schema", pointer));
    }
  }

  private checkObject(s: Record<string, unknown>, value: Record<string, unknown>, pointer: string, depth: number, out: Failure[]): void {
    const has = (k: string) => Object.prototype.hasOwnProperty.call(value, k);
    if (Array.isArray(s["required"])) {
      for (const r of s["required"]) if (typeof r === "string" && !has(r)) out.push(this.leaf("required", `required key [${r}] not found`, pointer));
    }
    const props = isObject(s["properties"]) ? s["properties"] : undefined;
    const patterns = isObject(s["patternProperties"]) ? Object.entries(s["patternProperties"]) : [];
    const nKeys = typeof s["minProperties"] === "number" || typeof s["maxProperties"] === "number" ? Object.keys(value).length : 0;
    if (typeof s["minProperties"] === "number" && nKeys < s["minProperties"]) out.push(this.leaf("minProperties", `minimum size: [${s["minProperties"]}], found: [${nKeys}]`, pointer));
    if (typeof s["maxProperties"] === "number" && nKeys > s["maxProperties"]) out.push(this.leaf("maxProperties", `maximum size: [${s["maxProperties"]}], found: [${nKeys}]`, pointer));
    if (isObject(s["dependencies"])) {
      for (const [k, dep] of Object.entries(s["dependencies"])) {
        if (!has(k)) continue;
        if (Array.isArray(dep)) {
          for (const d of dep) if (typeof d === "string" && !has(d)) out.push(this.leaf("dependencies", `property [${d}] is required`, pointer));
        } else if (isObject(dep) || typeof dep === "boolean") {
          out.push(...this.check(dep, value, pointer, depth + 1));
        }
      }
    }
    const additional = s["additionalProperties"];
    const names = s["propertyNames"];
    const needKeys = additional !== undefined || patterns.length > 0 || names !== undefined;
    if (needKeys) {
      for (const key in value) {
        if (this.full) break;
        if (!has(key)) continue;
        if (names !== undefined && (isObject(names) || typeof names === "boolean") && !this.passes(names, key, pointer, depth + 1)) {
          out.push(this.leaf("propertyNames", `[${key}] is not a valid property name`, pointer));
        }
        let matched = props !== undefined && Object.prototype.hasOwnProperty.call(props, key);
        for (const [p, sub] of patterns) {
          const re = regex(p);
          if (re === null) throw new SchemaLoadError(`${pointer || "#"}: invalid regular expression ${JSON.stringify(p)}`);
          if (!re.test(key)) continue;
          matched = true;
          const f = this.one(this.check(sub as Schema, value[key], child(pointer, key), depth + 1), child(pointer, key));
          if (f !== null) out.push(f);
        }
        if (matched || additional === undefined || additional === true) continue;
        if (additional === false) out.push(this.leaf("additionalProperties", `extraneous key [${key}] is not permitted`, pointer));
        else if (isObject(additional)) {
          const f = this.one(this.check(additional, value[key], child(pointer, key), depth + 1), child(pointer, key));
          if (f !== null) out.push(f);
        }
      }
    }
    if (props !== undefined) {
      for (const [k, sub] of Object.entries(props)) {
        if (this.full) break;
        if (!has(k) || !(isObject(sub) || typeof sub === "boolean")) continue;
        const f = this.one(this.check(sub, value[k], child(pointer, k), depth + 1), child(pointer, k));
        if (f !== null) out.push(f);
      }
    }
  }

  private checkCombinators(s: Record<string, unknown>, value: Json, pointer: string, depth: number, out: Failure[]): void {
    const subs = (k: string): Schema[] => (Array.isArray(s[k]) ? (s[k] as unknown[]).filter((x): x is Schema => isObject(x) || typeof x === "boolean") : []);
    const allOf = subs("allOf");
    if (allOf.length > 0) {
      const failing = allOf.map((sub) => this.one(this.check(sub, value, pointer, depth + 1), pointer)).filter((f): f is Failure => f !== null);
      if (failing.length > 0) out.push({ ...this.leaf("allOf", `#: only ${allOf.length - failing.length} subschema matches out of ${allOf.length}`, pointer), causes: failing });
    }
    const anyOf = subs("anyOf");
    if (anyOf.length > 0 && !anyOf.some((sub) => this.passes(sub, value, pointer, depth + 1))) {
      out.push(this.leaf("anyOf", `#: no subschema matched out of the total ${anyOf.length} subschemas`, pointer));
    }
    const oneOf = subs("oneOf");
    if (oneOf.length > 0) {
      const matching = oneOf.filter((sub) => this.passes(sub, value, pointer, depth + 1)).length;
      if (matching !== 1) {
        out.push(this.leaf("oneOf", matching === 0 ? `#: no subschema matched out of the total ${oneOf.length} subschemas` : `#: ${matching} subschemas matched instead of one`, pointer));
      }
    }
    const not = s["not"];
    if ((isObject(not) || typeof not === "boolean") && this.passes(not, value, pointer, depth + 1)) {
      out.push(this.leaf("not", `subject must not be valid against schema ${canonical(not)}`, pointer));
    }
    const cond = s["if"];
    if (isObject(cond) || typeof cond === "boolean") {
      const branch = this.passes(cond, value, pointer, depth + 1) ? "then" : "else";
      const sub = s[branch];
      if (isObject(sub) || typeof sub === "boolean") {
        const f = this.one(this.check(sub, value, pointer, depth + 1), pointer);
        if (f !== null) out.push({ ...this.leaf(branch, `#: input is invalid against the "${branch}" schema`, pointer), causes: [f] });
      }
    }
  }
}

/** everit's verdict on `data`: null when valid, else the failure `schema.validate` throws (often a group). */
export function validateAgainst(definition: Record<string, unknown>, data: Json): Failure | null {
  const run = new Run(definition);
  return run.one(run.check(definition, data, "", 0), "");
}

/**
 * MdmsDataValidator.validateDataWithSchemaDefinition's error map (MdmsDataValidator.java:78-88): one violation →
 * `INVALID_REQUEST`; a group → `INVALID_REQUEST_<KEYWORD><n>` per member (n from 1). DIGIT fails with a
 * NullPointerException when a member is itself a group (its keyword is null); the mock lists that group's
 * violations instead, numbered on.
 */
export function digitSchemaErrors(failure: Failure): [string, string][] {
  if (failure.keyword !== null) return [[INVALID_REQUEST, failure.message]];
  const out: [string, string][] = [];
  const add = (f: Failure) => {
    if (f.keyword === null) for (const c of f.causes) add(c);
    else out.push([`INVALID_REQUEST_${f.keyword.toUpperCase()}${out.length + 1}`, f.message]);
  };
  for (const c of failure.causes) add(c);
  return out;
}
