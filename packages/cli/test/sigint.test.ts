/**
 * The real `digit` process under SIGINT (bin.ts), run from source with tsx: `apply --json` interrupted still
 * prints its one JSON document and the resume command, and exits 130.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createMockServer, type MockServer } from "@digit-kit/mock-server";
import { afterEach, describe, expect, it } from "vitest";
import { runDigit } from "../src/run.js";
import { isolatedEnv, repoRoot, tempDir } from "./helpers.js";

const tsx = join(repoRoot, "node_modules/tsx/dist/esm/index.mjs");
const bin = join(repoRoot, "packages/cli/src/bin.ts");

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Spawns `digit <args>`; sends SIGINT when stderr matches `when`. */
function digitUntil(args: string[], env: Record<string, string>, cwd: string, when: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=@digit-kit/source", "--import", tsx, bin, ...args], { cwd, env: { ...process.env, ...env, CI: "true" } });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("digit apply under SIGINT (real process)", () => {
  it("--json prints one JSON document with interrupted: true and resume, then exits 130", async () => {
    server = await createMockServer({ port: 0, controlTokenFile: join(tempDir(), "token") });
    const cwd = tempDir();
    const env = isolatedEnv({ DIGIT_URL: server.url, DIGIT_TENANT: "pg", DIGIT_USERNAME: "ADMIN", DIGIT_PASSWORD: "eGov@123" });
    const init = await runDigit(["init", "--dir", "b", "--state", "pg", "--cities", "cityq", "--yes"], { cwd, env });
    expect(init.exitCode, init.stderr).toBe(0);
    const only = "localization,boundary-hierarchy,boundary,boundary-relationship";
    const r = await digitUntil(["apply", "-f", "b", "--yes", "--only", only, "--json"], env, cwd, /^localization: .*done/m);
    expect(r.code, r.stderr).toBe(130);
    const doc = JSON.parse(r.stdout) as { interrupted: boolean; resume: string; phases: { name: string }[] };
    expect(doc.interrupted).toBe(true);
    expect(doc.phases.map((p) => p.name)).toContain("localization");
    expect(doc.resume).toBe(`digit apply -f b --yes --only ${only} --json`);
    expect(r.stderr).toContain(`To resume, run: digit apply -f b --yes --only ${only} --json`);
  }, 60_000);
});
