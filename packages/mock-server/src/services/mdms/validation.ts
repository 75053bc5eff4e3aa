/**
 * JSON-schema machinery for MDMS v2: compiling schema definitions (draft-07 + DIGIT's `x-unique` and
 * `x-ref-schema` extensions) and validating master data against them.
 */
import Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { DigitErrorItem, MdmsSchemaRecord } from "../../core/types.js";
import { digitError } from "../shared/respond.js";
import { getPath, isRecord } from "../shared/values.js";

const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: true });
addFormats(ajv);

/** `{fieldPath, schemaCode}`: the value at `fieldPath` must be the uniqueIdentifier of a `schemaCode` record. */
export interface RefSchema {
  fieldPath: string;
  schemaCode: string;
}

/**
 * Validators keyed by the stored definition object: each create/update stores a fresh clone, so a
 * (tenant, code, version) compiles once and a replaced or restored definition recompiles.
 */
const validators = new WeakMap<object, ValidateFunction>();

/** Compiles a definition; `$id` is dropped so two tenants may register the same schema. Throws on invalid schemas. */
function compile(definition: Record<string, unknown>): ValidateFunction {
  const { $id: _id, ...rest } = definition;
  return ajv.compile(rest);
}

/**
 * Problems with a schema definition itself (not a valid draft-07 schema, malformed extensions), as
 * DIGIT error items; empty when the definition is usable.
 */
export function checkDefinition(code: string, definition: unknown): DigitErrorItem[] {
  if (!isRecord(definition)) {
    return [digitError("INVALID_SCHEMA_DEFINITION", `SchemaDefinition.definition of ${code} must be a JSON object holding a draft-07 JSON schema.`)];
  }
  const errors: DigitErrorItem[] = [];
  try {
    // Only checking here: drop the compiled copy so ajv's cache does not grow with every request.
    ajv.removeSchema(compile(definition).schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    errors.push(
      digitError("INVALID_SCHEMA_DEFINITION", `SchemaDefinition.definition of ${code} is not a valid draft-07 JSON schema: ${reason}`, [code]),
    );
  }
  const unique = definition["x-unique"];
  if (unique !== undefined && !(Array.isArray(unique) && unique.every((f) => typeof f === "string" && f.length > 0))) {
    errors.push(digitError("INVALID_SCHEMA_DEFINITION", `x-unique of ${code} must be an array of field names, e.g. ["code"].`, [code]));
  }
  const refs = definition["x-ref-schema"];
  if (
    refs !== undefined &&
    !(Array.isArray(refs) && refs.every((r) => isRecord(r) && typeof r["fieldPath"] === "string" && typeof r["schemaCode"] === "string"))
  ) {
    errors.push(
      digitError("INVALID_SCHEMA_DEFINITION", `x-ref-schema of ${code} must be an array of {fieldPath, schemaCode} objects.`, [code]),
    );
  }
  return errors;
}

/** The cached validator for a stored schema (compiled once per tenant, code and version). */
export function validatorFor(schema: MdmsSchemaRecord): ValidateFunction {
  let validate = validators.get(schema.definition);
  if (validate === undefined) {
    validate = compile(schema.definition);
    validators.set(schema.definition, validate);
  }
  return validate;
}

/** `/city/code` → `$.city.code`; required-property errors name the missing field. */
function jsonPath(error: ErrorObject): string {
  const parts = error.instancePath.split("/").filter((p) => p !== "");
  if (error.keyword === "required" && typeof error.params["missingProperty"] === "string") {
    parts.push(error.params["missingProperty"]);
  }
  if (error.keyword === "additionalProperties" && typeof error.params["additionalProperty"] === "string") {
    parts.push(error.params["additionalProperty"]);
  }
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : `${acc}.${p}`), "$");
}

/** One `INVALID_MDMS_DATA` error per schema violation, naming the JSON path. */
export function validateData(schema: MdmsSchemaRecord, data: unknown): DigitErrorItem[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const path = jsonPath(e);
    return digitError(
      "INVALID_MDMS_DATA",
      `Mdms.data does not match schema ${schema.code} at ${path}: ${e.message ?? e.keyword}. Fix the value or the schema definition.`,
      [path, e.keyword],
    );
  });
}

export function uniqueFields(schema: MdmsSchemaRecord): string[] {
  const unique = schema.definition["x-unique"];
  return Array.isArray(unique) ? unique.filter((f): f is string => typeof f === "string") : [];
}

export function refSchemas(schema: MdmsSchemaRecord): RefSchema[] {
  const refs = schema.definition["x-ref-schema"];
  if (!Array.isArray(refs)) return [];
  return refs.filter(
    (r): r is RefSchema => isRecord(r) && typeof r["fieldPath"] === "string" && typeof r["schemaCode"] === "string",
  );
}

/** A primitive as DIGIT renders it inside a uniqueIdentifier. */
export function keyPart(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The record's uniqueIdentifier: its `x-unique` values joined with "."; `undefined` when the schema has
 * no `x-unique` (the caller then uses a random id, as DIGIT does).
 */
export function uniqueIdentifierOf(schema: MdmsSchemaRecord, data: Record<string, unknown>): string | undefined {
  const fields = uniqueFields(schema);
  if (fields.length === 0) return undefined;
  return fields.map((f) => keyPart(getPath(data, f))).join(".");
}

/** Values found at a ref `fieldPath`; `a.*.b` and array values fan out. */
export function valuesAt(data: unknown, fieldPath: string): unknown[] {
  const parts = fieldPath.replace(/^\$\./, "").split(".").filter((p) => p !== "");
  let current: unknown[] = [data];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const value of current) {
      if (part === "*" && Array.isArray(value)) next.push(...value);
      else if (Array.isArray(value)) for (const item of value) next.push(isRecord(item) ? item[part] : undefined);
      else if (isRecord(value)) next.push(value[part]);
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null && v !== "");
}
