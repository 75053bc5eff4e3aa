/**
 * `digit apply` of the whole DIGIT default-data-handler fixture bundle (../shared/fixtures/digit, tenant pg)
 * into the standalone mock, both built (`pnpm build`). Value: wall-clock seconds of the apply process.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { recordResult } from "./lib/result.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = resolve(root, "../shared/fixtures/digit");
const cli = join(root, "packages/cli/dist/bin.js");
const mockBin = join(root, "packages/mock-server/dist/bin.js");

if (!existsSync(fixtures)) {
  console.log(`SKIP cli-apply: ${fixtures} is absent (the upstream fixtures live outside the repo).`);
  process.exit(0);
}
for (const f of [cli, mockBin]) {
  if (!existsSync(f)) {
    console.error(`cli-apply: ${f} is missing; run pnpm build first.`);
    process.exit(1);
  }
}

function startMock(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [mockBin, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(buffered);
      if (m) resolveStart({ child, url: m[1]! });
    });
    child.once("exit", (code) => reject(new Error(`mock exited early (${code}): ${buffered}`)));
  });
}

const { child, url } = await startMock();
try {
  const env = { ...process.env, CI: "true", DIGIT_URL: url, DIGIT_TENANT: "pg", DIGIT_USERNAME: "ADMIN", DIGIT_PASSWORD: "eGov@123" };
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, "apply", "-f", fixtures, "--tenant", "pg", "--yes", "--json"], {
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
  child.kill("SIGTERM");
}
