/** Test helpers: real DIGIT request shapes over any `fetch` (mock.fetch, msw-patched fetch, or HTTP). */
export const BASE = "http://digit.test";
export const BASIC = `Basic ${Buffer.from("egov-user-client:").toString("base64")}`;

export interface LoginForm {
  username: string;
  password: string;
  tenantId?: string;
  userType?: string;
}

export async function loginRaw(f: typeof fetch, base: string, form: LoginForm, authorization = BASIC): Promise<{ status: number; body: Record<string, unknown> }> {
  const params = new URLSearchParams({ grant_type: "password", scope: "read", ...form } as Record<string, string>);
  const res = await f(`${base}/user/oauth/token`, {
    method: "POST",
    headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
    body: params.toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function login(f: typeof fetch, base = BASE, form: LoginForm = { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" }): Promise<string> {
  const r = await loginRaw(f, base, form);
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body["access_token"] as string;
}

export function requestInfo(authToken?: string): Record<string, unknown> {
  return { apiId: "Rainmaker", ver: ".01", ts: Date.now(), action: "_search", did: "1", key: "", msgId: "20170310130900|en_IN", ...(authToken ? { authToken } : {}) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function post(
  f: typeof fetch,
  path: string,
  body: unknown,
  opts: { base?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await f(`${opts.base ?? BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...opts.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Json = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function createUser(f: typeof fetch, token: string, user: Record<string, unknown>, base = BASE): Promise<{ status: number; body: Json }> {
  return post(f, "/user/users/_createnovalidate", { RequestInfo: requestInfo(token), user }, { base });
}

/** A mutable clock for token expiry and write-lag tests. */
export function testClock(start = Date.UTC(2026, 0, 1)): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}
