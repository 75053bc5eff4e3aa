import { describe, expect, it } from "vitest";
import { createDigitMock } from "../src/index.js";
import { parseLatencyFlag } from "../src/core/faults.js";
import { login, post, requestInfo, testClock } from "./helpers.js";

describe("fault injection", () => {
  it("answers 503 for every call to a route with error rate 1.0, and only for that route", async () => {
    const mock = createDigitMock({ faults: { errors: [{ route: "mdms.search", rate: 1 }] } });
    const token = await login(mock.fetch);
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
    expect(r.status).toBe(503);
    expect(r.body.Errors[0].code).toBe("SERVICE_UNAVAILABLE");
    const other = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" });
    expect(other.status).toBe(200);
  });

  it("matches faults by gateway path too, and can be cleared", async () => {
    const mock = createDigitMock();
    const token = await login(mock.fetch);
    mock.setFaults({ errors: [{ route: "/user/_search", rate: 1, status: 500 }] });
    expect((await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" })).status).toBe(500);
    mock.setFaults({});
    expect((await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" })).status).toBe(200);
  });

  it("hides a new MDMS record from searches until the write lag has passed", async () => {
    const clock = testClock();
    const mock = createDigitMock({ now: clock.now, options: { writeLagMs: 5_000 } });
    const token = await login(mock.fetch);
    const created = await post(mock.fetch, "/mdms-v2/v2/_create/ACCESSCONTROL-ROLES.roles", {
      RequestInfo: requestInfo(token),
      Mdms: { tenantId: "pg", schemaCode: "ACCESSCONTROL-ROLES.roles", data: { code: "LAGGY", name: "Laggy role" }, isActive: true },
    });
    expect(created.status).toBe(202);
    const find = async () =>
      (await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pg", schemaCode: "ACCESSCONTROL-ROLES.roles", uniqueIdentifiers: ["LAGGY"] } })).body.mdms.length;
    expect(await find()).toBe(0);
    clock.advance(4_000);
    expect(await find()).toBe(0);
    clock.advance(1_001);
    expect(await find()).toBe(1);
  });

  it("parses --latency flags", () => {
    expect(parseLatencyFlag("50")).toBe(50);
    expect(parseLatencyFlag("20-80")).toEqual({ min: 20, max: 80 });
    expect(() => parseLatencyFlag("80-20")).toThrow(/max is below min/);
    expect(() => parseLatencyFlag("fast")).toThrow(/--latency/);
  });
});
