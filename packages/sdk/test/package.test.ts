import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type * as Sdk from "../src/index.js";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(pkgDir, "dist");
const built = existsSync(join(dist, "index.js")) && existsSync(join(dist, "index.cjs"));
const reason = "packages/sdk/dist is absent: run `pnpm --filter @digit-kit/sdk build` first (CI builds before testing)";

const publicNames = ["createDigitClient", "createMdmsClient", "DigitError", "DigitApiError", "DigitAuthError", "redact", "stateTenantOf"];

describe.skipIf(!built)(`built package${built ? "" : ` (skipped: ${reason})`}`, () => {
  it("ESM dist/index.js exposes the client and the error tree", async () => {
    const esm = (await import(pathToFileURL(join(dist, "index.js")).href)) as Record<string, unknown>;
    for (const name of publicNames) expect(typeof esm[name], name).toBe("function");
    const DigitError = esm.DigitError as new (m: string) => Error;
    const DigitApiError = esm.DigitApiError as { prototype: object };
    expect(Object.getPrototypeOf(DigitApiError.prototype)).toBe(DigitError.prototype);
  });

  it("CJS dist/index.cjs exposes the same surface via require", () => {
    const require = createRequire(import.meta.url);
    const cjs = require(join(dist, "index.cjs")) as Record<string, unknown>;
    for (const name of publicNames) expect(typeof cjs[name], name).toBe("function");
  });

  it("every subpath in package.json exports resolves to built ESM and CJS files", async () => {
    const { default: pkg } = (await import(pathToFileURL(join(pkgDir, "package.json")).href, { with: { type: "json" } })) as {
      default: { exports: Record<string, string | Record<string, string>> };
    };
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === "string") continue;
      for (const condition of ["import", "require"]) expect(existsSync(join(pkgDir, target[condition]!)), `${subpath} ${condition}`).toBe(true);
    }
    const mdms = (await import(pathToFileURL(join(dist, "mdms.js")).href)) as Record<string, unknown>;
    expect(typeof mdms.createMdmsClient).toBe("function");
  });

  it("lazy chunks (error mapping, retry, auth) load in both formats and keep one error class identity", async () => {
    const fail: typeof fetch = async () => new Response(JSON.stringify({ Errors: [{ code: "E", message: "down" }] }), { status: 503 });
    const ok: typeof fetch = async () => Response.json({ access_token: "t", refresh_token: "r", expires_in: 60 });
    const require = createRequire(import.meta.url);
    const esm = (await import(pathToFileURL(join(dist, "index.js")).href)) as typeof Sdk;
    const cjs = require(join(dist, "index.cjs")) as typeof Sdk;
    for (const sdk of [esm, cjs]) {
      const digit = sdk.createDigitClient({ baseUrl: "http://x", tenantId: "pb", fetch: fail, auth: { token: "t" }, retry: { delay: async () => {} } });
      const error = await digit.mdms.search({ MdmsCriteria: { tenantId: "pb" } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(sdk.DigitServerError);
      expect(error).toBeInstanceOf(sdk.DigitError);
      const login = sdk.createDigitClient({ baseUrl: "http://x", tenantId: "pb", fetch: ok });
      expect((await login.auth.login({ username: "u", password: "p" })).accessToken).toBe("t");
    }
  });
});
