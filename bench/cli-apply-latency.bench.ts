/**
 * `digit apply` of the DIGIT default-data-handler fixture bundle (../shared/fixtures/digit, tenant pg) into the
 * standalone mock started with `--latency 20` (20 ms added to every request, like a real network), both built
 * (`pnpm build`). Value: records written per second of the apply process's wall clock (created + updated, every
 * localization message counted); target >= 700 records/s. Prints the measured ratio to the target.
 */
import { appliedAsExpected, applyFixtures } from "./lib/apply-fixtures.js";
import { recordResult } from "./lib/result.js";

const TARGET = 700;
const LATENCY_MS = 20;

const r = await applyFixtures("cli-apply-latency", ["--no-internal", "--latency", String(LATENCY_MS)]);
const rate = r.written / r.seconds;
recordResult({
  name: "cli-apply-latency",
  value: rate,
  unit: "records/s",
  target: `>= ${TARGET}`,
  pass: appliedAsExpected(r) && rate >= TARGET,
  details: { ratioToTarget: rate / TARGET, recordsWritten: r.written, seconds: r.seconds, applySeconds: r.applySeconds, latencyMs: LATENCY_MS, failures: r.failures, exitCode: r.exitCode },
});
