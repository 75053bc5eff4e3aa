/**
 * CLI cold start: `digit --version` and `digit plan --help` against a bare `node -e 0`, spawned ~20 times each,
 * interleaved so machine noise hits all three alike. Value: median(--version) / median(node -e 0).
 * Needs `pnpm build` (runs packages/cli/dist/bin.js).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, recordResult } from "./lib/result.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "packages/cli/dist/bin.js");
if (!existsSync(bin)) {
  console.error(`cli-cold-start: ${bin} is missing; run pnpm build first.`);
  process.exit(1);
}

const RUNS = 20;
const cases = {
  baseline: ["-e", "0"],
  version: [bin, "--version"],
  planHelp: [bin, "plan", "--help"],
} as const;
const times: Record<keyof typeof cases, number[]> = { baseline: [], version: [], planHelp: [] };

function run(args: readonly string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

for (const key of Object.keys(cases) as (keyof typeof cases)[]) run(cases[key]); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const key of Object.keys(cases) as (keyof typeof cases)[]) times[key].push(run(cases[key]));
}

const base = median(times.baseline);
const version = median(times.version);
const planHelp = median(times.planHelp);
const ratio = version / base;
recordResult({
  name: "cli-cold-start",
  value: ratio,
  unit: "x node -e 0",
  target: "<= 1.5",
  pass: ratio <= 1.5 && planHelp / base <= 1.5,
  details: {
    runs: RUNS,
    nodeMedianMs: base,
    versionMedianMs: version,
    planHelpMedianMs: planHelp,
    planHelpRatio: planHelp / base,
  },
});
