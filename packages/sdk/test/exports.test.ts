import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as sdk from "@digit-kit/sdk";
import { serviceKeys } from "@digit-kit/sdk/routes";
import subpaths from "../src/generated/subpaths.gen.json" with { type: "json" };

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as {
  exports: Record<string, Record<string, string>>;
};

describe("package exports", () => {
  it("has one subpath per service of the route table, pointing at its generated client", () => {
    expect(Object.values(subpaths).sort()).toEqual([...serviceKeys].sort());
    for (const [subpath, key] of Object.entries(subpaths)) {
      const entry = pkg.exports[`./${subpath}`];
      expect(entry, `exports["./${subpath}"] missing from packages/sdk/package.json`).toBeDefined();
      expect(entry!["@digit-kit/source"]).toBe(`./src/generated/${key}/client.gen.ts`);
      expect(entry!["import"]).toBe(`./dist/${subpath}.js`);
      expect(entry!["require"]).toBe(`./dist/${subpath}.cjs`);
    }
  });

  it("exposes every service factory at the root and a namespace per service on the full client", () => {
    const digit = sdk.createDigitClient({ baseUrl: "http://digit.invalid", tenantId: "pb", auth: { token: "t" } });
    for (const key of serviceKeys) {
      const factory = `create${key.charAt(0).toUpperCase()}${key.slice(1)}Client` as keyof typeof sdk;
      expect(typeof sdk[factory], factory).toBe("function");
      expect(typeof (digit as unknown as Record<string, unknown>)[key], key).toBe("object");
    }
  });
});
