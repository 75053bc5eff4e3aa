/**
 * `pnpm bench`: runs every bench/*.bench.ts in its own process, one after another (the machines are small
 * and noisy; parallel runs would distort each other). Packages must be built first (`pnpm build`).
 * Pass names to run a subset: `pnpm bench sdk-overhead mock-throughput`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, "")))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, file)], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
if (files.length === 0) console.log("no benchmarks matched");
process.exit(failed ? 1 : 0);
