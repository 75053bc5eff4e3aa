/**
 * sdk-overhead: median time per call of the SDK's `mdms.search` against the same raw `fetch` POST, both
 * hitting one local node:http server that answers an MDMS search. Interleaved batches after a warm-up, so
 * drift on a noisy machine hits both sides alike. Value = SDK median / fetch median.
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

/** The same POST through ky alone, configured as the SDK configures it. */
async function viaKy(): Promise<void> {
  const ts = Date.now();
  const res = await ky(`${baseUrl}/mdms-v2/v2/_search`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ ...body, RequestInfo: { apiId: "digit-kit", ver: ".01", ts, authToken: "bench-token" } }),
    retry: 0,
    throwHttpErrors: false,
    timeout: 30_000,
  });
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
for (let done = 0; done < CALLS; done += BATCH) {
  // alternate which side goes first in each batch pair
  if ((done / BATCH) % 2 === 0) {
    await timeEach(viaSdk, BATCH, sdk);
    await timeEach(viaFetch, BATCH, raw);
    await timeEach(viaKy, BATCH / 2, kyOnly);
  } else {
    await timeEach(viaKy, BATCH / 2, kyOnly);
    await timeEach(viaFetch, BATCH, raw);
    await timeEach(viaSdk, BATCH, sdk);
  }
}
server.close();

const sdkMs = median(sdk);
const fetchMs = median(raw);
const ratio = sdkMs / fetchMs;
recordResult({
  name: "sdk-overhead",
  value: ratio,
  unit: "x raw fetch (median per call)",
  target: "<= 1.10",
  pass: ratio <= 1.1,
  details: {
    sdkMedianMs: sdkMs,
    fetchMedianMs: fetchMs,
    kyMedianMs: median(kyOnly),
    overheadUs: (sdkMs - fetchMs) * 1000,
    kyShareUs: (median(kyOnly) - fetchMs) * 1000,
    calls: CALLS,
  },
});
