/* global document, location */
/**
 * The page scripts/smoke/browser.mjs bundles for Chromium: real SDK calls from a browser origin to the
 * standalone mock on another origin. Each step records ok/detail; the result goes into the DOM
 * (`<pre id="result">`) and is POSTed back to the page server at `/__result`.
 */
import { createDigitClient, DigitConnectionError, DigitValidationError } from "@digit-kit/sdk";

const params = new URLSearchParams(location.search);
const baseUrl = params.get("mock");
const noCorsUrl = params.get("mockNoCors");
const steps = [];

async function step(name, fn) {
  const started = performance.now();
  try {
    const detail = await fn();
    steps.push({ step: name, ok: true, ms: Math.round(performance.now() - started), detail });
  } catch (err) {
    steps.push({ step: name, ok: false, ms: Math.round(performance.now() - started), error: `${err?.name}: ${err?.message}` });
  }
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function run() {
  const digit = createDigitClient({ baseUrl, tenantId: "pg", retry: false });

  await step("login", async () => {
    const session = await digit.auth.login({ username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" });
    check(typeof session.accessToken === "string" && session.accessToken.length > 0, "no access token in the session");
    return { userName: session.user?.userName, roles: session.user?.roles?.map((r) => r.code) };
  });

  await step("mdms.search", async () => {
    const { mdms } = await digit.mdms.search({ MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants", limit: 10 } });
    check(Array.isArray(mdms) && mdms.length > 0, "no tenant.tenants records");
    return { records: mdms.length, codes: mdms.map((r) => r.uniqueIdentifier) };
  });

  await step("mdms.search validate:true (lazy zod chunk)", async () => {
    const validated = createDigitClient({ baseUrl, tenantId: "pg", retry: false, validate: true, auth: { token: await digit.auth.getToken() } });
    const { mdms } = await validated.mdms.search({ MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants", limit: 10 } });
    check(Array.isArray(mdms) && mdms.length > 0, "no records");
    return { records: mdms.length };
  });

  await step("DIGIT error: mdms.create for an unknown schema", async () => {
    const schemaCode = "smoke.NoSuchSchema";
    try {
      await digit.mdms.create({ Mdms: { tenantId: "pg", schemaCode, data: { code: "X" }, isActive: true } }, { params: { schemaCode } });
    } catch (err) {
      check(err instanceof DigitValidationError, `expected DigitValidationError, got ${err?.name}: ${err?.message}`);
      check(err.status === 400, `expected HTTP 400, got ${err.status}`);
      check(err.codes.includes("SCHEMA_DEFINITION_NOT_FOUND_ERR"), `expected SCHEMA_DEFINITION_NOT_FOUND_ERR, got ${err.codes.join(", ")}`);
      return { name: err.name, status: err.status, codes: err.codes, message: err.message };
    }
    throw new Error("mdms.create for an unknown schema succeeded");
  });

  let fileStoreId;
  const content = `hello from ${navigator.userAgent.includes("Chrome") ? "Chromium" : "a browser"}`;
  await step("filestore.upload (multipart Blob)", async () => {
    const { files } = await digit.filestore.upload({ file: new Blob([content], { type: "text/plain" }), module: "SMOKE" });
    fileStoreId = files?.[0]?.fileStoreId;
    check(typeof fileStoreId === "string", "no fileStoreId in the answer");
    return { fileStoreId };
  });

  await step("filestore.getMetadata", async () => {
    check(fileStoreId, "no file uploaded");
    const meta = await digit.filestore.getMetadata({ query: { fileStoreId } });
    const text = JSON.stringify(meta);
    check(text.includes(fileStoreId) || text.includes("SMOKE") || text.includes("text/plain"), `metadata does not describe the file: ${text.slice(0, 200)}`);
    return meta;
  });

  await step("filestore.download (Blob)", async () => {
    check(fileStoreId, "no file uploaded");
    const blob = await digit.filestore.download({ query: { fileStoreId } });
    check(blob instanceof Blob, `expected a Blob, got ${typeof blob}`);
    const text = await blob.text();
    check(text === content, `content differs: ${JSON.stringify(text)}`);
    return { type: blob.type, size: blob.size };
  });

  if (noCorsUrl) {
    await step("CORS off → DigitConnectionError", async () => {
      const blocked = createDigitClient({ baseUrl: noCorsUrl, tenantId: "pg", retry: false, timeout: 5000 });
      try {
        await blocked.mdms.search({ MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
      } catch (err) {
        check(err instanceof DigitConnectionError, `expected DigitConnectionError, got ${err?.name}: ${err?.message}`);
        return { name: err.name, message: err.message };
      }
      throw new Error("the call succeeded although the mock sends no CORS headers");
    });
  }
}

async function main() {
  let fatal;
  try {
    await run();
  } catch (err) {
    fatal = `${err?.name}: ${err?.message}`;
  }
  const result = { userAgent: navigator.userAgent, origin: location.origin, mock: baseUrl, ok: !fatal && steps.every((s) => s.ok), fatal, steps };
  const text = JSON.stringify(result, null, 2);
  const pre = document.createElement("pre");
  pre.id = "result";
  pre.textContent = text;
  document.body.appendChild(pre);
  await fetch("/__result", { method: "POST", headers: { "content-type": "application/json" }, body: text });
}

main();
