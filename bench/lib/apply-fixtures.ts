/**
 * `digit apply` of DIGIT's default data (../shared/fixtures/digit, tenant pg) into a freshly started built mock,
 * as the cli-apply benches measure it. The mock seeds four core schemas (tenant.tenants and access control) with
 * smaller definitions than DIGIT's default data; mdms-v2 cannot update a schema, so apply reports those four as
 * SCHEMA_UPDATE_NOT_SUPPORTED and exits 1. Any other failure is unexpected.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cliBin, fixtures, mockBin, requireBuilt, startMock } from "./mock.js";

export const EXPECTED_FAILURE = "SCHEMA_UPDATE_NOT_SUPPORTED";

export interface FixtureApply {
  /** Wall clock of the apply process, start to exit. */
  seconds: number;
  /** The apply phase alone, as `apply --json` reports it. */
  applySeconds: number;
  /** Records created or updated (every localization message counted). */
  written: number;
  failures: number;
  unexpected: { code?: string; message?: string }[];
  verified: boolean;
  exitCode: number;
}

/** Skips the bench (exit 0) without the fixtures, fails it without a build; else applies them once. */
export async function applyFixtures(bench: string, mockArgs: string[] = []): Promise<FixtureApply> {
  if (!existsSync(fixtures)) {
    console.log(`SKIP ${bench}: ${fixtures} is absent (the upstream fixtures live outside the repo).`);
    process.exit(0);
  }
  requireBuilt(bench, [cliBin, mockBin]);
  const mock = await startMock(mockArgs);
  try {
    const env = { ...process.env, CI: "true", DIGIT_URL: mock.url, DIGIT_TENANT: "pg", DIGIT_USERNAME: "ADMIN", DIGIT_PASSWORD: "eGov@123" };
    const t0 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [cliBin, "apply", "-f", fixtures, "--tenant", "pg", "--yes", "--json"], { env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const result: FixtureApply = { seconds, applySeconds: 0, written: 0, failures: -1, unexpected: [], verified: false, exitCode: run.status ?? -1 };
    try {
      const out = JSON.parse(run.stdout) as {
        phases?: { created: number; updated: number }[];
        failures?: { code?: string; message?: string }[];
        verification?: { ok: boolean };
        durationMs?: number;
      };
      result.written = (out.phases ?? []).reduce((n, p) => n + p.created + p.updated, 0);
      result.failures = out.failures?.length ?? -1;
      result.unexpected = (out.failures ?? []).filter((f) => f.code !== EXPECTED_FAILURE);
      result.verified = out.verification?.ok ?? false;
      result.applySeconds = (out.durationMs ?? 0) / 1000;
    } catch {
      console.error(`${bench}: apply printed no JSON: ${run.stderr.slice(0, 4000)}`);
    }
    if (result.unexpected.length > 0) console.error(`${bench}: unexpected apply failures: ${JSON.stringify(result.unexpected.slice(0, 5))}`);
    return result;
  } finally {
    await mock.stop();
  }
}

/** The apply went as expected: records written, and no failure but the expected schema updates. */
export const appliedAsExpected = (r: FixtureApply): boolean => r.written > 0 && r.failures >= 0 && r.unexpected.length === 0;
