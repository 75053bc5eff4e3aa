/**
 * sdk-overhead: median time per call of the SDK's `mdms.search` against the same POST sent by ky alone,
 * configured as the SDK configures it (ky is the SDK's chosen HTTP layer, ADR 0003), all hitting one local
 * node:http server that answers an MDMS search. Interleaved batches after a warm-up, so drift on a noisy machine
 * hits every side alike. Value = SDK median / ky median: what the SDK's own code adds. Details: the ratio to a
 * raw `fetch` (ky's own cost included) and the absolute microseconds added.
 * Needs a build: `pnpm --filter @digit-kit/sdk build`.
 */
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { createDigitClient as CreateDigitClient } from "../packages/sdk/src/index.js";
import { median, recordResult } from "./lib/result.js";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "packages/sdk/dist/index.js");
if (!existsSync(dist)) {
  console.error("sdk-overhead: packages/sdk/dist is missing; run `pnpm --filter @digit-kit/sdk build` first");
  process.exit(1);
}
const { createDigitClient } = (await import(pathToFileURL(dist).href)) as { createDigitClient: typeof CreateDigitClient };
// ky as the SDK resolves it, to split the overhead between ky and the SDK's own code.
type Ky = (url: string, options: Record<string, unknown>) => Promise<Response>;
const { default: ky } = (await import(pathToFileURL(join(dirname(dist), "..", "node_modules/ky/distribution/index.js")).href)) as {
  default: Ky;
};

const CALLS = 2000;
const BATCH = 100;
const WARMUP = 300;

const answer = JSON.stringify({
  ResponseInfo: { apiId: "digit-kit", ver: ".01", ts: 0, resMsgId: "r", msgId: "m", status: "successful" },
  mdms: Array.from({ length: 5 }, (_, i) => ({
    id: `id-${i}`,
    tenantId: "pb",
    schemaCode: "common-masters.Department",
    uniqueIdentifier: `DEPT_${i}`,
    data: { code: `DEPT_${i}`, name: `Department ${i}`, active: true },
    isActive: true,
  })),
});
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(answer);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const digit = createDigitClient({ baseUrl, tenantId: "pb", auth: { token: "bench-token" } });
const body = { MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department", limit: 100 } };

async function viaSdk(): Promise<void> {
  await digit.mdms.search(body);
}

async function viaFetch(): Promise<void> {
  const ts = Date.now();
  const res = await fetch(`${baseUrl}/mdms-v2/v2/_search`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      ...body,
      RequestInfo: { apiId: "digit-kit", ver: ".01", ts, action: "_search", msgId: `${ts}|en_IN`, authToken: "bench-token" },
    }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  await res.json();
}

/** The same POST through ky alone, configured as the SDK configures it (core/request.ts). */
async function viaKy(): Promise<void> {
  const ts = Date.now();
  const res = await ky(`${baseUrl}/mdms-v2/v2/_search`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      ...body,
      RequestInfo: { apiId: "digit-kit", ver: ".01", ts, action: "_search", msgId: `${ts}|en_IN`, authToken: "bench-token" },
    }),
    retry: 0,
    throwHttpErrors: false,
    timeout: 30_000,
    redirect: "follow",
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  JSON.parse(await res.text());
}

async function timeEach(fn: () => Promise<void>, n: number, into: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    into.push(performance.now() - start);
  }
}

await timeEach(viaSdk, WARMUP, []);
await timeEach(viaFetch, WARMUP, []);
await timeEach(viaKy, WARMUP, []);
const sdk: number[] = [];
const raw: number[] = [];
const kyOnly: number[] = [];
const sides: [() => Promise<void>, number[]][] = [
  [viaSdk, sdk],
  [viaKy, kyOnly],
  [viaFetch, raw],
];
for (let done = 0, round = 0; done < CALLS; done += BATCH, round++) {
  // rotate which side goes first in each round
  for (let i = 0; i < sides.length; i++) {
    const [fn, into] = sides[(i + round) % sides.length]!;
    await timeEach(fn, BATCH, into);
  }
}
server.close();

const sdkMs = median(sdk);
const kyMs = median(kyOnly);
const fetchMs = median(raw);
const ratio = sdkMs / kyMs;
recordResult({
  name: "sdk-overhead",
  value: ratio,
  unit: "x ky alone (median per call)",
  target: "<= 1.10",
  pass: ratio <= 1.1,
  details: {
    sdkMedianMs: sdkMs,
    kyMedianMs: kyMs,
    fetchMedianMs: fetchMs,
    sdkOverKyUs: (sdkMs - kyMs) * 1000,
    sdkOverFetchRatio: sdkMs / fetchMs,
    sdkOverFetchUs: (sdkMs - fetchMs) * 1000,
    kyOverFetchUs: (kyMs - fetchMs) * 1000,
    calls: CALLS,
  },
});
