import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDigitClient, createDigitCore, createMdmsClient, createWorkflowClient } from "../src/index.js";
import { routes, serviceKeys } from "../src/routes.js";
import { BASE, tokenResponse } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("createDigitClient over the generated route table", () => {
  it("has one namespace per service and one method per operation", () => {
    const digit = createDigitClient({ baseUrl: BASE, tenantId: "pb" });
    for (const key of serviceKeys) expect(typeof digit[key]).toBe("object");
    for (const route of Object.values(routes)) {
      const method = (digit[route.service] as unknown as Record<string, { route: unknown }>)[route.method];
      expect(method?.route, route.operationId).toBe(route);
    }
  });

  it("logs in through user.login and sends the session's token and user on mdms.search", async () => {
    let info: Record<string, unknown> | undefined;
    server.use(
      http.post(`${BASE}/user/oauth/token`, () => HttpResponse.json(tokenResponse("live-token"))),
      http.post(`${BASE}/mdms-v2/v2/_search`, async ({ request }) => {
        info = ((await request.json()) as { RequestInfo: Record<string, unknown> }).RequestInfo;
        return HttpResponse.json({ ResponseInfo: { status: "successful" }, mdms: [] });
      }),
    );
    const digit = createDigitClient({ baseUrl: `${BASE}/`, tenantId: "pb" });
    await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
    const res = await digit.mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } });
    expect(res.mdms).toEqual([]);
    expect(info).toMatchObject({ authToken: "live-token", userInfo: { uuid: "u-1", roles: [{ code: "SUPERUSER" }] } });
  });

  it("per-service clients share one login through a core", async () => {
    const tokens: string[] = [];
    server.use(
      http.post(`${BASE}/user/oauth/token`, () => HttpResponse.json(tokenResponse("shared"))),
      http.post(`${BASE}/mdms-v2/v2/_search`, async ({ request }) => {
        tokens.push(((await request.json()) as { RequestInfo: { authToken: string } }).RequestInfo.authToken);
        return HttpResponse.json({ mdms: [] });
      }),
      http.post(`${BASE}/egov-workflow-v2/egov-wf/businessservice/_search`, async ({ request }) => {
        tokens.push(((await request.json()) as { RequestInfo: { authToken: string } }).RequestInfo.authToken);
        expect(new URL(request.url).searchParams.get("tenantId")).toBe("pb");
        return HttpResponse.json({ BusinessServices: [] });
      }),
    );
    const core = createDigitCore({ baseUrl: BASE, tenantId: "pb" });
    await core.auth.login({ username: "ADMIN", password: "x" });
    await createMdmsClient(core).search({ MdmsCriteria: { tenantId: "pb", schemaCode: "a.b" } });
    await createWorkflowClient(core).searchBusinessServices({});
    expect(tokens).toEqual(["shared", "shared"]);
  });

  it("returns the Location of redirect operations instead of following them", async () => {
    server.use(
      http.get(`${BASE}/egov-url-shortening/:id`, ({ params }) =>
        new HttpResponse(null, { status: 302, headers: { location: `https://example.org/long/${String(params.id)}` } }),
      ),
    );
    const digit = createDigitClient({ baseUrl: BASE, tenantId: "pb" });
    const target = await digit.urlShortener.resolve({ params: { id: "abc" } });
    expect(target).toBe("https://example.org/long/abc");
  });
});
