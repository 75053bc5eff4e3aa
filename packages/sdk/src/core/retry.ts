import { DigitApiError, DigitConnectionError } from "../errors.js";
import type { RetryConfig } from "./retry-config.js";

// Only the failure path uses this module; the pipeline imports it on the first failed attempt.

/** Statuses worth another attempt: rate limited, or the gateway could not reach a healthy upstream. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/**
 * The one retry predicate. `idempotent` is `route.retrySafe`, or the caller's opt-in (`retry.unsafe`,
 * per-call `idempotent: true`). Exported so tools (the CLI) can explain why a call was or was not retried.
 *
 * @example
 * ```ts
 * shouldRetry(error, 0, 2, digit.mdms.search.route.retrySafe); // true for a 503 on a search
 * ```
 */
export function shouldRetry(error: unknown, attempt: number, limit: number, idempotent: boolean): boolean {
  // Out of budget.
  if (attempt >= limit) return false;
  // A write that DIGIT may already have applied must not run twice unless the caller says it is safe.
  if (!idempotent) return false;
  // No answer at all (reset, refused): the request most likely never reached DIGIT's service.
  if (error instanceof DigitConnectionError) return true;
  // 429 is a request to come back later; 502/503/504 mean the gateway had no healthy upstream.
  // 500 and 4xx are answers about the request itself: repeating it gives the same answer.
  // Timeouts are not retried: the caller's time budget is spent.
  return error instanceof DigitApiError && RETRY_STATUSES.has(error.status);
}

/** Backoff before retry number `attempt` (0-based): full jitter, or the server's `Retry-After` when larger. */
export function backoffDelay(attempt: number, config: RetryConfig, retryAfterMs?: number): number {
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** attempt);
  const jitter = Math.random() * ceiling;
  return retryAfterMs === undefined ? jitter : Math.min(config.maxDelayMs, Math.max(retryAfterMs, jitter));
}

/** Parses `Retry-After` (delta-seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The default backoff wait; rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
