import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDigitMock, DEFAULT_CREDENTIALS } from "@digit-kit/mock-server";
import { beforeEach, describe, expect, it } from "vitest";
import { runDigit, type RunDigitOptions } from "../src/run.js";
import { isolatedEnv, tempDir } from "./helpers.js";

let opts: RunDigitOptions;
let cwd: string;

/** A scaffolded bundle for the mock's own state tenant (pg), where the built-in ADMIN may write. */
async function scaffold(dir = "b", cities = "cityz"): Promise<string> {
  const r = await runDigit(["init", "--dir", dir, "--state", "pg", "--state-name", "Mock State", "--cities", cities, "--force", "--yes"], opts);
  expect(r.exitCode, r.stderr).toBe(0);
  return join(cwd, dir);
}

beforeEach(() => {
  cwd = tempDir();
  opts = {
    cwd,
    fetch: createDigitMock().fetch,
    env: isolatedEnv({
      DIGIT_URL: "http://digit.test",
      DIGIT_TENANT: DEFAULT_CREDENTIALS.tenantId,
      DIGIT_USERNAME: DEFAULT_CREDENTIALS.username,
      DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password,
    }),
  };
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

