/**
 * `digit apply` of the whole DIGIT default-data-handler fixture bundle (../shared/fixtures/digit, tenant pg)
 * into the standalone mock, both built (`pnpm build`). Value: wall-clock seconds of the apply process.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cliBin, fixtures, mockBin, requireBuilt, startMock } from "./lib/mock.js";
import { recordResult } from "./lib/result.js";

if (!existsSync(fixtures)) {
  console.log(`SKIP cli-apply: ${fixtures} is absent (the upstream fixtures live outside the repo).`);
  process.exit(0);
}
requireBuilt("cli-apply", [cliBin, mockBin]);

const mock = await startMock();
const url = mock.url;
try {
  const env = { ...process.env, CI: "true", DIGIT_URL: url, DIGIT_TENANT: "pg", DIGIT_USERNAME: "ADMIN", DIGIT_PASSWORD: "eGov@123" };
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cliBin, "apply", "-f", fixtures, "--tenant", "pg", "--yes", "--json"], {
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let written = 0;
  let failures = -1;
  let verified = false;
  try {
    const out = JSON.parse(run.stdout) as {
      phases?: { created: number; updated: number }[];
      failures?: unknown[];
      verification?: { ok: boolean };
    };
    written = (out.phases ?? []).reduce((n, p) => n + p.created + p.updated, 0);
    failures = out.failures?.length ?? -1;
    verified = out.verification?.ok ?? false;
  } catch {
    console.error(run.stderr.slice(0, 4000));
  }
  if (run.status !== 0) console.error(`apply exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  recordResult({
    name: "cli-apply",
    value: seconds,
    unit: "s",
    target: "< 10",
    pass: run.status === 0 && seconds < 10,
    details: { recordsWritten: written, recordsPerSecond: written / seconds, failures, verified: String(verified), exitCode: run.status ?? -1 },
  });
} finally {
  await mock.stop();
}
