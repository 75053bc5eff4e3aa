/** Removes credentials from state before it leaves the mock (`GET /_mock/state`, logs). */
const SECRET_KEYS = new Set(["password", "tokens", "refreshTokens", "tokenExpiry", "authToken", "access_token", "refresh_token", "otpReference", "existingPassword", "newPassword"]);

export function redactSecrets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (k, v: unknown) => (SECRET_KEYS.has(k) ? undefined : v)) as T;
}
