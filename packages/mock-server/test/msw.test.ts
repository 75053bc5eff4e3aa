import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupServer } from "msw/node";
import { createDigitClient } from "@digit-kit/sdk";
import { createDigitMock } from "../src/index.js";
import { login, post, requestInfo } from "./helpers.js";

describe("msw transport", () => {
  const mock = createDigitMock({ baseUrl: "https://digit.example" });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("answers global fetch through setupServer(...mock.handlers)", async () => {
    const token = await login(fetch, "https://digit.example");
    const r = await post(fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } }, { base: "https://digit.example" });
    expect(r.status).toBe(200);
    expect(r.body.mdms.map((m: { data: { code: string } }) => m.data.code).sort()).toEqual(["pg", "pg.citya"]);
    const nf = await post(fetch, "/nowhere/_search", {}, { base: "https://digit.example" });
    expect(nf.status).toBe(404);
  });
});

describe("the SDK against the mock", () => {
  it("logs in and searches through mock.fetch (no msw, no network)", async () => {
    const mock = createDigitMock();
    const digit = createDigitClient({ baseUrl: "http://digit.test", tenantId: "pg", fetch: mock.fetch });
    const session = await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
    expect(session).toBeTruthy();
    const { mdms } = await digit.mdms.search({ MdmsCriteria: { tenantId: "pg", schemaCode: "tenant.tenants" } });
    expect(mdms?.map((m) => m.data?.["code"]).sort()).toEqual(["pg", "pg.citya"]);
  });
});
