import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redact, REDACTED } from "../src/core/redact.js";
import type { HookError, HookRequest, HookResponse } from "../src/core/hooks.js";
import { memoryTokenStore } from "../src/core/token-store.js";
import { BASE, digitError, testClient, tokenResponse } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("hooks and redaction", () => {
  it("hooks see requests, responses and errors, never the token or password", async () => {
    server.use(
      http.post(`${BASE}/user/oauth/token`, () => HttpResponse.json(tokenResponse("tok-SECRET", "ref-SECRET"))),
      http.post(`${BASE}/user/_logout`, () => HttpResponse.json({})),
      http.post(`${BASE}/mdms-v2/v2/_search`, () => HttpResponse.json({ mdms: [] })),
      http.post(`${BASE}/mdms-v2/v2/_create/:code`, () => HttpResponse.json(digitError("DUPLICATE_RECORD", "exists"), { status: 400 })),
      http.get(`${BASE}/filestore/v1/files/id`, () => new HttpResponse("x")),
    );
    const seen: (HookRequest | HookResponse | HookError)[] = [];
    const digit = testClient({
      auth: { store: memoryTokenStore() },
      headers: { Authorization: "Bearer tok-SECRET" },
      hooks: { beforeRequest: (r) => void seen.push(r), afterResponse: (r) => void seen.push(r), onError: (r) => void seen.push(r) },
    });
    await digit.auth.login({ username: "ADMIN", password: "pw-SECRET" });
    await digit.api.search({ MdmsCriteria: { tenantId: "pb" } });
    await digit.api.create({ Mdms: {} }, { params: { schemaCode: "a.b" } }).catch(() => {});
    await digit.api.download({ query: { fileStoreId: "f", access_token: "tok-SECRET" } });
    await digit.auth.logout();

    const dump = JSON.stringify(seen, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message } : v));
    expect(dump).not.toContain("SECRET");
    expect(seen.map((s) => s.operationId)).toContain("mdms.create");
    const search = seen.find((s) => s.operationId === "mdms.search") as HookRequest;
    expect((search.body as { RequestInfo: { authToken: string } }).RequestInfo.authToken).toBe(REDACTED);
    const error = seen.find((s) => "error" in s) as HookError;
    expect(error.operationId).toBe("mdms.create");
    const response = seen.find((s) => "status" in s && s.operationId === "mdms.search") as HookResponse;
    expect(response.status).toBe(200);
    const logout = seen.find((s) => s.operationId === "user.logout") as HookRequest;
    expect((logout.body as { access_token: string }).access_token).toBe(REDACTED);
  });

  it("a throwing hook does not break the call", async () => {
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => HttpResponse.json({ mdms: [1] })));
    const digit = testClient({ hooks: { beforeRequest: () => { throw new Error("hook bug"); } } });
    expect((await digit.api.search({})).mdms).toEqual([1]);
  });

  it("redact() strips every kind of secret and leaves the input intact", () => {
    const input = {
      RequestInfo: { authToken: "a", userInfo: { uuid: "u" } },
      password: "p",
      nested: [{ refresh_token: "r", access_token: "x" }],
      url: "https://h/user/_details?access_token=abc&tenantId=pb",
      form: "username=u&password=p&grant_type=password",
    };
    const out = redact(input);
    expect(out).toEqual({
      RequestInfo: { authToken: REDACTED, userInfo: { uuid: "u" } },
      password: REDACTED,
      nested: [{ refresh_token: REDACTED, access_token: REDACTED }],
      url: `https://h/user/_details?access_token=${REDACTED}&tenantId=pb`,
      form: `username=u&password=${REDACTED}&grant_type=password`,
    });
    expect(input.RequestInfo.authToken).toBe("a");
    expect(redact(new Headers({ authorization: "Basic x", "auth-token": "t", accept: "a" }))).toEqual({
      authorization: REDACTED,
      "auth-token": REDACTED,
      accept: "a",
    });
    expect(redact(new URLSearchParams({ password: "p", username: "u" }))).toBe(`password=${encodeURIComponent(REDACTED)}&username=u`);
  });

  it("redact() removes URL credentials (user:password@) wherever a string quotes a URL", () => {
    expect(redact("http://ci:s3cret@digit.local:8080/user/oauth/token")).toBe(`http://${REDACTED}@digit.local:8080/user/oauth/token`);
    // A password with an '@' in it is cut at the last '@' of the authority, not the first.
    expect(redact("fetch failed: https://ci:p@ss@digit.local/x?access_token=t then HTTP://u:p@h")).toBe(
      `fetch failed: https://${REDACTED}@digit.local/x?access_token=${REDACTED} then HTTP://${REDACTED}@h`,
    );
    expect(redact({ baseUrl: "https://user@digit.local" })).toEqual({ baseUrl: `https://${REDACTED}@digit.local` });
    // Not URL credentials: e-mail addresses, '@' in a path.
    for (const plain of ["admin@digit.org", "mailto:admin@digit.org", "https://h/files/a@b.pdf"]) expect(redact(plain)).toBe(plain);
  });

  it("redact() removes quoted JSON secrets, key=value secrets and bearer tokens from free text", () => {
    const message = `DIGIT said: {"userName":"u","password":"p\\"w","authToken": "tok"} for client_secret=cs&x=1 with Authorization: Bearer eyJ.abc-d_e=`;
    const out = redact(message);
    expect(out).toBe(`DIGIT said: {"userName":"u","password":"${REDACTED}","authToken": "${REDACTED}"} for client_secret=${REDACTED}&x=1 with Authorization: Bearer ${REDACTED}`);
    for (const plain of ["grant_type=password", "no secrets here", "the password is wrong"]) expect(redact(plain)).toBe(plain);
  });

  it("redact() knows every secret key name once, case-insensitively, and copies dates", () => {
    const when = new Date("2026-01-02T03:04:05Z");
    const out = redact({ token: "t", Secret: "s", clientSecret: "c", accessToken: "a", OtpReference: "o", name: "n", when, missing: null });
    expect(out).toEqual({ token: REDACTED, Secret: REDACTED, clientSecret: REDACTED, accessToken: REDACTED, OtpReference: REDACTED, name: "n", when, missing: null });
    expect(out.when).not.toBe(when);
    expect(JSON.stringify(out.when)).toBe(JSON.stringify(when));
  });

  it("hooks see the request URL without the base URL's credentials", async () => {
    const seen: HookRequest[] = [];
    const digit = testClient({ baseUrl: "http://ci:s3cret@digit.test", hooks: { beforeRequest: (r) => void seen.push(r) } });
    await digit.api.search({}).catch(() => {});
    expect(seen[0]?.url).toMatch(new RegExp(`^http://\\[REDACTED\\]@digit\\.test/`));
    expect(JSON.stringify(seen)).not.toContain("s3cret");
  });
});
