/**
 * The "done when" test: a raw HTTP client (node fetch, no SDK) sending real DIGIT request shapes to the
 * standalone server, exactly as a DIGIT UI or a Postman collection would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request as httpRequest } from "node:http";
import { createMockServer, type MockServer } from "../src/index.js";
import { createDigitClient } from "@digit-kit/sdk";
import { BASIC, type Json } from "./helpers.js";

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

async function call(path: string, body: unknown): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json;charset=UTF-8" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe("standalone mock over raw HTTP with real DIGIT request shapes", () => {
  let token = "";
  let RequestInfo: Record<string, unknown> = {};

  it("logs in the way DIGIT UIs do (form body, Basic client auth)", async () => {
    const res = await fetch(`${server.url}/user/oauth/token`, {
      method: "POST",
      headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
      body: "username=ADMIN&password=eGov%40123&grant_type=password&scope=read&tenantId=pg&userType=EMPLOYEE",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    token = body.access_token;
    RequestInfo = { apiId: "Rainmaker", ver: ".01", ts: "", action: "_search", did: "1", key: "", msgId: "20170310130900|en_IN", authToken: token, userInfo: body.UserRequest };
  });

  it("creates an MDMS v2 schema and record, then finds it with v2 and v1-compatible searches", async () => {
    const schema = await call("/mdms-v2/schema/v1/_create", {
      RequestInfo,
      SchemaDefinition: {
        tenantId: "pg",
        code: "common-masters.Holiday",
        description: "Holidays",
        definition: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", required: ["code", "name", "active"], "x-unique": ["code"], properties: { code: { type: "string" }, name: { type: "string" }, active: { type: "boolean" } } },
        isActive: true,
      },
    });
    expect(schema.status).toBe(202);
    expect(schema.body.SchemaDefinitions[0].code).toBe("common-masters.Holiday");
    const rec = await call("/mdms-v2/v2/_create/common-masters.Holiday", {
      RequestInfo,
      Mdms: { tenantId: "pg", schemaCode: "common-masters.Holiday", data: { code: "HOL_1", name: "Republic Day", active: true }, isActive: true },
    });
    expect(rec.status).toBe(202);
    expect(rec.body.mdms[0]).toMatchObject({ tenantId: "pg", schemaCode: "common-masters.Holiday", uniqueIdentifier: "HOL_1", isActive: true });
    const v2 = await call("/mdms-v2/v2/_search", { RequestInfo, MdmsCriteria: { tenantId: "pg.citya", schemaCode: "common-masters.Holiday", limit: 10, offset: 0 } });
    expect(v2.status).toBe(200);
    expect(v2.body.mdms.map((m: Json) => m.data.code)).toEqual(["HOL_1"]);
    const v1 = await call("/mdms-v2/v1/_search", {
      RequestInfo,
      MdmsCriteria: { tenantId: "pg", moduleDetails: [{ moduleName: "common-masters", masterDetails: [{ name: "Holiday" }] }] },
    });
    expect(v1.status).toBe(200);
    expect(v1.body.MdmsRes["common-masters"].Holiday[0].code).toBe("HOL_1");
  });

  it("creates a workflow business service and moves an application through it, refusing an invalid action", async () => {
    const config = await call("/egov-workflow-v2/egov-wf/businessservice/_create", {
      RequestInfo,
      BusinessServices: [
        {
          tenantId: "pg",
          businessService: "RAWPGR",
          business: "pgr-services",
          businessServiceSla: 432000000,
          states: [
            { state: null, applicationStatus: null, isStartState: true, isTerminateState: false, actions: [{ action: "APPLY", nextState: "PENDINGFORASSIGNMENT", roles: ["CITIZEN", "EMPLOYEE"] }] },
            { state: "PENDINGFORASSIGNMENT", applicationStatus: "PENDINGFORASSIGNMENT", isStartState: false, isTerminateState: false, actions: [{ action: "RESOLVE", nextState: "RESOLVED", roles: ["EMPLOYEE"] }] },
            { state: "RESOLVED", applicationStatus: "RESOLVED", isStartState: false, isTerminateState: true, actions: [] },
          ],
        },
      ],
    });
    expect(config.status).toBe(200);
    const move = (action: string) =>
      call("/egov-workflow-v2/egov-wf/process/_transition", {
        RequestInfo,
        ProcessInstances: [{ tenantId: "pg.citya", businessService: "RAWPGR", businessId: "PG-PGR-2026-000001", action, moduleName: "pgr-services" }],
      });
    const applied = await move("APPLY");
    expect(applied.status).toBe(200);
    expect(applied.body.ProcessInstances[0].state.state).toBe("PENDINGFORASSIGNMENT");
    const wrong = await move("APPLY");
    expect(wrong.status).toBe(400);
    expect(wrong.body.Errors[0].code).toBe("INVALID ACTION");
    expect((await move("RESOLVE")).body.ProcessInstances[0].state.state).toBe("RESOLVED");
    const history = await call("/egov-workflow-v2/egov-wf/process/_search?tenantId=pg.citya&businessIds=PG-PGR-2026-000001&history=true", { RequestInfo });
    expect(history.status).toBe(200);
    expect(history.body.ProcessInstances.map((p: Json) => p.action)).toEqual(["RESOLVE", "APPLY"]);
  });

  it("upserts localization at the state and finds it from a city; generates ids from a format", async () => {
    const upsert = await call("/localization/messages/v1/_upsert", {
      RequestInfo,
      tenantId: "pg",
      messages: [{ code: "RAW_HELLO", message: "Hello from raw HTTP", module: "rainmaker-common", locale: "en_IN" }],
    });
    expect(upsert.status).toBe(200);
    const search = await call("/localization/messages/v1/_search?locale=en_IN&tenantId=pg.citya&module=rainmaker-common&codes=RAW_HELLO", { RequestInfo });
    expect(search.status).toBe(200);
    expect(search.body.messages).toEqual([expect.objectContaining({ code: "RAW_HELLO", message: "Hello from raw HTTP" })]);
    const ids = await call("/egov-idgen/id/_generate", {
      RequestInfo,
      idRequests: [{ idName: "raw.complaint", tenantId: "pg.citya", format: "PG-PGR-[cy:yyyy]-[SEQ_RAW_PGR]", count: 2 }],
    });
    expect(ids.status).toBe(200);
    const [a, b] = ids.body.idResponses.map((r: Json) => r.id as string);
    expect(a).toMatch(/^PG-PGR-\d{4}-\d+$/);
    expect(b).not.toBe(a);
  });

  it("answers errors with DIGIT envelopes (401 without a token, 404 for unknown routes) and warns about unknown tenants", async () => {
    const noToken = await call("/mdms-v2/v2/_search", { RequestInfo: { ...RequestInfo, authToken: "stale-token" }, MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
    expect(noToken.status).toBe(401);
    expect(noToken.body.Errors[0].code).toBe("InvalidAccessTokenException");
    const tenant = await call("/mdms-v2/v2/_search", { RequestInfo, MdmsCriteria: { tenantId: "pg.nowhere", schemaCode: "tenant.tenants" } });
    expect(tenant.status).toBe(200);
    expect(tenant.headers.get("x-digit-mock-warning")).toContain("INVALID_TENANT_ID");
    const missing = await call("/egov-mdms-service/v2/_search", { RequestInfo });
    expect(missing.status).toBe(404);
    expect(missing.body.ResponseInfo.status).toBe("failed");
  });

  it("survives malformed and oversized bodies and keeps answering /health", async () => {
    const bad = await fetch(`${server.url}/mdms-v2/v2/_search`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    const big = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/mdms-v2/v2/_search`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 6; i++) req.write(chunk);
      req.end();
    });
    expect(big).toBe(413);
    for (const p of ["/health", "/user/health", "/mdms-v2/health"]) expect((await fetch(`${server.url}${p}`)).status).toBe(200);
  });

  it("serves the control API over HTTP", async () => {
    const auth = { "x-mock-control-token": server.controlToken };
    const state = await fetch(`${server.url}/_mock/state`, { headers: auth });
    expect(state.status).toBe(200);
    const text = await state.text();
    expect(text).toContain("common-masters.Holiday");
    expect(text).not.toContain(token);
    expect((await fetch(`${server.url}/_mock/reset`, { method: "POST", headers: auth })).status).toBe(200);
    const after = await call("/mdms-v2/v2/_search", { RequestInfo, MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
    expect(after.status).toBe(401);
  });
});

describe("the SDK over HTTP", () => {
  it("logs in, creates a user and searches it against the standalone server", async () => {
    const digit = createDigitClient({ baseUrl: server.url, tenantId: "pg" });
    await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
    const { mdms } = await digit.mdms.search({ MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
    expect(mdms?.map((m) => m.data?.["code"]).sort()).toEqual(["pg", "pg.citya"]);
  });
});
