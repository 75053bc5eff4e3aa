import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DigitAbortError, DigitTimeoutError } from "../src/errors.js";
import { BASE, testClient } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function slowSearch() {
  const hits = { count: 0 };
  server.use(
    http.post(`${BASE}/mdms-v2/v2/_search`, async () => {
      hits.count++;
      await delay(2_000);
      return HttpResponse.json({ mdms: [] });
    }),
  );
  return hits;
}

describe("timeouts and abort", () => {
  it("throws DigitTimeoutError when the server does not answer within the client timeout, without retrying", async () => {
    const hits = slowSearch();
    const error = await testClient({ timeout: 50 }).api.search({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigitTimeoutError);
    expect((error as Error).message).toMatch(/mdms\.search: no response from POST \/mdms-v2\/v2\/_search within the timeout/);
    expect(hits.count).toBe(1);
  });

  it("a per-call timeout overrides the client's", async () => {
    slowSearch();
    await expect(testClient({ timeout: 60_000 }).api.search({}, { timeout: 50 })).rejects.toBeInstanceOf(DigitTimeoutError);
  });

  it("an aborted signal rejects with DigitAbortError carrying the reason", async () => {
    slowSearch();
    const controller = new AbortController();
    const pending = testClient().api.search({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 20);
    const error = (await pending.catch((e: unknown) => e)) as DigitAbortError;
    expect(error).toBeInstanceOf(DigitAbortError);
    expect((error.cause as Error).message).toBe("user cancelled");
  });

  it("an abort during the retry backoff stops the retries", async () => {
    let hits = 0;
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => (hits++, HttpResponse.json({}, { status: 503 }))));
    const controller = new AbortController();
    const digit = testClient({
      retry: {
        delay: async () => {
          controller.abort();
          throw controller.signal.reason;
        },
      },
    });
    await expect(digit.api.search({}, { signal: controller.signal })).rejects.toBeInstanceOf(DigitAbortError);
    expect(hits).toBe(1);
  });
});
