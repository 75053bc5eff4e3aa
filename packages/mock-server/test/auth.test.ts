import { describe, expect, it } from "vitest";
import { createDigitClient } from "@digit-kit/sdk";
import { createDigitMock } from "../src/index.js";
import { BASE, BASIC, createUser, login, loginRaw, post, requestInfo, testClock } from "./helpers.js";

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

  it("answers invalid_request for a wrong password, an unknown user, or a missing tenantId or userType", async () => {
    const wrong = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "nope", tenantId: "pg", userType: "EMPLOYEE" });
    expect(wrong).toEqual({ status: 400, body: { error: "invalid_request", error_description: "Invalid login credentials" } });
    const unknown = await loginRaw(mock.fetch, BASE, { username: "GHOST", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" });
    expect(unknown.body).toEqual({ error: "invalid_request", error_description: "Invalid login credentials" });
    const noTenant = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
    expect(noTenant.body).toEqual({ error: "invalid_request", error_description: "TenantId is mandatory" });
    const noType = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg" });
    expect(noType.body).toEqual({ error: "invalid_request", error_description: "User Type is mandatory and has to be a valid type" });
    expect((await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "employee" })).status).toBe(200);
  });

  it("answers 401 invalid_client without the egov-user-client Basic credentials", async () => {
    const r = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" }, `Basic ${Buffer.from("other:secret").toString("base64")}`);
    expect(r.status).toBe(401);
    expect(r.body["error"]).toBe("invalid_client");
  });

  it("lets a city-tenant login find a state-level employee with a warning (lenient) but not in strict mode", async () => {
    const res = await mock.fetch(`${BASE}/user/oauth/token`, {
      method: "POST",
      headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", username: "ADMIN", password: "eGov@123", tenantId: "pg.citya", userType: "EMPLOYEE" }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-digit-mock-warning")).toContain("LOGIN_TENANT_FALLBACK");
    const strict = createDigitMock({ options: { strict: true } });
    expect((await loginRaw(strict.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg.citya", userType: "EMPLOYEE" })).status).toBe(400);
  });

  it("refreshes with grant_type=refresh_token: a new access token, the same refresh token, the old access token retired", async () => {
    const first = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" });
    const refresh = (token: string) =>
      mock.fetch(`${BASE}/user/oauth/token`, {
        method: "POST",
        headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token }).toString(),
      });
    const res = await refresh(first.body["refresh_token"] as string);
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body["access_token"]).not.toBe(first.body["access_token"]);
    expect(body["refresh_token"]).toBe(first.body["refresh_token"]);
    const search = (token: unknown) => post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token as string), tenantId: "pg", userName: "ADMIN" });
    expect((await search(body["access_token"])).status).toBe(200);
    expect((await search(first.body["access_token"])).status).toBe(401);
    const bad = await refresh("not-a-token");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "invalid_grant", error_description: "Invalid refresh token: not-a-token" });
  });

  it("reads the token as DIGIT's gateway does; access_token query and Bearer work with a warning, not under --strict", async () => {
    const token = await login(mock.fetch);
    const body = { RequestInfo: requestInfo(), tenantId: "pg", userName: "ADMIN" };
    const v1 = (b: unknown, headers: Record<string, string> = {}, path = "/user/v1/_search") => post(mock.fetch, path, b, { headers });
    expect((await v1({ ...body, RequestInfo: requestInfo(token) })).status).toBe(200);
    expect((await v1(body, { "auth-token": token })).status).toBe(200);
    const query = await v1(body, {}, `/user/v1/_search?access_token=${token}`);
    expect(query.status).toBe(200);
    expect(query.headers.get("x-digit-mock-warning")).toContain("NON_DIGIT_TOKEN_SOURCE");
    const bearer = await v1(body, { authorization: `Bearer ${token}` });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get("x-digit-mock-warning")).toContain("NON_DIGIT_TOKEN_SOURCE");
    const none = await v1(body);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      ResponseInfo: null,
      Errors: [{ code: "CustomException", message: "You are not authorized to access this resource", description: "You are not authorized to access this resource", params: null }],
    });
    const strict = createDigitMock({ options: { strict: true } });
    const strictToken = await login(strict.fetch);
    expect((await post(strict.fetch, `/user/v1/_search?access_token=${strictToken}`, body)).status).toBe(401);
    expect((await post(strict.fetch, "/user/v1/_search", body, { headers: { authorization: `Bearer ${strictToken}` } })).status).toBe(401);
  });

  it("answers _details for the query's token, and _logout revokes the body's access_token and its refresh token", async () => {
    const session = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" });
    const token = session.body["access_token"] as string;
    const details = await post(mock.fetch, `/user/_details?access_token=${token}`, { RequestInfo: requestInfo(token) });
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({ userName: "ADMIN", tenantId: "pg", actions: null });
    expect(details.body).not.toHaveProperty("permanentCity");
    expect(details.body.password).toBeUndefined();
    const viaQuery = await post(mock.fetch, `/user/_logout?access_token=${token}`, { RequestInfo: requestInfo(token) });
    expect(viaQuery.status).toBe(400);
    expect(viaQuery.body.error).toMatchObject({ code: 400, description: "Logout failed" });
    const out = await post(mock.fetch, "/user/_logout", { RequestInfo: requestInfo(token), access_token: token });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ apiId: "", resMsgId: "", status: "Logout successfully" });
    const after = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" });
    expect(after.status).toBe(401);
    const refreshed = await mock.fetch(`${BASE}/user/oauth/token`, {
      method: "POST",
      headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: session.body["refresh_token"] as string }).toString(),
    });
    expect(refreshed.status).toBe(400);
  });
});

describe("token expiry", () => {
  it("rejects a token after tokenTtlSeconds have passed on the mock's clock", async () => {
    const clock = testClock();
    const mock = createDigitMock({ now: clock.now, options: { tokenTtlSeconds: 60 } });
    const r = await loginRaw(mock.fetch, BASE, { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" });
    expect(r.body["expires_in"]).toBe(60);
    const token = r.body["access_token"] as string;
    const call = () => post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" });
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
    const created = await createUser(mock.fetch, token, { userName: "secret-user", name: "Secret User", type: "EMPLOYEE", tenantId: "pg", mobileNumber: "9876543210", password: "Hunter2@x", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] });
    expect(created.status).toBe(200);
    expect(JSON.stringify(created.body)).not.toContain("Hunter2@x");
    const state = JSON.stringify(await mock.control.state());
    expect(state).not.toContain("Hunter2@x");
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

describe("the SDK with validate: true against egov-user's real answers", () => {
  it("logs in, searches, creates, updates, reads _details, changes a password and logs out", async () => {
    const mock = createDigitMock();
    const digit = createDigitClient({ baseUrl: BASE, tenantId: "pg", fetch: mock.fetch, retry: false, validate: true });
    // The token answer's ResponseInfo has `ts: ""`, which the common ResponseInfo (ts: int64) would refuse.
    const session = await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
    expect(session.user?.userName).toBe("ADMIN");
    const found = await digit.user.search({ tenantId: "pg", userName: "ADMIN" });
    expect(found.user?.[0]?.createdDate).toMatch(/^\d{2}-\d{2}-\d{4} /);
    const created = await digit.user.createNoValidate({
      user: { userName: "SDKUSER", name: "Sdk User", mobileNumber: "9876543210", type: "EMPLOYEE", tenantId: "pg", active: true, password: "Sdk@12345", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] },
    });
    const u = created.user![0]!;
    await digit.user.updateNoValidate({ user: { ...u, name: "Sdk User Renamed" } });
    const details = await digit.user.details({ query: {} });
    expect(details.userName).toBe("ADMIN");
    const other = createDigitClient({ baseUrl: BASE, tenantId: "pg", fetch: mock.fetch, retry: false, validate: true });
    await other.auth.login({ username: "SDKUSER", password: "Sdk@12345", userType: "EMPLOYEE" });
    const changed = await other.user.updatePassword({ existingPassword: "Sdk@12345", newPassword: "Sdk@54321", tenantId: "pg", type: "EMPLOYEE" });
    expect(changed.responseInfo?.status).toBe("200");
    const roles = await digit.access.searchRoles({}, { query: { code: ["EMPLOYEE"] } });
    expect(roles.roles?.map((r) => r.code)).toEqual(["EMPLOYEE"]);
    await digit.auth.logout();
    expect(await digit.auth.getToken()).toBeUndefined();
    // The logout went through: the old token is dead on the mock.
    const dead = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(session.accessToken), uuid: [u.uuid] });
    expect(dead.status).toBe(401);
  });
});
