/**
 * Checks DIGIT itself does not make. Faithful first: by default the mock lets the request through and reports
 * the problem (the `X-Digit-Mock-Warning` response header and the mock's log); only `--strict` refuses it.
 */
import { MockHttpError } from "./errors.js";
import type { DigitErrorItem, MockContext, OperationRequest, OperationResult } from "./types.js";

/** Response header carrying the warnings of one request, joined by ` | `. */
export const WARNING_HEADER = "x-digit-mock-warning";

/** A warning as the engine hands it to its `onWarning` listener. */
export interface MockWarning {
  operationId: string;
  message: string;
}

/**
 * Apply a check DIGIT does not make: under `--strict` throw the DIGIT-shaped refusal (the core answers it and
 * rolls back), otherwise record a warning on the request and go on.
 */
export function strictOnly(req: OperationRequest, ctx: MockContext, error: DigitErrorItem, status = 400): void {
  if (ctx.options.strict) throw new MockHttpError(status, [error], req.body["RequestInfo"]);
  req.warnings.push(`${error.code}: ${error.message}`);
}

/** Header values must be printable ASCII on one line. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}

/** The result with the request's warnings in its headers (unchanged when there are none). */
export function withWarnings(result: OperationResult, warnings: readonly string[]): OperationResult {
  if (warnings.length === 0) return result;
  return { ...result, headers: { ...result.headers, [WARNING_HEADER]: headerSafe(warnings.join(" | ")) } };
}
