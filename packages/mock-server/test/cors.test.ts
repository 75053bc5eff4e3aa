/** CORS on the standalone server, over real HTTP: what a browser app on another origin needs. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../src/index.js";
import { startMockServerCli } from "../src/cli.js";
import { BASIC, requestInfo } from "./helpers.js";

const ORIGIN = "http://localhost:5173";

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

function expectCors(res: Response, origin = ORIGIN): void {
  expect(res.headers.get("access-control-allow-origin")).toBe(origin);
  expect(res.headers.get("vary")).toContain("Origin");
  expect(res.headers.get("access-control-expose-headers")).toBe("Retry-After, Location");
}

describe("CORS (default on)", () => {
  it("answers a preflight for any route with 204, the methods, the requested headers and a max age", async () => {
    for (const path of ["/mdms-v2/v2/_search", "/user/oauth/token", "/no/such/route"]) {
      const res = await fetch(`${server.url}${path}`, {
        method: "OPTIONS",
        headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
      });
      expect(res.status, path).toBe(204);
      expectCors(res);
      expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
      expect(res.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
      expect(Number(res.headers.get("access-control-max-age"))).toBeGreaterThan(0);
      expect(await res.text()).toBe("");
    }
  });

  it("grants Chromium's private-network preflight when asked", async () => {
    const res = await fetch(`${server.url}/mdms-v2/v2/_search`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-private-network": "true" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-private-network")).toBe("true");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
  });

  it("adds the headers to a 200", async () => {
    const res = await fetch(`${server.url}/user/oauth/token`, {
      method: "POST",
      headers: { origin: ORIGIN, authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
      body: "username=ADMIN&password=eGov%40123&grant_type=password&scope=read&tenantId=pg&userType=EMPLOYEE",
    });
    expect(res.status).toBe(200);
    expectCors(res);
    expect(((await res.json()) as { access_token?: string }).access_token).toBeTruthy();
  });

  it("adds the headers to a DIGIT error (400) and a 404", async () => {
    const bad = await fetch(`${server.url}/mdms-v2/v2/_search`, { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    expectCors(bad);
    expect(((await bad.json()) as { Errors: { code: string }[] }).Errors[0]!.code).toBe("INVALID_REQUEST_BODY");

    const missing = await fetch(`${server.url}/no/such/route`, { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json" }, body: JSON.stringify({ RequestInfo: requestInfo() }) });
    expect(missing.status).toBe(404);
    expectCors(missing);
    await missing.text();
  });

  it("uses * without an Origin header (curl, server-side callers)", async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expectCors(res, "*");
    await res.text();
  });
});

describe("CORS off", () => {
  it("cors: false sends no Access-Control-* headers and leaves OPTIONS to the route table", async () => {
    const off = await createMockServer({ port: 0, cors: false });
    try {
      const pre = await fetch(`${off.url}/mdms-v2/v2/_search`, { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "POST" } });
      expect(pre.status).not.toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBeNull();
      await pre.text();
      const res = await fetch(`${off.url}/health`, { headers: { origin: ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-expose-headers")).toBeNull();
      await res.text();
    } finally {
      await off.close();
    }
  });

  it("--no-cors turns it off from the command line", async () => {
    const lines: string[] = [];
    const started = await startMockServerCli(["--port", "0", "--no-cors"], { log: (l) => lines.push(l) });
    try {
      const res = await fetch(`${started!.server.url}/health`, { headers: { origin: ORIGIN } });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      await res.text();
      expect(lines.join("\n")).toContain("CORS off");
    } finally {
      await started!.stop();
    }
  });
});
