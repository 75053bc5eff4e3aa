/**
 * MDMS error codes and messages, spelled as DIGIT's mdms-v2 answers them (mdms-v2/src/main/java/org/egov/infra/mdms/
 * errors/ErrorCodes.java, service/validator/*.java, utils/*.java), plus the few the mock adds for its warnings.
 * DIGIT collects several errors in a `HashMap` before throwing; {@link javaHashMapOrder} puts them in the order
 * that map iterates, which is the order of `Errors[]` in DIGIT's answer.
 */
import { ErrorCodes } from "../../core/errors.js";
import type { DigitErrorItem } from "../../core/types.js";

/** `{code, message}` of one DIGIT error. */
export interface MdmsError {
  readonly code: string;
  readonly message: string;
}

export const MdmsErrors = {
  // Schema create (SchemaDefinitionValidator.java, ErrorCodes.java)
  duplicateSchemaCode: { code: "DUPLICATE_SCHEMA_CODE", message: "Schema code already exists" },
  requiredListEmpty: { code: "REQUIRED_ATTRIBUTE_LIST_ERR", message: "Required attribute list cannot be empty" },
  uniqueListEmpty: { code: "UNIQUE_ATTRIBUTE_LIST_ERR", message: "Unique attribute list cannot be empty" },
  uniqueNotRequired: { code: "UNIQUE_ATTRIBUTE_LIST_ERR", message: "Fields provided under unique fields must be a subset of required attributes list" },
  // Data create/update (SchemaUtil.java, MdmsDataValidator.java, CompositeUniqueIdentifierGenerationUtil.java, MdmsDataEnricher.java)
  schemaNotFound: { code: "SCHEMA_DEFINITION_NOT_FOUND_ERR", message: "Schema definition against which data is being created is not found" },
  uniqueValueEmpty: { code: "UNIQUE_IDENTIFIER_EMPTY_ERR", message: "Values defined against unique fields cannot be empty." },
  duplicateRecord: { code: "DUPLICATE_RECORD", message: "Duplicate record" },
  referenceNotFound: { code: "REFERENCE_VALIDATION_ERR", message: "Provided reference value does not exist in database" },
  referenceType: { code: "REFERENCE_VALIDATION_ERR", message: "Reference must only be of the type string, number or a list of strings/numbers" },
  idAbsent: { code: "MASTER_DATA_ID_ABSENT_ERR", message: "Providing master data id is mandatory for update operation." },
  dataNotFound: { code: "MASTER_DATA_NOT_FOUND", message: "Master data not found for update operation." },
  uniqueKeyUpdate: { code: "UNIQUE_KEY_UPDATE_ERR", message: "Updating fields defined as unique is not allowed." },
  auditDetailsAbsent: { code: "AUDIT_DETAILS_ABSENT_ERR", message: "Audit details cannot be absent for update request" },
  // tracer's DataAccessException answer (ExceptionAdvise.java:162-170): a negative limit/offset, `IN ()`.
  queryFailed: { code: "QUERY_EXECUTION_ERROR", message: "Database operation failed" },
} as const satisfies Record<string, MdmsError>;

/** Data that fails the schema: one violation is `INVALID_REQUEST`, several `INVALID_REQUEST_<KEYWORD><n>`. */
export const INVALID_REQUEST = ErrorCodes.invalidRequest;
/** Data that is not a JSON object, or a definition everit cannot load (MdmsDataValidator.java:89-90). */
export const MASTER_DATA_VALIDATION_ERR = "MASTER_DATA_VALIDATION_ERR";
export const masterDataValidationMessage = (reason: string): string =>
  `An unknown error occurred while validating provided master data against the schema - ${reason}`;

/** tracer's code for any exception it does not know (ExceptionAdvise.java:182-183): NPEs, ClassCastExceptions... */
export const UNHANDLED = "An unhandled exception occurred on the server";
export const unhandled = (message: string): MdmsError => ({ code: UNHANDLED, message });

/** Codes of the mock's own checks (warnings by default, refusals under --strict). */
export const MockCodes = {
  invalidDefinition: "INVALID_SCHEMA_DEFINITION",
  schemaCodeMismatch: "SCHEMA_CODE_MISMATCH",
  /** The mock cannot evaluate this JsonPath filter (DIGIT's Jayway can). */
  invalidFilter: "INVALID_FILTER",
} as const;

/** A DIGIT error item. (tracer sends `description: null`; the mock repeats the message there, as its other services do.) */
export function item(error: MdmsError, params?: string[]): DigitErrorItem {
  return { code: error.code, message: error.message, description: error.message, params: params ?? null };
}

/** Java's `String.hashCode` (over UTF-16 code units), spread as `HashMap.hash` does. */
function javaHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h ^ (h >>> 16);
}

/**
 * Entries in the order a `java.util.HashMap` built by putting them in turn iterates them: by bucket
 * (`hash & (capacity - 1)`, capacity doubling from 16 at load factor 0.75), then by insertion within a bucket.
 * A repeated key keeps its first position and takes the last value, as `put` does.
 */
export function javaHashMapOrder<T>(entries: readonly (readonly [string, T])[]): [string, T][] {
  const byKey = new Map<string, T>();
  for (const [k, v] of entries) byKey.set(k, v);
  let capacity = 16;
  while (byKey.size > capacity * 0.75) capacity *= 2;
  const mask = capacity - 1;
  return [...byKey.entries()]
    .map((entry, i) => ({ entry, i, bucket: javaHash(entry[0]) & mask }))
    .sort((a, b) => a.bucket - b.bucket || a.i - b.i)
    .map((x) => x.entry);
}

/** `CustomException(Map)` as tracer renders it: one error per map entry, in HashMap order. */
export function fromErrorMap(entries: readonly (readonly [string, string])[]): DigitErrorItem[] {
  return javaHashMapOrder(entries).map(([code, message]) => item({ code, message }));
}
