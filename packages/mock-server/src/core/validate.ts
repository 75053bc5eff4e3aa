/**
 * Request-body validation against the per-operation JSON Schemas generated from the canonical specs.
 * Validators compile lazily on first use of an operation and are cached.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { digitError, ErrorCodes } from "./errors.js";
import type { OperationResult } from "./types.js";

// ajv-formats ships CJS with a default export; normalise across ESM/CJS interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export type RequestSchemas = Readonly<Record<string, object | undefined>>;

/**
 * Registers the formats the canonical specs use that ajv-formats does not know: OpenAPI's numeric ones
 * (int32, int64, float, double) and the annotation-only `password`.
 */
export function addOpenApiFormats(ajv: Ajv): Ajv {
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("double", { type: "number", validate: () => true });
  ajv.addFormat("password", true);
  return ajv;
}

export interface RequestValidator {
  /** null when valid (or no schema is known for the operation), else a 400 DIGIT error result. */
  validate(operationId: string, body: unknown, requestInfo: unknown): OperationResult | null;
}

/**
 * `strict: false` (default) drops `additionalProperties: false` from the schemas, since DIGIT's Jackson
 * ignores unknown fields, and coerces scalar types (in place) as Jackson does; `strict: true` keeps the
 * schemas as written and coerces nothing.
 */
export function createRequestValidator(schemas: RequestSchemas, strict: boolean): RequestValidator {
  // Lenient mode coerces scalars the way Jackson does ("" or "123" for a Long, 1 for a String).
  // An operation's first request compiles its validator: without ajv's optimiser (which makes a validator only
  // marginally faster per call) and without checking the generated schemas against the meta-schema (a test
  // compiles every one), that takes about a third of the time.
  const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: !strict, validateFormats: strict, code: { optimize: false }, validateSchema: false });
  addOpenApiFormats(addFormats(ajv));
  const cache = new Map<string, ValidateFunction | null>();
  const get = (operationId: string): ValidateFunction | null => {
    if (cache.has(operationId)) return cache.get(operationId)!;
    const schema = schemas[operationId];
    let fn: ValidateFunction | null = null;
    if (schema) {
      try {
        fn = ajv.compile(strict ? schema : relax(schema));
      } catch (err) {
        console.error(`digit-mock: request schema for ${operationId} does not compile (${(err as Error).message}); not validating it.`);
      }
    }
    cache.set(operationId, fn);
    return fn;
  };
  return {
    validate(operationId, body, requestInfo) {
      const fn = get(operationId);
      if (!fn || fn(body)) return null;
      const errors = (fn.errors ?? []).slice(0, 10).map((e) => toDigitItem(e));
      return digitError(400, errors.length ? errors : [{ code: ErrorCodes.invalidRequest, message: "Request body is invalid." }], requestInfo);
    },
  };
}

function toDigitItem(e: ErrorObject) {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(body)";
  return {
    code: ErrorCodes.invalidRequest,
    message: `${where} ${e.message ?? "is invalid"}`,
    description: `Field ${where} fails the ${e.keyword} rule of the request schema for this operation.`,
    params: [where],
  };
}

/** A copy of the schema without `additionalProperties: false` (recursively). */
function relax(schema: object): object {
  return JSON.parse(JSON.stringify(schema), (k, v: unknown) => (k === "additionalProperties" && v === false ? undefined : v)) as object;
}
