/**
 * Raw DIGIT HTTP for conformance tests: bodies, statuses and headers exactly as they travel, with nothing of the
 * SDK in between (the suite checks the wire, including what the SDK would hide or correct).
 */
import type { Credentials, Target } from "./target.js";

/** Response bodies are checked field by field; `any` keeps those assertions short. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: Json;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** The access token for `RequestInfo.authToken`: the admin session's by default, `null` for none. */
  token?: string | null;
  /** Through the internal door (service to service) instead of the gateway. */
  door?: "gateway" | "internal";
  headers?: Record<string, string>;
  /** Send `body` as given (string or JSON), without adding RequestInfo. */
  raw?: boolean;
}

/** The classic DIGIT Rainmaker RequestInfo, with the token when there is one. */
export function requestInfo(authToken?: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiId: "Rainmaker",
    ver: ".01",
    ts: Date.now(),
    action: "_search",
    did: "1",
    key: "",
    msgId: `${Date.now()}|en_IN`,
    ...(authToken ? { authToken } : {}),
    ...extra,
  };
}

/** A response read as the suite compares it: status, body (JSON when it parses, else the text), text and headers. */
export async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: Json = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** DIGIT's stock web client id (`egov-user-client`, no secret) as the Basic credentials of `/user/oauth/token`. */
export const OAUTH_CLIENT = "Basic ZWdvdi11c2VyLWNsaWVudDo=";

/** One logged-in connection to a target. */
export class DigitConnection {
  token = "";
  /** The logged-in user's `UserRequest` from the login answer. */
  user: Json = undefined;

  constructor(readonly target: Target) {}

  private fetchFor(door: CallOptions["door"]): typeof fetch {
    if (door !== "internal") return this.target.fetch;
    if (!this.target.internalFetch) throw new Error(`The ${this.target.kind} target has no internal door.`);
    return this.target.internalFetch;
  }

  url(path: string, query: CallOptions["query"] = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${this.target.baseUrl}${path}${qs ? `?${qs}` : ""}`;
  }

  /** POST a JSON body; unless `raw`, `RequestInfo` (with the session token) is added when the body has none. */
  async post(path: string, body: unknown = {}, options: CallOptions = {}): Promise<Answer> {
    const token = options.token === undefined ? this.token : options.token;
    let payload: unknown = body;
    if (!options.raw && body !== null && typeof body === "object" && !Array.isArray(body) && !("RequestInfo" in body)) {
      payload = { RequestInfo: requestInfo(token), ...body };
    }
    const res = await this.fetchFor(options.door)(this.url(path, options.query), {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers },
      body: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    return answer(res);
  }

  /** GET with the session token in the `auth-token` header (as DIGIT's UIs send it), unless `token: null`. */
  async get(path: string, options: CallOptions = {}): Promise<Answer> {
    const token = options.token === undefined ? this.token : options.token;
    const res = await this.fetchFor(options.door)(this.url(path, options.query), {
      method: "GET",
      headers: { ...(token ? { "auth-token": token } : {}), ...options.headers },
    });
    return answer(res);
  }

  /** `POST /user/oauth/token` (password grant) as DIGIT's UIs send it; the raw answer. */
  async loginRaw(credentials: Partial<Credentials> = {}, form: Record<string, string> = {}): Promise<Answer> {
    const c = { ...this.target.credentials, ...credentials };
    const params = new URLSearchParams({
      grant_type: "password",
      scope: "read",
      username: c.username,
      password: c.password,
      tenantId: c.tenantId,
      userType: c.userType,
      ...form,
    });
    const res = await this.target.fetch(`${this.target.baseUrl}/user/oauth/token`, {
      method: "POST",
      headers: { authorization: OAUTH_CLIENT, "content-type": "application/x-www-form-urlencoded" },
      body: params.toString(),
    });
    return answer(res);
  }

  /** Log in (the target's administrator unless told otherwise) and keep the token for later calls. */
  async login(credentials: Partial<Credentials> = {}): Promise<this> {
    const res = await this.loginRaw(credentials);
    if (res.status !== 200 || typeof res.body?.access_token !== "string") {
      throw new Error(`Login as ${credentials.username ?? this.target.credentials.username} failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    }
    this.token = res.body.access_token;
    this.user = res.body.UserRequest;
    return this;
  }
}
