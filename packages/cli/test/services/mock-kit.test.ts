import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBundle, type Bundle } from "@digit-kit/bundle";
import { beforeAll, describe, expect, it } from "vitest";
import { apply, exportTenant, formatPlan, plan } from "../../src/services/index.js";
import { loadKitOnPg } from "./helpers.js";
import { createMockGateway, meter } from "./mock-gateway.js";

/** The kit-basic bundle moved to the mock's state tenant `pg` (`--tenant pg`), every resource kind included. */
describe("DIGIT Kit bundle against the mock server (SDK → mock.fetch)", () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await loadKitOnPg();
  });

  it("plans creates and updates against the mock's seed", async () => {
    const { gateway } = createMockGateway();
    const p = await plan(gateway, bundle);
    expect(formatPlan(p).split("\n").slice(0, 14).join("\n")).toMatchInlineSnapshot(`
      "KIND                   CREATE  UPDATE  UNCHANGED
      schema                 1       0       4
      tenant                 1       1       0
      mdms                   8       0       0
      role                   0       4       0
      action                 2       0       0
      role-action            3       0       0
      user                   1       0       0
      workflow               1       0       0
      localization           4       0       0
      boundary-hierarchy     1       0       0
      boundary               6       0       0
      boundary-relationship  6       0       0
      employee               1       0       0"
    `);
    expect(formatPlan(p).split("\n").at(-1)).toBe("Plan: 35 to create, 5 to update, 4 unchanged.");
  });

  it("applies every kind, verifies, and a second apply writes nothing", async () => {
    const { gateway } = createMockGateway();
    const m = meter(gateway);
    const first = await apply(m.gateway, bundle);
    expect(first.failures).toEqual([]);
    expect(first.verification.ok).toBe(true);
    const writes = m.writes();
    expect(writes).toBe(40 - 2 - 5); // one call per resource, except 4 messages sent as 2 upserts (one per locale) and 6 boundaries in one create (BoundaryRequest takes up to 300)
    const second = await apply(m.gateway, bundle);
    expect(m.writes()).toBe(writes);
    expect(second.verification.ok).toBe(true);
    expect((await plan(gateway, bundle)).hasChanges).toBe(false);
  });

  it("resumes a killed apply with no duplicates", async () => {
    const { gateway } = createMockGateway();
    const m = meter(gateway, 20);
    expect((await apply(m.gateway, bundle, { verifyTimeoutMs: 0 })).verification.ok).toBe(false);
    m.revive();
    const resumed = await apply(m.gateway, bundle);
    expect(resumed.failures).toEqual([]);
    expect(resumed.verification.ok).toBe(true);
    expect(m.writes()).toBe(33); // exactly the writes of one uninterrupted apply: nothing written twice
    const p = await plan(gateway, bundle);
    expect(p.hasChanges).toBe(false);
    expect(await gateway.searchBoundaries("pg.mysuru", ["MYS_CITY", "MYS_W1"])).toHaveLength(2);
  });

  it("exports the tenant; the export plans to no changes", async () => {
    const { gateway } = createMockGateway();
    await apply(gateway, bundle);
    const outDir = mkdtempSync(join(tmpdir(), "digit-export-mock-"));
    const res = await exportTenant(gateway, { tenant: "pg", outDir, locales: ["en_IN", "hi_IN"] });
    expect(res.counts.workflows).toBeGreaterThanOrEqual(1);
    const exported = await loadBundle(outDir);
    const p = await plan(gateway, exported);
    expect(p.items.filter((i) => i.action !== "unchanged")).toEqual([]);
    expect(p.summary.boundary).toEqual({ create: 0, update: 0, unchanged: 6 });
  });

  it("updates changed resources of every kind in place", async () => {
    const { gateway } = createMockGateway();
    await apply(gateway, bundle);
    const changed = await loadKitOnPg();
    changed.mdmsData.find((r) => r.data.code === "DEPT_ROADS")!.data.name = "Roads & Bridges";
    changed.localization.find((m) => m.code === "CS_COMMON_SUBMIT" && m.locale === "en_IN")!.message = "Send";
    const states = changed.workflows[0]!.businessService.states as Record<string, unknown>[];
    states.find((s) => s.state === "PENDINGATLME")!.sla = 86400000;
    changed.boundary.entities.find((e) => e.code === "MYS_CITY")!.geometry = { type: "Point", coordinates: [76.65, 12.3] };
    changed.users[0]!.name = "Asha G.";
    changed.employees[0]!.employee.employeeType = "TEMPORARY";
    const p = await plan(gateway, changed);
    expect(p.items.filter((i) => i.action === "update").map((i) => `${i.kind} ${i.key}`)).toEqual([
      "mdms common-masters.Department:DEPT_ROADS",
      "user gro-mysuru",
      "workflow COMPLAINT",
      "localization rainmaker-pgr:CS_COMMON_SUBMIT@en_IN",
      "boundary MYS_CITY",
      "employee EMP-MYS-1",
    ]);
    const result = await apply(gateway, changed);
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect((await plan(gateway, changed)).hasChanges).toBe(false);
  });

  it("adds a workflow action and a state through DIGIT's upsert update, and converges", async () => {
    const { gateway } = createMockGateway();
    await apply(gateway, bundle);
    const changed = await loadKitOnPg();
    const states = changed.workflows[0]!.businessService.states as Record<string, unknown>[];
    const lme = states.find((s) => s.state === "PENDINGATLME")!;
    lme.actions = [...(lme.actions as unknown[]), { action: "PARK", nextState: "PARKED", roles: ["GRO"] }];
    states.push({ state: "PARKED", applicationStatus: "PARKED", isStartState: false, isTerminateState: true, actions: [] });
    const p = await plan(gateway, changed);
    expect(p.items.filter((i) => i.action === "update").map((i) => `${i.kind} ${i.key}`)).toEqual(["workflow COMPLAINT"]);
    expect((await apply(gateway, changed)).failures).toEqual([]);
    expect((await plan(gateway, changed)).hasChanges).toBe(false);
  });

  it("plans a city workflow against the state's business service DIGIT answers for the city, and flags it", async () => {
    const { gateway } = createMockGateway();
    await apply(gateway, bundle);
    const city = await loadKitOnPg();
    city.workflows = city.workflows.map((w) => ({ ...w, tenantId: "pg.citya", businessService: { ...w.businessService, tenantId: "pg.citya" } }));
    const p = await plan(gateway, city, { only: ["workflow"] });
    // DIGIT's search at pg.citya answers pg's COMPLAINT labelled pg.citya: that is not the city's own.
    expect(p.items.map((i) => `${i.action} ${i.tenantId} ${i.key}`)).toEqual(["create pg.citya COMPLAINT"]);
    expect(p.problems.map((x) => x.message)).toEqual([expect.stringContaining("DIGIT looks business service COMPLAINT up at the state tenant pg")]);
  });
});
