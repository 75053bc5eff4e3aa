#!/usr/bin/env node
/**
 * Smoke test of the BUILT packages on the running Node version: starts the standalone mock from
 * packages/mock-server/dist, then logs in and searches MDMS through the SDK's ESM build and its CJS build.
 * Prints one JSON line; exit code 0 when every step passed. Run by scripts/smoke/node-versions.mjs.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = (pkg, file) => pathToFileURL(join(root, "packages", pkg, "dist", file)).href;
const { createMockServer, DEFAULT_CREDENTIALS } = await import(dist("mock-server", "index.js"));
const esm = await import(dist("sdk", "index.js"));
const cjs = createRequire(import.meta.url)(join(root, "packages/sdk/dist/index.cjs"));

const server = await createMockServer({ port: 0 });
const steps = {};
try {
  for (const [name, sdk] of [["esm", esm], ["cjs", cjs]]) {
    const digit = sdk.createDigitClient({ baseUrl: server.url, tenantId: DEFAULT_CREDENTIALS.tenantId, auth: { credentials: { ...DEFAULT_CREDENTIALS } } });
    const found = await digit.mdms.search({ MdmsCriteria: { tenantId: DEFAULT_CREDENTIALS.tenantId, schemaCode: "tenant.tenants" } });
    steps[`${name}LoginSearch`] = Array.isArray(found.mdms) && found.mdms.length > 0;
    try {
      await digit.mdms.search({ MdmsCriteria: "not-an-object" });
      steps[`${name}TypedError`] = false;
    } catch (err) {
      steps[`${name}TypedError`] = err instanceof sdk.DigitApiError;
    }
  }
} finally {
  await server.close();
}
const ok = Object.values(steps).every(Boolean);
console.log(JSON.stringify({ node: process.version, ok, steps }));
process.exit(ok ? 0 : 1);
