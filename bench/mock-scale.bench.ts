/**
 * mock-scale: does the standalone mock stay fast with 100k MDMS records? 100,000 records over 50 schemas are
 * loaded through the engine (createEngine + invoke, no HTTP: 100k HTTP creates would dominate the run), saved as a
 * state file, and served by the built mock (`--state`). Value = MDMS v2 `_search` req/s (one schema, the default
 * page of 10) against that store ÷ req/s of the same search against a store without those 100k records, holding
 * only the 10 records the page returns (so both answer the same bytes: what is compared is the cost of the data
 * around them), both over HTTP in this run; target >= 0.7. Also reported: the same ratio against a store with no
 * records at all (the search then answers `[]`), a create into the loaded store vs an empty one (in-process, ms),
 * what saving the loaded state costs, and one 5 MB request (a record with 300k keys) with the longest wait of a
 * small search sent meanwhile. Needs `pnpm build` first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { json, login, mockBin, root, startMock as startStandalone } from "./lib/mock.js";
import { median, recordResult } from "./lib/result.js";

const dist = join(root, "packages/mock-server/dist");
const bin = mockBin;
const RECORDS = 100_000;
const SCHEMAS = 50;
const DURATION = 5;
const CONNECTIONS = 10;
const SEARCHED = "bench.S17";
const children: ChildProcess[] = [];

process.on("exit", () => {
  for (const c of children) if (c.exitCode === null && c.pid) c.kill("SIGTERM");
});

interface Engine {
  invoke(op: string, body: Record<string, unknown>, opts?: Record<string, unknown>): { status: number; body?: unknown };
  ctx: { users: { byUserName(u: string, t: string): unknown } };
  state: { serialize(): string };
}

const RI = { apiId: "bench", ver: "1.0", msgId: "bench|en_IN" };
const definition = {
  type: "object",
  $schema: "http://json-schema.org/draft-07/schema#",
  required: ["code", "name"],
  "x-unique": ["code"],
  properties: { code: { type: "string" }, name: { type: "string" }, rank: { type: "number" }, active: { type: "boolean" } },
};

function createRecord(engine: Engine, caller: unknown, schema: number, i: number, transactional = true): number {
  const schemaCode = `bench.S${schema}`;
  const body = { RequestInfo: RI, Mdms: { tenantId: "pg", schemaCode, data: { code: `R${i}`, name: `Record ${i}`, rank: i, active: i % 7 !== 0 } } };
  return engine.invoke("mdms.create", body, { caller, transactional }).status;
}

/** A seeded engine with the 50 bench schemas and `records` records spread over them (`only`: all in that schema). */
async function loadEngine(records: number, only?: number): Promise<{ engine: Engine; caller: unknown; loadMs: number }> {
  const { createEngine } = (await import(pathToFileURL(join(dist, "index.js")).href)) as { createEngine: () => Engine };
  const engine = createEngine();
  const caller = { user: engine.ctx.users.byUserName("ADMIN", "pg"), token: "" };
  for (let s = 0; s < SCHEMAS; s++) {
    const res = engine.invoke("mdms.createSchema", { RequestInfo: RI, SchemaDefinition: { tenantId: "pg", code: `bench.S${s}`, definition } }, { caller });
    if (res.status !== 202) throw new Error(`schema create failed: ${JSON.stringify(res.body)}`);
  }
  const t0 = performance.now();
  for (let i = 0; i < records; i++) {
    const status = createRecord(engine, caller, only ?? i % SCHEMAS, i, false);
    if (status !== 202) throw new Error(`record ${i} failed with ${status}`);
  }
  return { engine, caller, loadMs: performance.now() - t0 };
}

/** Median ms of `n` transactional creates (new records) into the bench schemas. */
function createLatency(engine: Engine, caller: unknown, from: number, n = 300): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const status = createRecord(engine, caller, i % SCHEMAS, from + i);
    times.push(performance.now() - t);
    if (status !== 202) throw new Error(`create failed with ${status}`);
  }
  return median(times);
}

async function startMock(args: string[]): Promise<string> {
  return (await startStandalone(args)).url;
}

async function searchRps(base: string): Promise<{ rps: number; p99: number; non2xx: number; found: number }> {
  const RequestInfo = { ...RI, authToken: await login(base) };
  // The login is a write: a `--state` mock saves its state 200 ms later. Let that save pass before measuring.
  await new Promise((r) => setTimeout(r, 400));
  const body = JSON.stringify({ RequestInfo, MdmsCriteria: { tenantId: "pg", schemaCode: SEARCHED } });
  const probe = (await (await fetch(`${base}/mdms-v2/v2/_search`, { method: "POST", headers: json, body })).json()) as { mdms?: unknown[] };
  // Warm up (JIT, the index built on first use), then measure.
  await autocannon({ url: `${base}/mdms-v2/v2/_search`, method: "POST", headers: json, body, connections: CONNECTIONS, duration: 1 });
  const r = await autocannon({ url: `${base}/mdms-v2/v2/_search`, method: "POST", headers: json, body, connections: CONNECTIONS, duration: DURATION });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, found: probe.mdms?.length ?? -1 };
}

/** Sends a small search every 20 ms for `ms` from its own process (so the sender of a big body does not delay it); resolves with the longest wait. */
function probeFromAnotherProcess(url: string, body: string, ms: number): Promise<number> {
  const script = `
    const end = Date.now() + ${ms}; let worst = 0;
    (async () => {
      while (Date.now() < end) {
        const t = performance.now();
        await (await fetch(${JSON.stringify(url)}, { method: "POST", headers: { "content-type": "application/json" }, body: ${JSON.stringify(body)} })).arrayBuffer();
        worst = Math.max(worst, performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      process.stdout.write(String(worst));
    })();`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on("exit", () => resolve(Number(out))));
}

/**
 * One 5 MB create (300k keys in `data`) while another process sends a small search every 20 ms: how long the big
 * request takes and the longest a small search waited meanwhile.
 */
async function bigRequest(base: string): Promise<{ bigMs: number; bigStatus: number; worstSearchMs: number }> {
  const RequestInfo = { ...RI, authToken: await login(base) };
  await new Promise((r) => setTimeout(r, 400)); // the login's state save
  const data: Record<string, unknown> = { code: "BIG", name: "big" };
  for (let i = 0; i < 300_000; i++) data[`k${i}`] = "v";
  const bigBody = JSON.stringify({ RequestInfo, Mdms: { tenantId: "pg", schemaCode: "bench.S0", data } });
  const small = JSON.stringify({ RequestInfo, MdmsCriteria: { tenantId: "pg", schemaCode: SEARCHED } });
  const probe = probeFromAnotherProcess(`${base}/mdms-v2/v2/_search`, small, 3000);
  await new Promise((r) => setTimeout(r, 1000));
  const t = performance.now();
  // A fresh connection: undici may reuse a socket the server is about to close while a 4 MB body is in flight.
  const res = await fetch(`${base}/mdms-v2/v2/_create/bench.S0`, { method: "POST", headers: { ...json, connection: "close" }, body: bigBody });
  await res.arrayBuffer();
  const bigMs = performance.now() - t;
  return { bigMs, bigStatus: res.status, worstSearchMs: await probe };
}

async function main(): Promise<void> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm build first.`);
  const dir = mkdtempSync(join(tmpdir(), "digit-mock-scale-"));
  try {
    const empty = await loadEngine(0);
    const createEmptyMs = createLatency(empty.engine, empty.caller, 1_000_000);
    const loaded = await loadEngine(RECORDS);
    const stateFile = join(dir, "state.json");
    const s0 = performance.now();
    writeFileSync(stateFile, loaded.engine.state.serialize());
    // What a `--state` mock spends saving after a write to this store (debounced 200 ms), blocking meanwhile.
    const stateSaveMs = performance.now() - s0;
    const createLoadedMs = createLatency(loaded.engine, loaded.caller, 1_000_000);

    // The page alone: the 10 records the search returns, in the searched schema (bench.S17 is schema 17).
    const page = await loadEngine(10, 17);
    const pageFile = join(dir, "page.json");
    writeFileSync(pageFile, page.engine.state.serialize());

    const emptyRun = await searchRps(await startMock([]));
    const pageRun = await searchRps(await startMock(["--state", pageFile]));
    const loadedBase = await startMock(["--state", stateFile]);
    const loadedRun = await searchRps(loadedBase);
    const big = await bigRequest(loadedBase);

    const ratio = loadedRun.rps / pageRun.rps;
    recordResult({
      name: "mock-scale",
      value: ratio,
      unit: `x mdms search req/s without the ${RECORDS / 1000}k records (${SCHEMAS} schemas)`,
      target: ">= 0.7",
      pass: ratio >= 0.7 && loadedRun.non2xx + pageRun.non2xx + emptyRun.non2xx === 0 && loadedRun.found === 10 && pageRun.found === 10,
      details: {
        loadedSearchRps: loadedRun.rps,
        loadedSearchP99Ms: loadedRun.p99,
        pageOnlySearchRps: pageRun.rps,
        pageOnlySearchP99Ms: pageRun.p99,
        emptySearchRps: emptyRun.rps,
        vsNoRecords: loadedRun.rps / emptyRun.rps,
        non2xx: loadedRun.non2xx + pageRun.non2xx + emptyRun.non2xx,
        loadMsPerRecord: loaded.loadMs / RECORDS,
        createEmptyMs,
        createLoadedMs,
        stateSaveMs,
        bigCreateMs: big.bigMs,
        bigCreateStatus: big.bigStatus,
        worstConcurrentSearchMs: big.worstSearchMs,
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .catch((err: unknown) => {
    console.error(`mock-scale: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => process.exit()); // the exit hooks stop every child
