import { beforeAll, describe, expect, it, vi } from "vitest";
import { createDigitMock, MockHttpError } from "../src/index.js";
import { createEngine } from "../src/create-engine.js";
import { userModule } from "../src/services/user/index.js";
import { mdmsService } from "../src/services/mdms/index.js";
import type { ServiceModule } from "../src/core/types.js";
import { BASE, login, post, requestInfo } from "./helpers.js";

describe("request pipeline", () => {
  const mock = createDigitMock();
  let token = "";
  beforeAll(async () => {
    token = await login(mock.fetch);
  });
  const search = () => ({ RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });

  it("answers an unknown route with a 404 envelope naming the 3 closest routes", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_serch", search());
    expect(r.status).toBe(404);
    expect(r.body.ResponseInfo.status).toBe("failed");
    expect(r.body.Errors[0].code).toBe("ROUTE_NOT_FOUND");
    expect(r.body.Errors[0].params).toHaveLength(3);
    expect(r.body.Errors[0].params[0]).toBe("/mdms-v2/v2/_search");
  });

  it("answers 405 for a known path with the wrong method", async () => {
    const res = await mock.fetch(`${BASE}/mdms-v2/v2/_search`);
    expect(res.status).toBe(405);
  });

  it("answers malformed JSON with 400 INVALID_REQUEST_BODY", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", '{"RequestInfo": {');
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].code).toBe("INVALID_REQUEST_BODY");
  });

  it("answers a wrong content type with 415", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", JSON.stringify(search()), { headers: { "content-type": "text/plain" } });
    expect(r.status).toBe(415);
    expect(r.body.Errors[0].code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers a body over the size limit with 413", async () => {
    const small = createDigitMock({ limits: { maxBytes: 1024 } });
    const r = await post(small.fetch, "/mdms-v2/v2/_search", { ...search(), pad: "x".repeat(2048) });
    expect(r.status).toBe(413);
    expect(r.body.Errors[0].code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers huge arrays and deep nesting with 400", async () => {
    const many = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", uuid: Array.from({ length: 20_000 }, (_, i) => String(i)) });
    expect(many.status).toBe(400);
    let deep: unknown = {};
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const nested = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", deep });
    expect(nested.status).toBe(400);
  });

  it("answers a missing RequestInfo with 400", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", { MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].code).toBe("INVALID_REQUEST_INFO");
  });

  it("answers a body that breaks the request schema with 400 naming the field", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: "not-an-object" });
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].code).toBe("INVALID_REQUEST");
    expect(r.body.Errors[0].message).toContain("MdmsCriteria");
  });

  it("lets an unknown tenant through with a warning header, as DIGIT does not refuse it", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pg.nowhere", schemaCode: "tenant.tenants" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-digit-mock-warning")).toMatch(/^INVALID_TENANT_ID: Tenant "pg.nowhere" is not known/);
  });

  it("answers an unknown tenant with 400 INVALID_TENANT_ID under --strict", async () => {
    const strict = createDigitMock({ options: { strict: true } });
    const r = await post(strict.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(await login(strict.fetch)), MdmsCriteria: { tenantId: "xx.unknown", schemaCode: "tenant.tenants" } });
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].code).toBe("INVALID_TENANT_ID");
    expect(r.body.Errors[0].params).toEqual(["xx.unknown"]);
    const q = await strict.fetch(`${BASE}/filestore/v1/files/url?tenantId=nope&fileStoreIds=a`);
    expect(q.status).toBe(400);
  });

  it("echoes RequestInfo.msgId and apiId in ResponseInfo", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", search());
    expect(r.body.ResponseInfo).toMatchObject({ apiId: "Rainmaker", msgId: "20170310130900|en_IN", status: "successful" });
  });

  it("answers /health and per-service health paths", async () => {
    for (const p of ["/health", "/user/health", "/mdms-v2/health", "/egov-workflow-v2/health"]) {
      const res = await mock.fetch(`${BASE}${p}`);
      expect(res.status, p).toBe(200);
    }
  });

  it("answers every route in the table (stateless ones with a spec-shaped default)", async () => {
    for (const route of mock.engine.router.routes()) {
      if (mock.engine.isStateful(route.operationId)) continue;
      const path = route.path.replace(/\{[^}]+\}/g, "x");
      const init: RequestInit =
        route.httpMethod === "GET" ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ RequestInfo: requestInfo(token) }) };
      const res = await mock.fetch(`${BASE}${path}${route.httpMethod === "GET" ? "?tenantId=pg" : ""}`, init);
      expect(res.status, route.operationId).toBeLessThan(500);
      expect(res.status, route.operationId).not.toBe(404);
    }
  });
});

describe("handler failures", () => {
  const boom: ServiceModule<{ n: number; items: string[] }> = {
    key: "boom",
    initialState: () => ({ n: 0, items: [] }),
    handlers: {
      // Mutates, then fails: the core must roll the slice back.
      "pdf.create": (req, _ctx, slice) => {
        slice.n += 1;
        slice.items.push("half-written");
        if (req.body["fail"] === "http") throw new MockHttpError(400, [{ code: "NOPE", message: "refused after mutating" }]);
        if (req.body["fail"]) throw new Error("handler bug");
        return { status: 200, body: { n: slice.n } };
      },
    },
  };
  const engine = createEngine({ modules: [userModule, mdmsService, boom], options: { rbac: false } });

  it("turns a thrown error into a 500 envelope and rolls the state back", async () => {
    const token = (await engine.handle({
      method: "POST",
      path: "/user/oauth/token",
      headers: { authorization: `Basic ${Buffer.from("egov-user-client:").toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=password&username=ADMIN&password=eGov@123&tenantId=pg&userType=EMPLOYEE",
    })).body as { access_token: string };
    const call = (extra: Record<string, unknown>) =>
      engine.handle({ method: "POST", path: "/pdf-service/v1/_create", query: { tenantId: "pg", key: "k" }, headers: { "content-type": "application/json" }, body: { RequestInfo: requestInfo(token.access_token), ...extra } });
    const ok = await call({});
    expect(ok.status).toBe(200);
    const before = engine.state.snapshot();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bug = await call({ fail: true });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("handler for pdf.create threw (state rolled back)"));
    logged.mockRestore();
    expect(bug.status).toBe(500);
    expect((bug.body as { Errors: { code: string }[] }).Errors[0]!.code).toBe("INTERNAL_SERVER_ERROR");
    expect(engine.state.snapshot()).toEqual(before);
    const refused = await call({ fail: "http" });
    expect(refused.status).toBe(400);
    expect(engine.state.snapshot()).toEqual(before);
  });
});
