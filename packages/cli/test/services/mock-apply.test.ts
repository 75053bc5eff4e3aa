import { existsSync } from "node:fs";
import { loadBundle } from "@digit-kit/bundle";
import { describe, expect, it } from "vitest";
import { apply, plan } from "../../src/services/index.js";
import { SEEDED_SCHEMAS, SHARED_FIXTURES } from "./helpers.js";
import { createMockGateway, meter } from "./mock-gateway.js";

describe.skipIf(!existsSync(SHARED_FIXTURES))("whole shared fixtures bundle against the mock server (SDK → mock.fetch)", () => {
  it("applies with --tenant pg, verifies every resource, and a second apply writes nothing", async () => {
    const bundle = await loadBundle(SHARED_FIXTURES, { tenant: "pg" });
    const { gateway } = createMockGateway();
    const m = meter(gateway);
    const result = await apply(m.gateway, bundle, { concurrency: 8 });
    // The mock seeds these four schemas with smaller definitions than DIGIT's default data declares; DIGIT cannot
    // update a schema, so apply reports them (and writes their records against the seeded definitions).
    expect(result.failures.map((f) => [f.key, f.code]).sort()).toEqual(SEEDED_SCHEMAS.map((code) => [code, "SCHEMA_UPDATE_NOT_SUPPORTED"]));
    expect(result.verification.ok).toBe(false);
    expect(result.verification.byKind).toMatchObject({
      schema: { expected: 26, present: 22 },
      tenant: { expected: 2, present: 2 },
      action: { expected: 203, present: 203 },
      "role-action": { expected: 393, present: 393 },
      workflow: { expected: 1, present: 1 },
      localization: { expected: 2716, present: 2716 },
      boundary: { expected: 7, present: 7 },
      "boundary-relationship": { expected: 6, present: 6 },
    });
    expect(result.verification.bySchema["common-masters.Designation"]).toEqual({ expected: 29, present: 29 });
    expect(result.verification.bySchema["tenant.tenants"]).toEqual({ expected: 2, present: 2 });
    const writes = m.writes();
    const second = await apply(m.gateway, bundle);
    expect(m.writes()).toBe(writes);
    expect(second.failures.map((f) => f.code)).toEqual(SEEDED_SCHEMAS.map(() => "SCHEMA_UPDATE_NOT_SUPPORTED"));
    expect((await plan(gateway, bundle)).items.filter((i) => i.action !== "unchanged" && !i.blocked)).toEqual([]);
  }, 60_000);
});
