import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBundle } from "@digit-kit/bundle";
import { describe, expect, it } from "vitest";
import { apply, diff, exportTenant, formatDrift, formatPlan, plan } from "../../src/services/index.js";
import { KIT_BASIC, KIT_ENV, loadKit } from "./helpers.js";
import { createMockGateway } from "./mock-gateway.js";

describe("exportTenant", () => {
  it("writes a DIGIT Kit bundle that plans to no changes against its source", async () => {
    const { gateway: gw } = createMockGateway();
    await apply(gw, await loadKit());
    const outDir = mkdtempSync(join(tmpdir(), "digit-export-"));
    const res = await exportTenant(gw, { tenant: "ka", outDir, locales: ["en_IN", "hi_IN"] });
    expect(res.counts).toMatchObject({ schemas: 7, tenants: 2, workflows: 1, messages: 4, boundaries: 6, employees: 1 });
    expect(res.files).toContain("digit-bundle.yaml");
    const exported = await loadBundle(outDir);
    expect(exported.layout).toBe("digit-kit");
    const p = await plan(gw, exported);
    expect(formatPlan(p).split("\n").at(-1)).toMatch(/^No changes\./);
    expect(p.totals.unchanged).toBe(45); // everything but the user (DIGIT cannot list users outside HRMS)
  });
});

describe("diff", () => {
  it("reports drift between two environments by natural key", async () => {
    const bundle = await loadKit();
    const { gateway: a } = createMockGateway();
    const { gateway: b } = createMockGateway();
    await apply(a, bundle);
    // prod never got one message, and later someone renamed a department and added one, through DIGIT's APIs.
    await apply(b, { ...bundle, localization: bundle.localization.filter((m) => !(m.code === "CS_COMMON_CANCEL" && m.locale === "en_IN")) });
    const water = (await b.searchMdms("ka", "common-masters.Department", { offset: 0, limit: 100 })).find((r) => r.uniqueIdentifier === "DEPT_WATER")!;
    await b.updateMdms({ ...water, data: { ...water.data, name: "Water" } });
    await b.createMdms({ tenantId: "ka", schemaCode: "common-masters.Department", data: { code: "DEPT_NEW", name: "New", active: true }, isActive: true });
    const report = await diff({ gateway: a, tenant: "ka", label: "dev" }, { gateway: b, tenant: "ka", label: "prod" }, ["schema", "mdms", "workflow", "localization"]);
    expect(report.items).toEqual([
      { kind: "mdms", key: "common-masters.Department:DEPT_WATER", status: "different", changes: [{ path: "/name", from: "Water Supply", to: "Water" }] },
      { kind: "mdms", key: "common-masters.Department:DEPT_NEW", status: "only-in-b" },
      { kind: "localization", key: "rainmaker-pgr:CS_COMMON_CANCEL@en_IN", status: "only-in-a" },
    ]);
    expect(formatDrift(report)).toBe(
      [
        "~ mdms common-masters.Department:DEPT_WATER",
        '    /name: "Water Supply" ≠ "Water"',
        "> mdms common-masters.Department:DEPT_NEW",
        "< localization rainmaker-pgr:CS_COMMON_CANCEL@en_IN",
        "3 difference(s) between dev (<) and prod (>).",
      ].join("\n"),
    );
    expect((await diff({ gateway: a, tenant: "ka" }, { gateway: a, tenant: "ka" })).items).toEqual([]);
  });

  it("compares two state tenants of one environment with tenant codes factored out", async () => {
    // Two states the kit provisions; the mock's own seeded state pg would differ in everything it ships with.
    const { gateway: gw } = createMockGateway();
    await apply(gw, await loadKit());
    const moved = await loadBundle(KIT_BASIC, { env: KIT_ENV, tenant: "kb" });
    moved.workflows[0]!.businessService.businessServiceSla = 1;
    await apply(gw, moved);
    const report = await diff({ gateway: gw, tenant: "ka" }, { gateway: gw, tenant: "kb" });
    expect(report.items).toEqual([
      { kind: "workflow", key: "{tenantid}:COMPLAINT", status: "different", changes: [{ path: "/businessServiceSla", from: 432000000, to: 1 }] },
    ]);
  });
});
