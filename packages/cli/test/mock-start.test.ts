import { createServer } from "node:net";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runDigit } from "../src/run.js";

describe("digit mock start", () => {
  it("passes --help through to the mock server's own usage", async () => {
    const r = await runDigit(["mock", "start", "--help"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Usage: digit mock start");
    expect(r.stdout).toContain("Examples:");
  });

  it("serves until interrupted, then saves state and exits 0 (docs/mock-server.md)", async () => {
    const controller = new AbortController();
    const tee = new PassThrough();
    let seen = "";
    const listening = new Promise<string>((resolve) =>
      tee.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const m = /"url": "([^"]+)"/.exec(seen);
        if (m) resolve(m[1]!);
      }),
    );
    const running = runDigit(["mock", "start", "--port", "0", "--json"], { signal: controller.signal, stdout: tee });
    const url = await listening;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    controller.abort();
    const r = await running;
    expect(r.exitCode).toBe(0);
    const body = JSON.parse(r.stdout) as { url: string };
    expect(body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.stderr).toContain("DIGIT mock listening");
  });

  it("reports the mock's usage errors without a stack", async () => {
    const r = await runDigit(["mock", "start", "--port", "notaport"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("--port");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a port in use: a user error naming the port and the fix, exit 1, no stack", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runDigit(["mock", "start", "--port", String(port), "--no-internal"]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(`Error: Cannot listen on port ${port}`);
      expect(r.stderr).toContain("already in use");
      expect(r.stderr).toContain("digit mock start --port");
      expect(r.stderr).toMatch(/lsof -i :\d+/);
      expect(r.stderr).not.toContain("bug in digit");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
