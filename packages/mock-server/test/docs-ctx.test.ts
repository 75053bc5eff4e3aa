/** docs/mock-server.md describes `mock.ctx` as it is: `ctx.users` is a directory with methods, not an array. */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createDigitMock } from "../src/index.js";

const docs = readFileSync(join(resolve(dirname(fileURLToPath(import.meta.url)), "../../.."), "docs/mock-server.md"), "utf8");

describe("docs: mock.ctx", () => {
  it("names the methods of ctx.users, ctx.tenants and ctx.mdms that exist", () => {
    const mock = createDigitMock();
    const named = [...docs.matchAll(/ctx\.(users|tenants|mdms)\.(\w+)\(/g)].map((m) => [m[1] as "users" | "tenants" | "mdms", m[2]!] as const);
    expect(named.map(([o]) => o)).toEqual(expect.arrayContaining(["users", "tenants", "mdms"]));
    for (const [obj, method] of named) {
      expect(typeof (mock.ctx[obj] as unknown as Record<string, unknown>)[method], `ctx.${obj}.${method}`).toBe("function");
    }
    // The example in the docs works: users are found through the directory.
    expect(mock.ctx.users.byUserName("ADMIN", "pg")?.userName).toBe("ADMIN");
    expect(Array.isArray(mock.ctx.users)).toBe(false);
    expect(docs).not.toMatch(/ctx\.users(\[|\.length|\.find\(|\.filter\()/);
  });
});
