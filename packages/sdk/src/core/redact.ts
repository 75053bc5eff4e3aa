/**
 * Placeholder written in place of every secret.
 *
 * @example
 * ```ts
 * redact({ password: "x" }).password === REDACTED; // true
 * ```
 */
export const REDACTED = "[REDACTED]";

const SECRET_KEYS = new Set([
  "authtoken",
  "auth-token",
  "password",
  "newpassword",
  "existingpassword",
  "access_token",
  "refresh_token",
  "accesstoken",
  "refreshtoken",
  "authorization",
  "otpreference",
  "client_secret",
]);

/** Whether a key (object property, header or query parameter name) names a secret. Case-insensitive. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/**
 * Deep copy of `value` with every secret replaced by `"[REDACTED]"`: `RequestInfo.authToken`, passwords,
 * `access_token`/`refresh_token` (bodies, form fields, query strings), `Authorization`/`auth-token` headers.
 * Strings that are URLs get their secret query parameters redacted. Never mutates its input; safe on cycles.
 *
 * @example
 * ```ts
 * import { redact } from "@digit-kit/sdk";
 * redact({ RequestInfo: { authToken: "abc" }, password: "x" });
 * // → { RequestInfo: { authToken: "[REDACTED]" }, password: "[REDACTED]" }
 * redact("https://h/user/_details?access_token=abc"); // → "https://h/user/_details?access_token=[REDACTED]"
 * ```
 */
export function redact<T>(value: T): T {
  return walk(value, new WeakMap()) as T;
}

function walk(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === "string") return redactUrl(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value);
  if (typeof Headers !== "undefined" && value instanceof Headers) {
    const out: Record<string, string> = {};
    value.forEach((v, k) => (out[k] = isSecretKey(k) ? REDACTED : v));
    return out;
  }
  if (typeof URLSearchParams !== "undefined" && value instanceof URLSearchParams) {
    const out = new URLSearchParams();
    value.forEach((v, k) => out.append(k, isSecretKey(k) ? REDACTED : v));
    return out.toString();
  }
  if (typeof FormData !== "undefined" && value instanceof FormData) {
    const out: Record<string, unknown> = {};
    value.forEach((v, k) => (out[k] = isSecretKey(k) ? REDACTED : typeof v === "string" ? v : `[file ${v.name}]`));
    return out;
  }
  if (typeof Blob !== "undefined" && value instanceof Blob) return `[blob ${value.size} bytes]`;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(walk(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) && v != null ? REDACTED : walk(v, seen);
  return out;
}

/** Redacts secret query parameters in something that looks like a URL or query string; other strings pass. */
function redactUrl(text: string): string {
  if (!text.includes("=") || !/(access_token|refresh_token|auth-?token|password)=/i.test(text)) return text;
  return text.replace(/((?:^|[?&])(?:access_token|refresh_token|auth-?token|authtoken|password)=)[^&#\s]*/gi, `$1${REDACTED}`);
}
