/**
 * mock-durability: what `--state` guarantees and what it costs, in one run, against the built standalone mock.
 * (1) Acknowledged writes lost after `kill -9`: 5 rounds of 16 clients creating users; the mock is killed
 *     mid-burst, restarted on the same state file, and every user that got a 2xx must be there (target 0).
 * (2) Writes/s with `--state` ÷ without: workflow `_transition` (a new businessId per request), 10
 *     connections, 4 s per run, runs alternated and the median taken (target >= 0.5).
 * Needs `pnpm build` first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { median, recordResult } from "./lib/result.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "packages/mock-server/dist/bin.js");
const ROUNDS = 5;
const KILL_AFTER = [137, 251, 389, 503, 617];
const CLIENTS = 16;
const RUNS = 3;
const DURATION = 4;
const CONNECTIONS = 10;
const children = new Set<ChildProcess>();

process.on("exit", () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

interface Mock {
  url: string;
  controlToken: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

function start(args: string[]): Promise<Mock> {
  const child = spawn(process.execPath, [bin, "--port", "0", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`mock did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const controlToken = /Control API token: (\S+)/.exec(out)?.[1];
      if (url && controlToken) {
        clearTimeout(timer);
        resolve({ url, controlToken, child, exited });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`mock exited with ${code}: ${out}`)));
  });
}

const json = { "content-type": "application/json" };

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/user/oauth/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from("egov-user-client:").toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: "username=ADMIN&password=eGov%40123&grant_type=password&scope=read&tenantId=pg&userType=EMPLOYEE",
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const requestInfo = (authToken: string) => ({ apiId: "bench", ver: "1.0", msgId: "bench|en_IN", authToken });

async function userNames(mock: Mock): Promise<Set<string>> {
  const res = await fetch(`${mock.url}/_mock/state`, { headers: { "x-mock-control-token": mock.controlToken } });
  const state = (await res.json()) as { slices: { user: { users: Record<string, { userName: string }> } } };
  return new Set(Object.values(state.slices.user.users).map((u) => u.userName));
}

/** CLIENTS clients create users until the mock dies; SIGKILL once `killAfter` were acknowledged. */
async function killRound(mock: Mock, round: number, killAfter: number): Promise<string[]> {
  const token = await login(mock.url);
  const acked: string[] = [];
  let next = 0;
  let down = false;
  const worker = async () => {
    while (!down) {
      const userName = `BENCH-${round}-${next++}`;
      try {
        const res = await fetch(`${mock.url}/user/users/_createnovalidate`, {
          method: "POST",
          headers: json,
          body: JSON.stringify({ RequestInfo: requestInfo(token), user: { userName, name: "Bench User", type: "EMPLOYEE", tenantId: "pg", password: "Bench-Pass1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] } }),
        });
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`create answered ${res.status}`);
        acked.push(userName);
        if (acked.length === killAfter) mock.child.kill("SIGKILL");
      } catch {
        down = true;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  await mock.exited;
  return acked;
}

async function durability(): Promise<{ lost: number; acked: number; leftoverTmp: number }> {
  const dir = mkdtempSync(join(tmpdir(), "digit-bench-durability-"));
  const state = join(dir, "state.json");
  const acked: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const mock = await start(["--state", state]);
      acked.push(...(await killRound(mock, round, KILL_AFTER[round]!)));
    }
    const last = await start(["--state", state]);
    const present = await userNames(last);
    const leftoverTmp = readdirSync(dir).filter((f) => f.endsWith(".tmp")).length;
    last.child.kill("SIGTERM");
    await last.exited;
    return { lost: acked.filter((n) => !present.has(n)).length, acked: acked.length, leftoverTmp };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Run {
  rps: number;
  p99: number;
  non2xx: number;
}

/** Workflow transitions (a fresh businessId per request) for DURATION seconds against `mock`. */
async function transitions(mock: Mock, tag: string): Promise<Run> {
  const token = await login(mock.url);
  const RequestInfo = requestInfo(token);
  const bs = await fetch(`${mock.url}/egov-workflow-v2/egov-wf/businessservice/_create`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({
      RequestInfo,
      BusinessServices: [
        {
          tenantId: "pg",
          businessService: `BENCH${tag}`,
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
  if (bs.status >= 300) throw new Error(`business service create failed: ${bs.status} ${await bs.text()}`);
  let n = 0;
  const r = await autocannon({
    url: mock.url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: "POST",
        path: "/egov-workflow-v2/egov-wf/process/_transition",
        headers: json,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ RequestInfo, ProcessInstances: [{ tenantId: "pg.citya", businessService: `BENCH${tag}`, businessId: `B-${tag}-${++n}`, action: "APPLY", moduleName: "bench" }] }),
        }),
      },
    ],
  });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
}

async function throughput(): Promise<{ withState: Run; without: Run }> {
  const dir = mkdtempSync(join(tmpdir(), "digit-bench-throughput-"));
  const memory = await start([]);
  const durable = await start(["--state", join(dir, "state.json")]);
  const withRuns: Run[] = [];
  const withoutRuns: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      withoutRuns.push(await transitions(memory, `M${i}`));
      withRuns.push(await transitions(durable, `D${i}`));
    }
  } finally {
    for (const m of [memory, durable]) {
      m.child.kill("SIGTERM");
      await m.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const pick = (runs: Run[]): Run => ({ rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)), non2xx: runs.reduce((s, r) => s + r.non2xx, 0) });
  return { withState: pick(withRuns), without: pick(withoutRuns) };
}

async function main(): Promise<void> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm build first.`);
  const d = await durability();
  recordResult({
    name: "mock-durability",
    value: d.lost,
    unit: `acknowledged writes lost after kill -9 (${ROUNDS} rounds)`,
    target: "0",
    pass: d.lost === 0 && d.leftoverTmp === 0,
    details: { acknowledged: d.acked, rounds: ROUNDS, clients: CLIENTS, leftoverTmpFiles: d.leftoverTmp },
  });
  const t = await throughput();
  const ratio = t.withState.rps / t.without.rps;
  recordResult({
    name: "mock-durability-throughput",
    value: ratio,
    unit: "x writes/s with --state vs in memory (workflow transition)",
    target: ">= 0.5",
    pass: ratio >= 0.5 && t.withState.non2xx === 0 && t.without.non2xx === 0,
    details: {
      withStateRps: t.withState.rps,
      withStateP99Ms: t.withState.p99,
      withStateNon2xx: t.withState.non2xx,
      inMemoryRps: t.without.rps,
      inMemoryP99Ms: t.without.p99,
      inMemoryNon2xx: t.without.non2xx,
    },
  });
}

main().catch((err: unknown) => {
  console.error(`mock-durability: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
