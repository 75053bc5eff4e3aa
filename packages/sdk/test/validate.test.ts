import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createResponseValidator, DigitResponseValidationError } from "../src/validate/index.js";
import { BASE, testClient, testRoutes } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("response validation (opt-in)", () => {
  const bad = { ResponseInfo: { status: { nested: true } }, mdms: "not a list" };

  it("is off by default", async () => {
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => HttpResponse.json(bad)));
    expect((await testClient().api.search({})).mdms).toBe("not a list");
  });

  it("validate: true lazily loads the generated mdms.search schema and rejects a malformed response", async () => {
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => HttpResponse.json(bad)));
    const error = (await testClient({ validate: true }).api.search({}).catch((e: unknown) => e)) as DigitResponseValidationError;
    expect(error).toBeInstanceOf(DigitResponseValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(["ResponseInfo.status", "mdms"]);
  });

  it("checks records inside the list against the operation schema", async () => {
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => HttpResponse.json({ mdms: [{ tenantId: "pb", data: {} }] })));
    const error = (await testClient({ validate: true }).api.search({}).catch((e: unknown) => e)) as DigitResponseValidationError;
    expect(error.issues.map((i) => i.path)).toEqual(["mdms.0.schemaCode"]);
  });

  it("falls back to the envelope check for operations without a generated schema", async () => {
    const validate = createResponseValidator();
    const route = { ...testRoutes.search, service: "mdms", method: "notInTheTable", operationId: "mdms.notInTheTable" } as const;
    await expect(validate(route, { ResponseInfo: { status: "ok" }, mdms: [] })).resolves.toBeUndefined();
    await expect(validate(route, { ResponseInfo: "nope" })).rejects.toBeInstanceOf(DigitResponseValidationError);
  });

  it("accepts a well-formed response with an explicit validator", async () => {
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => HttpResponse.json({ ResponseInfo: { status: "successful" }, mdms: [] })));
    expect((await testClient({ validate: createResponseValidator() }).api.search({})).mdms).toEqual([]);
  });
});
