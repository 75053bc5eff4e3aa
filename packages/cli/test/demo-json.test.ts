import { describe, expect, it } from "vitest";
import { runDigit } from "../src/run.js";
import { isolatedEnv } from "./helpers.js";

describe("digit demo --json", () => {
  it("--json prints one JSON document with before/after plans", async () => {
    const r = await runDigit(["demo", "--json"], { env: isolatedEnv() });
    expect(r.exitCode, r.stderr.slice(-2000)).toBe(0);
    const body = JSON.parse(r.stdout) as { ok: boolean; before: { hasChanges: boolean }; after: { hasChanges: boolean } };
    expect(body).toMatchObject({ ok: true, before: { hasChanges: true }, after: { hasChanges: false } });
  }, 60_000);
});
