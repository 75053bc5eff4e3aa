import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE, testClient, tokenResponse } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("request envelope", () => {
  it("fills RequestInfo with apiId, ver, ts, action, msgId, token, userInfo and correlationId", async () => {
    let received: Record<string, unknown> | undefined;
    server.use(
      http.post(`${BASE}/mdms-v2/v2/_search`, async ({ request }) => {
        received = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ ResponseInfo: { status: "successful" }, mdms: [{ id: "1" }] });
      }),
    );
    const digit = testClient({ auth: { token: "tok-1", user: { uuid: "u-9", userName: "ADMIN", roles: [{ code: "SUPERUSER" }] } } });
    const res = await digit.api.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "a.b" } });
    expect(res.mdms).toEqual([{ id: "1" }]);
    const info = received!.RequestInfo as Record<string, unknown>;
    expect(info).toMatchObject({ apiId: "digit-kit", ver: ".01", action: "_search", authToken: "tok-1", userInfo: { uuid: "u-9" } });
    expect(typeof info.ts).toBe("number");
    expect(info.msgId).toBe(`${info.ts}|en_IN`);
    expect(info.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(received!.MdmsCriteria).toEqual({ tenantId: "pb", schemaCode: "a.b" });
  });

  it("lets client, body and call override RequestInfo fields, later layers winning", async () => {
    const infos: Record<string, unknown>[] = [];
    server.use(
      http.post(`${BASE}/mdms-v2/v2/_search`, async ({ request }) => {
        infos.push(((await request.json()) as { RequestInfo: Record<string, unknown> }).RequestInfo);
        return HttpResponse.json({ mdms: [] });
      }),
    );
    const digit = testClient({ requestInfo: { apiId: "my-app", did: "7" }, locale: "hi_IN" });
    await digit.api.search({ RequestInfo: { did: "8" } }, { requestInfo: { msgId: "fixed" } });
    expect(infos[0]).toMatchObject({ apiId: "my-app", did: "8", msgId: "fixed" });
    await digit.api.search({});
    expect(String(infos[1]!.msgId)).toMatch(/^\d+\|hi_IN$/);
    expect(infos[1]!.authToken).toBeUndefined();
  });

  it("encodes path params and rejects a missing one with a helpful message", async () => {
    let path = "";
    server.use(
      http.post(`${BASE}/mdms-v2/v2/_create/:code`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({ mdms: [{ id: "x" }] }, { status: 202 });
      }),
    );
    const digit = testClient({ auth: { token: "t" } });
    await digit.api.create({ Mdms: {} }, { params: { schemaCode: "common-masters.Dep t" } });
    expect(path).toBe("/mdms-v2/v2/_create/common-masters.Dep%20t");
    const error = await digit.api.create({ Mdms: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('mdms.create: missing path parameter "schemaCode" (pass { params: { schemaCode: ... } })');
  });

  it("sends query params, defaults tenantId to the client's tenant and joins arrays", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/filestore/v1/files/url`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ fileStoreIds: [] });
      }),
    );
    const digit = testClient({ tenantId: "pb.amritsar" });
    await digit.api.getUrl({ query: { fileStoreIds: ["a", "b"] } });
    expect(url!.searchParams.get("tenantId")).toBe("pb.amritsar");
    expect(url!.searchParams.get("fileStoreIds")).toBe("a,b");
    await digit.api.getUrl({ query: { fileStoreIds: ["a"], tenantId: null } });
    expect(url!.searchParams.has("tenantId")).toBe(false);
  });

  it("returns a Blob for file downloads and sends the token in the auth-token header", async () => {
    let header: string | null = null;
    server.use(
      http.get(`${BASE}/filestore/v1/files/id`, ({ request }) => {
        header = request.headers.get("auth-token");
        return new HttpResponse(new Uint8Array([1, 2, 3]), { headers: { "content-type": "application/pdf" } });
      }),
    );
    const digit = testClient({ auth: { token: "t-dl" } });
    const file = await digit.api.download({ query: { fileStoreId: "f1" } });
    expect(file).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (file as Blob).arrayBuffer())]).toEqual([1, 2, 3]);
    expect(header).toBe("t-dl");
  });

  it("uploads multipart: the server receives the file bytes and tenantId/module fields", async () => {
    let fields: Record<string, string> = {};
    let bytes = "";
    let fileName = "";
    server.use(
      http.post(`${BASE}/filestore/v1/files`, async ({ request }) => {
        expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
        const form = await request.formData();
        fields = { tenantId: String(form.get("tenantId")), module: String(form.get("module")) };
        const file = form.get("file") as File;
        fileName = file.name;
        bytes = await file.text();
        return HttpResponse.json({ files: [{ fileStoreId: "fs-1", tenantId: "pb" }] }, { status: 201 });
      }),
    );
    const digit = testClient({ auth: { token: "t" } });
    const res = await digit.api.upload({ file: new File(["hello digit"], "note.txt", { type: "text/plain" }), module: "PGR" });
    expect(res.files[0].fileStoreId).toBe("fs-1");
    expect(fields).toEqual({ tenantId: "pb", module: "PGR" });
    expect(fileName).toBe("note.txt");
    expect(bytes).toBe("hello digit");
  });

  it("logs in form-encoded with the Basic egov-user-client header and the right fields", async () => {
    let headers: Headers | undefined;
    let form: URLSearchParams | undefined;
    server.use(
      http.post(`${BASE}/user/oauth/token`, async ({ request }) => {
        headers = request.headers;
        form = new URLSearchParams(await request.text());
        return HttpResponse.json(tokenResponse("acc-1"));
      }),
    );
    const digit = testClient();
    const session = await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
    expect(headers!.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    expect(headers!.get("authorization")).toBe(`Basic ${btoa("egov-user-client:")}`);
    expect(Object.fromEntries(form!)).toEqual({
      scope: "read",
      grant_type: "password",
      username: "ADMIN",
      password: "eGov@123",
      userType: "EMPLOYEE",
      tenantId: "pb",
    });
    expect(session).toMatchObject({ accessToken: "acc-1", refreshToken: "r-acc-1", user: { uuid: "u-1" } });
    expect(await digit.auth.getToken()).toBe("acc-1");
  });
});
