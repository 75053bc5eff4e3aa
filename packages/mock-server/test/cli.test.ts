import { describe, expect, it } from "vitest";
import { MockCliUsageError, startMockServerCli } from "../src/index.js";
import { loginRaw } from "./helpers.js";

describe("startMockServerCli", () => {
  it("starts on a random port, prints the URL and default credentials, and honours --no-rbac/--token-ttl", async () => {
    const lines: string[] = [];
    const started = await startMockServerCli(["--port", "0", "--no-rbac", "--token-ttl", "120", "--latency", "0-1"], { log: (l) => lines.push(l) });
    try {
      expect(started).not.toBeNull();
      const { server } = started!;
      expect(lines[0]).toContain(server.url);
      expect(lines.join("\n")).toContain("username ADMIN, password eGov@123, tenantId pg");
      expect(server.engine.options).toMatchObject({ rbac: false, tokenTtlSeconds: 120 });
      const r = await loginRaw(fetch, server.url, { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" });
      expect(r.body["expires_in"]).toBe(120);
    } finally {
      await started?.stop();
    }
  });

  it("rejects bad flags with a usage error", async () => {
    await expect(startMockServerCli(["--port", "abc"])).rejects.toThrow(MockCliUsageError);
    await expect(startMockServerCli(["--bogus"])).rejects.toThrow(/Unknown option/);
    await expect(startMockServerCli(["--latency", "9-1"])).rejects.toThrow(/max is below min/);
  });

  it("prints help and starts nothing for --help", async () => {
    const lines: string[] = [];
    expect(await startMockServerCli(["--help"], { log: (l) => lines.push(l) })).toBeNull();
    expect(lines.join("\n")).toContain("--write-lag");
  });
});
