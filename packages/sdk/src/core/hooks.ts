/** What hooks see of a request. Secrets are already redacted. */
export interface HookRequest {
  operationId: string;
  method: string;
  /** Full URL, secret query parameters redacted. */
  url: string;
  headers: Record<string, string>;
  /** The body as sent (JSON object, form fields or multipart field summary), redacted. */
  body: unknown;
  /** 0 for the first attempt, 1 for the first retry, ... */
  attempt: number;
}

/** What `afterResponse` sees. */
export interface HookResponse extends HookRequest {
  status: number;
  durationMs: number;
}

/** What `onError` sees: the final error after retries. */
export interface HookError extends HookRequest {
  error: unknown;
}

/**
 * Observers of the request pipeline (logging, metrics, tracing). They cannot change requests, and a throwing
 * hook does not break the call. They only ever receive redacted data.
 *
 * @example
 * ```ts
 * createDigitClient({ baseUrl, tenantId, hooks: { afterResponse: (r) => console.log(r.operationId, r.status, r.durationMs) } });
 * ```
 */
export interface DigitHooks {
  beforeRequest?: (request: HookRequest) => void | Promise<void>;
  afterResponse?: (response: HookResponse) => void | Promise<void>;
  onError?: (error: HookError) => void | Promise<void>;
}
