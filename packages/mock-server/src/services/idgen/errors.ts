/**
 * egov-idgen's answers for failures. Its own `@RestControllerAdvice` (GlobalExceptionHandler) handles every
 * exception, so the tracer never sees one:
 * - bean validation: HTTP 400, message "Invalid input", `params` an object {field: message} (:39-53);
 * - everything else: the catch-all has no `@ResponseStatus`, so HTTP **200**, with the exception's message and
 *   the code `"400 BAD_REQUEST"` (`HttpStatus.BAD_REQUEST.toString()`); a CustomException's own code
 *   (ID_NOT_FOUND, INVALID_FORMAT...) is lost (:62-108). DIGIT's callers check for empty idResponses.
 * egov-idgen/src/main/java/org/egov/id/exception/GlobalExceptionHandler.java
 */
import type { OperationResult } from "../../core/types.js";

/** The CustomExceptions IdGenerationService throws: DIGIT keeps only the message on the wire. */
export const IdgenErrors = {
  noFormat: { code: "ID_NOT_FOUND", message: "No Format is available in the MDMS for the given name and tenant" },
  financialYear: { code: "INVALID_FORMAT", message: "Error while generating financial year in provided format. Given format invalid." },
  currentYear: { code: "INVALID_FORMAT", message: "Error while generating current year in provided format. Given format invalid." },
  invalidRegex: { code: "INVALID_REGEX", message: "Random text could not be generated. Invalid regex provided." },
  cityCode: { code: "PARSING ERROR", message: "Failed to get citycode from MDMS" },
  seqCreate: { code: "ERROR_CREATING_SEQ", message: "Error occurred while auto creating seq in DB" },
  seqNumber: { code: "SEQ_NUMBER_ERROR", message: "Error in retrieving seq number from DB" },
} as const;

/** `HttpStatus.BAD_REQUEST.toString()`, the code of every idgen error item. */
export const IDGEN_ERROR_CODE = "400 BAD_REQUEST";
/** `invalid.input` (egov-idgen/src/main/resources/application.properties:3). */
export const INVALID_INPUT = "Invalid input";

/** Codes of the mock's warnings (checks DIGIT does not make). */
export const IdgenWarnings = {
  unknownSequence: "IDGEN_UNKNOWN_SEQUENCE",
} as const;

/** An exception IdGenerationService throws; `message` is what DIGIT answers. */
export class IdgenFailure extends Error {}

const failedInfo = () => ({ apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: "FAILED" });

/** The catch-all answer: HTTP 200, `{ResponseInfo: {status: FAILED}, Errors: [{code: "400 BAD_REQUEST", message}]}`. */
export function runtimeError(message: string | null): OperationResult {
  return { status: 200, body: { ResponseInfo: failedInfo(), Errors: [{ code: IDGEN_ERROR_CODE, message, description: null, params: {} }] } };
}

/** Bean validation: HTTP 400 with params {field: message}. */
export function validationError(fields: Record<string, string>): OperationResult {
  return { status: 400, body: { ResponseInfo: failedInfo(), Errors: [{ code: IDGEN_ERROR_CODE, message: INVALID_INPUT, description: null, params: fields }] } };
}
