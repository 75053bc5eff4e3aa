import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBundle } from "@digit-kit/bundle";
import { loadSeed } from "@digit-kit/mock-server";
import { describe, expect, it } from "vitest";
import { exportTenant, PagingError, plan, readAll, readLiveBundle, type DigitGateway } from "../../src/services/index.js";
import { SHARED_FIXTURES } from "./helpers.js";
import { createMockGateway } from "./mock-gateway.js";

/** The mock seeded from ../shared/fixtures/digit (tenant pg), as a gateway. */
export async function seededGateway(): Promise<ReturnType<typeof createMockGateway>> {
  return createMockGateway({ seed: await loadSeed(SHARED_FIXTURES, { tenant: "pg" }) });
}

describe("readAll", () => {
  it("reads past a server that caps limit below the one asked for", async () => {
    const rows = Array.from({ length: 23 }, (_, i) => i);
    const got = await readAll(async ({ offset, limit }) => rows.slice(offset, offset + Math.min(limit, 7)), 500);
    expect(got).toEqual(rows);
  });

  it("refuses to return a partial list when the server ignores offset", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    await expect(readAll(async () => rows, 10, "roleactions search at pg")).rejects.toBeInstanceOf(PagingError);
    await expect(readAll(async () => rows, 10, "roleactions search at pg")).rejects.toThrow(/ignores offset/);
  });
});

describe("export of localization", () => {
  const msg = (code: string, message: string, module = "rainmaker-pgr") => ({ code, message, module, locale: "en_IN" });

  it("exports a city's own messages under its tenant, not the state's it falls back to, and plans to 0 changes", async () => {
    const { gateway } = createMockGateway();
    await gateway.upsertMessages("pg", [msg("A", "state A"), msg("B", "state B")]);
    await gateway.upsertMessages("pg.citya", [msg("B", "city B"), msg("C", "city C", "rainmaker-common")]);
    const outDir = mkdtempSync(join(tmpdir(), "digit-export-loc-"));
    await exportTenant(gateway, { tenant: "pg", outDir, locales: ["en_IN"], kinds: ["tenant", "localization"] });
    expect(readFileSync(join(outDir, "localization/pg.citya/en_IN/rainmaker-pgr.yaml"), "utf8")).toMatch(/B: city B/);
    const exported = await loadBundle(outDir);
    const of = (tenant: string) => exported.localization.filter((m) => m.tenantId === tenant).map((m) => `${m.module}:${m.code}=${m.message}`).sort();
    expect(of("pg")).toEqual(expect.arrayContaining(["rainmaker-pgr:A=state A", "rainmaker-pgr:B=state B"]));
    expect(of("pg.citya")).toEqual(["rainmaker-common:C=city C", "rainmaker-pgr:B=city B"]);
    const p = await plan(gateway, exported);
    expect(p.problems).toEqual([]);
    expect(p.hasChanges).toBe(false);
  });

  it("exports nothing for a city without messages of its own (its search answers the state's)", async () => {
    const { gateway } = createMockGateway();
    await gateway.upsertMessages("pg", [msg("A", "state A")]);
    const outDir = mkdtempSync(join(tmpdir(), "digit-export-loc-"));
    await exportTenant(gateway, { tenant: "pg", outDir, locales: ["en_IN"], kinds: ["tenant", "localization"] });
    const exported = await loadBundle(outDir);
    expect(exported.localization.filter((m) => m.tenantId !== "pg")).toEqual([]);
    expect(existsSync(join(outDir, "localization/pg.citya"))).toBe(false);
  });
});

describe.skipIf(!existsSync(SHARED_FIXTURES))("export is complete (mock seeded from the shared fixtures)", () => {
  it("pages every kind to the end, keeps boundaries outside the hierarchy, and plans to 0 changes on the source", async () => {
    const { gateway } = await seededGateway();
    // A server answering at most 50 records per page (mdms-v2's default limit is 10: application.properties:39).
    const capped: DigitGateway = { ...gateway, searchMdms: (t, s, page) => gateway.searchMdms(t, s, { ...page, limit: Math.min(page.limit, 50) }) };
    const outDir = mkdtempSync(join(tmpdir(), "digit-export-complete-"));
    const res = await exportTenant(capped, { tenant: "pg", outDir });
    expect(res.warnings).toEqual([]);
    const exported = await loadBundle(outDir);
    const count = (schema: string) => exported.mdmsData.filter((r) => r.schemaCode === schema).length;
    // More role-actions than one page of 500 (the peer tool stops there).
    // The fixtures' 396 role-actions and 203 actions plus the built-in seed's (one action per route, and one per
    // MDMS schema-path route and seeded schema, with their grants).
    expect(count("ACCESSCONTROL-ROLEACTIONS.roleactions")).toBe(878);
    expect(count("ACCESSCONTROL-ACTIONS-TEST.actions-test")).toBe(363);
    expect(exported.localization).toHaveLength(2716);
    // "City" (boundary/entity.json) is an entity no relationship links into the ADMIN hierarchy.
    expect(exported.boundary.entities.map((e) => e.code).sort()).toEqual(["City", "PG_CITYA_ADMIN_CITY", "W1_ADMIN_WARD", "W2_ADMIN_WARD", "W3_ADMIN_WARD", "Z1_ADMIN_ZONE", "Z2_ADMIN_ZONE"]);
    expect(exported.boundary.relationships).toHaveLength(6);
    const p = await plan(gateway, exported);
    expect(p.problems).toEqual([]);
    expect(p.totals).toMatchObject({ create: 0, update: 0 });
    expect(p.hasChanges).toBe(false);
  }, 120_000);

  it("fails loudly instead of exporting a cut list when a search ignores offset", async () => {
    const { gateway } = await seededGateway();
    const broken: DigitGateway = { ...gateway, searchMdms: (t, s, page) => gateway.searchMdms(t, s, { offset: 0, limit: page.limit }) };
    await expect(readLiveBundle(broken, { tenant: "pg", kinds: ["role-action"] })).rejects.toBeInstanceOf(PagingError);
  }, 60_000);
});
