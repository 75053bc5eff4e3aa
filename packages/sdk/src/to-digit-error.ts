import { redact } from "./core/redact.js";
import type { RouteDef } from "./core/route.js";
import {
  DigitAbortError,
  DigitConnectionError,
  DigitError,
  DigitTimeoutError,
  DigitApiError,
  DigitAuthError,
  DigitForbiddenError,
  DigitNotFoundError,
  DigitRateLimitError,
  DigitServerError,
  DigitValidationError,
  type DigitApiErrorInit,
  type DigitErrorDetail,
  type DigitRequestRef,
} from "./errors.js";

/** What {@link toDigitError} needs to know about a failed HTTP exchange. */
export interface HttpFailure extends DigitRequestRef {
  status: number;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** `Retry-After` value in milliseconds, if the server sent one. */
  retryAfterMs?: number | undefined;
}

/**
 * The one factory from an HTTP failure to the right {@link DigitApiError} subclass. Reads DIGIT's
 * `{ResponseInfo, Errors[]}`, the OAuth `{error, error_description}` shape and the legacy `{error:{...}}`;
 * non-JSON bodies (gateway HTML pages) become a readable message with status and the first 200 characters
 * of text, tags stripped.
 *
 * @example
 * ```ts
 * toDigitError({ status: 400, body: { Errors: [{ code: "X", message: "bad" }] }, operationId: "mdms.search", method: "POST", path: "/mdms-v2/v2/_search" });
 * // → DigitValidationError
 * ```
 */
export function toDigitError(failure: HttpFailure): DigitApiError {
  const { status, body } = failure;
  // Error texts can echo request data: redact before they reach messages.
  const errors = redact(readErrors(status, body));
  const codes = errors.map((e) => e.code);
  const init: DigitApiErrorInit = {
    ...failure,
    errors,
    msgId: readMsgId(body),
    responseBody: redact(body),
  };
  if (status === 401 || codes.includes("InvalidAccessTokenException") || codes.includes("invalid_grant")) {
    return new DigitAuthError({ ...init, hint: "log in again, refresh the token or check the credentials" });
  }
  if (status === 403) return new DigitForbiddenError({ ...init, hint: "the user's roles do not grant this route" });
  if (status === 404) return new DigitNotFoundError({ ...init, hint: "check baseUrl and that the service is deployed" });
  if (status === 429) return new DigitRateLimitError({ ...init, hint: "slow down or retry later" });
  if (status >= 500) return new DigitServerError(init);
  if (status === 400) return new DigitValidationError(init);
  return new DigitApiError(init);
}

function readErrors(status: number, body: unknown): DigitErrorDetail[] {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const list = b.Errors ?? b.errors;
    if (Array.isArray(list) && list.length) return list.map(toDetail);
    if (typeof b.error === "string") {
      return [{ code: b.error, message: typeof b.error_description === "string" ? b.error_description : b.error }];
    }
    if (b.error && typeof b.error === "object") return [toDetail(b.error)];
    if (typeof b.message === "string") return [{ code: `HTTP_${status}`, message: b.message }];
  }
  if (typeof body === "string" && body.trim()) return [{ code: `HTTP_${status}`, message: htmlToText(body) }];
  return [{ code: `HTTP_${status}`, message: "empty response body" }];
}

function toDetail(raw: unknown): DigitErrorDetail {
  const e = (raw ?? {}) as Record<string, unknown>;
  const code = String(e.code ?? "UNKNOWN");
  return {
    code,
    message: String(e.message ?? e.description ?? code),
    description: (e.description as string | null | undefined) ?? null,
    params: (e.params as unknown[] | null | undefined) ?? null,
  };
}

function readMsgId(body: unknown): string | undefined {
  const info = (body as { ResponseInfo?: { msgId?: unknown } } | null)?.ResponseInfo;
  return typeof info?.msgId === "string" ? info.msgId : undefined;
}

/** First ~200 characters of an HTML/text page, tags and whitespace runs removed. */
export function htmlToText(text: string): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Maps whatever the pipeline caught (ky/fetch failures, timeouts, aborts, SDK errors) to the error tree. */
export function fromThrown(error: unknown, signal: AbortSignal | undefined, route: RouteDef): DigitError {
  if (error instanceof DigitError) return error;
  if (signal?.aborted) {
    return new DigitAbortError(`${route.operationId}: aborted by the caller's AbortSignal`, { cause: signal.reason });
  }
  if ((error as Error | undefined)?.name === "TimeoutError") {
    return new DigitTimeoutError(
      `${route.operationId}: no response from ${route.httpMethod} ${route.path} within the timeout; raise \`timeout\` or check the server`,
    );
  }
  // fetch's own messages are generic ("fetch failed"); the system code sits on `cause` (ECONNREFUSED, ...).
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const reason = `${error instanceof Error ? error.message : String(error)}${typeof code === "string" ? `: ${code}` : ""}`;
  return new DigitConnectionError(`${route.operationId}: could not reach DIGIT (${reason}); check baseUrl and the network`, {
    cause: error,
  });
}
