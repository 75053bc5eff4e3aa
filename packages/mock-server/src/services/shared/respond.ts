/**
 * DIGIT response envelopes for service handlers, built on the core's `ResponseInfo` (core/errors.ts).
 * Validation code throws the core's {@link MockHttpError} (via `reject`) before touching state; `handle` turns it
 * into the DIGIT error envelope, so handlers also behave when called directly (unit tests).
 */
import { MockHttpError, responseInfo as coreResponseInfo } from "../../core/errors.js";
import type { DigitErrorItem, OperationRequest, OperationResult } from "../../core/types.js";

/** `ResponseInfo` echoing the request's `RequestInfo` the way DIGIT's ResponseInfoFactory does. */
export function responseInfo(req: OperationRequest, now: number, success = true): Record<string, unknown> {
  return coreResponseInfo(req.body["RequestInfo"], success ? "successful" : "failed", now);
}

/** A successful JSON answer `{ResponseInfo, ...payload}`. */
export function ok(req: OperationRequest, now: number, status: number, payload: Record<string, unknown>): OperationResult {
  return { status, body: { ResponseInfo: responseInfo(req, now), ...payload } };
}

/** One DIGIT error item (the envelope around items is the core's `digitError`). */
export function errorItem(code: string, message: string, params?: string[]): DigitErrorItem {
  return { code, message, description: message, params: params ?? null };
}

/** Throws a 400 (or `status`) MockHttpError with one error item. */
export function reject(code: string, message: string, params?: string[], status = 400): never {
  throw new MockHttpError(status, [errorItem(code, message, params)]);
}

/** Throws when `errors` is non-empty. */
export function rejectAll(errors: DigitErrorItem[], status = 400): void {
  if (errors.length > 0) throw new MockHttpError(status, errors);
}

/** The DIGIT error envelope `{ResponseInfo: {status: "failed"}, Errors: [...]}`. */
export function failure(req: OperationRequest, now: number, status: number, errors: DigitErrorItem[]): OperationResult {
  return { status, body: { ResponseInfo: responseInfo(req, now, false), Errors: errors } };
}

/** Runs a handler body, converting a thrown MockHttpError into the DIGIT error envelope. */
export function handle(req: OperationRequest, now: number, run: () => OperationResult): OperationResult {
  try {
    return run();
  } catch (error) {
    if (error instanceof MockHttpError) return failure(req, now, error.status, error.errors);
    throw error;
  }
}
