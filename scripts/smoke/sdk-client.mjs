/**
 * The SDK's ESM build against a running mock, with no Node built-ins: the script Deno and Bun run
 * (scripts/smoke/runtimes.mjs). Usage: <runtime> sdk-client.mjs <mock url>. Prints one JSON line; exit 0 when
 * login, a typed search and a typed error all worked.
 */
const [url] = (globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2));
const sdk = await import(new URL("../../packages/sdk/dist/index.js", import.meta.url).href);
const credentials = { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" };
const digit = sdk.createDigitClient({ baseUrl: url, tenantId: "pg", auth: { credentials } });
const steps = {};
const found = await digit.mdms.search({ MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
steps.loginSearch = Array.isArray(found.mdms) && found.mdms.length > 0;
try {
  await digit.mdms.search({ MdmsCriteria: "not-an-object" });
  steps.typedError = false;
} catch (err) {
  steps.typedError = err instanceof sdk.DigitApiError && err.errors.length > 0;
}
const ok = Object.values(steps).every(Boolean);
console.log(JSON.stringify({ ok, steps }));
if (!ok) throw new Error("SDK smoke failed");
