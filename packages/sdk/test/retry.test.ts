import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, shouldRetry } from "../src/core/retry.js";
import { resolveRetry } from "../src/core/retry-config.js";
import { DigitConnectionError, DigitServerError, DigitValidationError } from "../src/errors.js";
import { toDigitError } from "../src/to-digit-error.js";
import { BASE, digitError, testClient } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Answers with `statuses` in turn, then 200; returns the hit counter. */
function flaky(path: string, statuses: number[], headers: Record<string, string> = {}) {
  const hits = { count: 0 };
  server.use(
    http.post(`${BASE}${path}`, () => {
      const status = statuses[hits.count++];
      if (status === 0) return HttpResponse.error();
      if (status) return HttpResponse.json(digitError("E", "boom"), { status, headers });
      return HttpResponse.json({ mdms: [{ id: "ok" }] }, { status: 200 });
    }),
  );
  return hits;
}

describe("retry policy", () => {
  it("retries a safe search on 503 and succeeds", async () => {
    const hits = flaky("/mdms-v2/v2/_search", [503, 503]);
    const res = await testClient().api.search({});
    expect(res.mdms[0].id).toBe("ok");
    expect(hits.count).toBe(3);
  });

  it("gives up after the limit and throws the last error", async () => {
    const hits = flaky("/mdms-v2/v2/_search", [502, 504, 503, 503]);
    await expect(testClient().api.search({})).rejects.toBeInstanceOf(DigitServerError);
    expect(hits.count).toBe(3);
  });

  it("retries network failures of safe operations", async () => {
    const hits = flaky("/mdms-v2/v2/_search", [0]);
    await testClient().api.search({});
    expect(hits.count).toBe(2);
  });

  it("does not retry a create on 503", async () => {
    const hits = flaky("/mdms-v2/v2/_create/a.b", [503]);
    await expect(testClient().api.create({}, { params: { schemaCode: "a.b" } })).rejects.toBeInstanceOf(DigitServerError);
    expect(hits.count).toBe(1);
  });

  it("retries a create on 503 when the call is marked idempotent", async () => {
    const hits = flaky("/mdms-v2/v2/_create/a.b", [503]);
    await testClient().api.create({}, { params: { schemaCode: "a.b" }, idempotent: true });
    expect(hits.count).toBe(2);
  });

  it("retries a create on 503 when the client opts in with retry.unsafe", async () => {
    const hits = flaky("/mdms-v2/v2/_create/a.b", [503]);
    await testClient({ retry: { unsafe: true } }).api.create({}, { params: { schemaCode: "a.b" } });
    expect(hits.count).toBe(2);
  });

  it("never retries 400 or 500", async () => {
    const bad = flaky("/mdms-v2/v2/_search", [400]);
    await expect(testClient({ retry: { unsafe: true } }).api.search({})).rejects.toBeInstanceOf(DigitValidationError);
    expect(bad.count).toBe(1);
    const crash = flaky("/mdms-v2/v2/_search", [500]);
    await expect(testClient().api.search({})).rejects.toBeInstanceOf(DigitServerError);
    expect(crash.count).toBe(1);
  });

  it("honours Retry-After on 429 through the injected delay", async () => {
    flaky("/mdms-v2/v2/_search", [429], { "retry-after": "2" });
    const waits: number[] = [];
    await testClient({ retry: { delay: async (ms) => void waits.push(ms) } }).api.search({});
    expect(waits).toEqual([2000]);
  });

  it("retry limit 0 disables retries", async () => {
    const hits = flaky("/mdms-v2/v2/_search", [503]);
    await expect(testClient({ retry: { limit: 0 } }).api.search({})).rejects.toBeInstanceOf(DigitServerError);
    expect(hits.count).toBe(1);
  });
});

describe("retry helpers", () => {
  const ref = { operationId: "mdms.search", method: "POST", path: "/p" };
  it("shouldRetry: statuses, connection errors, budget and idempotency", () => {
    const e = (status: number) => toDigitError({ ...ref, status, body: {} });
    for (const status of [429, 502, 503, 504]) expect(shouldRetry(e(status), 0, 2, true)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 500]) expect(shouldRetry(e(status), 0, 2, true)).toBe(false);
    expect(shouldRetry(new DigitConnectionError("x"), 0, 2, true)).toBe(true);
    expect(shouldRetry(e(503), 2, 2, true)).toBe(false);
    expect(shouldRetry(e(503), 0, 2, false)).toBe(false);
  });

  it("parseRetryAfter: seconds and HTTP dates", () => {
    expect(parseRetryAfter("5")).toBe(5000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("garbage")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("backoffDelay: full jitter under an exponential, capped ceiling", () => {
    const config = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    for (let i = 0; i < 50; i++) {
      expect(backoffDelay(0, config)).toBeLessThanOrEqual(100);
      expect(backoffDelay(3, config)).toBeLessThanOrEqual(800);
      expect(backoffDelay(10, config)).toBeLessThanOrEqual(1000);
      expect(backoffDelay(1, config, 5000)).toBe(1000);
    }
  });
});
