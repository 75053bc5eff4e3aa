/**
 * Error items as DIGIT's tracer library (libraries/tracer/.../ExceptionAdvise.java) renders the exceptions
 * Java services throw besides their own CustomExceptions: bean-validation failures, missing request
 * parameters and unhandled exceptions (NullPointerException & co.). All answer HTTP 400. Where DIGIT leaves
 * `description` null, the mock repeats the message there (the shared Error schema types it as a string).
 */
import { MockHttpError } from "../../core/errors.js";
import type { DigitErrorItem } from "../../core/types.js";

/**
 * An unhandled Java exception: code = the exception's simple class name, message fixed, description = the
 * exception's message (ExceptionAdvise.java:179-184).
 */
export function javaException(name: string, description: string | null = null): DigitErrorItem {
  const message = "An unhandled exception occurred on the server";
  return { code: name, message, description: description ?? message, params: null };
}

/**
 * One bean-validation violation: code `<Constraint>.<objectName>.<fieldPath>` (Spring's first message code),
 * message the validator's default text (ExceptionAdvise.java:296-309).
 */
export function beanViolation(constraint: string, objectName: string, fieldPath: string, message: string): DigitErrorItem {
  return { code: `${constraint}.${objectName}.${fieldPath}`, message, description: message, params: null };
}

export const MUST_NOT_BE_NULL = "must not be null";

/** A missing `@RequestParam`: code "", Spring's message, params [name] (ExceptionAdvise.java:151-161). */
export function missingRequestParam(name: string, message: string): DigitErrorItem {
  return { code: "", message, description: message, params: [name] };
}

/** Throws the 400 DIGIT error envelope with these items (`handle` in respond.ts answers it). */
export function refuse(...errors: DigitErrorItem[]): never {
  throw new MockHttpError(400, errors);
}
