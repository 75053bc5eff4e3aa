import { describe, expect, it } from "vitest";
import { runDigit } from "../src/run.js";
import { isolatedEnv } from "./helpers.js";

describe("digit demo", () => {
  it("starts the mock, applies the demo bundle, verifies, and plans clean", async () => {
    const r = await runDigit(["demo"], { env: isolatedEnv() });
    expect(r.exitCode, r.stdout.slice(-3000) + r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toContain("== 1. Plan (before) ==");
    expect(r.stdout).toMatch(/147 to create, 0 to update, 0 unchanged/);
    expect(r.stdout).toMatch(/workflow\s+1\s+1\s+ok/);
    expect(r.stdout).toMatch(/localization\s+46\s+46\s+ok/);
    expect(r.stdout).toMatch(/employee\s+4\s+4\s+ok/);
    expect(r.stdout).toContain("No changes");
    expect(r.stdout).toContain("Demo complete");
  }, 60_000);
});

