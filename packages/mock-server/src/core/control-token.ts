/**
 * The control API's shared secret. A random token is made when the engine is built; every `/_mock/*` call
 * must carry it in `x-mock-control-token` or `Authorization: Bearer`. A web page the developer happens to
 * visit cannot read it, and sending a custom header from a page forces a CORS preflight, which the
 * standalone server refuses for `/_mock/*`. In-process callers use the engine's methods and need no token.
 * Uses Web Crypto only, so the core stays free of node: imports.
 */

export const CONTROL_TOKEN_HEADER = "x-mock-control-token";

/** 32 random bytes, base64url (43 characters). */
export function newControlToken(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The token a request presents (lower-cased header names): the control header, else a Bearer token. */
export function presentedControlToken(headers: Readonly<Record<string, string>>): string | undefined {
  const direct = headers[CONTROL_TOKEN_HEADER];
  if (direct) return direct.trim();
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers["authorization"] ?? "");
  return m ? m[1] : undefined;
}

/** Compares in time independent of where the strings differ. */
export function tokensMatch(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || presented.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= presented.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
