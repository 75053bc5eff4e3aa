/**
 * Tenant checks see every item of a bulk body, and tenant ids that could reach Object.prototype as map keys
 * are refused before any handler runs.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDigitMock, type ServiceModule } from "../src/index.js";
import { serviceModules } from "../src/services/index.js";
import { isPlausibleTenantId } from "../src/core/request-tenants.js";
import { createUser, login, post, requestInfo } from "./helpers.js";

const boundary = (tenantId: string, code: string) => ({ tenantId, code, geometry: { type: "Point", coordinates: [75.8, 30.9] } });

afterEach(() => {
  // A failing test must not leave pollution behind for the next one.
  delete (Object.prototype as Record<string, unknown>)["status"];
});

describe("tenant ids in bulk bodies", () => {
  it("refuses __proto__ as the 101st item's tenant, with no pollution of Object.prototype", async () => {
    const mock = createDigitMock();
    const token = await login(mock.fetch);
    const items = Array.from({ length: 120 }, (_, i) => boundary("pg", `B-${i}`));
    items.push(boundary("__proto__", "status"));
    const r = await post(mock.fetch, "/boundary-service/boundary/_create", { RequestInfo: requestInfo(token), Boundary: items });
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].code).toBe("INVALID_TENANT_ID");
    expect(r.body.Errors[0].params).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["status"]).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "status")).toBe(false);
    // Nothing of the batch was written.
    const found = await post(mock.fetch, "/boundary-service/boundary/_search?tenantId=pg&codes=B-0", { RequestInfo: requestInfo(token) });
    expect(found.body.Boundary).toEqual([]);
  });

  it("applies RBAC to a 101st item naming another state's tenant", async () => {
    const mock = createDigitMock();
    // A second state tenant, "xs". mdms-v2 SchemaDefinitionValidator: non-empty "required", "x-unique" ⊆ "required".
    const schema = mock.engine.invoke("mdms.createSchema", {
      RequestInfo: requestInfo(),
      SchemaDefinition: { tenantId: "xs", code: "demo.Thing", definition: { type: "object", properties: { code: { type: "string" } }, required: ["code"], "x-unique": ["code"] }, isActive: true },
    });
    expect(schema.status).toBeLessThan(300);
    expect(mock.ctx.tenants.isKnown("xs")).toBe(true);
    // egov-accesscontrol ActionService.isAuthorized (:112-199): the first tenant picks the role-action data, and a
    // role applies when its tenant is ANY of the request's tenants. So a pg employee whose BOUNDARY_ADMIN role is
    // held at xs may create pg boundaries only in a request that names xs, here in its 101st item.
    const admin = await login(mock.fetch);
    const user = { userName: "XS_BOUNDARY", name: "Xs Boundary Admin", mobileNumber: "9999999999", active: true, type: "EMPLOYEE", tenantId: "pg", password: "Xs@Bound1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }, { code: "BOUNDARY_ADMIN", tenantId: "xs" }] };
    expect((await createUser(mock.fetch, admin, user)).status).toBe(200);
    const token = await login(mock.fetch, undefined, { username: "XS_BOUNDARY", password: "Xs@Bound1", tenantId: "pg", userType: "EMPLOYEE" });
    const items = Array.from({ length: 100 }, (_, i) => boundary("pg", `P-${i}`));
    const denied = await post(mock.fetch, "/boundary-service/boundary/_create", { RequestInfo: requestInfo(token), Boundary: items });
    expect(denied.status).toBe(403);
    expect(denied.body.Errors[0].code).toBe("CustomException"); // the gateway's refusal (core/gateway.ts rbacDenied)
    // The same batch with a 101st item at xs: the xs role now applies, so the gateway lets it through.
    expect((await post(mock.fetch, "/boundary-service/boundary/_create", { RequestInfo: requestInfo(token), Boundary: [...items, boundary("xs", "X-1")] })).status).toBeLessThan(300);
  });

  it("checks every item of a 10,000-item body quickly", async () => {
    // An unknown tenant is refused only under --strict (DIGIT's gateway and services never look it up).
    const mock = createDigitMock({ options: { strict: true } });
    const token = await login(mock.fetch);
    // boundary-service caps Boundary at 300 items (BoundaryRequest @Size(max = 300)); egov-user-event's
    // EventRequest.events has no cap, so a 10,000-item body is one DIGIT accepts.
    const event = (tenantId: string, i: number) => ({ tenantId, eventType: "BROADCAST", name: `Event ${i}`, description: "Bulk", source: "WEBAPP" });
    const items = Array.from({ length: 10_000 }, (_, i) => event("pg", i));
    items[9_999] = event("nowhere", 9_999);
    const started = performance.now();
    const r = await post(mock.fetch, "/egov-user-event/v1/events/_create", { RequestInfo: requestInfo(token), events: items });
    expect(r.status).toBe(400);
    expect(r.body.Errors[0]).toMatchObject({ code: "INVALID_TENANT_ID", params: ["nowhere"] });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses implausible tenant ids in the query and body with a DIGIT-shaped 400", async () => {
    const mock = createDigitMock();
    const token = await login(mock.fetch);
    for (const tenantId of ["constructor", "pg.__proto__", "toString", "pg/../x", "a b", "pg,hasOwnProperty"]) {
      const r = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId, schemaCode: "tenant.tenants" } });
      expect(r.status, tenantId).toBe(400);
      expect(r.body.ResponseInfo.status).toBe("failed");
      expect(r.body.Errors[0].code).toBe("INVALID_TENANT_ID");
    }
    const q = await post(mock.fetch, "/boundary-service/boundary/_search?tenantId=__proto__", { RequestInfo: requestInfo(token) });
    expect(q.status).toBe(400);
    // Tenant-exempt operations (schema create for a new state) are checked too.
    const schema = await post(mock.fetch, "/mdms-v2/schema/v1/_create", {
      RequestInfo: requestInfo(token),
      SchemaDefinition: { tenantId: "__proto__", code: "x.y", definition: { type: "object" }, isActive: true },
    });
    expect(schema.status).toBe(400);
    expect(schema.body.Errors[0].code).toBe("INVALID_TENANT_ID");
  });

  it("accepts the tenant ids DIGIT deployments use", () => {
    for (const t of ["pg", "pg.citya", "pb.amritsar", "od.cuttack", "mz", "statea.city_1", "ka.bbmp-east"]) expect(isPlausibleTenantId(t), t).toBe(true);
    for (const t of ["", ".pg", "pg.", "pg..x", "__proto__", "constructor", "pg.valueOf", "a.b.c.d.e", "x".repeat(200)]) expect(isPlausibleTenantId(t), t).toBe(false);
  });

  it("keeps repeated query parameters and odd parameter names as plain data", async () => {
    // A module that echoes the query the core hands to handlers.
    const echo: ServiceModule<Record<string, never>> = {
      key: "echo",
      initialState: () => ({}),
      handlers: { "boundary.search": (req) => ({ status: 200, body: { query: { ...req.query } } }) },
    };
    const mock = createDigitMock({ modules: [...serviceModules.filter((m) => m.key !== "boundary"), echo] });
    const token = await login(mock.fetch);
    const r = await post(mock.fetch, "/boundary-service/boundary/_search?constructor=1&constructor=2&toString=x&tenantId=pg", { RequestInfo: requestInfo(token) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.query).toEqual({ constructor: "1,2", toString: "x", tenantId: "pg" });
  });
});
