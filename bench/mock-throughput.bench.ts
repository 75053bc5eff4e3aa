/**
 * mock-throughput: requests/s of the standalone mock (built dist) on MDMS v2 `_search` and workflow
 * `_transition`, against a plain node:http fixed-reply server (the ceiling) and Prism mocking the canonical
 * MDMS spec. Value = our MDMS search req/s ÷ Prism's (target >= 5). Loopback only, 10 connections, 5 s per target.
 * Needs `pnpm build` first.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { applyTransitionBody, createBenchWorkflow, json, login, requestInfo, requireBuilt, root, startChild, startMock } from "./lib/mock.js";
import { recordResult } from "./lib/result.js";

const prismBin = join(root, "node_modules/.bin/prism");
const DURATION = 5;
const CONNECTIONS = 10;

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, init: RequestInit, ok: (status: number) => boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(url, init);
      await res.arrayBuffer();
      if (ok(res.status)) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

interface Run {
  rps: number;
  p99: number;
  non2xx: number;
}

async function load(opts: autocannon.Options): Promise<Run> {
  const r = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  requireBuilt("mock-throughput");
  if (!existsSync(prismBin)) throw new Error(`${prismBin} is missing: run pnpm install first.`);
  // 1. our standalone mock
  const mock = await startMock();
  const base = mock.url;
  const token = await login(base);
  const searchBody = JSON.stringify({ RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pg", schemaCode: "ACCESSCONTROL-ROLES.roles", limit: 10, offset: 0 } });
  const ours = await load({ url: `${base}/mdms-v2/v2/_search`, method: "POST", headers: json, body: searchBody });

  await createBenchWorkflow(base, token, "BENCH");
  let n = 0;
  const transitions = await load({
    url: base,
    requests: [
      {
        method: "POST",
        path: "/egov-workflow-v2/egov-wf/process/_transition",
        headers: json,
        // A fresh businessId per request: every call is a valid APPLY from the start state.
        setupRequest: (req) => ({ ...req, body: applyTransitionBody(token, "BENCH", `B-${++n}`) }),
      },
    ],
  });

  // 2. ceiling: node:http with a fixed reply of similar size
  const ceilingPort = await freePort();
  const reply = JSON.stringify({ ResponseInfo: { status: "successful" }, mdms: [] });
  await startChild(process.execPath, ["-e", `require("http").createServer((q,s)=>{q.resume();q.on("end",()=>{s.writeHead(200,{"content-type":"application/json"});s.end(${JSON.stringify(reply)})})}).listen(${ceilingPort},"127.0.0.1",()=>console.log("up"))`], /up/);
  const ceiling = await load({ url: `http://127.0.0.1:${ceilingPort}/mdms-v2/v2/_search`, method: "POST", headers: json, body: searchBody });

  // 3. Prism on the canonical MDMS spec, default settings
  const prismPort = await freePort();
  await startChild(prismBin, ["mock", join(root, "specs/canonical/mdms.yaml"), "-p", String(prismPort)], /Prism is listening|listening/i);
  const prismUrl = `http://127.0.0.1:${prismPort}/mdms-v2/v2/_search`;
  await waitFor(prismUrl, { method: "POST", headers: json, body: searchBody }, (s) => s < 500);
  const prism = await load({ url: prismUrl, method: "POST", headers: json, body: searchBody });

  const ratio = ours.rps / prism.rps;
  recordResult({
    name: "mock-throughput",
    value: ratio,
    unit: "x Prism (mdms search req/s)",
    target: ">= 5",
    pass: ratio >= 5,
    details: {
      mdmsSearchRps: ours.rps,
      mdmsSearchP99Ms: ours.p99,
      mdmsSearchNon2xx: ours.non2xx,
      transitionRps: transitions.rps,
      transitionP99Ms: transitions.p99,
      transitionNon2xx: transitions.non2xx,
      ceilingRps: ceiling.rps,
      ceilingP99Ms: ceiling.p99,
      prismRps: prism.rps,
      prismP99Ms: prism.p99,
      prismNon2xx: prism.non2xx,
      ofCeiling: ours.rps / ceiling.rps,
    },
  });
}

main()
  .catch((err: unknown) => {
    console.error(`mock-throughput: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
