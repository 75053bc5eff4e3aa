import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runDigit } from "../src/run.js";
import { demoBundle, tempDir } from "./helpers.js";

const pgr = join(demoBundle, "workflows/pgr.yaml");

describe("digit completion", () => {
  it.each(["bash", "zsh", "fish"])("prints a %s script built from the command table", async (shell) => {
    const r = await runDigit(["completion", shell]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("digit");
    for (const word of ["plan", "apply", "profile"]) expect(r.stdout).toContain(word);
    expect(r.stdout).toContain(shell === "fish" ? "-l file -s f" : "--file");
    if (shell === "bash") expect(r.stdout).toContain("complete -o default -F _digit_completion digit");
    if (shell === "zsh") expect(r.stdout).toMatch(/^#compdef digit/);
    if (shell === "fish") expect(r.stdout).toContain("complete -c digit -n '__fish_use_subcommand' -a plan");
  });

  it("the bash script parses and completes subcommands", async () => {
    const r = await runDigit(["completion", "bash"]);
    const dir = tempDir();
    const script = join(dir, "c.sh");
    writeFileSync(
      script,
      `${r.stdout}\nCOMP_WORDS=(digit profile "")\nCOMP_CWORD=2\n_digit_completion\necho "\${COMPREPLY[*]}"\n` +
        `COMP_WORDS=(digit plan --f)\nCOMP_CWORD=2\n_digit_completion\necho "\${COMPREPLY[*]}"\n`,
    );
    const out = execFileSync("bash", [script], { encoding: "utf8" }).split("\n");
    expect(out[0]!.split(" ").sort()).toEqual(["--help", "list", "show", "use"]);
    expect(out[1]).toContain("--file");
  });

  it("rejects an unknown shell", async () => {
    const r = await runDigit(["completion", "tcsh"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Unknown shell "tcsh"');
  });
});

describe("digit workflow", () => {
  it("validates the demo workflow", async () => {
    const r = await runDigit(["workflow", "validate", pgr]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("✓ PGR");
  });

  it("reports a broken workflow with file and pointer, exit 1", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    const bs = parse(readFileSync(pgr, "utf8")) as { states: { actions?: { nextState: string }[] }[] };
    bs.states[1]!.actions![0]!.nextState = "NOWHERE";
    writeFileSync(file, JSON.stringify(bs));
    const r = await runDigit(["workflow", "validate", file, "--json"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/\/states\/1\/actions\/0/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("draws a Mermaid state diagram from a file", async () => {
    const r = await runDigit(["workflow", "graph", pgr]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/stateDiagram/);
    expect(r.stdout).toContain("AWAITING_ASSIGNMENT");
  });

  it("--json output is pure JSON", async () => {
    const r = await runDigit(["workflow", "graph", pgr, "--json"]);
    const body = JSON.parse(r.stdout) as { graphs: { businessService: string; mermaid: string }[] };
    expect(body.graphs[0]!.businessService).toBe("PGR");
  });
});

describe("digit init", () => {
  it("scaffolds a bundle non-interactively", async () => {
    const cwd = tempDir();
    const r = await runDigit(["init", "--dir", "x", "--state", "pb", "--cities", "amritsar,jalandhar", "--yes"], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    const manifest = parse(readFileSync(join(cwd, "x/digit-bundle.yaml"), "utf8")) as { stateTenant: string; tenants: { code: string }[] };
    expect(manifest.stateTenant).toBe("pb");
    expect(manifest.tenants.map((t) => t.code)).toEqual(["pb", "pb.amritsar", "pb.jalandhar"]);
    expect(existsSync(join(cwd, "x/boundaries.yaml"))).toBe(true);
  });

  it("the scaffold is a valid bundle", async () => {
    const cwd = tempDir();
    await runDigit(["init", "--dir", "b", "--state", "ab", "--cities", "one", "--yes"], { cwd });
    const { loadBundle } = await import("@digit-kit/bundle");
    const bundle = await loadBundle(join(cwd, "b"));
    expect(bundle.stateTenant).toBe("ab");
    expect(bundle.tenants).toHaveLength(2);
  });

  it("never prompts without a terminal: names the missing flags", async () => {
    const cwd = tempDir();
    const r = await runDigit(["init", "--dir", "y"], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("--state");
    expect(r.stderr).toContain("--yes");
    expect(existsSync(join(cwd, "y"))).toBe(false);
  });

  it("refuses a non-empty directory without --force", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "z"));
    writeFileSync(join(cwd, "z/keep.txt"), "x");
    const r = await runDigit(["init", "--dir", "z", "--yes"], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("--force");
  });

  it("rejects a bad state code", async () => {
    const r = await runDigit(["init", "--dir", "q", "--state", "P B", "--yes"], { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("Bad state code");
  });
});
