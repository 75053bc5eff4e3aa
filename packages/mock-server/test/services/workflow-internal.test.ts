/** PGR drives workflow service to service: ctx.call() with RequestInfo.userInfo, as pgr-services calls egov-workflow-v2. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDigitMock } from "../../src/index.js";
import { FIXTURES, hasFixtures } from "./helpers.js";

describe.skipIf(!hasFixtures)("workflow called through the internal door", () => {
  it("runs DIGIT's PGR workflow for a citizen and an employee identified by userInfo", () => {
    const mock = createDigitMock();
    const { ctx } = mock;
    const admin = ctx.users.byUserName("ADMIN", "pg");
    expect(admin).toBeDefined();
    const config = JSON.parse(readFileSync(join(FIXTURES, "workflow", "PGR.digit-oss.json"), "utf8")) as { BusinessServices: Record<string, unknown>[] };
    const info = (u: { uuid: string; userName: string; type: string; tenantId: string; roles: { code: string; name: string; tenantId: string }[] }) => ({
      uuid: u.uuid,
      userName: u.userName,
      type: u.type,
      tenantId: u.tenantId,
      roles: u.roles,
    });
    const created = ctx.call("workflow.createBusinessService", {
      RequestInfo: { apiId: "pgr-services", userInfo: info(admin!) },
      BusinessServices: config.BusinessServices.map((bs) => ({ ...bs, tenantId: "pg" })),
    });
    expect(created.status).toBe(200);
    const citizen = ctx.users.create({ userName: "9876543210", password: "x", name: "Citizen", type: "CITIZEN", tenantId: "pg", roles: [{ code: "CITIZEN", name: "Citizen", tenantId: "pg" }] }, "test");
    const gro = ctx.users.create({ userName: "gro1", password: "x", name: "GRO", type: "EMPLOYEE", tenantId: "pg.citya", roles: [{ code: "GRO", name: "GRO", tenantId: "pg.citya" }] }, "test");
    const lme = ctx.users.create({ userName: "lme1", password: "x", name: "LME", type: "EMPLOYEE", tenantId: "pg.citya", roles: [{ code: "PGR_LME", name: "LME", tenantId: "pg.citya" }] }, "test");
    const step = (who: typeof citizen, action: string, extra: Record<string, unknown> = {}) =>
      ctx.call("workflow.transition", {
        RequestInfo: { apiId: "pgr-services", userInfo: info(who) },
        ProcessInstances: [{ tenantId: "pg.citya", businessService: "PGR", businessId: "PG-PGR-2026-000001", action, moduleName: "pgr-services", ...extra }],
      });
    const applied = step(citizen, "APPLY");
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.headers?.["x-digit-mock-warning"]).toBeUndefined();
    const pi = (applied.body as { ProcessInstances: { state: { state: string }; assigner: { uuid: string } }[] }).ProcessInstances[0];
    expect(pi?.state.state).toBe("PENDINGFORASSIGNMENT");
    expect(pi?.assigner.uuid).toBe(citizen.uuid);
    expect(step(citizen, "ASSIGN").status).toBe(400);
    expect(step(gro, "ASSIGN", { assignes: [{ uuid: lme.uuid }] }).status).toBe(200);
    expect(step(lme, "RESOLVE").status).toBe(200);
    const found = ctx.call("workflow.searchProcesses", { RequestInfo: { apiId: "pgr-services", userInfo: info(citizen) } }, { query: { tenantId: "pg.citya", businessIds: "PG-PGR-2026-000001" } });
    const items = (found.body as { ProcessInstances: { state: { state: string }; nextActions: { action: string }[] }[] }).ProcessInstances;
    expect(items.map((p) => p.state.state)).toEqual(["RESOLVED"]);
    // The citizen's next actions out of RESOLVED: REOPEN and RATE, sorted.
    expect(items[0]?.nextActions.map((a) => a.action)).toEqual(["RATE", "REOPEN"]);
    expect(step(citizen, "RATE", { rating: 5 }).status).toBe(200);
  });
});
