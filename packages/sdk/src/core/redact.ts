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
 * Strings that are URLs (or quote one) lose the credentials of `http://user:pass@host` and their secret query
 * parameters. Never mutates its input; safe on cycles.
 *
 * @example
 * ```ts
 * import { redact } from "@digit-kit/sdk";
 * redact({ RequestInfo: { authToken: "abc" }, password: "x" });
 * // → { RequestInfo: { authToken: "[REDACTED]" }, password: "[REDACTED]" }
 * redact("https://h/user/_details?access_token=abc"); // → "https://h/user/_details?access_token=[REDACTED]"
 * redact("connect failed: http://ci:s3cret@digit.local/user/oauth/token"); // → "connect failed: http://[REDACTED]@digit.local/user/oauth/token"
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

/** `scheme://userinfo@`: the credentials part of a URL (`http://user:pass@host`), anywhere in a text. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@/gi;

/**
 * Redacts URL credentials (`http://user:pass@host` → `http://[REDACTED]@host`) and secret query parameters
 * in something that looks like a URL, query string or a message quoting one; other strings pass.
 */
function redactUrl(text: string): string {
  let out = text;
  if (out.includes("@") && out.includes("://")) out = out.replace(USERINFO, `$1${REDACTED}@`);
  if (!out.includes("=") || !/(access_token|refresh_token|auth-?token|password)=/i.test(out)) return out;
  return out.replace(/((?:^|[?&])(?:access_token|refresh_token|auth-?token|authtoken|password)=)[^&#\s]*/gi, `$1${REDACTED}`);
}
