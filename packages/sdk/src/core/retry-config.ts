/** Retry settings of a client (kept apart from the retry decision in retry.ts, which loads on first failure). */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 disables retries). */
  limit?: number;
  /** Retry writes (create/update/transition) too. Only safe when the server de-duplicates. Default false. */
  unsafe?: boolean;
  /** First backoff step in ms (default 300); attempt n waits random(0, min(maxDelayMs, baseDelayMs·2ⁿ)). */
  baseDelayMs?: number;
  /** Cap for one backoff and for a server's `Retry-After` (default 10 000 ms). */
  maxDelayMs?: number;
  /** Waits `ms`; replace it in tests to run retries without sleeping. */
  delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Resolved retry settings. */
export type RetryConfig = Required<Omit<RetryOptions, "delay">> & Pick<RetryOptions, "delay">;

export const DEFAULT_RETRY_LIMIT = 2;

export function resolveRetry(options: RetryOptions | number | false | undefined): RetryConfig {
  const o = typeof options === "number" ? { limit: options } : options === false ? { limit: 0 } : (options ?? {});
  return {
    limit: o.limit ?? DEFAULT_RETRY_LIMIT,
    unsafe: o.unsafe ?? false,
    baseDelayMs: o.baseDelayMs ?? 300,
    maxDelayMs: o.maxDelayMs ?? 10_000,
    delay: o.delay,
  };
}
