/**
 * The error envelope of DIGIT's tracer library (`libraries/tracer/.../ExceptionAdvise.java`), which most services
 * answer with: HTTP 400, `{"ResponseInfo": null, "Errors": [{id, parentId, code, message, description, params}]}`,
 * unset fields written as null.
 */
import type { OperationResult } from "../../core/types.js";

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
