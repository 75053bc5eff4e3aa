/**
 * mock-footprint: (1) RSS of a mock holding 10,000 MDMS records loaded through the mdms handlers (in a child
 * process; target < 150 MB); (2) time to ready of the standalone server: spawn the built bin, poll /health
 * (median of 3; target < 1 s). Needs `pnpm build` first.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { requireBuilt, root, startMock } from "./lib/mock.js";
import { median, recordResult } from "./lib/result.js";

const dist = join(root, "packages/mock-server/dist");
requireBuilt("mock-footprint");

// 20 masters x 500 records: realistic spread (the mdms handler scans one master per write).
const loader = `
const { createEngine } = await import(${JSON.stringify(pathToFileURL(join(dist, "index.js")).href)});
const e = createEngine({ options: { rbac: false } });
const caller = { token: "", user: { id: 0, uuid: "bench", userName: "bench", password: "", name: "bench", type: "SYSTEM", tenantId: "pg", active: true, roles: [{ code: "SUPERUSER", name: "Super User", tenantId: "pg" }], auditDetails: { createdBy: "bench", createdTime: 0, lastModifiedBy: "bench", lastModifiedTime: 0 } } };
const RI = { apiId: "bench" };
const t0 = performance.now();
let created = 0;
for (let s = 0; s < 20; s++) {
  const code = "bench.Master" + s;
  e.invoke("mdms.createSchema", { RequestInfo: RI, SchemaDefinition: { tenantId: "pg", code, description: code, isActive: true, definition: { type: "object", required: ["code", "name"], "x-unique": ["code"], properties: { code: { type: "string" }, name: { type: "string" }, active: { type: "boolean" }, order: { type: "number" } } } } }, { caller });
  for (let i = 0; i < 500; i++) {
    const r = e.invoke("mdms.create", { RequestInfo: RI, Mdms: { tenantId: "pg", schemaCode: code, data: { code: "C" + s + "_" + i, name: "Record number " + i + " of " + code, active: true, order: i }, isActive: true } }, { caller, params: { schemaCode: code }, transactional: false });
    if (r.status < 300) created++;
  }
}
const loadMs = performance.now() - t0;
globalThis.gc?.();
console.log(JSON.stringify({ created, loadMs, rss: process.memoryUsage().rss }));
`;
const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", loader], { cwd: root, encoding: "utf8", timeout: 300_000 });
if (run.status !== 0) throw new Error(`loader failed: ${run.stderr}`);
const mem = JSON.parse(run.stdout.trim().split("\n").pop()!) as { created: number; loadMs: number; rss: number };
if (mem.created !== 10_000) throw new Error(`only ${mem.created} of 10000 records were created`);
const rssMb = mem.rss / 1024 / 1024;
recordResult({ name: "mock-footprint-rss", value: rssMb, unit: "MB RSS with 10k MDMS records", target: "< 150", pass: rssMb < 150, details: { records: mem.created, loadMs: mem.loadMs } });

async function timeToReady(): Promise<number> {
  const started = performance.now();
  const mock = await startMock();
  try {
    for (;;) {
      try {
        if ((await fetch(`${mock.url}/health`)).status === 200) return performance.now() - started;
      } catch {
        /* retry */
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await mock.stop();
  }
}

const times: number[] = [];
for (let i = 0; i < 3; i++) times.push(await timeToReady());
const ready = median(times);
recordResult({ name: "mock-time-to-ready", value: ready, unit: "ms spawn to /health 200", target: "< 1000", pass: ready < 1000, details: { runs: times.map((t) => Math.round(t)).join("/") } });
