import { existsSync } from "node:fs";
import { loadBundle, type Bundle } from "@digit-kit/bundle";
import { beforeAll, describe, expect, it } from "vitest";
import { apply, plan, type ResourceKind } from "../../src/services/index.js";
import { SEEDED_SCHEMAS, SHARED_FIXTURES } from "./helpers.js";
import { createMockGateway, meter } from "./mock-gateway.js";

const MDMS_KINDS: ResourceKind[] = ["schema", "tenant", "mdms", "role", "action", "role-action"];

describe.skipIf(!existsSync(SHARED_FIXTURES))("killed apply against the mock server resumes", () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await loadBundle(SHARED_FIXTURES, { tenant: "pg" });
  });

  it("MDMS kinds: an apply killed after 150 writes resumes with exact counts", async () => {
    const { gateway } = createMockGateway();
    const codes = ["ACCESSCONTROL-ROLEACTIONS.roleactions", "ACCESSCONTROL-ACTIONS-TEST.actions-test", "ACCESSCONTROL-ROLES.roles", "common-masters.Designation"];
    const count = async (code: string) => (await gateway.searchMdms("pg", code, { offset: 0, limit: 5000 })).length;
    const seeded = new Map(await Promise.all(codes.map(async (c) => [c, await count(c)] as const)));
    const before = await plan(gateway, bundle, { only: MDMS_KINDS });
    const m = meter(gateway, 150);
    const killed = await apply(m.gateway, bundle, { only: MDMS_KINDS, concurrency: 16, verifyTimeoutMs: 0 });
    expect(killed.verification.ok).toBe(false);
    m.revive();
    const resumed = await apply(m.gateway, bundle, { only: MDMS_KINDS, concurrency: 16 });
    // The seeded schemas differ from DIGIT's default data and cannot be updated (see mock-apply.test.ts).
    expect(resumed.failures.map((f) => f.key).sort()).toEqual(SEEDED_SCHEMAS);
    const blocked = before.items.filter((i) => i.blocked).length;
    expect(blocked).toBe(SEEDED_SCHEMAS.length);
    expect(m.writes()).toBe(before.totals.create + before.totals.update - blocked); // nothing written twice
    const after = await plan(gateway, bundle, { only: MDMS_KINDS });
    expect(after.items.filter((i) => i.action !== "unchanged" && !i.blocked)).toEqual([]);
    expect(after.summary["role-action"]).toEqual({ create: 0, update: 0, unchanged: 393 });
    for (const code of codes) {
      const created = before.items.filter((i) => i.action === "create" && i.key.startsWith(`${code}:`)).length;
      const live = await gateway.searchMdms("pg", code, { offset: 0, limit: 5000 });
      expect(live.length, code).toBe(seeded.get(code)! + created);
      expect(new Set(live.map((r) => r.uniqueIdentifier)).size, code).toBe(live.length);
    }
  }, 60_000);
});
