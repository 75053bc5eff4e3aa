import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BundleValidationError, loadBundle } from "../src/index.js";
import { makeBundle, SHARED_FIXTURES } from "./helpers.js";

const schema = (code: string, extra: Record<string, unknown> = {}) => ({
  tenantId: "{tenantid}",
  code,
  isActive: true,
  definition: { type: "object", required: ["code"], "x-unique": ["code"], properties: { code: { type: "string" }, tenants: { type: "array" } }, ...extra },
});

function miniDdh(): string {
  return makeBundle({
    "mdms/schemas/tenant.json": [schema("tenant.tenants"), schema("tenant.citymodule")],
    "mdms/data/tenant/tenant.tenants.json": [{ code: "{tenantid}" }, { code: "{tenantid}.citya" }],
    "mdms/data/tenant/tenant.citymodule.json": [{ code: "PGR", tenants: [{ code: "{tenantid}.citya" }] }],
    "workflow/PGR.json": {
      RequestInfo: { authToken: "stale" },
      BusinessServices: [
        {
          tenantId: "{tenantid}",
          businessService: "PGR",
          business: "pgr-services",
          notificationTemplates: { x: 1 },
          states: [
            { state: null, isStartState: true, actions: [{ action: "APPLY", nextState: "OPEN", roles: ["CITIZEN"], uuid: "u-1", currentState: "s-0", notifications: [{ a: 1 }] }] },
            { state: "OPEN", isTerminateState: true, actions: null },
          ],
        },
      ],
    },
    "localization/en_IN/common.json": [{ code: "HELLO", message: "Hello {tenantid}", module: "common", locale: "en_IN" }],
    "boundary/hierarchy-definition.json": { BoundaryHierarchy: { tenantId: "{tenantid}.citya", hierarchyType: "ADMIN", boundaryHierarchy: [{ boundaryType: "City", parentBoundaryType: null }] } },
    "boundary/entity.json": [{ tenantId: "{tenantid}.citya", code: "CITY" }],
    "boundary/relationship.json": [{ tenantId: "{tenantid}.citya", code: "CITY", hierarchyType: "ADMIN", boundaryType: "City", parent: "" }],
    "requests/requestInfo.json": { RequestInfo: {} },
  });
}

describe("default-data-handler layout", () => {
  it("substitutes {tenantid} everywhere and strips CCRS extensions and server fields with warnings", async () => {
    const b = await loadBundle(miniDdh(), { tenant: "mz" });
    expect(b.layout).toBe("default-data-handler");
    expect(b.stateTenant).toBe("mz");
    expect(b.tenants.map((t) => [t.code, t.kind])).toEqual([["mz", "state"], ["mz.citya", "city"]]);
    expect(b.mdmsSchemas.every((s) => s.tenantId === "mz")).toBe(true);
    expect(b.mdmsData).toEqual([expect.objectContaining({ tenantId: "mz", schemaCode: "tenant.citymodule", data: { code: "PGR", tenants: [{ code: "mz.citya" }] } })]);
    const bs = b.workflows[0]!.businessService;
    expect(bs).not.toHaveProperty("notificationTemplates");
    expect(bs.states[0]).toEqual({ state: null, isStartState: true, actions: [{ action: "APPLY", nextState: "OPEN", roles: ["CITIZEN"] }] });
    expect(b.localization[0]!.message).toBe("Hello mz");
    expect(b.boundary.relationships[0]).toMatchObject({ tenantId: "mz.citya", parent: null });
    const warned = (b.warnings ?? []).map((w) => `${w.file}: ${w.pointer}`);
    expect(warned).toEqual(
      expect.arrayContaining(["requests/: ", "workflow/PGR.json: /BusinessServices/0/notificationTemplates", "workflow/PGR.json: /BusinessServices/0/states/0/actions/0/notifications"]),
    );
  });

  it("requires --tenant when placeholders are present, naming each file", async () => {
    const err = (await loadBundle(miniDdh()).catch((e: unknown) => e)) as BundleValidationError;
    expect(err).toBeInstanceOf(BundleValidationError);
    expect(err.issues.map((i) => i.file)).toContain("mdms/data/tenant/tenant.tenants.json");
    expect(err.issues[0]!.hint).toMatch(/--tenant/);
  });

  it("needs a state tenant from --tenant or the schemas", async () => {
    const dir = makeBundle({ "localization/en_IN/m.json": [{ code: "K", message: "k", module: "m", locale: "en_IN" }] });
    await expect(loadBundle(dir)).rejects.toThrow(/cannot tell the state tenant/);
    expect((await loadBundle(dir, { tenant: "mz" })).localization[0]!.tenantId).toBe("mz");
  });

  it("rejects an invalid tenant code", async () => {
    await expect(loadBundle(miniDdh(), { tenant: "bad tenant" })).rejects.toThrow(/not a valid tenant code/);
  });

  it("reports every bad record at once with file and pointer", async () => {
    const dir = makeBundle({
      "mdms/schemas/cm.json": [{ tenantId: "pb", code: "common-masters.Department", definition: { type: "object", required: ["code", "name"], "x-unique": ["code"], properties: { code: { type: "string" }, name: { type: "string" } } } }],
      "mdms/data/common-masters/common-masters.Department.json": [{ code: "A", name: "x" }, { code: "B" }, { code: "C", name: "y" }, { code: 4, name: "z" }],
      "workflow/bad.json": { BusinessServices: [{ tenantId: "pb", businessService: "X", business: "x", states: [{ state: "A", actions: [{ action: "GO", nextState: "NOWHERE", roles: [] }] }] }] },
      "localization/en_IN/m.json": [{ code: "K", message: 5, module: "m", locale: "en_IN" }],
    });
    const err = (await loadBundle(dir).catch((e: unknown) => e)) as BundleValidationError;
    expect(err.issues.map((i) => `${i.file}: ${i.pointer}: ${i.message}`)).toEqual([
      "localization/en_IN/m.json: /0/message: expected string, received number",
      "mdms/data/common-masters/common-masters.Department.json: /1: must have required property 'name' (schema common-masters.Department)",
      "mdms/data/common-masters/common-masters.Department.json: /3/code: must be string (schema common-masters.Department)",
      'workflow/bad.json: /BusinessServices/0/states/0/actions/0/nextState: action "GO" goes to unknown state "NOWHERE" (DIGIT refuses this: INVALID NEXTSTATE)',
    ]);
    // What DIGIT accepts (no null-named start state, an action without roles) is a warning, not an error.
    expect(err.issues.some((i) => i.message.startsWith("DIGIT accepts this"))).toBe(false);
  });
});

describe.skipIf(!existsSync(SHARED_FIXTURES))("shared DIGIT fixtures (default-data-handler)", () => {
  it("loads with --tenant pg: counts, substitution, warnings", async () => {
    const b = await loadBundle(SHARED_FIXTURES, { tenant: "pg" });
    expect(b.stateTenant).toBe("pg");
    expect(b.tenants.map((t) => t.code)).toEqual(["statea", "pg.citya"]);
    expect(b.mdmsSchemas).toHaveLength(26);
    const count = (code: string) => b.mdmsData.filter((r) => r.schemaCode === code).length;
    expect(count("ACCESSCONTROL-ACTIONS-TEST.actions-test")).toBe(203);
    expect(count("ACCESSCONTROL-ROLEACTIONS.roleactions")).toBe(393); // 396 minus 3 x-unique duplicates
    expect(count("common-masters.Designation")).toBe(29);
    // The three DIGIT-OSS workflows name tenants of state "pb" literally: skipped with a warning under --tenant pg.
    expect(b.workflows.map((w) => `${w.tenantId}:${w.businessService.businessService}`)).toEqual(["pg:PGR"]);
    expect((b.warnings ?? []).filter((w) => w.message.startsWith("skipped: targets tenant")).map((w) => w.file)).toEqual(["workflow/NewTL.json", "workflow/PGR.digit-oss.json", "workflow/PT.CREATE.json"]);
    expect(b.localization).toHaveLength(1078 + 1630 + 3 + 2 + 4 - 1); // one repeated message in rainmaker-common
    expect(b.boundary.entities).toHaveLength(7);
    expect(b.boundary.relationships).toHaveLength(6);
    expect(/\{tenantid\}/i.test(JSON.stringify({ ...b, warnings: [] }))).toBe(false);
    const ccrs = b.workflows.find((w) => w.tenantId === "pg")!.businessService;
    expect(JSON.stringify(ccrs)).not.toMatch(/notifications|currentState/);
    const warnings = (b.warnings ?? []).map((w) => w.message);
    expect(warnings.some((m) => m.includes('"RESOLVEDBYSUPERVISOR" is unreachable'))).toBe(true);
    expect(warnings.some((m) => m.includes("DUPLICATE_RECORD"))).toBe(true);
  });
});
