/**
 * The error envelope of DIGIT's tracer library (`libraries/tracer/.../ExceptionAdvise.java`), which most services
 * answer with: HTTP 400, `{"ResponseInfo": null, "Errors": [{id, parentId, code, message, description, params}]}`,
 * unset fields written as null.
 */
import { MockHttpError } from "../../core/errors.js";
import type { DigitErrorItem, OperationResult } from "../../core/types.js";

export interface TracerItem {
  code: string;
  message: string | null;
  description?: string | null;
  params?: string[] | null;
  /** The pinned tracer puts the exception class name here for unhandled exceptions (ExceptionAdvise.java:182). */
  id?: string | null;
}

/** HTTP 400 with the tracer's envelope. */
export function tracerError(items: TracerItem[], status = 400): OperationResult {
  return {
    status,
    body: {
      ResponseInfo: null,
      Errors: items.map((e) => ({
        id: e.id ?? null,
        parentId: null,
        code: e.code,
        message: e.message,
        description: e.description ?? null,
        params: e.params ?? null,
      })),
    },
  };
}

/** A `CustomException(code, message)` as the tracer answers it (ExceptionAdvise.java:138). */
export function customException(code: string, message: string): OperationResult {
  return tracerError([{ code, message }]);
}

/** A missing `@RequestParam` (ExceptionAdvise.java:151): code "", Spring's message, params [name]. */
export function missingParameter(name: string, type = "String"): OperationResult {
  return tracerError([{ code: "", message: `Required request parameter '${name}' for method parameter type ${type} is not present`, params: [name] }]);
}

/**
 * Any other exception (ExceptionAdvise.java:182): the pinned tracer builds the item with its 4-argument
 * constructor `(id, code, message, description)`, so the class name lands in `id`.
 */
export function unhandledException(exceptionClass: string, message: string | null): OperationResult {
  return tracerError([{ id: exceptionClass, code: "An unhandled exception occurred on the server", message }]);
}

/** A Spring `DataAccessException` (ExceptionAdvise.java:162). */
export function queryExecutionError(): OperationResult {
  return tracerError([{ code: "QUERY_EXECUTION_ERROR", message: "Database operation failed", description: "An error occurred while processing the database request." }]);
}

/**
 * An unhandled Java exception as one error item (ExceptionAdvise.java:179-184, with the tracer's 4-argument
 * `Error(id, code, message, description)`): the class name in `id`, the fixed text as `code`, the exception's
 * message as `message`.
 */
export function javaException(name: string, description: string | null = null): DigitErrorItem {
  return { id: name, code: UNHANDLED, message: description ?? "", description: null, params: null };
}

const UNHANDLED = "An unhandled exception occurred on the server";

/**
 * One bean-validation violation: code `<Constraint>.<objectName>.<fieldPath>` (Spring's first message code),
 * message the validator's default text (ExceptionAdvise.java:296-309).
 */
export function beanViolation(constraint: string, objectName: string, fieldPath: string, message: string): DigitErrorItem {
  return { code: `${constraint}.${objectName}.${fieldPath}`, message, description: message, params: null };
}

export const MUST_NOT_BE_NULL = "must not be null";

/** A missing `@RequestParam` as one error item: code "", Spring's message, params [name] (ExceptionAdvise.java:151-161). */
export function missingRequestParam(name: string, message: string): DigitErrorItem {
  return { code: "", message, description: message, params: [name] };
}

/** Throws the 400 DIGIT error envelope with these items (`handle` in respond.ts answers it). */
export function refuse(...errors: DigitErrorItem[]): never {
  throw new MockHttpError(400, errors);
}
