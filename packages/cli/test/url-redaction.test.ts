/** A gateway URL with credentials (`http://user:pass@host`) never appears in what the CLI prints. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { Output, type CliIo } from "../src/output.js";
import { reportError } from "../src/errors.js";
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

describe("secrets in CLI output (the SDK's redact, one marker)", () => {
  const capture = () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c.toString()));
    return { stream, text: () => chunks.join("") };
  };
  const io = () => {
    const stdout = capture();
    const stderr = capture();
    const cliIo: CliIo = { env: {}, cwd: "/", stdin: new PassThrough(), stdout: stdout.stream, stderr: stderr.stream };
    return { cliIo, stdout, stderr };
  };

  it("--json values read [REDACTED] for every secret key; dates stay dates", () => {
    const { cliIo, stdout } = io();
    const when = new Date("2026-01-02T03:04:05Z");
    new Output(cliIo, { json: true, verbose: false }).result({ user: { userName: "u", password: SECRET }, token: SECRET, clientSecret: SECRET, RequestInfo: { authToken: SECRET }, when }, () => "");
    const out = JSON.parse(stdout.text()) as Record<string, unknown>;
    expect(out).toEqual({ user: { userName: "u", password: "[REDACTED]" }, token: "[REDACTED]", clientSecret: "[REDACTED]", RequestInfo: { authToken: "[REDACTED]" }, when: when.toISOString() });
    expect(stdout.text()).not.toContain(SECRET);
  });

  it("an error quoting a body, a bearer token or a query secret is reported without them, in text and --json", () => {
    for (const json of [false, true]) {
      const { stdout, stderr } = io();
      const message = `DIGIT refused {"password":"${SECRET}"} with Bearer ${SECRET} at /x?access_token=${SECRET}`;
      reportError(new Error(message), { stdout: stdout.stream, stderr: stderr.stream }, { json, verbose: true, argv: ["apply"], version: "0" });
      const all = stdout.text() + stderr.text();
      expect(all).toContain(`{"password":"[REDACTED]"}`);
      expect(all).toContain("Bearer [REDACTED]");
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain("[redacted]");
    }
  });
});
