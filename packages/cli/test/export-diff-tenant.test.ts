import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runDigit, type RunDigitOptions } from "../src/run.js";
import { mockSession } from "./helpers.js";

let opts: RunDigitOptions;
let cwd: string;
let scaffold: (dir?: string, cities?: string) => Promise<string>;

beforeEach(async () => {
  ({ opts, cwd, scaffold } = await mockSession());
});

describe("export / diff / tenant create", () => {
  it("exports a tenant that plans clean against the same server", async () => {
    const bundle = await scaffold();
    expect((await runDigit(["apply", "-f", bundle, "--yes"], opts)).exitCode).toBe(0);
    const r = await runDigit(["export", "--tenant", "pg", "-o", "exported", "--json"], opts);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(cwd, "exported/digit-bundle.yaml"))).toBe(true);
    const plan = await runDigit(["plan", "-f", join(cwd, "exported")], opts);
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(0);
  });

  it("export refuses a non-empty directory", async () => {
    await scaffold("full");
    const r = await runDigit(["export", "--tenant", "pg", "-o", "full"], opts);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("not empty");
  });

  it("diff of a tenant with itself finds no drift (exit 0)", async () => {
    const r = await runDigit(["diff", "pg", "pg", "--json"], opts);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { items: unknown[] }).items).toEqual([]);
  });

  it("tenant create copies a template city", async () => {
    const bundle = await scaffold("b", "cityz");
    expect((await runDigit(["apply", "-f", bundle, "--yes"], opts)).exitCode).toBe(0);
    const r = await runDigit(["tenant", "create", "pg.cityq", "--from", "pg.cityz", "--yes", "--json"], opts);
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    const search = await runDigit(["mdms", "get", "tenant.tenants", "pg.cityq", "--tenant", "pg", "--json"], opts);
    expect(search.exitCode, search.stderr).toBe(0);
  });

  it("tenant create validates its arguments", async () => {
    const r = await runDigit(["tenant", "create", "Bad", "--from", "pg.citya", "--yes"], opts);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("not a city tenant code");
  });
});

