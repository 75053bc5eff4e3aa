#!/usr/bin/env node
/**
 * `pnpm smoke:node` (after `pnpm build`): the built packages on the Node majors users run beyond the one CI
 * uses, fetched from the npm registry with `npx -y node@<major>`: `digit demo --json` (the CLI provisioning the
 * demo bundle on its embedded mock) and an SDK login and search against the standalone mock, ESM and CJS.
 * `SMOKE_NODE_VERSIONS=22,24` (the default) picks the majors.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const majors = (process.env.SMOKE_NODE_VERSIONS ?? "22,24").split(",").map((v) => v.trim()).filter(Boolean);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function onNode(major, args) {
  const started = Date.now();
  const run = spawnSync(npx, ["-y", `node@${major}`, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" }, maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout ?? "", stderr: run.stderr ?? "", seconds: Math.round((Date.now() - started) / 100) / 10 };
}

let failed = 0;
for (const major of majors) {
  const version = onNode(major, ["--version"]);
  if (version.status !== 0) {
    console.error(`node@${major}: could not run (${version.stderr.trim().split("\n").pop()})`);
    failed++;
    continue;
  }
  const sdk = onNode(major, ["scripts/smoke/sdk-mock.mjs"]);
  const demo = onNode(major, ["packages/cli/dist/bin.js", "demo", "--json"]);
  let demoOk = demo.status === 0;
  try {
    JSON.parse(demo.stdout);
  } catch {
    demoOk = false;
  }
  const ok = sdk.status === 0 && demoOk;
  if (!ok) failed++;
  console.log(`${ok ? "PASS" : "FAIL"} node ${version.stdout.trim()}: sdk ${sdk.stdout.trim() || sdk.stderr.trim().slice(-400)} (${sdk.seconds} s); digit demo --json exit ${demo.status} (${demo.seconds} s)`);
  if (!demoOk) console.log(demo.stderr.slice(-2000));
}
process.exit(failed ? 1 : 0);
