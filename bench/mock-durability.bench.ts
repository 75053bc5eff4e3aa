/**
 * mock-durability: what `--state` guarantees and what it costs, in one run, against the built standalone mock.
 * (1) Acknowledged writes lost after `kill -9`: 5 rounds of 16 clients creating users; the mock is killed
 *     mid-burst, restarted on the same state file, and every user that got a 2xx must be there (target 0).
 * (2) Writes/s with `--state` ÷ without: workflow `_transition` (a new businessId per request), 10
 *     connections, 4 s per run, runs alternated and the median taken (target >= 0.5).
 * Needs `pnpm build` first.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { applyTransitionBody, createBenchWorkflow, json, login, requestInfo, requireBuilt, startMock, type Mock } from "./lib/mock.js";
import { median, recordResult } from "./lib/result.js";

const ROUNDS = 5;
const KILL_AFTER = [137, 251, 389, 503, 617];
const CLIENTS = 16;
const RUNS = 3;
const DURATION = 4;
const CONNECTIONS = 10;

async function userNames(mock: Mock): Promise<Set<string>> {
  const res = await fetch(`${mock.url}/_mock/state`, { headers: { "x-mock-control-token": mock.controlToken } });
  const state = (await res.json()) as { slices: { user: { users: Record<string, { userName: string }> } } };
  return new Set(Object.values(state.slices.user.users).map((u) => u.userName));
}

/** A user egov-user accepts: its password policy (UserService.java validatePassword) and a mobile number. */
function benchUser(userName: string, n: number) {
  const mobileNumber = `9${String(n).padStart(9, "0")}`;
  return { userName, name: "Bench User", mobileNumber, type: "EMPLOYEE", tenantId: "pg", password: "Bench@Pass1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] };
}

/** CLIENTS clients create users until the mock dies; SIGKILL once `killAfter` were acknowledged. */
async function killRound(mock: Mock, round: number, killAfter: number): Promise<string[]> {
  const token = await login(mock.url);
  const acked: string[] = [];
  let next = 0;
  let down = false;
  let refused: string | undefined;
  const worker = async () => {
    while (!down) {
      const n = next++;
      const userName = `BENCH-${round}-${n}`;
      let res: Response;
      try {
        res = await fetch(`${mock.url}/user/users/_createnovalidate`, {
          method: "POST",
          headers: json,
          body: JSON.stringify({ RequestInfo: requestInfo(token), user: benchUser(userName, round * 100_000 + n) }),
        });
      } catch {
        down = true; // the kill: the connection dropped
        return;
      }
      const text = await res.text().catch(() => "");
      if (res.status >= 300) {
        // A refusal before the kill is a broken bench, not a durability result: stop and say why.
        refused ??= `create answered ${res.status}: ${text.slice(0, 300)}`;
        down = true;
        return;
      }
      acked.push(userName);
      if (acked.length === killAfter) mock.child.kill("SIGKILL");
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  if (refused && acked.length < killAfter) {
    mock.child.kill("SIGKILL");
    throw new Error(`round ${round}: ${refused}`);
  }
  await mock.exited;
  return acked;
}

async function durability(): Promise<{ lost: number; acked: number; leftoverTmp: number }> {
  const dir = mkdtempSync(join(tmpdir(), "digit-bench-durability-"));
  const state = join(dir, "state.json");
  const acked: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const mock = await startMock(["--state", state]);
      acked.push(...(await killRound(mock, round, KILL_AFTER[round]!)));
    }
    const last = await startMock(["--state", state]);
    const present = await userNames(last);
    const leftoverTmp = readdirSync(dir).filter((f) => f.endsWith(".tmp")).length;
    await last.stop();
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
  await createBenchWorkflow(mock.url, token, `BENCH${tag}`);
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
        setupRequest: (req) => ({ ...req, body: applyTransitionBody(token, `BENCH${tag}`, `B-${tag}-${++n}`) }),
      },
    ],
  });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
}

async function throughput(): Promise<{ withState: Run; without: Run }> {
  const dir = mkdtempSync(join(tmpdir(), "digit-bench-throughput-"));
  const memory = await startMock([]);
  const durable = await startMock(["--state", join(dir, "state.json")]);
  const withRuns: Run[] = [];
  const withoutRuns: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      withoutRuns.push(await transitions(memory, `M${i}`));
      withRuns.push(await transitions(durable, `D${i}`));
    }
  } finally {
    await Promise.all([memory.stop(), durable.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
  const pick = (runs: Run[]): Run => ({ rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)), non2xx: runs.reduce((s, r) => s + r.non2xx, 0) });
  return { withState: pick(withRuns), without: pick(withoutRuns) };
}

async function main(): Promise<void> {
  requireBuilt("mock-durability");
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
