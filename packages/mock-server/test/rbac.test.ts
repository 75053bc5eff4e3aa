import { beforeAll, describe, expect, it } from "vitest";
import { createDigitMock } from "../src/index.js";
import { createUser, login, post, requestInfo } from "./helpers.js";

const search = (token: string, tenantId: string) => ({ RequestInfo: requestInfo(token), MdmsCriteria: { tenantId, schemaCode: "tenant.tenants" } });
const schemaCreate = (token: string) => ({
  RequestInfo: requestInfo(token),
  SchemaDefinition: { tenantId: "pg", code: "demo.Thing", description: "demo", isActive: true, definition: { type: "object", properties: { code: { type: "string" } }, "x-unique": ["code"], required: ["code"] } },
});

describe("RBAC (gateway role-actions)", () => {
  const mock = createDigitMock();
  let cityEmployee = "";
  let citizen = "";
  let admin = "";
  beforeAll(async () => {
    admin = await login(mock.fetch);
    await createUser(mock.fetch, admin, {
      userName: "CITYEMP",
      name: "City Employee",
      type: "EMPLOYEE",
      tenantId: "pg.citya",
      password: "Passw0rd!",
      roles: [{ code: "EMPLOYEE", name: "Employee", tenantId: "pg" }],
    });
    await createUser(mock.fetch, admin, {
      userName: "9000000001",
      name: "A Citizen",
      type: "CITIZEN",
      tenantId: "pg",
      password: "Passw0rd!",
      roles: [{ code: "CITIZEN", name: "Citizen", tenantId: "pg" }],
    });
    cityEmployee = await login(mock.fetch, undefined, { username: "CITYEMP", password: "Passw0rd!", tenantId: "pg.citya", userType: "EMPLOYEE" });
    citizen = await login(mock.fetch, undefined, { username: "9000000001", password: "Passw0rd!", tenantId: "pg", userType: "CITIZEN" });
  });

  it("allows a city user whose role is held at the state tenant", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", search(cityEmployee, "pg.citya"));
    expect(r.status).toBe(200);
  });

  it("denies a citizen an admin route with 403 AccessDeniedException naming the route", async () => {
    const r = await post(mock.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(citizen));
    expect(r.status).toBe(403);
    expect(r.body.Errors[0].code).toBe("AccessDeniedException");
    expect(r.body.Errors[0].message).toContain("/mdms-v2/schema/v1/_create");
  });

  it("denies an employee a write their roles do not grant, but lets SUPERUSER do it", async () => {
    expect((await post(mock.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(cityEmployee))).status).toBe(403);
    expect((await post(mock.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(admin))).status).toBe(202);
  });

  it("matches parameterised routes by their template path", async () => {
    const body = { RequestInfo: requestInfo(citizen), Mdms: { tenantId: "pg", schemaCode: "tenant.tenants", data: { code: "pg.cityz", name: "Z" }, isActive: true } };
    const denied = await post(mock.fetch, "/mdms-v2/v2/_create/tenant.tenants", body);
    expect(denied.status).toBe(403);
  });

  it("picks up new role-actions written to MDMS (cache invalidation)", async () => {
    const before = await post(mock.fetch, "/localization/messages/v1/_upsert", {
      RequestInfo: requestInfo(cityEmployee),
      tenantId: "pg",
      messages: [{ code: "HELLO", message: "Hello", module: "rainmaker-common", locale: "en_IN" }],
    });
    expect(before.status).toBe(403);
    const actions = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(admin), MdmsCriteria: { tenantId: "pg", schemaCode: "ACCESSCONTROL-ACTIONS-TEST.actions-test", limit: 1000 } });
    const upsert = actions.body.mdms.find((r: { data: { url: string } }) => r.data.url === "/localization/messages/v1/_upsert");
    const grant = await post(mock.fetch, "/mdms-v2/v2/_create/ACCESSCONTROL-ROLEACTIONS.roleactions", {
      RequestInfo: requestInfo(admin),
      Mdms: { tenantId: "pg", schemaCode: "ACCESSCONTROL-ROLEACTIONS.roleactions", data: { rolecode: "EMPLOYEE", actionid: upsert.data.id, actioncode: "", tenantId: "pg" }, isActive: true },
    });
    expect(grant.status).toBe(202);
    const after = await post(mock.fetch, "/localization/messages/v1/_upsert", {
      RequestInfo: requestInfo(cityEmployee),
      tenantId: "pg",
      messages: [{ code: "HELLO", message: "Hello", module: "rainmaker-common", locale: "en_IN" }],
    });
    expect(after.status).not.toBe(403);
  });

  it("does not check roles when rbac is off (--no-rbac)", async () => {
    const open = createDigitMock({ options: { rbac: false } });
    const adminToken = await login(open.fetch);
    await createUser(open.fetch, adminToken, { userName: "9000000002", name: "Another Citizen", type: "CITIZEN", tenantId: "pg", password: "Passw0rd!", roles: [{ code: "CITIZEN", tenantId: "pg" }] });
    const token = await login(open.fetch, undefined, { username: "9000000002", password: "Passw0rd!", tenantId: "pg", userType: "CITIZEN" });
    expect((await post(open.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(token))).status).toBe(202);
  });
});
