import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CREDENTIALS } from "@digit-kit/mock-server";
import { beforeEach, describe, expect, it } from "vitest";
import { runDigit, type RunDigitOptions } from "../src/run.js";
import { mockSession } from "./helpers.js";

let opts: RunDigitOptions;
let scaffold: (dir?: string, cities?: string) => Promise<string>;

beforeEach(async () => {
  ({ opts, scaffold } = await mockSession());
});

describe("plan / apply", () => {
  it("plan exits 2 with changes, apply --yes applies, plan then exits 0", async () => {
    const bundle = await scaffold();
    const first = await runDigit(["plan", "-f", bundle], opts);
    expect(first.exitCode, first.stderr).toBe(2);
    expect(first.stdout).toMatch(/Plan: \d+ to create/);
    const applied = await runDigit(["apply", "-f", bundle, "--yes"], opts);
    expect(applied.exitCode, applied.stderr + applied.stdout).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete/);
    // Plain line progress on stderr (no ink, no cursor codes) when stdout is not a terminal. (The scaffold's one schema
    // is DIGIT's default-data Department, which the mock's seed already has, so the first phase with work is tenants.)
    expect(applied.stderr).toMatch(/^tenants: \d+\/\d+ done/m);
    expect(applied.stdout + applied.stderr).not.toContain("\u001b[");
    const again = await runDigit(["plan", "-f", bundle], opts);
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.stdout).toContain("No changes");
  });

  it("non-TTY apply without --yes refuses before any request and never prompts", async () => {
    const bundle = await scaffold();
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return opts.fetch!(input, init);
    };
    const r = await runDigit(["apply", "-f", bundle], { ...opts, fetch: counting });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("needs confirmation");
    expect(r.stderr).toContain("--yes");
    expect(r.stdout + r.stderr).not.toContain("(y/N)");
    expect(requests).toBe(0);
  });

  it("apply --dry-run writes nothing", async () => {
    const bundle = await scaffold();
    const dry = await runDigit(["apply", "-f", bundle, "--dry-run"], opts);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("Dry run");
    expect((await runDigit(["plan", "-f", bundle], opts)).exitCode).toBe(2);
  });

  it("--json output parses and carries no secrets; --only filters kinds", async () => {
    const bundle = await scaffold();
    const r = await runDigit(["plan", "-f", bundle, "--json", "--only", "schema,mdms"], opts);
    expect(r.exitCode).toBe(2);
    const body = JSON.parse(r.stdout) as { hasChanges: boolean; summary: Record<string, unknown>; changes: { kind: string }[] };
    expect(body.hasChanges).toBe(true);
    expect(Object.keys(body.summary).sort()).toEqual(["mdms", "schema"]);
    expect(r.stdout).not.toContain(DEFAULT_CREDENTIALS.password);
    const applied = await runDigit(["apply", "-f", bundle, "--yes", "--json"], opts);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const result = JSON.parse(applied.stdout) as { verification: { ok: boolean } };
    expect(result.verification.ok).toBe(true);
    expect(applied.stdout).not.toMatch(/eGov@123|access_token|"authToken":\s*"[^[]/);
  });

  it("--verbose logs requests to stderr with secrets redacted", async () => {
    const bundle = await scaffold();
    const r = await runDigit(["plan", "-f", bundle, "--verbose", "--json"], opts);
    expect(r.stderr).toMatch(/→ POST http:\/\/digit\.test\/mdms-v2\/schema\/v1\/_search/);
    expect(r.stderr).toMatch(/← 20\d /);
    expect(r.stderr).not.toContain(DEFAULT_CREDENTIALS.password);
    expect(r.stderr).toMatch(/\[REDACTED\]/);
    JSON.parse(r.stdout);
  });

  it("a bad bundle fails with file + JSON path, exit 1, no stack trace", async () => {
    const bundle = await scaffold();
    writeFileSync(join(bundle, "mdms/data/common-masters.Department.yaml"), "- { code: DEPT_X, active: yes-please }\n");
    const r = await runDigit(["plan", "-f", bundle], opts);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("mdms/data/common-masters.Department.yaml");
    expect(r.stderr).toMatch(/\/0\/active/);
    expect(r.stderr).toContain("must be boolean");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing bundle directory is a user error", async () => {
    const r = await runDigit(["plan", "-f", "nowhere"], opts);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("nowhere");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

});


