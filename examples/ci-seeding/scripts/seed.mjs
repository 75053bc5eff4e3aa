#!/usr/bin/env node
/**
 * `pnpm seed` (also `pnpm test`): what the CI job does, on your machine.
 *
 * 1. Start the DIGIT mock (`digit mock start --port 0 --json`) unless DIGIT_URL names a DIGIT already.
 * 2. `digit plan`   — exit 2 on a fresh mock: changes pending.
 * 3. `digit apply --yes --json` — seed it.
 * 4. `digit plan`   — must exit 0: the tenant matches the bundle (anything else fails the job: drift).
 * 5. Stop the mock it started.
 *
 * Environment: DIGIT_URL, DIGIT_TENANT, DIGIT_USERNAME, DIGIT_PASSWORD (defaults: the mock's documented ADMIN /
 * eGov@123 at pg), SEED_USER_PASSWORD (the bundle's ${env:…} reference; a throwaway default on the mock only),
 * BUNDLE (default ./bundle).
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// The `digit` binary of the installed @digit-kit/cli (what `npx digit` runs).
const cliPackage = require.resolve("@digit-kit/cli/package.json");
const digitBin = join(dirname(cliPackage), require(cliPackage).bin.digit);
const bundle = resolve(here, "..", process.env.BUNDLE ?? "bundle");

function startMock() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [digitBin, "mock", "start", "--port", "0", "--json"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error("the mock did not start within 60 s")), 60_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      try {
        const { url } = JSON.parse(out);
        clearTimeout(timer);
        resolvePromise({ child, url });
      } catch {
        // not the whole JSON yet
      }
    });
    child.on("exit", (code) => reject(new Error(`the mock exited with ${code}`)));
  });
}

const mock = process.env.DIGIT_URL ? undefined : await startMock();
const env = {
  ...process.env,
  CI: "true",
  DIGIT_URL: process.env.DIGIT_URL ?? mock.url,
  DIGIT_TENANT: process.env.DIGIT_TENANT ?? "pg",
  DIGIT_USERNAME: process.env.DIGIT_USERNAME ?? "ADMIN",
  DIGIT_PASSWORD: process.env.DIGIT_PASSWORD ?? (mock ? "eGov@123" : ""),
  SEED_USER_PASSWORD: process.env.SEED_USER_PASSWORD ?? (mock ? "Tanker@123" : ""),
};
if (!mock && (!env.DIGIT_PASSWORD || !env.SEED_USER_PASSWORD)) {
  console.error("seed: against a real DIGIT, set DIGIT_PASSWORD and SEED_USER_PASSWORD");
  process.exit(1);
}
console.log(`seed: DIGIT at ${env.DIGIT_URL}${mock ? " (the mock, started here)" : ""}, bundle ${bundle}`);

const digit = (...args) => {
  const { status } = spawnSync(process.execPath, [digitBin, ...args], { env, stdio: ["ignore", "inherit", "inherit"] });
  return status;
};

let failure;
try {
  const before = digit("plan", "-f", bundle);
  if (before !== 0 && before !== 2) throw new Error(`plan before apply exited ${before}`);
  if (digit("apply", "-f", bundle, "--yes") !== 0) throw new Error("apply failed");
  const after = digit("plan", "-f", bundle);
  if (after !== 0) throw new Error(`plan after apply exited ${after} (2: the DIGIT does not match the bundle)`);
} catch (e) {
  failure = e;
} finally {
  mock?.child.kill("SIGTERM");
}
if (failure) {
  console.error(`seed: FAILED: ${failure.message}`);
  process.exitCode = 1;
} else {
  console.log("seed: applied, and plan reports no changes");
}
