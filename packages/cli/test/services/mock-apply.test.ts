import { existsSync } from "node:fs";
import { loadBundle } from "@digit-kit/bundle";
import { describe, expect, it } from "vitest";
import { apply, plan } from "../../src/services/index.js";
import { SHARED_FIXTURES } from "./helpers.js";
import { createMockGateway, meter } from "./mock-gateway.js";

describe.skipIf(!existsSync(SHARED_FIXTURES))("whole shared fixtures bundle against the mock server (SDK → mock.fetch)", () => {
  it("applies with --tenant pg, verifies every resource, and a second apply writes nothing", async () => {
    const bundle = await loadBundle(SHARED_FIXTURES, { tenant: "pg" });
    const { gateway } = createMockGateway();
    const m = meter(gateway);
    const result = await apply(m.gateway, bundle, { concurrency: 8 });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect(result.verification.byKind).toMatchObject({
      schema: { expected: 26, present: 26 },
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
    expect(second.verification.ok).toBe(true);
    expect((await plan(gateway, bundle)).hasChanges).toBe(false);
  }, 60_000);
});
