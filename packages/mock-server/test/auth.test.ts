import { describe, expect, it } from "vitest";
import { createDigitClient } from "@digit-kit/sdk";
import { createDigitMock } from "../src/index.js";
import { BASE, createUser, login, loginRaw, post, requestInfo, testClock } from "./helpers.js";

describe("user.login (oauth/token)", () => {
  const mock = createDigitMock();

  it("issues a token with the DIGIT-shaped answer for the default superuser", async () => {
    const r = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "bearer", scope: "read", expires_in: 604800 });
    expect(typeof r.body["access_token"]).toBe("string");
    expect(typeof r.body["refresh_token"]).toBe("string");
    const user = r.body["UserRequest"] as Record<string, unknown>;
    expect(user).toMatchObject({ userName: "ADMIN", type: "EMPLOYEE", tenantId: "pg" });
    expect(user["roles"]).toEqual(
      expect.arrayContaining([
        { name: "Super User", code: "SUPERUSER", tenantId: "pg" },
        { name: "Employee", code: "EMPLOYEE", tenantId: "pg" },
      ]),
    );
    expect(JSON.stringify(r.body)).not.toContain("eGov@123");
  });

  it("answers invalid_grant for a wrong password or unknown user", async () => {
    const wrong = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "nope", tenantId: "pg" });
    expect(wrong).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid login credentials" } });
    const unknown = await loginRaw(mock.fetch, BASE, { username: "GHOST", password: "eGov@123", tenantId: "pg" });
    expect(unknown.status).toBe(400);
    expect(unknown.body["error"]).toBe("invalid_grant");
  });

  it("answers 401 invalid_client without the egov-user-client Basic credentials", async () => {
    const r = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg" }, `Basic ${Buffer.from("other:secret").toString("base64")}`);
    expect(r.status).toBe(401);
    expect(r.body["error"]).toBe("invalid_client");
  });

  it("lets a city-tenant login find a state-level employee (lenient) but not in strict mode", async () => {
    expect((await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg.citya", userType: "EMPLOYEE" })).status).toBe(200);
    const strict = createDigitMock({ options: { strict: true } });
    expect((await loginRaw(strict.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg.citya", userType: "EMPLOYEE" })).status).toBe(400);
  });

  it("refreshes with grant_type=refresh_token and rejects an unknown refresh token", async () => {
    const first = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg" });
    const res = await mock.fetch(`${BASE}/user/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("egov-user-client:").toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: first.body["refresh_token"] as string }).toString(),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body["access_token"]).not.toBe(first.body["access_token"]);
    const search = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(body["access_token"] as string), tenantId: "pg", userName: "ADMIN" });
    expect(search.status).toBe(200);
    const bad = await mock.fetch(`${BASE}/user/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("egov-user-client:").toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=refresh_token&refresh_token=not-a-token",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("accepts the token as RequestInfo.authToken, access_token query, auth-token header or Bearer header", async () => {
    const token = await login(mock.fetch);
    const body = { RequestInfo: requestInfo(), tenantId: "pg", userName: "ADMIN" };
    expect((await post(mock.fetch, "/user/_search", { ...body, RequestInfo: requestInfo(token) })).status).toBe(200);
    expect((await post(mock.fetch, `/user/_search?access_token=${token}`, body)).status).toBe(200);
    expect((await post(mock.fetch, "/user/_search", body, { headers: { "auth-token": token } })).status).toBe(200);
    expect((await post(mock.fetch, "/user/_search", body, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const none = await post(mock.fetch, "/user/_search", body);
    expect(none.status).toBe(401);
    expect(none.body.Errors[0].code).toBe("InvalidAccessTokenException");
  });

  it("answers _details for the session and revokes the token on _logout", async () => {
    const token = await login(mock.fetch);
    const details = await post(mock.fetch, `/user/_details?access_token=${token}`, { RequestInfo: requestInfo() });
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({ userName: "ADMIN", tenantId: "pg" });
    expect(details.body.password).toBeUndefined();
    const out = await post(mock.fetch, `/user/_logout?access_token=${token}`, { RequestInfo: requestInfo(token) });
    expect(out.status).toBe(200);
    const after = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg" });
    expect(after.status).toBe(401);
  });
});

describe("token expiry", () => {
  it("rejects a token after tokenTtlSeconds have passed on the mock's clock", async () => {
    const clock = testClock();
    const mock = createDigitMock({ now: clock.now, options: { tokenTtlSeconds: 60 } });
    const r = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg" });
    expect(r.body["expires_in"]).toBe(60);
    const token = r.body["access_token"] as string;
    const call = () => post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg" });
    expect((await call()).status).toBe(200);
    clock.advance(59_000);
    expect((await call()).status).toBe(200);
    clock.advance(2_000);
    const expired = await call();
    expect(expired.status).toBe(401);
    expect(expired.body.Errors[0].code).toBe("InvalidAccessTokenException");
  });

  it("keeps created users' passwords out of every response", async () => {
    const mock = createDigitMock();
    const token = await login(mock.fetch);
    const created = await createUser(mock.fetch, token, { userName: "secret-user", name: "Secret User", type: "EMPLOYEE", tenantId: "pg", password: "Hunter2!", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] });
    expect(created.status).toBe(200);
    expect(JSON.stringify(created.body)).not.toContain("Hunter2!");
    const state = JSON.stringify(await mock.control.state());
    expect(state).not.toContain("Hunter2!");
    expect(state).not.toContain(token);
  });
});

describe("the SDK's non-JSON calls (auth-token header)", () => {
  it("uploads a Blob, reads its metadata and downloads it with the SDK", async () => {
    const mock = createDigitMock();
    const digit = createDigitClient({ baseUrl: BASE, tenantId: "pg", fetch: mock.fetch, retry: false });
    await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
    const { files } = await digit.filestore.upload({ file: new Blob(["hello"], { type: "text/plain" }), module: "SMOKE" });
    const fileStoreId = files![0]!.fileStoreId!;
    expect(fileStoreId).toBeTruthy();
    const meta = await digit.filestore.getMetadata({ query: { fileStoreId } });
    expect(meta).toMatchObject({ contentType: "text/plain", tenantId: "pg", fileSize: "5 bytes", resource: null });
    const blob = await digit.filestore.download({ query: { fileStoreId } });
    expect(await (blob as Blob).text()).toBe("hello");
  });
});
