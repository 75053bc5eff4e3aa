/** The real `digit mock start` process (bin.ts run with tsx): SIGINT and SIGTERM save state and exit 0. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnv, repoRoot, tempDir } from "./helpers.js";

const tsx = join(repoRoot, "node_modules/tsx/dist/esm/index.mjs");
const bin = join(repoRoot, "packages/cli/src/bin.ts");

describe("digit mock start process", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("%s saves the state file and exits 0", async (signal) => {
    const state = join(tempDir(), "state.json");
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--conditions=@digit-kit/source", "--import", tsx, bin, "mock", "start", "--port", "0", "--state", state], {
        env: { ...process.env, ...isolatedEnv(), CI: "true" },
      });
      let stdout = "";
      let stderr = "";
      let sent = false;
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        if (!sent && /Press Ctrl-C to stop/.test(stdout)) {
          sent = true;
          child.kill(signal);
        }
      });
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Stopping: saving state.");
    expect(existsSync(state)).toBe(true);
  }, 60_000);
});
