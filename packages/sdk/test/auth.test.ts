import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { memoryTokenStore } from "../src/core/token-store.js";
import { DigitAuthError } from "../src/errors.js";
import { BASE, digitError, testClient, tokenResponse } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A gateway that accepts only `valid` tokens and counts token-endpoint calls by grant type. */
function gateway(valid: Set<string>) {
  const grants: string[] = [];
  const seenTokens: string[] = [];
  server.use(
    http.post(`${BASE}/user/oauth/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      grants.push(form.get("grant_type")!);
      if (form.get("grant_type") === "refresh_token") {
        if (form.get("refresh_token") !== "r-old") return HttpResponse.json({ error: "invalid_grant", error_description: "Invalid refresh token" }, { status: 400 });
        valid.add("new");
        return HttpResponse.json(tokenResponse("new", "r-new"));
      }
      return HttpResponse.json(tokenResponse("old", "r-old"));
    }),
    http.post(`${BASE}/mdms-v2/v2/_search`, async ({ request }) => {
      const token = ((await request.json()) as { RequestInfo: { authToken?: string } }).RequestInfo.authToken ?? "";
      seenTokens.push(token);
      if (!valid.has(token)) return HttpResponse.json(digitError("InvalidAccessTokenException", "Invalid access token"), { status: 401 });
      return HttpResponse.json({ mdms: [{ token }] });
    }),
  );
  return { grants, seenTokens };
}

describe("auth", () => {
  it("refreshes once for 10 concurrent calls when the token is about to expire (single flight)", async () => {
    const { grants, seenTokens } = gateway(new Set(["new"]));
    const store = memoryTokenStore({ accessToken: "old", refreshToken: "r-old", expiresAt: Date.now() + 5_000, tenantId: "pb" });
    const digit = testClient({ auth: { store } });
    const results = await Promise.all(Array.from({ length: 10 }, () => digit.api.search({})));
    expect(grants).toEqual(["refresh_token"]);
    expect(results.every((r) => r.mdms[0].token === "new")).toBe(true);
    expect(seenTokens).toEqual(Array(10).fill("new"));
    expect((await store.get())?.accessToken).toBe("new");
  });

  it("on 401 InvalidAccessTokenException refreshes once and replays the calls", async () => {
    const { grants, seenTokens } = gateway(new Set());
    const store = memoryTokenStore({ accessToken: "old", refreshToken: "r-old", tenantId: "pb" });
    const digit = testClient({ auth: { store } });
    const results = await Promise.all(Array.from({ length: 10 }, () => digit.api.search({})));
    expect(grants).toEqual(["refresh_token"]);
    expect(results.map((r) => r.mdms[0].token)).toEqual(Array(10).fill("new"));
    expect(seenTokens.filter((t) => t === "old")).toHaveLength(10);
    expect(seenTokens.filter((t) => t === "new")).toHaveLength(10);
  });

  it("replays at most once: a second 401 surfaces as DigitAuthError", async () => {
    server.use(
      http.post(`${BASE}/user/oauth/token`, () => HttpResponse.json(tokenResponse("another", "r-x"))),
      http.post(`${BASE}/mdms-v2/v2/_search`, () => HttpResponse.json(digitError("InvalidAccessTokenException", "Invalid access token"), { status: 401 })),
    );
    const digit = testClient({ auth: { store: memoryTokenStore({ accessToken: "old", refreshToken: "r-old" }) } });
    const error = await digit.api.search({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigitAuthError);
    expect((error as DigitAuthError).codes).toEqual(["InvalidAccessTokenException"]);
  });

  it("logs in lazily with credentials, once for concurrent calls", async () => {
    const { grants } = gateway(new Set(["old"]));
    const digit = testClient({ auth: { credentials: { username: "ADMIN", password: "pw" } } });
    await Promise.all(Array.from({ length: 5 }, () => digit.api.search({})));
    expect(grants).toEqual(["password"]);
  });

  it("uses a static token as is and never refreshes it", async () => {
    const { grants } = gateway(new Set(["static"]));
    const digit = testClient({ auth: { token: "static" } });
    expect((await digit.api.search({})).mdms[0].token).toBe("static");
    expect(await digit.auth.getToken()).toBe("static");
    gateway(new Set());
    await expect(digit.api.search({})).rejects.toBeInstanceOf(DigitAuthError);
    expect(grants).toEqual([]);
  });

  it("maps OAuth invalid_grant on login to DigitAuthError without leaking the password", async () => {
    server.use(
      http.post(`${BASE}/user/oauth/token`, () =>
        HttpResponse.json({ error: "invalid_grant", error_description: "Invalid login credentials" }, { status: 400 }),
      ),
    );
    const digit = testClient();
    const error = (await digit.auth.login({ username: "ADMIN", password: "s3cret-pw" }).catch((e: unknown) => e)) as DigitAuthError;
    expect(error).toBeInstanceOf(DigitAuthError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/invalid_grant: Invalid login credentials/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("s3cret-pw");
  });

  it("logout sends the token as the body's access_token (what egov-user revokes) and RequestInfo.authToken, and clears the store", async () => {
    let query: string | null = "unset";
    let sent: { access_token?: string; RequestInfo: { authToken: string } } | undefined;
    server.use(
      http.post(`${BASE}/user/_logout`, async ({ request }) => {
        query = new URL(request.url).searchParams.get("access_token");
        sent = (await request.json()) as typeof sent;
        return HttpResponse.json({ apiId: "", ver: "", ts: 0, resMsgId: "", msgId: "", status: "Logout successfully" });
      }),
    );
    const store = memoryTokenStore({ accessToken: "bye", refreshToken: "r" });
    const digit = testClient({ auth: { store } });
    await digit.auth.logout();
    expect(query).toBeNull();
    expect(sent?.access_token).toBe("bye");
    expect(sent?.RequestInfo.authToken).toBe("bye");
    expect(await store.get()).toBeUndefined();
    expect(await digit.auth.getToken()).toBeUndefined();
  });
});
