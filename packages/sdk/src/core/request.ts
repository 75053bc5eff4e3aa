import ky, { TimeoutError } from "ky";
import {
  DigitAbortError,
  DigitApiError,
  DigitAuthError,
  DigitConnectionError,
  DigitError,
  DigitTimeoutError,
} from "../errors.js";
import type { MultipartFields } from "./body.js";
import type { DigitHooks, HookRequest } from "./hooks.js";
import type { DigitClientOptions, DigitUser, RequestInfo, RequestOptions } from "./options.js";
import { buildRequestInfo } from "./request-info.js";
import { resolveRetry, type RetryConfig } from "./retry-config.js";
import type { RouteDef } from "./route.js";
import { buildUrl } from "./url.js";
import { loadDefaultValidator, type ResponseValidator } from "./validator.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_LOCALE = "en_IN";

/** Operations whose success body is a file, whatever its content type. */
const BINARY_RESPONSES = new Set(["filestore.download"]);

/** What the pipeline asks the auth layer for. */
export interface AuthProvider {
  /** Token and user for an authenticated call; refreshes first when the token is about to expire. */
  current(): Promise<{ token?: string | undefined; user?: DigitUser | undefined }>;
  /** DIGIT rejected `token`; resolves true once a different token is ready, so the call can be replayed. */
  recover(token: string | undefined): Promise<boolean>;
}

/** Sends one operation through the pipeline and resolves with the unwrapped response body. */
export type RequestFn = <T = unknown>(route: RouteDef, body?: unknown, options?: RequestOptions) => Promise<T>;

/** Resolved client settings the pipeline runs on. */
export interface PipelineConfig {
  baseUrl: string;
  tenantId: string;
  fetch: typeof fetch | undefined;
  timeout: number | false;
  retry: RetryConfig;
  hooks: DigitHooks | undefined;
  validate: boolean | ResponseValidator;
  requestInfo: Partial<RequestInfo> | undefined;
  locale: string;
  headers: Record<string, string> | undefined;
}

export function resolvePipelineConfig(options: DigitClientOptions): PipelineConfig {
  if (!options.baseUrl) throw new TypeError("createDigitClient: baseUrl is required, e.g. https://unified-dev.digit.org");
  return {
    baseUrl: options.baseUrl,
    tenantId: options.tenantId,
    fetch: options.fetch,
    timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    retry: resolveRetry(options.retry),
    hooks: options.hooks,
    validate: options.validate ?? false,
    requestInfo: options.requestInfo,
    locale: options.locale ?? DEFAULT_LOCALE,
    headers: options.headers,
  };
}

/**
 * THE request pipeline. Every SDK call goes through the function this returns:
 * URL + envelope → ky (its retry off) → unwrap / {@link toDigitError} → retry policy → one token refresh on 401.
 */
export function createRequest(config: PipelineConfig, getAuth: () => AuthProvider): RequestFn {
  let validator: Promise<ResponseValidator> | undefined;

  async function validate(route: RouteDef, data: unknown): Promise<void> {
    if (!config.validate) return;
    validator ??= typeof config.validate === "function" ? Promise.resolve(config.validate) : loadDefaultValidator();
    (await validator)(route, data);
  }

  return async function request<T>(route: RouteDef, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const idempotent = route.retrySafe || options.idempotent === true || config.retry.unsafe;
    let replayed = false;
    const state: { hook?: HookRequest | undefined } = {};
    for (let attempt = 0; ; attempt++) {
      const access = route.auth ? await getAuth().current() : {};
      try {
        const data = await send(route, body, options, attempt, access.token, access.user, state);
        await validate(route, data);
        return data as T;
      } catch (caught) {
        const error = toPipelineError(caught, options.signal, route);
        const { shouldRetry, backoffDelay } = await import("./retry.js");
        // One replay after DIGIT rejected the token, if the auth layer could get a new one.
        if (!replayed && route.auth && error instanceof DigitAuthError && error.status === 401) {
          replayed = true;
          if (await getAuth().recover(access.token).catch(() => false)) {
            attempt--;
            continue;
          }
        }
        if (!shouldRetry(error, attempt, config.retry.limit, idempotent)) {
          const hook = state.hook;
          if (config.hooks?.onError && hook) await safely(() => config.hooks!.onError!({ ...hook, error }));
          throw error;
        }
        const retryAfter = error instanceof DigitApiError ? error.retryAfterMs : undefined;
        try {
          await config.retry.delay(backoffDelay(attempt, config.retry, retryAfter), options.signal);
        } catch (reason) {
          throw toPipelineError(reason, options.signal, route);
        }
      }
    }
  };

  async function send(
    route: RouteDef,
    body: unknown,
    options: RequestOptions,
    attempt: number,
    token: string | undefined,
    user: DigitUser | undefined,
    state: { hook?: HookRequest | undefined },
  ): Promise<unknown> {
    const query = withDefaults(route, options.query, token, config.tenantId);
    const url = buildUrl(config.baseUrl, route, options.params, query);
    const headers: Record<string, string> = { accept: "application/json", ...config.headers, ...options.headers };
    let payload: BodyInit | undefined;
    let sent: unknown;
    if (route.body === "json") {
      const input = (body ?? {}) as Record<string, unknown>;
      const RequestInfo = buildRequestInfo({
        route,
        locale: config.locale,
        authToken: route.auth || token ? token : undefined,
        user,
        layers: [config.requestInfo, input.RequestInfo as Partial<RequestInfo> | undefined, options.requestInfo],
      });
      sent = { ...input, RequestInfo };
      payload = JSON.stringify(sent);
      headers["content-type"] = "application/json";
    } else if (route.body !== "none") {
      // Form (login) and multipart (upload) encoders load on first use.
      const { toForm, toMultipart } = await import("./body.js");
      sent =
        route.body === "form"
          ? toForm((body ?? {}) as Record<string, unknown>)
          : toMultipart((body ?? {}) as FormData | MultipartFields, config.tenantId);
      payload = sent as BodyInit;
    }
    // JSON calls carry the token in RequestInfo; DIGIT's gateway reads it from `auth-token` for the rest.
    if (route.auth && token && route.body !== "json") headers["auth-token"] = token;

    const hooks = config.hooks;
    const redact = hooks && (await import("./redact.js")).redact;
    const hook: HookRequest | undefined = redact
      ? {
          operationId: route.operationId,
          method: route.httpMethod,
          url: redact(url),
          headers: redact(headers),
          body: redact(sent),
          attempt,
        }
      : undefined;
    state.hook = hook;
    if (hooks?.beforeRequest) await safely(() => hooks.beforeRequest!(hook!));

    const started = hooks?.afterResponse ? Date.now() : 0;
    let response: Response;
    try {
      response = await ky(url, {
        method: route.httpMethod,
        headers,
        body: payload,
        retry: 0,
        throwHttpErrors: false,
        timeout: options.timeout ?? config.timeout,
        signal: options.signal,
        ...(config.fetch ? { fetch: config.fetch } : {}),
      });
    } catch (error) {
      throw toPipelineError(error, options.signal, route);
    }
    if (hooks?.afterResponse) {
      await safely(() => hooks.afterResponse!({ ...hook!, status: response.status, durationMs: Date.now() - started }));
    }

    if (response.ok) {
      if (BINARY_RESPONSES.has(route.operationId)) return response.blob();
      return parseBody(await response.text(), response.headers.get("content-type"));
    }
    const text = await response.text().catch(() => "");
    // The error factory (body parsing, redaction) is only loaded when a call fails.
    const [{ toDigitError }, { parseRetryAfter }] = await Promise.all([import("../to-digit-error.js"), import("./retry.js")]);
    const error = toDigitError({
      status: response.status,
      body: parseBody(text, response.headers.get("content-type")),
      operationId: route.operationId,
      method: route.httpMethod,
      path: url.slice(config.baseUrl.replace(/\/+$/, "").length).split("?")[0] ?? route.path,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    });
    throw error;
  }
}

/** Query with the client's defaults for parameters the caller left out (`tenantId`, `access_token`). */
function withDefaults(
  route: RouteDef,
  query: RequestOptions["query"],
  token: string | undefined,
  tenantId: string,
): RequestOptions["query"] {
  if (!route.queryParams.length) return query;
  const out = { ...query };
  if (route.queryParams.includes("tenantId") && out.tenantId == null) out.tenantId = tenantId;
  if (route.queryParams.includes("access_token") && out.access_token == null && token) out.access_token = token;
  return out;
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (contentType?.includes("json") || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Maps whatever ky/fetch threw to the SDK's error tree. */
function toPipelineError(error: unknown, signal: AbortSignal | undefined, route: RouteDef): DigitError {
  if (error instanceof DigitError) return error;
  if (signal?.aborted) {
    return new DigitAbortError(`${route.operationId}: aborted by the caller's AbortSignal`, { cause: signal.reason });
  }
  if (error instanceof TimeoutError) {
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

/** A throwing hook must never break a call. */
async function safely(fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // ignored on purpose: hooks are observers
  }
}
