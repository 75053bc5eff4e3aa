#!/usr/bin/env node
/**
 * Browser smoke test: the SDK in headless Chromium against the standalone mock on another origin.
 *
 *   pnpm build && node scripts/smoke/browser.mjs [--source] [--keep]
 *
 * 1. bundles scripts/smoke/browser-app.js with esbuild for `platform: "browser"` (ESM, code splitting, so the
 *    SDK's lazy chunks load as separate files), importing `@digit-kit/sdk` from its built dist, or with
 *    `--source` from src/ via the `@digit-kit/source` export condition; a Node built-in anywhere in the SDK
 *    fails this bundle;
 * 2. starts the standalone mock (`createMockServer` from packages/mock-server/dist, port 0, CORS on), a second
 *    mock with `cors: false`, and a static node:http page server on another port (another origin);
 * 3. runs headless Chromium on the page; the page logs in, searches MDMS (also with `validate: true`),
 *    triggers a DIGIT error, uploads a Blob to filestore and reads it back, and checks that a mock without
 *    CORS surfaces as `DigitConnectionError`; it POSTs its result to the page server;
 * 4. prints that JSON result; exit code 0 when every step passed, 1 otherwise.
 *
 * Chromium: `CHROMIUM=/path/to/chrome`, else `chromium`, `chromium-browser`, `google-chrome` on PATH
 * (Debian: `apt-get install -y chromium`). `--keep` leaves the bundle directory in place and prints it.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const args = new Set(process.argv.slice(2));
const fromSource = args.has("--source");
const keep = args.has("--keep");
const TIMEOUT_MS = 60_000;

function fail(message) {
  console.error(`browser smoke: ${message}`);
  process.exit(1);
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {
      // not on PATH
    }
  }
  return fail("no Chromium found; install one (Debian: apt-get install -y chromium) or set CHROMIUM=/path");
}

const chromium = findChromium();
const chromiumVersion = execFileSync(chromium, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

const sdkDist = join(root, "packages/sdk/dist/index.js");
const mockDist = join(root, "packages/mock-server/dist/index.js");
if (!existsSync(mockDist)) fail("packages/mock-server/dist is missing; run `pnpm build` first");
if (!fromSource && !existsSync(sdkDist)) fail("packages/sdk/dist is missing; run `pnpm build` first (or pass --source)");

// 1. Bundle the page for the browser.
const outdir = mkdtempSync(join(tmpdir(), "digit-browser-smoke-"));
const bundle = await build({
  entryPoints: { app: join(root, "scripts/smoke/browser-app.js") },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  outdir,
  metafile: true,
  logLevel: "error",
  logOverride: { "ignored-bare-import": "silent" },
  ...(fromSource
    ? { conditions: ["@digit-kit/source"], alias: { "@digit-kit/sdk": join(root, "packages/sdk/src/index.ts") } }
    : { alias: { "@digit-kit/sdk": sdkDist } }),
}).catch((err) => fail(`esbuild could not bundle the SDK for the browser:\n${err.message}`));
const chunks = Object.keys(bundle.metafile.outputs).filter((f) => f.endsWith(".js")).length;
const html = `<!doctype html><html><head><meta charset="utf-8"><title>DIGIT SDK browser smoke</title></head>
<body><script type="module" src="/app.js"></script></body></html>`;

// 2. Mocks (CORS on / off) and the page server on another origin.
const { createMockServer } = await import(pathToFileURL(mockDist).href);
const mock = await createMockServer({ port: 0 });
const mockNoCors = await createMockServer({ port: 0, cors: false });

let resolveResult;
const resultPosted = new Promise((resolve) => (resolveResult = resolve));
const types = { ".js": "text/javascript; charset=utf-8", ".map": "application/json" };
const pages = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://page");
  if (req.method === "POST" && url.pathname === "/__result") {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(204).end();
      resolveResult(Buffer.concat(chunks).toString("utf8"));
    });
    return;
  }
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    return;
  }
  const file = join(outdir, normalize(url.pathname).replace(/^([/\\])+/, ""));
  if (!file.startsWith(outdir) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
});
await new Promise((resolve) => pages.listen(0, "127.0.0.1", resolve));
const pageUrl = `http://localhost:${pages.address().port}/?mock=${encodeURIComponent(mock.url)}&mockNoCors=${encodeURIComponent(mockNoCors.url)}`;

// 3. Headless Chromium.
const profile = mkdtempSync(join(tmpdir(), "digit-browser-smoke-profile-"));
const browser = spawn(
  chromium,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    `--user-data-dir=${profile}`,
    "--remote-debugging-port=0", // keeps the new headless mode running until we stop it
    pageUrl,
  ],
  { stdio: ["ignore", "ignore", "pipe"] },
);
let browserLog = "";
browser.stderr.on("data", (d) => (browserLog = (browserLog + d).slice(-4000)));
const browserExited = new Promise((resolve) => browser.once("exit", (code, signal) => resolve({ code, signal })));

let timer;
const outcome = await Promise.race([
  resultPosted.then((text) => ({ text })),
  browserExited.then((exit) => ({ exit })),
  new Promise((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), TIMEOUT_MS))),
]);
clearTimeout(timer);

// 4. Stop everything we started, then report.
if (browser.exitCode === null) {
  browser.kill("SIGTERM");
  await Promise.race([browserExited, new Promise((r) => setTimeout(r, 5000))]);
  if (browser.exitCode === null && browser.signalCode === null) browser.kill("SIGKILL");
}
await Promise.all([mock.close(), mockNoCors.close(), new Promise((r) => pages.close(r))]);
rmSync(profile, { recursive: true, force: true });
if (keep) console.error(`bundle kept in ${outdir}`);
else rmSync(outdir, { recursive: true, force: true });

if (!outcome.text) {
  const why = outcome.timeout ? `no result within ${TIMEOUT_MS / 1000} s` : `Chromium exited (${JSON.stringify(outcome.exit)}) before the page reported`;
  console.error(`browser smoke: ${why}. Chromium's last output:\n${browserLog}`);
  process.exit(1);
}
const page = JSON.parse(outcome.text);
const result = { chromium: chromiumVersion, sdk: fromSource ? "source" : "dist", chunks, ...page };
console.log(JSON.stringify(result, null, 2));
const width = Math.max(...page.steps.map((s) => s.step.length));
for (const s of page.steps) console.error(`${s.ok ? "ok  " : "FAIL"}  ${s.step.padEnd(width)}  ${String(s.ms).padStart(4)} ms${s.ok ? "" : `  ${s.error}`}`);
console.error(`${page.ok ? "PASS" : "FAIL"}  ${chromiumVersion}, SDK from ${result.sdk}, ${chunks} chunks`);
process.exit(page.ok ? 0 : 1);
