import ky from "ky";
import type { MultipartFields } from "./body.js";
import type { HookRequest } from "./hooks.js";
import type { DigitClientOptions, DigitUser, RequestInfo, RequestOptions } from "./options.js";
import { buildRequestInfo } from "./request-info.js";
import { resolveRetry, type RetryConfig } from "./retry-config.js";
import type { RouteDef } from "./route.js";
import { assertPathParams, buildUrl } from "./url.js";
import { loadDefaultValidator, type ResponseValidator } from "./validator.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_LOCALE = "en_IN";

/** Operations whose success body is a file, whatever its content type. */

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
export interface PipelineConfig extends Omit<DigitClientOptions, "auth" | "retry"> {
  timeout: number | false;
  retry: RetryConfig;
  validate: boolean | ResponseValidator;
  locale: string;
}

export function resolvePipelineConfig(options: DigitClientOptions): PipelineConfig {
  if (!options.baseUrl) throw new TypeError("createDigitClient: baseUrl is required, e.g. https://unified-dev.digit.org");
  return {
    ...options,
    timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    retry: resolveRetry(options.retry),
    validate: options.validate ?? false,
    locale: options.locale ?? DEFAULT_LOCALE,
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
    await (await validator)(route, data);
  }

  return async function request<T>(route: RouteDef, body?: unknown, options: RequestOptions = {}): Promise<T> {
    // A caller mistake is a TypeError before anything is sent, not a failed request.
    assertPathParams(route, options.params);
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
        // Everything that only runs when a call fails (error mapping, retry policy) loads on the first failure.
        const [{ fromThrown }, { shouldRetry, backoffDelay, sleep }] = await Promise.all([
          import("../to-digit-error.js"),
          import("./retry.js"),
        ]);
        const error = fromThrown(caught, options.signal, route);
        // One replay after DIGIT rejected the token, if the auth layer could get a new one.
        // (A 401 is always a DigitAuthError; reading `status` keeps the error classes out of the happy path.)
        if (!replayed && route.auth && (error as { status?: number }).status === 401) {
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
        const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs;
        try {
          await (config.retry.delay ?? sleep)(backoffDelay(attempt, config.retry, retryAfter), options.signal);
        } catch (reason) {
          throw fromThrown(reason, options.signal, route);
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
    if (route.body === "json" && route.requestInfo === false) {
      // No RequestInfo envelope (enc, url shortener): the body travels as given, any JSON value.
      sent = body ?? {};
      payload = JSON.stringify(sent);
      headers["content-type"] = "application/json";
    } else if (route.body === "json") {
      const input = (body ?? {}) as Record<string, unknown>;
      const RequestInfo = buildRequestInfo({
        route,
        locale: config.locale,
        authToken: token,
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
    if (route.auth && token && (route.body !== "json" || route.requestInfo === false)) headers["auth-token"] = token;

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
    // What ky throws (network failure, timeout, abort) is mapped by request()'s catch.
    const response = await ky(url, {
      method: route.httpMethod,
      headers,
      body: payload,
      retry: 0,
      throwHttpErrors: false,
      timeout: options.timeout ?? config.timeout,
      signal: options.signal,
      // Redirect operations (urlShortener.resolve answers 302) return the target instead of following it.
      redirect: route.successStatus >= 300 ? "manual" : "follow",
      ...(config.fetch ? { fetch: config.fetch } : {}),
    });
    if (hooks?.afterResponse) {
      await safely(() => hooks.afterResponse!({ ...hook!, status: response.status, durationMs: Date.now() - started }));
    }

    if (route.successStatus >= 300 && response.status === route.successStatus) return response.headers.get("location");
    if (response.ok) {
      const type = response.headers.get("content-type");
      // Files (PDFs, images, octet streams) come back as a Blob; JSON is parsed; text stays text.
      if (route.response === "binary" || (type && !/json|text|xml|html/.test(type))) return response.blob();
      return parseBody(await response.text(), type);
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

/**
 * Query with the client's defaults for parameters the caller left out (`tenantId`, `access_token`). An explicit
 * `null` means "send none" (e.g. a PGR citizen's default search, which DIGIT answers only without a tenantId).
 */
function withDefaults(
  route: RouteDef,
  query: RequestOptions["query"],
  token: string | undefined,
  tenantId: string,
): RequestOptions["query"] {
  if (!route.queryParams.length) return query;
  const out = { ...query };
  if (route.queryParams.includes("tenantId") && out.tenantId === undefined) out.tenantId = tenantId;
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

/** A throwing hook must never break a call. */
async function safely(fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // ignored on purpose: hooks are observers
  }
}
