#!/usr/bin/env node
/**
 * `pnpm smoke:runtimes` (after `pnpm build`): the SDK's ESM build on Deno and Bun (fetched from the npm registry
 * with `npx -y deno` / `npx -y bun`), against the standalone mock started here on Node. Deno runs with network
 * access to the loopback and read access to the project only, so a Node built-in or an environment read in the
 * SDK's runtime path fails the smoke. `SMOKE_RUNTIMES=deno,bun` (the default) picks the runtimes.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const runtimes = (process.env.SMOKE_RUNTIMES ?? "deno,bun").split(",").map((r) => r.trim()).filter(Boolean);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const script = "scripts/smoke/sdk-client.mjs";
const commands = {
  deno: (url) => ["-y", "deno", "run", "--allow-net=127.0.0.1", "--allow-read=.", script, url],
  bun: (url) => ["-y", "bun", script, url],
};

// execFile, not spawnSync: the mock answers from this process's event loop.
function run(args) {
  const started = Date.now();
  return new Promise((resolve) =>
    execFile(npx, args, { cwd: root, env: { ...process.env, CI: "true" }, timeout: 300_000 }, (err, stdout, stderr) =>
      resolve({ ok: !err, stdout: stdout.trim(), stderr: stderr.trim(), seconds: Math.round((Date.now() - started) / 100) / 10 }),
    ),
  );
}

const { createMockServer } = await import(pathToFileURL(join(root, "packages/mock-server/dist/index.js")).href);
const server = await createMockServer({ port: 0 });
let failed = 0;
try {
  for (const runtime of runtimes) {
    const command = commands[runtime];
    if (!command) {
      console.error(`unknown runtime "${runtime}" in SMOKE_RUNTIMES (known: ${Object.keys(commands).join(", ")})`);
      failed++;
      continue;
    }
    const r = await run(command(server.url));
    if (!r.ok) failed++;
    console.log(`${r.ok ? "PASS" : "FAIL"} ${runtime}: sdk ${r.stdout || r.stderr.slice(-600)} (${r.seconds} s)`);
  }
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
