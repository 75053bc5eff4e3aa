/**
 * `digit tenant create <state> --from <state>` on the mock seeded from ../shared/fixtures/digit (issue 12's
 * done-when): same counts per kind as the source minus other tenants' records, no value naming the source at the
 * new root, a working admin login, and nothing left to apply afterwards.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDigitMock, DEFAULT_CREDENTIALS, loadSeed } from "@digit-kit/mock-server";
import { createDigitClient } from "@digit-kit/sdk";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runDigit, type RunDigitOptions } from "../src/run.js";
import { apply, cloneTenant, createSdkGateway, findTraces, plan, readLiveBundle, type DigitGateway, type ResourceKind } from "../src/services/index.js";
import { isolatedEnv, tempDir } from "./helpers.js";
import { loadKitOnPg, SHARED_FIXTURES } from "./services/helpers.js";
import { createMockGateway } from "./services/mock-gateway.js";

type Json = Record<string, unknown>;
interface CloneJson {
  from: string;
  to: string;
  rewrites: { kind: string; key: string; path: string; from: unknown; to: unknown; rule: string }[];
  dropped: { kind: string; key: string; reason: string }[];
  summary: Partial<Record<ResourceKind, { create: number; update: number; unchanged: number }>>;
  check?: { traces: unknown[]; adminLogin?: string };
  failures?: unknown[];
}

const COPIED: ResourceKind[] = ["schema", "tenant", "mdms", "role", "action", "role-action", "workflow", "localization", "boundary-hierarchy", "boundary", "boundary-relationship"];

async function counts(gateway: DigitGateway, tenant: string): Promise<Record<string, number>> {
  const b = await readLiveBundle(gateway, { tenant, kinds: COPIED });
  const out: Record<string, number> = {
    schema: b.mdmsSchemas.length,
    tenant: b.tenants.length,
    workflow: b.workflows.length,
    localization: b.localization.length,
    "boundary-hierarchy": b.boundary.hierarchies.length,
    boundary: b.boundary.entities.length,
    "boundary-relationship": b.boundary.relationships.length,
  };
  for (const r of b.mdmsData) out[`mdms ${r.tenantId.replace(`${tenant}.`, "<city>.")} ${r.schemaCode}`] = (out[`mdms ${r.tenantId.replace(`${tenant}.`, "<city>.")} ${r.schemaCode}`] ?? 0) + 1;
  return out;
}

describe.skipIf(!existsSync(SHARED_FIXTURES))("digit tenant create: a new state from pg (mock seeded from the shared fixtures)", () => {
  let opts: RunDigitOptions;
  let gateway: DigitGateway;
  let mock: ReturnType<typeof createDigitMock>;
  beforeAll(async () => {
    mock = createDigitMock({ seed: await loadSeed(SHARED_FIXTURES, { tenant: "pg" }) });
    const client = createDigitClient({ baseUrl: "http://mock", fetch: mock.fetch, tenantId: "pg", auth: { credentials: { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" } } });
    gateway = createSdkGateway(client);
  }, 60_000);
  // Temp dirs are removed after each test.
  beforeEach(() => {
    opts = {
      cwd: tempDir(),
      fetch: mock.fetch,
      env: isolatedEnv({
        DIGIT_URL: "http://digit.test",
        DIGIT_TENANT: "pg",
        DIGIT_USERNAME: DEFAULT_CREDENTIALS.username,
        DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password,
        DIGIT_ADMIN_PASSWORD: "Nr@dmin123",
      }),
    };
  });

  it("refuses a password egov-user would refuse, before any request", async () => {
    const r = await runDigit(["tenant", "create", "nr", "--from", "pg", "--name", "New Root", "--admin", "nradmin", "--yes"], { ...opts, env: { ...opts.env, DIGIT_ADMIN_PASSWORD: "weakpass" } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("password policy");
    expect(r.stderr + r.stdout).not.toContain("weakpass");
  });

  it("requires a name for a new state", async () => {
    const r = await runDigit(["tenant", "create", "nr", "--from", "pg", "--yes"], opts);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("needs a display name");
  });

  it("plans every rewrite, drops other tenants' records, applies, checks, and is done afterwards", async () => {
    const details = join(opts.cwd!, "nr.yaml");
    writeFileSync(details, "name: New Root\nfields:\n  emailId: admin@nr.example.org\ncities:\n  citya:\n    name: North City\n");
    const args = ["tenant", "create", "nr", "--from", "pg", "--details", details, "--admin", "nradmin", "--admin-mobile", "9876543210", "--yes", "--json"];

    const dry = await runDigit([...args, "--dry-run"], opts);
    expect(dry.exitCode, dry.stderr).toBe(0);
    const planned = JSON.parse(dry.stdout) as CloneJson;
    const rw = (kind: string, path: string) => planned.rewrites.filter((r) => r.kind === kind && r.path === path).map((r) => [r.from, r.to]);
    expect(rw("mdms", "/code")).toContainEqual(["pg", "nr"]); // common-masters.StateInfo
    expect(rw("mdms", "/name")).toContainEqual(["Demo", "New Root"]);
    expect(rw("mdms", "/tenants/0/code")).toEqual([["pg", "nr"], ["pg", "nr"], ["pg", "nr"]]); // tenant.citymodule
    expect(rw("tenant", "/name")).toEqual([["City A", "North City"], ["Punjab Demo", "New Root"]]);
    expect(rw("tenant", "/city/code")).toEqual([["PG.CITYA", "NR.CITYA"], ["PG", "NR"]]);
    expect(planned.dropped.map((d) => `${d.kind} ${d.key}`).sort()).toEqual([
      "action ACCESSCONTROL-ACTIONS-TEST.actions-test 2553",
      "action ACCESSCONTROL-ACTIONS-TEST.actions-test 2554",
      "role-action ACCESSCONTROL-ROLEACTIONS.roleactions CMS_SCREENING_OFFICER.2553",
      "role-action ACCESSCONTROL-ROLEACTIONS.roleactions CSR.2553",
      "role-action ACCESSCONTROL-ROLEACTIONS.roleactions CSR.2554",
      "role-action ACCESSCONTROL-ROLEACTIONS.roleactions GRO.2553",
      "role-action ACCESSCONTROL-ROLEACTIONS.roleactions PGR_LME.2553",
      "tenant statea",
    ]);
    expect(JSON.stringify(planned)).not.toContain("Nr@dmin123");
    expect((await readLiveBundle(gateway, { tenant: "nr", kinds: ["tenant"] })).tenants).toEqual([]); // a dry run writes nothing

    const applied = await runDigit(args, opts);
    expect(applied.exitCode, applied.stderr + applied.stdout.slice(0, 2000)).toBe(0);
    const result = JSON.parse(applied.stdout) as CloneJson;
    expect(result.failures).toEqual([]);
    expect(result.check).toEqual({ traces: [], adminLogin: "ok" });
    expect(applied.stdout + applied.stderr).not.toContain("Nr@dmin123");

    // Same counts per kind as the source, minus the records of other tenants.
    const source = await counts(gateway, "pg");
    const copy = await counts(gateway, "nr");
    const expected = { ...source };
    expected.tenant! -= 1; // statea
    expected["mdms pg ACCESSCONTROL-ACTIONS-TEST.actions-test"]! -= 2;
    expected["mdms pg ACCESSCONTROL-ROLEACTIONS.roleactions"]! -= 5;
    const renamed = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k.replace("mdms pg ", "mdms nr "), v]));
    expect(copy).toEqual(renamed);
    expect(copy["mdms nr ACCESSCONTROL-ROLEACTIONS.roleactions"]).toBe(873);

    expect(await findTraces(gateway, { from: "pg", to: "nr" })).toEqual([]);
    const row = (await gateway.searchMdms("nr", "tenant.tenants", { offset: 0, limit: 10 })).find((r) => r.data.code === "nr")!;
    expect(row.data).toMatchObject({ name: "New Root", emailId: "admin@nr.example.org", city: { code: "NR", name: "New Root", districtTenantCode: "nr" } });

    // The administrator logs in at the new root and can read it.
    const admin = createDigitClient({ baseUrl: "http://mock", fetch: mock.fetch, tenantId: "nr", auth: { credentials: { username: "nradmin", password: "Nr@dmin123", tenantId: "nr", userType: "EMPLOYEE" } } });
    const info = (await admin.mdms.search({ MdmsCriteria: { tenantId: "nr", schemaCode: "common-masters.StateInfo", limit: 5, offset: 0 } } as never)) as Json;
    expect((info.mdms as { data: Json }[])[0]!.data).toMatchObject({ code: "nr", name: "New Root" });

    // Resumable and idempotent: the same command again has nothing to do and exits 0.
    const again = await runDigit(args, opts);
    expect(again.exitCode, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as CloneJson & { applied?: boolean; hasChanges: boolean };
    expect(second).toMatchObject({ applied: false, hasChanges: false, check: { traces: [], adminLogin: "ok" } });
  }, 240_000);

  it("copies a city within its state, boundary codes and tenant codes rewritten", async () => {
    const r = await runDigit(["tenant", "create", "pg.cityb", "--from", "pg.citya", "--name", "City B", "--yes", "--json"], opts);
    expect(r.exitCode, r.stderr + r.stdout.slice(0, 2000)).toBe(0);
    const out = JSON.parse(r.stdout) as CloneJson;
    expect(out.check).toEqual({ traces: [] });
    expect(out.rewrites).toContainEqual({ kind: "boundary", key: "PG_CITYA_ADMIN_CITY", tenantId: "pg.cityb", path: "/code", from: "PG_CITYA_ADMIN_CITY", to: "PG_CITYB_ADMIN_CITY", rule: "city-code" });
    const rels = await gateway.searchRelationships("pg.cityb", "ADMIN");
    expect(rels.map((x) => x.code).sort()).toEqual(["PG_CITYB_ADMIN_CITY", "W1_ADMIN_WARD", "W2_ADMIN_WARD", "W3_ADMIN_WARD", "Z1_ADMIN_ZONE", "Z2_ADMIN_ZONE"]);
    // The entity outside the hierarchy comes along too.
    expect((await gateway.searchBoundaries("pg.cityb", ["City"])).map((e) => e.code)).toEqual(["City"]);
    const row = (await gateway.searchMdms("pg", "tenant.tenants", { offset: 0, limit: 10 })).find((x) => x.data.code === "pg.cityb")!;
    expect(row.data).toMatchObject({ name: "City B", city: { code: "PG.CITYB", name: "City B", districtTenantCode: "pg.cityb" } });
    expect(await findTraces(gateway, { from: "pg.citya", to: "pg.cityb" })).toEqual([]);
  }, 240_000);
});

describe("cloneTenant: a city from a template city (the kit bundle on the mock)", () => {
  it("copies the city's tenant row, boundaries, city-level workflow and city messages; applied, nothing is left to do", async () => {
    const { gateway } = createMockGateway();
    const bundle = await loadKitOnPg();
    // A city-level business service is used by DIGIT only when the state's master config says so
    // (egov-workflow-v2 MDMSService.java:65-81).
    const origin = { file: "(test)", pointer: "" };
    bundle.mdmsSchemas.push({
      tenantId: "pg",
      code: "Workflow.BusinessServiceMasterConfig",
      isActive: true,
      definition: { type: "object", required: ["businessService", "active", "isStatelevel"], "x-unique": ["businessService"], properties: { active: { type: "string" }, isStatelevel: { type: "string" }, businessService: { type: "string" } }, additionalProperties: false },
      origin,
    });
    bundle.mdmsData.push({ tenantId: "pg", schemaCode: "Workflow.BusinessServiceMasterConfig", data: { businessService: "COMPLAINT", active: "true", isStatelevel: "false" }, isActive: true, origin });
    bundle.workflows[0]!.tenantId = "pg.mysuru";
    bundle.workflows[0]!.businessService.tenantId = "pg.mysuru";
    expect((await apply(gateway, bundle)).failures).toEqual([]);
    await gateway.upsertMessages("pg.mysuru", [{ code: "CITY_NAME", message: "Mysuru", module: "rainmaker-common", locale: "en_IN" }]);

    const { bundle: city } = await cloneTenant(gateway, { from: "pg.mysuru", to: "pg.mandya", details: { name: "Mandya" } });
    expect(city.tenants).toEqual([expect.objectContaining({ code: "pg.mandya", name: "Mandya", kind: "city" })]);
    expect(city.boundary.relationships.map((r) => `${r.tenantId}:${r.code}<${r.parent ?? "-"}`).sort()).toEqual([
      "pg.mandya:MYS_CITY<-",
      "pg.mandya:MYS_W1<MYS_Z1",
      "pg.mandya:MYS_W2<MYS_Z1",
      "pg.mandya:MYS_W3<MYS_Z2",
      "pg.mandya:MYS_Z1<MYS_CITY",
      "pg.mandya:MYS_Z2<MYS_CITY",
    ]);
    expect(city.workflows.map((w) => `${w.tenantId}:${w.businessService.businessService}`)).toEqual(["pg.mandya:COMPLAINT"]);
    expect(city.localization.map((m) => `${m.tenantId}:${m.code}`)).toEqual(["pg.mandya:CITY_NAME"]);
    // tenant + the city's own master (DEPT_LAKES) + hierarchy + 6 boundaries + 6 relationships + workflow + message
    const p = await plan(gateway, city);
    expect(p.items.filter((i) => i.kind === "mdms").map((i) => `${i.tenantId} ${i.key}`)).toEqual(["pg.mandya common-masters.Department:DEPT_LAKES"]);
    expect(p.totals).toEqual({ create: 17, update: 0, unchanged: 0 });
    const result = await apply(gateway, city);
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect((await plan(gateway, city)).hasChanges).toBe(false);
    expect((await gateway.searchMessages("pg.mandya", "en_IN")).find((m) => m.code === "CITY_NAME")?.message).toBe("Mysuru");
  }, 60_000);

  it("explains a template tenant that does not exist", async () => {
    const { gateway } = createMockGateway();
    await expect(cloneTenant(gateway, { from: "pg.nowhere", to: "pg.mandya", details: { name: "Mandya" } })).rejects.toThrow(/pg.nowhere has no tenant.tenants row at pg/);
  });
});
