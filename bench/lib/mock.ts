/**
 * What the benches share about the built standalone mock and CLI: where they are, starting a mock process and
 * waiting for its "listening on" line, logging in as the seeded ADMIN, and the business service the write
 * benches transition. Every child started here is SIGKILLed when the bench process exits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const mockBin = join(root, "packages/mock-server/dist/bin.js");
export const cliBin = join(root, "packages/cli/dist/bin.js");
/** DIGIT's default data, beside the project (absent on a user's machine: benches using it skip). */
export const fixtures = resolve(root, "../shared/fixtures/digit");

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** Exits the bench with a clear message when a built file it needs is missing. */
export function requireBuilt(bench: string, files: string[] = [mockBin]): void {
  for (const f of files) {
    if (!existsSync(f)) {
      console.error(`${bench}: ${f} is missing; run pnpm build first.`);
      process.exit(1);
    }
  }
}

export interface Child {
  child: ChildProcess;
  /** The first capture group of the ready line (for the mock: its URL). */
  ready: string;
  /** Everything the child printed so far (stdout and stderr). */
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>;
}

/** Spawns `cmd args` and resolves once its output matches `readyLine` (rejects if it exits first or after `timeoutMs`). */
export function startChild(cmd: string, args: string[], readyLine: RegExp, timeoutMs = 120_000): Promise<Child> {
  const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let out = "";
  const exited = new Promise<number | null>((done) =>
    child.once("exit", (code) => {
      children.delete(child);
      done(code);
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start in ${timeoutMs} ms: ${out.slice(-500)}`)), timeoutMs);
    let isReady = false;
    const onData = (d: Buffer) => {
      out += d.toString();
      if (isReady) {
        if (out.length > 65_536) out = out.slice(-32_768); // a long run's warnings: keep the tail only
        return;
      }
      const m = readyLine.exec(out);
      if (m) {
        isReady = true;
        clearTimeout(timer);
        resolveStart({ child, ready: m[1] ?? m[0], output: () => out, exited, stop });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code} before it was ready: ${out.slice(-500)}`));
    });
  });
}

export interface Mock extends Child {
  url: string;
  /** The control-API token the mock printed at start (needed for /_mock/*). */
  controlToken: string;
}

/** Starts the built standalone mock on a free port with extra `args` (e.g. `--state file`, `--latency 20`). */
export async function startMock(args: string[] = []): Promise<Mock> {
  const started = await startChild(process.execPath, [mockBin, "--port", "0", ...args], /listening on (http:\/\/\S+)[\s\S]*Control API token: (\S+)/);
  const m = /Control API token: (\S+)/.exec(started.output())!;
  return { ...started, url: started.ready, controlToken: m[1]! };
}

export const json = { "content-type": "application/json" };

/** Logs in as the mock's seeded ADMIN at `pg` and returns the access token. */
export async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/user/oauth/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from("egov-user-client:").toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: "username=ADMIN&password=eGov%40123&grant_type=password&scope=read&tenantId=pg&userType=EMPLOYEE",
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export const requestInfo = (authToken: string) => ({ apiId: "bench", ver: "1.0", msgId: "bench|en_IN", authToken });

/** Creates a three-state business service `code` at `pg` (APPLY → OPEN → CLOSE), for transition load. */
export async function createBenchWorkflow(url: string, authToken: string, code: string): Promise<void> {
  const res = await fetch(`${url}/egov-workflow-v2/egov-wf/businessservice/_create`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({
      RequestInfo: requestInfo(authToken),
      BusinessServices: [
        {
          tenantId: "pg",
          businessService: code,
          business: "bench",
          businessServiceSla: 86_400_000,
          states: [
            { state: null, applicationStatus: null, isStartState: true, isTerminateState: false, actions: [{ action: "APPLY", nextState: "OPEN", roles: ["EMPLOYEE", "SUPERUSER"] }] },
            { state: "OPEN", applicationStatus: "OPEN", isStateUpdatable: true, actions: [{ action: "CLOSE", nextState: "CLOSED", roles: ["EMPLOYEE", "SUPERUSER"] }] },
            { state: "CLOSED", applicationStatus: "CLOSED", isTerminateState: true, actions: [] },
          ],
        },
      ],
    }),
  });
  if (res.status >= 300) throw new Error(`business service create failed: ${res.status} ${await res.text()}`);
}

/** A `_transition` body starting a new process instance of `code` (a fresh businessId each call). */
export function applyTransitionBody(authToken: string, code: string, businessId: string): string {
  return JSON.stringify({ RequestInfo: requestInfo(authToken), ProcessInstances: [{ tenantId: "pg.citya", businessService: code, businessId, action: "APPLY", moduleName: "bench" }] });
}
