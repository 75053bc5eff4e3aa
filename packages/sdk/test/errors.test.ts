import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DigitApiError,
  DigitAuthError,
  DigitConnectionError,
  DigitError,
  DigitForbiddenError,
  DigitNotFoundError,
  DigitRateLimitError,
  DigitServerError,
  DigitValidationError,
} from "../src/errors.js";
import { toDigitError } from "../src/to-digit-error.js";
import { BASE, digitError, testClient } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const SEARCH = `${BASE}/mdms-v2/v2/_search`;

async function failWith(response: () => Response, options = {}) {
  server.use(http.post(SEARCH, response));
  const digit = testClient({ auth: { token: "secret-token" }, retry: { limit: 0 }, ...options });
  return (await digit.api.search({ MdmsCriteria: { tenantId: "pb" } }).catch((e: unknown) => e)) as DigitApiError;
}

describe("error mapping", () => {
  it("400 with Errors[] → DigitValidationError with codes, errors, msgId and operation", async () => {
    const body = digitError("NON_EXISTENT_SCHEMA", "Schema code a.b does not exist");
    body.Errors.push({ code: "INVALID_LIMIT", message: "limit must be <= 500", description: null, params: null });
    const error = await failWith(() => HttpResponse.json(body, { status: 400 }));
    expect(error).toBeInstanceOf(DigitValidationError);
    expect(error).toBeInstanceOf(DigitApiError);
    expect(error).toBeInstanceOf(DigitError);
    expect(error.name).toBe("DigitValidationError");
    expect(error).toMatchObject({ status: 400, operationId: "mdms.search", method: "POST", path: "/mdms-v2/v2/_search", msgId: "1700000000000|en_IN" });
    expect(error.codes).toEqual(["NON_EXISTENT_SCHEMA", "INVALID_LIMIT"]);
    expect(error.errors[0]).toEqual({ code: "NON_EXISTENT_SCHEMA", message: "Schema code a.b does not exist", description: null, params: null });
    expect(error.message).toContain("mdms.search failed with HTTP 400 at POST /mdms-v2/v2/_search: NON_EXISTENT_SCHEMA: Schema code a.b does not exist; INVALID_LIMIT");
  });

  it("401 InvalidAccessTokenException → DigitAuthError", async () => {
    const error = await failWith(() => HttpResponse.json(digitError("InvalidAccessTokenException", "Invalid access token"), { status: 401 }));
    expect(error).toBeInstanceOf(DigitAuthError);
    expect(error.codes).toEqual(["InvalidAccessTokenException"]);
    expect(error.message).toMatch(/log in again/);
  });

  it("403 AccessDeniedException → DigitForbiddenError", async () => {
    const error = await failWith(() =>
      HttpResponse.json(digitError("AccessDeniedException", "Access to /mdms-v2/v2/_search is not allowed"), { status: 403 }),
    );
    expect(error).toBeInstanceOf(DigitForbiddenError);
    expect(error.codes).toEqual(["AccessDeniedException"]);
  });

  it("404 HTML page → DigitNotFoundError with status and stripped text, never an empty message", async () => {
    const page = `<!DOCTYPE html><html><head><title>404 Not Found</title><style>h1{color:red}</style></head><body><h1>Not Found</h1><p>The requested URL was not found on this server. ${"x".repeat(400)}</p></body></html>`;
    const error = await failWith(() => new HttpResponse(page, { status: 404, headers: { "content-type": "text/html" } }));
    expect(error).toBeInstanceOf(DigitNotFoundError);
    expect(error.status).toBe(404);
    expect(error.message).toContain("HTTP 404");
    expect(error.message).toContain("404 Not Found Not Found The requested URL was not found on this server.");
    expect(error.message).not.toMatch(/<|color:red/);
    expect(error.errors[0]!.message.length).toBeLessThanOrEqual(201);
    expect(error.responseBody).toBe(page);
  });

  it("429 with Retry-After → DigitRateLimitError with retryAfterMs", async () => {
    const error = await failWith(() => HttpResponse.json(digitError("TOO_MANY_REQUESTS", "slow down"), { status: 429, headers: { "retry-after": "3" } }));
    expect(error).toBeInstanceOf(DigitRateLimitError);
    expect(error.retryAfterMs).toBe(3000);
  });

  it("500 → DigitServerError", async () => {
    const error = await failWith(() => HttpResponse.json(digitError("INTERNAL_SERVER_ERROR", "NullPointerException"), { status: 500 }));
    expect(error).toBeInstanceOf(DigitServerError);
    expect(error.status).toBe(500);
  });

  it("network failure → DigitConnectionError", async () => {
    const error = await failWith(() => HttpResponse.error());
    expect(error).toBeInstanceOf(DigitConnectionError);
    expect(error.message).toMatch(/mdms\.search: could not reach DIGIT/);
  });

  it("redacts secrets echoed in the response body", async () => {
    const error = await failWith(() =>
      HttpResponse.json({ ...digitError("X", "bad"), RequestInfo: { authToken: "secret-token" } }, { status: 400 }),
    );
    expect(JSON.stringify(error.responseBody)).not.toContain("secret-token");
    expect(error.message).not.toContain("secret-token");
  });

  it("reads the legacy {error:{...}} shape and empty bodies", () => {
    const ref = { operationId: "access.searchActions", method: "POST", path: "/access/v1/actions/_search" };
    expect(toDigitError({ ...ref, status: 400, body: { responseInfo: {}, error: { code: "E1", message: "m1" } } }).codes).toEqual(["E1"]);
    const empty = toDigitError({ ...ref, status: 502, body: undefined });
    expect(empty).toBeInstanceOf(DigitServerError);
    expect(empty.message).toContain("HTTP 502");
    expect(toDigitError({ ...ref, status: 409, body: {} }).constructor).toBe(DigitApiError);
  });
});
