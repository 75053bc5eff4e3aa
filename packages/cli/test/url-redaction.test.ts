/** A gateway URL with credentials (`http://user:pass@host`) never appears in what the CLI prints. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDigit, type RunDigitOptions } from "../src/run.js";
import { mockSession } from "./helpers.js";

const SECRET = "Sup3r-Secret";
const URL_WITH_CREDENTIALS = `http://ci-bot:${SECRET}@digit.test`;

const leaks = (text: string) => text.includes(SECRET) || text.includes("ci-bot:");

describe("URL credentials in CLI output", () => {
  it("--verbose request logs and the error report redact DIGIT_URL's user:password", async () => {
    const { opts } = await mockSession();
    const env = { ...opts.env, DIGIT_URL: URL_WITH_CREDENTIALS };
    for (const json of [false, true]) {
      const r = await runDigit(["mdms", "search", "tenant.tenants", "--tenant", "pg", "--verbose", ...(json ? ["--json"] : [])], { ...opts, env } satisfies RunDigitOptions);
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toContain("http://[REDACTED]@digit.test");
      expect(leaks(r.stderr), r.stderr).toBe(false);
      expect(leaks(r.stdout), r.stdout).toBe(false);
    }
  });

  it("the not-logged-in error names the gateway without its credentials", async () => {
    const { opts } = await mockSession();
    const env = { ...opts.env, DIGIT_URL: URL_WITH_CREDENTIALS, DIGIT_PASSWORD: "" };
    const r = await runDigit(["mdms", "search", "tenant.tenants", "--tenant", "pg"], { ...opts, env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("Not logged in to http://[REDACTED]@digit.test");
    expect(leaks(r.stderr + r.stdout), r.stderr).toBe(false);
  });

  it("profile list and show print a saved URL without its credentials", async () => {
    const { opts } = await mockSession();
    const dir = join(opts.env!["XDG_CONFIG_HOME"]!, "digit-kit");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "config.json"), JSON.stringify({ version: 1, current: "ci", profiles: { ci: { url: URL_WITH_CREDENTIALS, tenant: "pg", username: "ADMIN", userType: "EMPLOYEE" } } }));
    for (const args of [["profile", "list"], ["profile", "list", "--json"], ["profile", "show", "ci"], ["profile", "show", "ci", "--json"]]) {
      const r = await runDigit(args, opts);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toContain("[REDACTED]@digit.test");
      expect(leaks(r.stdout + r.stderr), `${args.join(" ")}: ${r.stdout}`).toBe(false);
    }
  });
});
