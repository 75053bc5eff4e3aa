import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { IssueSink } from "../errors.js";
import type { Bundle, MdmsRecordSpec } from "../model.js";
import { refSpecs, refValues, uniqueFields, uniqueIdentifierOf } from "../mdms-keys.js";
import { joinPointer } from "../pointer.js";

// ajv-formats ships CJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** A reference the bundle itself cannot resolve; the planner checks it against live MDMS data. */
export interface UnresolvedRef {
  schemaCode: string;
  value: string;
  refSchemaCode: string;
  tenantId: string;
  origin: { file: string; pointer: string };
}

/**
 * Validates MDMS schemas and records: JSON Schema (draft-07, ajv, DIGIT extensions ignored), duplicate schema
 * codes, `x-unique` duplicates (errors, or warnings with the later record dropped when `lenientDuplicates`),
 * and `x-ref-schema` references. Returns references unresolved within the bundle.
 */
export function validateMdms(bundle: Bundle, sink: IssueSink, options: { lenientDuplicates: boolean }): UnresolvedRef[] {
  // Each schema's validator runs over a handful of records: ajv's optimiser costs more compile time than it saves.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, code: { optimize: false } });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction | null>();
  const definitions = new Map<string, Record<string, unknown>>();
  const schemaSeen = new Map<string, string>();
  for (const s of bundle.mdmsSchemas) {
    const key = `${s.tenantId}|${s.code}`;
    if (schemaSeen.has(key)) {
      sink.error(s.origin.file, s.origin.pointer, `duplicate schema "${s.code}" for tenant ${s.tenantId} (also in ${schemaSeen.get(key)})`, "Keep one definition.");
      continue;
    }
    schemaSeen.set(key, `${s.origin.file}${s.origin.pointer ? `#${s.origin.pointer}` : ""}`);
    for (const p of schemaCreateProblems(s.definition)) sink.error(s.origin.file, joinPointer(s.origin.pointer, "definition", ...p.path), p.message, p.hint);
    definitions.set(s.code, s.definition);
    try {
      const { $schema: _ignored, ...def } = s.definition;
      validators.set(s.code, ajv.compile(def));
    } catch (err) {
      validators.set(s.code, null);
      sink.error(s.origin.file, joinPointer(s.origin.pointer, "definition"), `invalid JSON Schema: ${(err as Error).message}`, "Fix the schema definition.");
    }
  }

  const byUid = new Map<string, MdmsRecordSpec>();
  const kept: MdmsRecordSpec[] = [];
  for (const r of bundle.mdmsData) {
    const validate = validators.get(r.schemaCode);
    if (validate === undefined && !definitions.has(r.schemaCode)) {
      sink.warn(r.origin.file, r.origin.pointer, `no schema "${r.schemaCode}" in the bundle; the record is validated by the server`);
    }
    if (validate && !validate(r.data)) {
      for (const e of validate.errors ?? []) {
        const extra = e.keyword === "additionalProperties" ? ` "${String((e.params as { additionalProperty?: string }).additionalProperty)}"` : "";
        sink.error(r.origin.file, r.origin.pointer + e.instancePath, `${e.message ?? "invalid"}${extra} (schema ${r.schemaCode})`, "Fix the record or the schema.");
      }
    }
    const def = definitions.get(r.schemaCode);
    const fields = uniqueFields(def);
    if (fields.length > 0) {
      const uid = uniqueIdentifierOf(def, r.data);
      if (uid === undefined) {
        sink.error(r.origin.file, r.origin.pointer, `missing x-unique field(s) ${fields.join(", ")} of ${r.schemaCode}`, "Every record needs its unique key.");
      } else {
        const key = `${r.tenantId}|${r.schemaCode}|${uid}`;
        const first = byUid.get(key);
        if (first) {
          const msg = `duplicate ${r.schemaCode} record "${uid}" (first at ${first.origin.file}#${first.origin.pointer})`;
          if (options.lenientDuplicates) {
            sink.warn(r.origin.file, r.origin.pointer, `${msg}; ignored, DIGIT would reject it as DUPLICATE_RECORD`);
            continue;
          }
          sink.error(r.origin.file, r.origin.pointer, msg, `Records must be unique by ${fields.join(" + ")}.`);
          continue;
        }
        byUid.set(key, r);
      }
    }
    kept.push(r);
  }
  bundle.mdmsData = kept;
  return unresolvedReferences(bundle);
}

/** One reason mdms-v2's schema create would refuse a definition; `path` is under `definition`. */
export interface SchemaCreateProblem {
  path: (string | number)[];
  message: string;
  hint: string;
}

/**
 * What mdms-v2's schema create checks (SchemaDefinitionValidator.validateSchemaAttributes): a non-empty
 * `required` list, a non-empty `x-unique` list, and every `x-unique` entry one of the `required` names. DIGIT
 * answers REQUIRED_ATTRIBUTE_LIST_ERR / UNIQUE_ATTRIBUTE_LIST_ERR; found here, before any call.
 */
export function schemaCreateProblems(definition: Record<string, unknown>): SchemaCreateProblem[] {
  const problems: SchemaCreateProblem[] = [];
  const required = definition["required"];
  const unique = definition["x-unique"];
  if (!Array.isArray(required) || required.length === 0) {
    problems.push({
      path: required === undefined ? [] : ["required"],
      message: `${required === undefined ? "no" : Array.isArray(required) ? "an empty" : "a non-list"} "required": DIGIT refuses the schema (REQUIRED_ATTRIBUTE_LIST_ERR)`,
      hint: "List the fields every record must have, e.g. required: [code, name].",
    });
  }
  if (!Array.isArray(unique) || unique.length === 0) {
    problems.push({
      path: unique === undefined ? [] : ["x-unique"],
      message: `${unique === undefined ? "no" : Array.isArray(unique) ? "an empty" : "a non-list"} "x-unique": DIGIT refuses the schema (UNIQUE_ATTRIBUTE_LIST_ERR)`,
      hint: "Name the field(s) that identify a record, e.g. x-unique: [code]; they must also be in required.",
    });
  }
  if (problems.length > 0 || !Array.isArray(required) || !Array.isArray(unique)) return problems;
  const names = new Set(required.map((r) => JSON.stringify(r)));
  unique.forEach((u, i) => {
    if (names.has(JSON.stringify(u))) return;
    const nested = typeof u === "string" && u.includes(".");
    problems.push({
      path: ["x-unique", i],
      message: `x-unique field ${JSON.stringify(u)} is not in "required": DIGIT refuses the schema (UNIQUE_ATTRIBUTE_LIST_ERR)`,
      hint: nested ? "DIGIT compares with the top-level required names, so a nested path can never pass; use a top-level field." : `Add ${JSON.stringify(u)} to required.`,
    });
  });
  if (problems.length === 0 && unique.length > required.length) {
    problems.push({ path: ["x-unique"], message: `"x-unique" has more entries than "required": DIGIT refuses the schema (UNIQUE_ATTRIBUTE_LIST_ERR)`, hint: "Remove the repeated x-unique entries." });
  }
  return problems;
}

/**
 * `x-ref-schema` references of the bundle's MDMS records that no record of the bundle satisfies; the planner
 * checks them against live data.
 */
export function unresolvedReferences(bundle: Bundle): UnresolvedRef[] {
  const definitions = new Map(bundle.mdmsSchemas.map((s) => [s.code, s.definition] as const));
  const uidsBySchema = new Map<string, Set<string>>();
  for (const r of bundle.mdmsData) {
    const uid = uniqueIdentifierOf(definitions.get(r.schemaCode), r.data);
    if (uid === undefined) continue;
    let set = uidsBySchema.get(r.schemaCode);
    if (!set) uidsBySchema.set(r.schemaCode, (set = new Set()));
    set.add(uid);
  }
  const tenantSet = uidsBySchema.get("tenant.tenants") ?? new Set<string>();
  for (const t of bundle.tenants) tenantSet.add(t.code);
  uidsBySchema.set("tenant.tenants", tenantSet);
  const unresolved: UnresolvedRef[] = [];
  for (const r of bundle.mdmsData) {
    for (const ref of refSpecs(definitions.get(r.schemaCode))) {
      for (const v of refValues(r.data, ref.fieldPath)) {
        const value = String(v);
        if (uidsBySchema.get(ref.schemaCode)?.has(value)) continue;
        unresolved.push({ schemaCode: r.schemaCode, value, refSchemaCode: ref.schemaCode, tenantId: r.tenantId, origin: { file: r.origin.file, pointer: joinPointer(r.origin.pointer, ...ref.fieldPath.split(".")) } });
      }
    }
  }
  return unresolved;
}
