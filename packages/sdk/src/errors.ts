/** One entry of DIGIT's `Errors[]` array. */
export interface DigitErrorDetail {
  code: string;
  message: string;
  description?: string | null;
  params?: unknown[] | null;
}

/** Where a failed call went (no secrets: the path never carries the query string). */
export interface DigitRequestRef {
  operationId: string;
  method: string;
  /** Gateway path with path params filled in, without query string. */
  path: string;
}

/**
 * Base class of every error the SDK throws. `instanceof DigitError` catches them all.
 *
 * @example
 * ```ts
 * try { await digit.mdms.search(body); } catch (e) { if (e instanceof DigitError) console.error(e.message); }
 * ```
 */
export class DigitError extends Error {
  override name = "DigitError";
}

/** Options of {@link DigitApiError}'s constructor. */
export interface DigitApiErrorInit extends DigitRequestRef {
  status: number;
  errors: DigitErrorDetail[];
  msgId?: string | undefined;
  responseBody?: unknown;
  hint?: string;
  /** Milliseconds from the server's `Retry-After`, if it sent one. */
  retryAfterMs?: number | undefined;
}

/**
 * DIGIT answered with a non-2xx status. Carries the status, the operation, DIGIT's `Errors[]` and the
 * (redacted) response body. Subclasses narrow it by status; catch this one for "any API error".
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitApiError && e.codes.includes("DUPLICATE_RECORD")) skip(); }
 * ```
 */
export class DigitApiError extends DigitError {
  override name = "DigitApiError";
  readonly status: number;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly errors: DigitErrorDetail[];
  /** `ResponseInfo.msgId` echoed by DIGIT, useful to find the call in server logs. */
  readonly msgId: string | undefined;
  /** Parsed JSON (or text) response body with secrets redacted. */
  readonly responseBody: unknown;
  /** Milliseconds the server asked to wait (`Retry-After`), if it said. Set on 429 and often on 503. */
  readonly retryAfterMs: number | undefined;

  constructor(init: DigitApiErrorInit) {
    super(apiMessage(init));
    this.status = init.status;
    this.operationId = init.operationId;
    this.method = init.method;
    this.path = init.path;
    this.errors = init.errors;
    this.msgId = init.msgId;
    this.responseBody = init.responseBody;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The DIGIT error codes, e.g. `["SCHEMA_DEFINITION_NOT_FOUND"]`. */
  get codes(): string[] {
    return this.errors.map((e) => e.code);
  }
}

/**
 * 401, DIGIT's `InvalidAccessTokenException`, or OAuth `invalid_grant`: log in again or fix the credentials.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitAuthError) await digit.auth.login(credentials); }
 * ```
 */
export class DigitAuthError extends DigitApiError {
  override name = "DigitAuthError";
}
/**
 * 403 (`AccessDeniedException`): the user's roles do not allow this route.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitForbiddenError) console.error(`missing role for ${e.path}`); }
 * ```
 */
export class DigitForbiddenError extends DigitApiError {
  override name = "DigitForbiddenError";
}
/**
 * 400 with `Errors[]`: the request body was rejected. `errors[].code` says why.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitValidationError && e.codes.includes("DUPLICATE_RECORD")) return; }
 * ```
 */
export class DigitValidationError extends DigitApiError {
  override name = "DigitValidationError";
}
/**
 * 404: wrong base URL, service not deployed, or a path the gateway does not know.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitNotFoundError) console.error(`is ${e.path} deployed?`); }
 * ```
 */
export class DigitNotFoundError extends DigitApiError {
  override name = "DigitNotFoundError";
}
/**
 * 429: too many requests. `retryAfterMs` is the server's `Retry-After`, when given.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitRateLimitError) await sleep(e.retryAfterMs ?? 1000); }
 * ```
 */
export class DigitRateLimitError extends DigitApiError {
  override name = "DigitRateLimitError";
}
/**
 * 5xx: DIGIT or the gateway failed. Safe operations were already retried.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitServerError) console.error(e.status, e.msgId); }
 * ```
 */
export class DigitServerError extends DigitApiError {
  override name = "DigitServerError";
}

/**
 * The request never got an HTTP answer (DNS, refused connection, reset, CORS). `cause` holds the fetch error.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitConnectionError) console.error("is DIGIT reachable?", e.cause); }
 * ```
 */
export class DigitConnectionError extends DigitError {
  override name = "DigitConnectionError";
}
/**
 * No answer within the timeout (per attempt). Raise `timeout` or check the server.
 *
 * @example
 * ```ts
 * await digit.pdf.create(body, { query, timeout: 120_000 }); // PDFs can be slow
 * ```
 */
export class DigitTimeoutError extends DigitError {
  override name = "DigitTimeoutError";
}
/**
 * The caller aborted the request through its `AbortSignal`. `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof DigitAbortError) return; // user navigated away }
 * ```
 */
export class DigitAbortError extends DigitError {
  override name = "DigitAbortError";
}

function apiMessage(init: DigitApiErrorInit): string {
  const detail = init.errors.map((e) => (e.code.startsWith("HTTP_") ? e.message : `${e.code}: ${e.message}`)).join("; ");
  const hint = init.hint ? ` (${init.hint})` : "";
  return `${init.operationId} failed with HTTP ${init.status} at ${init.method} ${init.path}: ${detail}${hint}`;
}
