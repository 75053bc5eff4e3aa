/**
 * The control API is not reachable from a web page: it needs the control token, never answers CORS, takes
 * JSON bodies only, and the whole server refuses Host names it does not know (DNS rebinding).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDigitMock, createMockServer, startMockServerCli, type MockServer } from "../src/index.js";
import { BASE, login, post, requestInfo } from "./helpers.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, so the test can set Host and Origin freely. */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? "GET", headers: opts.headers ?? {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const corsHeaders = (r: RawResponse) => Object.keys(r.headers).filter((h) => h.startsWith("access-control-"));

/** A state with a planted superuser, as an attacker page would post it. */
function planted(): string {
  return JSON.stringify({ state: { format: "digit-kit-mock-state", version: 1, slices: { user: { nextId: 1, users: {}, tokens: {}, refreshTokens: {} } } } });
}

describe("control API over HTTP", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await createMockServer({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("refuses /_mock/* without the control token, or with a wrong one", async () => {
    for (const path of ["/_mock/state", "/_mock/faults"]) {
      const r = await raw(`${server.url}${path}`);
      expect(r.status, path).toBe(401);
      expect(JSON.parse(r.body).Errors[0].code).toBe("MOCK_CONTROL_TOKEN_REQUIRED");
    }
    const wrong = await raw(`${server.url}/_mock/state`, { headers: { "x-mock-control-token": "x".repeat(43) } });
    expect(wrong.status).toBe(401);
    const reset = await raw(`${server.url}/_mock/reset`, { method: "POST" });
    expect(reset.status).toBe(401);
    // A DIGIT access token is not a control token.
    const digit = await login(fetch, server.url);
    expect((await raw(`${server.url}/_mock/state`, { headers: { authorization: `Bearer ${digit}` } })).status).toBe(401);
  });

  it("accepts the token as x-mock-control-token or Authorization: Bearer", async () => {
    expect((await raw(`${server.url}/_mock/state`, { headers: { "x-mock-control-token": server.controlToken } })).status).toBe(200);
    expect((await raw(`${server.url}/_mock/state`, { headers: { authorization: `Bearer ${server.controlToken}` } })).status).toBe(200);
    expect((await server.control.state()).redacted).toBe(true);
  });

  it("refuses a cross-site text/plain restore (no preflight needed) and leaves state alone", async () => {
    const before = JSON.stringify((await server.control.state()).slices["user"]);
    const anonymous = await raw(`${server.url}/_mock/restore`, { method: "POST", headers: { "content-type": "text/plain", origin: "https://evil.example" }, body: planted() });
    expect(anonymous.status).toBe(401);
    expect(corsHeaders(anonymous)).toEqual([]);
    // Even with the token, a non-JSON body type is refused.
    const typed = await raw(`${server.url}/_mock/restore`, { method: "POST", headers: { "content-type": "text/plain", "x-mock-control-token": server.controlToken }, body: planted() });
    expect(typed.status).toBe(415);
    const form = await raw(`${server.url}/_mock/reset`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-mock-control-token": server.controlToken }, body: "a=1" });
    expect(form.status).toBe(415);
    expect(JSON.stringify((await server.control.state()).slices["user"])).toBe(before);
  });

  it("sends no CORS headers on /_mock/* and refuses its preflights, while DIGIT routes keep CORS", async () => {
    const origin = "https://evil.example";
    const state = await raw(`${server.url}/_mock/state`, { headers: { origin, "x-mock-control-token": server.controlToken } });
    expect(state.status).toBe(200);
    expect(corsHeaders(state)).toEqual([]);
    const denied = await raw(`${server.url}/_mock/state`, { headers: { origin } });
    expect(corsHeaders(denied)).toEqual([]);
    for (const path of ["/_mock/restore", "//_mock/state", "/_mock/state?x=1"]) {
      const preflight = await raw(`${server.url}${path}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "x-mock-control-token,content-type" },
      });
      expect(preflight.status, path).toBe(403);
      expect(corsHeaders(preflight), path).toEqual([]);
    }
    const digitPreflight = await raw(`${server.url}/mdms-v2/v2/_search`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
    expect(digitPreflight.status).toBe(204);
    expect(digitPreflight.headers["access-control-allow-origin"]).toBe(origin);
  });

  it("refuses unknown Host names on every route (DNS rebinding) and accepts loopback names", async () => {
    const port = server.port;
    for (const host of ["evil.example", `evil.example:${port}`, "127.0.0.1.nip.io", "localhost.evil.example"]) {
      const r = await raw(`${server.url}/health`, { headers: { host } });
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.body).Errors[0].code).toBe("MOCK_HOST_NOT_ALLOWED");
      const ctl = await raw(`${server.url}/_mock/state`, { headers: { host, "x-mock-control-token": server.controlToken } });
      expect(ctl.status, host).toBe(403);
      expect(ctl.body).not.toContain("digit-kit-mock-state");
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "LOCALHOST", "localhost."]) {
      expect((await raw(`${server.url}/health`, { headers: { host } })).status, host).toBe(200);
    }
  });

  it("accepts names added with allowedHosts (--allow-host)", async () => {
    const s = await createMockServer({ port: 0, allowedHosts: ["mock", "digit.internal"] });
    try {
      expect((await raw(`${s.url}/health`, { headers: { host: `mock:${s.port}` } })).status).toBe(200);
      expect((await raw(`${s.url}/health`, { headers: { host: "digit.internal" } })).status).toBe(200);
      expect((await raw(`${s.url}/health`, { headers: { host: "other" } })).status).toBe(403);
    } finally {
      await s.close();
    }
  });
});

describe("control API in process", () => {
  it("needs the token over mock.fetch too; mock.control and engine methods do not", async () => {
    const mock = createDigitMock();
    expect((await mock.fetch(`${BASE}/_mock/state`)).status).toBe(401);
    expect((await post(mock.fetch, "/_mock/reset", {})).status).toBe(401);
    expect((await post(mock.fetch, "/_mock/reset", {}, { headers: { "x-mock-control-token": mock.controlToken } })).status).toBe(200);
    await mock.control.reset();
    mock.engine.state.reset();
    expect(mock.controlToken).toBe(mock.engine.controlToken);
    expect(mock.controlToken).toMatch(/^[\w-]{43}$/);
    expect(createDigitMock().controlToken).not.toBe(mock.controlToken);
    const token = await login(mock.fetch);
    // egov-user needs a criterion besides tenantId (UserSearchCriteria.validateIfEmptySearch)
    expect((await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" })).status).toBe(200);
  });

  it("takes a fixed token and refuses a weak one", () => {
    expect(createDigitMock({ controlToken: "a-fixed-token-for-ci-0001" }).controlToken).toBe("a-fixed-token-for-ci-0001");
    expect(() => createDigitMock({ controlToken: "short" })).toThrow(/16 to 512/);
  });
});

describe("digit-mock start banner and token file", () => {
  it("prints the token and writes it (0600) next to the --state file; removes it on stop", async () => {
    const dir = tempDir("digit-mock-token-");
    const state = join(dir, "state.json");
    const lines: string[] = [];
    const started = await startMockServerCli(["--port", "0", "--state", state], { log: (l) => lines.push(l) });
    const { server } = started!;
    try {
      const file = `${state}.control-token`;
      expect(server.controlTokenFile).toBe(file);
      expect(readFileSync(file, "utf8").trim()).toBe(server.controlToken);
      if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(lines.join("\n")).toContain(`Control API token: ${server.controlToken}`);
      expect(lines.join("\n")).toContain(file);
    } finally {
      await started!.stop();
    }
    expect(existsSync(`${state}.control-token`)).toBe(false);
  });

  it("uses DIGIT_MOCK_CONTROL_TOKEN and a private per-user directory without --state", async () => {
    const runtime = tempDir("digit-mock-runtime-");
    const started = await startMockServerCli(["--port", "0"], { log: () => {}, env: { XDG_RUNTIME_DIR: runtime, DIGIT_MOCK_CONTROL_TOKEN: "ci-token-0123456789abcdef" } });
    const { server } = started!;
    try {
      expect(server.controlToken).toBe("ci-token-0123456789abcdef");
      expect(server.controlTokenFile).toBe(join(runtime, `digit-mock-${process.getuid?.() ?? ""}`, `${server.port}.control-token`));
      if (process.platform !== "win32") expect(statSync(join(server.controlTokenFile!, "..")).mode & 0o777).toBe(0o700);
      expect((await raw(`${server.url}/_mock/state`, { headers: { "x-mock-control-token": "ci-token-0123456789abcdef" } })).status).toBe(200);
    } finally {
      await started!.stop();
    }
  });
});
