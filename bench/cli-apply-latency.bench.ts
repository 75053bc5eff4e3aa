/**
 * `digit apply` of the DIGIT default-data-handler fixture bundle (../shared/fixtures/digit, tenant pg) into the
 * standalone mock started with `--latency 20` (20 ms added to every request, like a real network), both built
 * (`pnpm build`). Value: records written per second of the apply process's wall clock (created + updated, every
 * localization message counted); target >= 700 records/s. Prints the measured ratio to the target.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cliBin, fixtures, mockBin, requireBuilt, startMock } from "./lib/mock.js";
import { recordResult } from "./lib/result.js";

const TARGET = 700;
const LATENCY_MS = 20;

if (!existsSync(fixtures)) {
  console.log(`SKIP cli-apply-latency: ${fixtures} is absent (the upstream fixtures live outside the repo).`);
  process.exit(0);
}
requireBuilt("cli-apply-latency", [cliBin, mockBin]);

const mock = await startMock(["--no-internal", "--latency", String(LATENCY_MS)]);
const url = mock.url;
try {
  const env = { ...process.env, CI: "true", DIGIT_URL: url, DIGIT_TENANT: "pg", DIGIT_USERNAME: "ADMIN", DIGIT_PASSWORD: "eGov@123" };
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cliBin, "apply", "-f", fixtures, "--tenant", "pg", "--yes", "--json"], { env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let written = 0;
  let failures: { code?: string }[] = [];
  let applyMs = 0;
  try {
    const out = JSON.parse(run.stdout) as { phases?: { created: number; updated: number }[]; failures?: { code?: string }[]; durationMs?: number };
    written = (out.phases ?? []).reduce((n, p) => n + p.created + p.updated, 0);
    failures = out.failures ?? [];
    applyMs = out.durationMs ?? 0;
  } catch {
    console.error(run.stderr.slice(0, 4000));
  }
  // The mock seeds four schemas smaller than DIGIT's default data; DIGIT cannot update a schema, so apply reports
  // them (SCHEMA_UPDATE_NOT_SUPPORTED) and exits 1. Any other failure fails the bench.
  const unexpected = failures.filter((f) => f.code !== "SCHEMA_UPDATE_NOT_SUPPORTED");
  if (unexpected.length > 0) console.error(`apply failures: ${JSON.stringify(unexpected.slice(0, 5))}`);
  const rate = written / seconds;
  recordResult({
    name: "cli-apply-latency",
    value: rate,
    unit: "records/s",
    target: `>= ${TARGET}`,
    pass: written > 0 && unexpected.length === 0 && rate >= TARGET,
    details: { ratioToTarget: rate / TARGET, recordsWritten: written, seconds, applySeconds: applyMs / 1000, latencyMs: LATENCY_MS, failures: failures.length, exitCode: run.status ?? -1 },
  });
} finally {
  await mock.stop();
}
