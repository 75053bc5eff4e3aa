/** Defects a first-day user meets (issue 11, item 5): each test failed before its fix. */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { createDigitMock, DEFAULT_CREDENTIALS } from "@digit-kit/mock-server";
import { describe, expect, it } from "vitest";
import { runDigit } from "../src/run.js";
import { isolatedEnv, mockSession } from "./helpers.js";

describe("digit login with a wrong password", () => {
  const args = ["login", "--url", "http://digit.test", "--tenant", DEFAULT_CREDENTIALS.tenantId, "--username", DEFAULT_CREDENTIALS.username];

  it("says the credentials were refused and how to fix them, not 'log in again'", async () => {
    const r = await runDigit(args, { env: isolatedEnv({ DIGIT_PASSWORD: "wrong-secret-123" }), fetch: createDigitMock().fetch });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/refused the credentials/i);
    expect(r.stderr).toContain("--username");
    expect(r.stderr).toContain("--tenant");
    expect(r.stderr).toContain("DIGIT_PASSWORD");
    expect(r.stderr).not.toMatch(/log in again/i);
    expect(r.stderr).not.toContain("wrong-secret-123");
  });

  it("gives the same advice when an automatic login (DIGIT_USERNAME + DIGIT_PASSWORD) is refused", async () => {
    const env = isolatedEnv({ DIGIT_URL: "http://digit.test", DIGIT_TENANT: "pg", DIGIT_USERNAME: "ADMIN", DIGIT_PASSWORD: "wrong-secret-123" });
    const r = await runDigit(["mdms", "search", "common-masters.Department", "--tenant", "pg"], { env, fetch: createDigitMock().fetch });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/refused the credentials/i);
    expect(r.stderr).toContain("DIGIT_PASSWORD");
    expect(r.stderr).not.toMatch(/log in again/i);
  });
});

describe("digit export --only", () => {
  it("refuses `user` (DIGIT cannot list users) and names the kinds it can export, before any request", async () => {
    const { opts, cwd } = await mockSession();
    const r = await runDigit(["export", "--tenant", "pg", "-o", "out", "--only", "user"], opts);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/user/);
    expect(r.stderr).toMatch(/employee/);
    expect(r.stderr).toContain("schema, tenant, mdms");
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("`--help` lists only the kinds export supports", async () => {
    const r = await runDigit(["export", "--help"]);
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(/one or more of: schema, tenant, mdms, role, action, role-action, workflow,/);
  });
});

/** A bundle for a new state `zz` whose two tenant records fail (no tenant.tenants schema at zz). */
function failingTenantsBundle(cwd: string): string {
  const dir = join(cwd, "zz");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "digit-bundle.yaml"), "apiVersion: digit-kit/v1\nstateTenant: zz\ntenants:\n  - { code: zz, name: Zed, type: State }\n  - { code: zz.one, name: One, type: CITY }\n");
  return dir;
}

describe("apply progress and summary", () => {
  it("progress lines and the summary table report the same failures (one source of counts)", async () => {
    const { opts, cwd } = await mockSession();
    const r = await runDigit(["apply", "-f", failingTenantsBundle(cwd), "--yes"], opts);
    expect(r.exitCode).toBe(1);
    const progress = r.stderr.split("\n").find((l) => l.startsWith("tenants:"));
    const row = r.stdout.split("\n").find((l) => l.startsWith("tenants "))!.trim().split(/\s+/);
    const [, created, updated, , failed, skipped] = row;
    expect([created, updated, failed, skipped]).toEqual(["0", "0", "2", "0"]);
    expect(progress).toMatch(new RegExp(`^tenants: 2/2 done \\([\\d.]+/s\\), ${failed} failed$`));
  });
});

describe("apply interrupted (SIGINT)", () => {
  const only = ["--only", "localization,boundary-hierarchy,boundary,boundary-relationship"];

  /** Runs `apply` and aborts (as SIGINT does) once its first phase has finished. */
  async function interruptedApply(extra: string[]) {
    const { opts, scaffold } = await mockSession();
    const bundle = await scaffold("b", "cityq");
    const controller = new AbortController();
    const tee = new PassThrough();
    tee.on("data", (chunk: Buffer) => {
      if (/^localization: .*done/m.test(chunk.toString())) controller.abort();
    });
    const r = await runDigit(["apply", "-f", bundle, "--yes", ...only, ...extra], { ...opts, signal: controller.signal, stderr: tee });
    return { r, bundle, opts };
  }

  it("--json still prints one JSON document: interrupted, what was applied, how to resume; exit 130", async () => {
    const { r, bundle } = await interruptedApply(["--json"]);
    expect(r.exitCode).toBe(130);
    const doc = JSON.parse(r.stdout) as { interrupted: boolean; phases: { name: string; created: number }[]; resume: string };
    expect(doc.interrupted).toBe(true);
    expect(doc.phases.find((p) => p.name === "localization")?.created).toBe(4);
    expect(doc.phases.map((p) => p.name)).not.toContain("boundary-relationships (level 2)");
    expect(doc.resume).toBe(`digit apply -f ${bundle} --yes ${only.join(" ")} --json`);
  });

  it("says it was interrupted and prints the exact command to resume", async () => {
    const { r, bundle, opts } = await interruptedApply([]);
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/Interrupted/);
    expect(r.stderr).toContain(`To resume, run: digit apply -f ${bundle} --yes ${only.join(" ")}`);
    // Resuming finishes the job: apply re-plans from live state.
    const again = await runDigit(["apply", "-f", bundle, "--yes", ...only], opts);
    expect(again.exitCode, again.stderr).toBe(0);
    expect((await runDigit(["plan", "-f", bundle, ...only], opts)).exitCode).toBe(0);
  });
});

describe("digit init", () => {
  it("for a new state writes a bundle that applies cleanly on the mock (tenant.tenants and access-control schemas)", async () => {
    const { opts, cwd } = await mockSession();
    const init = await runDigit(["init", "--dir", "nb", "--state", "nb", "--cities", "alpha,beta", "--yes"], opts);
    expect(init.exitCode, init.stderr).toBe(0);
    for (const f of ["mdms/schemas/tenant.yaml", "mdms/schemas/access-control.yaml"]) expect(existsSync(join(cwd, "nb", f)), f).toBe(true);
    const r = await runDigit(["apply", "-f", join(cwd, "nb"), "--yes", "--json"], opts);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { failures: unknown[]; verification: { ok: boolean } };
    expect(doc.failures).toEqual([]);
    expect(doc.verification.ok).toBe(true);
    expect((await runDigit(["plan", "-f", join(cwd, "nb")], opts)).exitCode).toBe(0);
  });

  it("for an existing state (pg) does not silently rewrite its tenant record: plan flags it with ! and a hint", async () => {
    const { opts, cwd } = await mockSession();
    expect((await runDigit(["init", "--dir", "pgb", "--state", "pg", "--cities", "cityq", "--yes"], opts)).exitCode).toBe(0);
    const bundle = join(cwd, "pgb");
    const plan = await runDigit(["plan", "-f", bundle, "--json"], opts);
    const changes = (JSON.parse(plan.stdout) as { changes: { kind: string; key: string; action: string; attention?: { code: string; hint: string } }[] }).changes;
    const pg = changes.find((c) => c.kind === "tenant" && c.key === "tenant.tenants:pg");
    expect(pg?.attention?.code).toBe("TENANT_FIELDS_DROPPED");
    expect(pg?.attention?.hint).toContain("--existing-state");
    expect(pg?.attention?.hint).toContain("digit export --tenant pg --only tenant");
    // The scaffold's schemas are the ones DIGIT (and the mock) already have: nothing blocked there.
    expect(changes.filter((c) => c.kind === "schema")).toEqual([]);
    const text = await runDigit(["plan", "-f", bundle], opts);
    expect(text.stdout).toMatch(/^! tenant tenant\.tenants:pg \(pg\): .*drops .*emailId/m);
    expect(text.stdout).toMatch(/^ {4}hint: if pg exists already/m);
  });

  it("--existing-state leaves the state's tenant record and core schemas out; the bundle applies cleanly", async () => {
    const { opts, cwd } = await mockSession();
    const init = await runDigit(["init", "--dir", "pgc", "--state", "pg", "--existing-state", "--cities", "cityr", "--yes"], opts);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(existsSync(join(cwd, "pgc/mdms/schemas/tenant.yaml"))).toBe(false);
    const r = await runDigit(["apply", "-f", join(cwd, "pgc"), "--yes", "--json"], opts);
    expect(r.exitCode, r.stdout).toBe(0);
    expect((JSON.parse(r.stdout) as { failures: unknown[] }).failures).toEqual([]);
  });
});
