/**
 * `digit apply` of the whole DIGIT default-data-handler fixture bundle (../shared/fixtures/digit, tenant pg)
 * into the standalone mock, both built (`pnpm build`). Value: wall-clock seconds of the apply process.
 */
import { appliedAsExpected, applyFixtures } from "./lib/apply-fixtures.js";
import { recordResult } from "./lib/result.js";

const r = await applyFixtures("cli-apply");
recordResult({
  name: "cli-apply",
  value: r.seconds,
  unit: "s",
  target: "< 10",
  pass: appliedAsExpected(r) && r.seconds < 10,
  details: { recordsWritten: r.written, recordsPerSecond: r.written / r.seconds, failures: r.failures, exitCode: r.exitCode },
});
