/**
 * The real `digit-mock` process (src/bin.ts run with tsx), as docs/mock-server.md describes it: SIGINT and
 * SIGTERM save state and exit 0; a port in use is a clear error (which port, how to fix) with exit 1, no stack.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const tsx = join(root, "node_modules/tsx/dist/esm/index.mjs");
const bin = join(root, "packages/mock-server/src/bin.ts");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns digit-mock; once it prints "listening", sends `signal` (if any). */
function digitMock(args: string[], signal?: NodeJS.Signals): Promise<Run> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ["--conditions=@digit-kit/source", "--import", tsx, bin, ...args], { env: { ...process.env, XDG_RUNTIME_DIR: tmp() } });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      if (signal && !sent && /listening on/.test(stdout)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code, sig) => done({ code, signal: sig, stdout, stderr }));
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), "digit-mock-proc-"));

let blocker: Server | undefined;
afterEach(() => {
  blocker?.close();
  blocker = undefined;
});
/** Holds a port, as another program would. */
async function busyPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((r) => blocker!.listen(0, "127.0.0.1", r));
  return (blocker.address() as { port: number }).port;
}

describe("digit-mock process", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("%s saves the state file and exits 0", async (signal) => {
    const state = join(tmp(), "state.json");
    const r = await digitMock(["--port", "0", "--state", state], signal);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Received ${signal}`);
    expect(existsSync(state)).toBe(true);
  }, 60_000);

  it("a port in use: says which port and how to fix it, exit 1, no stack", async () => {
    const port = await busyPort();
    const r = await digitMock(["--port", String(port), "--no-internal"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`port ${port}`);
    expect(r.stderr).toMatch(/already in use/);
    expect(r.stderr).toContain("--port");
    expect(r.stderr).toMatch(/lsof|ss -ltnp/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("a busy internal door names --internal-port", async () => {
    const port = await busyPort();
    const r = await digitMock(["--port", "0", "--internal-port", String(port)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`port ${port}`);
    expect(r.stderr).toContain("--internal-port");
  }, 60_000);
});
