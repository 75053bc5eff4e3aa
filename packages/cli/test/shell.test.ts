import { describe, expect, it } from "vitest";
import { commands } from "../src/commands/index.js";
import { BugError, reportError, UserError } from "../src/errors.js";
import { runDigit } from "../src/run.js";

function report(error: unknown, json = false) {
  let out = "";
  let err = "";
  const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const esink = { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream;
  const code = reportError(error, { stdout: sink, stderr: esink }, { json, verbose: false, argv: ["plan", "--password-stdin"], version: "9.9.9" });
  return { code, out, err };
}

describe("error reports", () => {
  it("a UserError prints what / where / fix and its exit code, no stack", () => {
    const r = report(new UserError("Bad thing.", { where: "file.yaml: /a", fix: ["Do X.", "Or Y."], exitCode: 3 }));
    expect(r.code).toBe(3);
    expect(r.err).toBe("Error: Bad thing.\n  where: file.yaml: /a\n  fix:   Do X.\n  fix:   Or Y.\n");
  });

  it("anything else is a short bug report with versions and a scrubbed message", () => {
    const r = report(new BugError('boom {"authToken":"abc123"}'), true);
    expect(r.code).toBe(1);
    expect(r.err).toContain("This is a bug in digit");
    expect(r.err).toContain("digit 9.9.9");
    expect(r.err).not.toContain("abc123");
    expect(r.err.split("\n").filter((l) => l.trim().startsWith("at ")).length).toBeLessThanOrEqual(3);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { kind: "BugError" } });
  });
});

describe("digit shell: help, suggestions, version", () => {
  it("prints the version", async () => {
    const r = await runDigit(["--version"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("shows examples in --help of every command", async () => {
    for (const spec of commands) {
      const r = await runDigit([...spec.path, "--help"]);
      expect(r.exitCode, spec.path.join(" ")).toBe(0);
      expect(r.stdout, spec.path.join(" ")).toContain("Examples:");
      expect(r.stdout).toContain(spec.examples[0]!.command);
      expect(r.stdout).toContain("--json");
    }
  });

  it("root help lists commands and groups", async () => {
    const r = await runDigit(["--help"]);
    expect(r.exitCode).toBe(0);
    for (const word of ["plan", "apply", "profile", "workflow", "completion", "demo"]) expect(r.stdout).toContain(word);
  });

  it("suggests the closest command on a typo, exit 1", async () => {
    const r = await runDigit(["plna"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/unknown command 'plna'/);
    expect(r.stderr).toMatch(/Did you mean plan\?/);
  });

  it("suggests the closest option on a typo", async () => {
    const r = await runDigit(["plan", "--fiel", "x"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/Did you mean --file\?/);
  });

  it("rejects unknown --only kinds with the allowed list", async () => {
    const r = await runDigit(["plan", "-f", "x", "--only", "mdms,bogus"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("Unknown value bogus");
    expect(r.stderr).toContain("workflow");
  });

  it("never prints a stack trace for user errors", async () => {
    const r = await runDigit(["workflow", "validate", "does-not-exist.yaml"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("File not found: does-not-exist.yaml");
    expect(r.stderr).toContain("fix:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("emits a JSON error object on stdout with --json", async () => {
    const r = await runDigit(["workflow", "validate", "does-not-exist.yaml", "--json"]);
    expect(r.exitCode).toBe(1);
    const body = JSON.parse(r.stdout) as { ok: boolean; error: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.message).toContain("does-not-exist.yaml");
  });
});
