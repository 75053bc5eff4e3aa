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
  "clientsecret",
  "secret",
  "token",
]);

/** Whether a key (object property, header or query parameter name) names a secret. Case-insensitive. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/**
 * Deep copy of `value` with every secret replaced by `"[REDACTED]"`: `RequestInfo.authToken`, passwords,
 * tokens and secrets (bodies, form fields, query strings), `Authorization`/`auth-token` headers. Strings lose
 * URL credentials (`http://user:pass@host`), secret `key=value` pairs, quoted JSON secrets and bearer tokens.
 * The one redaction of DIGIT Kit: the CLI's output and the mock's state view use it too. Never mutates its
 * input; safe on cycles.
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
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return new Date(value.getTime());
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

/** Secret names as they appear inside free text (a query string, a quoted JSON body, an error message). */
const TEXT_KEYS = "access_token|refresh_token|auth-?token|password|authorization|client_secret";
const TEXT_HINT = new RegExp(`${TEXT_KEYS}|bearer`, "i");
const JSON_PAIR = new RegExp(`("(?:${TEXT_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, "gi");
const KEY_VALUE = new RegExp(`\\b((?:${TEXT_KEYS})=)[^\\s&#"']*`, "gi");
const BEARER = /\b(Bearer\s+)[\w.~+/-]+=*/gi;

/**
 * Redacts, in free text, URL credentials (`http://user:pass@host` → `http://[REDACTED]@host`), secret
 * `key=value` pairs (query strings, forms), quoted JSON secrets (`"password":"x"`) and bearer tokens;
 * other strings pass.
 */
function redactText(text: string): string {
  let out = text;
  if (out.includes("@") && out.includes("://")) out = out.replace(USERINFO, `$1${REDACTED}@`);
  if (!TEXT_HINT.test(out)) return out;
  return out.replace(JSON_PAIR, `$1${REDACTED}$2`).replace(KEY_VALUE, `$1${REDACTED}`).replace(BEARER, `$1${REDACTED}`);
}
