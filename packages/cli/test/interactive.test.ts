import { beforeEach, describe, expect, it } from "vitest";
import { runDigit, type RunDigitOptions } from "../src/run.js";
import { mockSession } from "./helpers.js";

// ink draws only the final frame when it detects CI (is-in-ci reads the environment when ink first loads,
// which happens lazily inside the command), so the prompt would never show. These tests are a terminal.
for (const key of Object.keys(process.env)) {
  if (key === "CI" || key === "CONTINUOUS_INTEGRATION" || key.startsWith("CI_")) delete process.env[key];
}

let opts: RunDigitOptions;
let scaffold: (dir?: string, cities?: string) => Promise<string>;

beforeEach(async () => {
  ({ opts, scaffold } = await mockSession());
});

describe("interactive apply (TTY)", () => {
  it("renders the plan with ink on a terminal", async () => {
    const bundle = await scaffold();
    const r = await runDigit(["plan", "-f", bundle], { ...opts, tty: true });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain("Plan for pg");
    expect(r.stdout).toMatch(/schema\s+\d+\s+\d+\s+\d+/);
  });
  async function interactiveApply(answer: string) {
    const bundle = await scaffold();
    const { PassThrough } = await import("node:stream");
    const stdin = new PassThrough();
    const tee = new PassThrough();
    let seen = "";
    tee.on("data", (c: Buffer) => {
      seen += c.toString();
      if (seen.includes("(y/N)") && !stdin.writableEnded) {
        stdin.write(answer);
        stdin.end();
      }
    });
    const r = await runDigit(["apply", "-f", bundle], { ...opts, tty: true, stdin, stdout: tee });
    return { r, bundle };
  }

  it("asks for confirmation with ink and applies on y", async () => {
    const { r, bundle } = await interactiveApply("y");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain("Apply");
    expect(r.stdout).toMatch(/\d+\/\d+/); // progress counts
    expect((await runDigit(["plan", "-f", bundle], opts)).exitCode).toBe(0);
  });

  it("writes nothing when the answer is no", async () => {
    const { r, bundle } = await interactiveApply("n");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("Apply cancelled");
    expect((await runDigit(["plan", "-f", bundle], opts)).exitCode).toBe(2);
  });
});
