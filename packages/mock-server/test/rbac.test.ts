import { beforeAll, describe, expect, it } from "vitest";
import type { RouteDef } from "@digit-kit/sdk/routes";
import { createRbac, ACTIONS_SCHEMA, ROLE_ACTIONS_SCHEMA } from "../src/core/rbac.js";
import type { MdmsDataRecord, MdmsReader, StoredUser } from "../src/core/types.js";
import { createDigitMock } from "../src/index.js";
import { createUser, login, post, requestInfo } from "./helpers.js";

const search = (token: string, tenantId: string) => ({ RequestInfo: requestInfo(token), MdmsCriteria: { tenantId, schemaCode: "tenant.tenants" } });
const schemaCreate = (token: string) => ({
  RequestInfo: requestInfo(token),
  SchemaDefinition: { tenantId: "pg", code: "demo.Thing", description: "demo", isActive: true, definition: { type: "object", properties: { code: { type: "string" } }, "x-unique": ["code"], required: ["code"] } },
});
const DENIED = { ResponseInfo: null, Errors: [{ code: "CustomException", message: "Not authorized to access this resource", description: "Not authorized to access this resource", params: null }] };

/** An employee of the city holding EMPLOYEE at the state (so its roles apply to the city). */
const CITY_EMPLOYEE = {
  userName: "CITYEMP",
  name: "City Employee",
  type: "EMPLOYEE",
  tenantId: "pg.citya",
  mobileNumber: "9876543210",
  active: true,
  password: "Passw0rd@1",
  roles: [{ code: "EMPLOYEE", name: "Employee", tenantId: "pg" }],
};

describe("RBAC (gateway role-actions)", () => {
  const mock = createDigitMock();
  let cityEmployee = "";
  let citizen = "";
  let admin = "";
  beforeAll(async () => {
    admin = await login(mock.fetch);
    await createUser(mock.fetch, admin, CITY_EMPLOYEE);
    await createUser(mock.fetch, admin, {
      userName: "9000000001",
      name: "A Citizen",
      type: "CITIZEN",
      tenantId: "pg",
      mobileNumber: "9000000001",
      active: true,
      password: "Passw0rd@1",
      roles: [{ code: "CITIZEN", name: "Citizen", tenantId: "pg" }],
    });
    cityEmployee = await login(mock.fetch, undefined, { username: "CITYEMP", password: "Passw0rd@1", tenantId: "pg.citya", userType: "EMPLOYEE" });
    citizen = await login(mock.fetch, undefined, { username: "9000000001", password: "Passw0rd@1", tenantId: "pg", userType: "CITIZEN" });
  });

  it("allows a city user whose role is held at the state tenant", async () => {
    const r = await post(mock.fetch, "/mdms-v2/v2/_search", search(cityEmployee, "pg.citya"));
    expect(r.status).toBe(200);
  });

  it("denies a citizen an admin route with zuul's 403 CustomException", async () => {
    const r = await post(mock.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(citizen));
    expect(r.status).toBe(403);
    expect(r.body).toEqual(DENIED);
  });

  it("denies an employee a write their roles do not grant, but lets SUPERUSER do it", async () => {
    expect((await post(mock.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(cityEmployee))).status).toBe(403);
    expect((await post(mock.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(admin))).status).toBe(202);
  });

  it("lets a template-named action through with a warning (DIGIT needs the concrete path), and refuses it under --strict", async () => {
    // A schema created after start has no concrete-path action: only the seed's template action names its route.
    const thing = (token: string) => ({ RequestInfo: requestInfo(token), Mdms: { tenantId: "pg", schemaCode: "demo.Thing", data: { code: "T1" }, isActive: true } });
    const strict = createDigitMock({ options: { strict: true } });
    const strictAdmin = await login(strict.fetch);
    for (const m of [mock, strict]) {
      const token = m === mock ? admin : strictAdmin;
      const created = await post(m.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(token));
      expect([202, 400]).toContain(created.status); // 400: an earlier test created it already
    }
    expect((await post(mock.fetch, "/mdms-v2/v2/_create/demo.Thing", thing(citizen))).status).toBe(403);
    const allowed = await post(mock.fetch, "/mdms-v2/v2/_create/demo.Thing", thing(admin));
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get("x-digit-mock-warning")).toContain("RBAC_TEMPLATE_ACTION");
    expect((await post(strict.fetch, "/mdms-v2/v2/_create/demo.Thing", thing(strictAdmin))).status).toBe(403);
  });

  // egov-accesscontrol reads `{schemaCode}` as `\w+` (util/Utils.java:9-23), which no schema code matches.
  it("seeds concrete-path actions for its own schemas, as DIGIT's default data does, so --strict can write them", async () => {
    const body = (token: string) => ({ RequestInfo: requestInfo(token), Mdms: { tenantId: "pg", schemaCode: "tenant.tenants", data: { code: "pg.cityz", name: "Z" }, isActive: true } });
    const strict = createDigitMock({ options: { strict: true } });
    const strictAdmin = await login(strict.fetch);
    const created = await post(strict.fetch, "/mdms-v2/v2/_create/tenant.tenants", body(strictAdmin));
    expect(created.status).toBe(202);
    expect(created.headers.get("x-digit-mock-warning")).toBeNull();
    const actions = await post(strict.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(strictAdmin), MdmsCriteria: { tenantId: "pg", schemaCode: ACTIONS_SCHEMA, limit: 1000 } });
    const urls = (actions.body.mdms as { data: { url: string } }[]).map((r) => r.data.url);
    expect(urls).toEqual(expect.arrayContaining(["/mdms-v2/v2/_create/tenant.tenants", "/mdms-v2/v2/_update/ACCESSCONTROL-ROLES.roles", "/mdms-v2/v2/_create/common-masters.Department"]));
  });

  it("picks up new role-actions written to MDMS (cache invalidation)", async () => {
    const upsert = () =>
      post(mock.fetch, "/localization/messages/v1/_upsert", {
        RequestInfo: requestInfo(cityEmployee),
        tenantId: "pg",
        messages: [{ code: "HELLO", message: "Hello", module: "rainmaker-common", locale: "en_IN" }],
      });
    expect((await upsert()).status).toBe(403);
    const actions = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(admin), MdmsCriteria: { tenantId: "pg", schemaCode: ACTIONS_SCHEMA, limit: 1000 } });
    const action = actions.body.mdms.find((r: { data: { url: string } }) => r.data.url === "/localization/messages/v1/_upsert");
    const grant = await post(mock.fetch, `/mdms-v2/v2/_create/${ROLE_ACTIONS_SCHEMA}`, {
      RequestInfo: requestInfo(admin),
      Mdms: { tenantId: "pg", schemaCode: ROLE_ACTIONS_SCHEMA, data: { rolecode: "EMPLOYEE", actionid: action.data.id, actioncode: "", tenantId: "pg" }, isActive: true },
    });
    expect(grant.status).toBe(202);
    expect((await upsert()).status).not.toBe(403);
  });

  it("sees a role-action deactivated by an update, and one rolled back by a restore", async () => {
    const fresh = createDigitMock();
    const adminToken = await login(fresh.fetch);
    await createUser(fresh.fetch, adminToken, CITY_EMPLOYEE);
    const token = await login(fresh.fetch, undefined, { username: "CITYEMP", password: "Passw0rd@1", tenantId: "pg.citya", userType: "EMPLOYEE" });
    const upsert = () =>
      post(fresh.fetch, "/localization/messages/v1/_upsert", {
        RequestInfo: requestInfo(token),
        tenantId: "pg",
        messages: [{ code: "HELLO", message: "Hello", module: "rainmaker-common", locale: "en_IN" }],
      });
    const before = fresh.state.snapshot();
    expect((await upsert()).status).toBe(403);
    const actions = await post(fresh.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(adminToken), MdmsCriteria: { tenantId: "pg", schemaCode: ACTIONS_SCHEMA, limit: 1000 } });
    const action = actions.body.mdms.find((r: { data: { url: string } }) => r.data.url === "/localization/messages/v1/_upsert");
    const data = { rolecode: "EMPLOYEE", actionid: action.data.id, actioncode: "", tenantId: "pg" };
    const grant = await post(fresh.fetch, `/mdms-v2/v2/_create/${ROLE_ACTIONS_SCHEMA}`, {
      RequestInfo: requestInfo(adminToken),
      Mdms: { tenantId: "pg", schemaCode: ROLE_ACTIONS_SCHEMA, data, isActive: true },
    });
    expect(grant.status).toBe(202);
    expect((await upsert()).status).not.toBe(403);
    const stored = grant.body.mdms[0];
    const revoke = await post(fresh.fetch, `/mdms-v2/v2/_update/${ROLE_ACTIONS_SCHEMA}`, { RequestInfo: requestInfo(adminToken), Mdms: { ...stored, isActive: false } });
    expect(revoke.status).toBe(202);
    expect((await upsert()).status).toBe(403);
    await post(fresh.fetch, `/mdms-v2/v2/_update/${ROLE_ACTIONS_SCHEMA}`, { RequestInfo: requestInfo(adminToken), Mdms: { ...stored, isActive: true } });
    expect((await upsert()).status).not.toBe(403);
    fresh.state.restore(before);
    expect((await upsert()).status).toBe(403);
  });

  it("does not check roles when rbac is off (--no-rbac)", async () => {
    const open = createDigitMock({ options: { rbac: false } });
    const adminToken = await login(open.fetch);
    await createUser(open.fetch, adminToken, {
      userName: "9000000002",
      name: "Another Citizen",
      type: "CITIZEN",
      tenantId: "pg",
      mobileNumber: "9000000002",
      active: true,
      password: "Passw0rd@1",
      roles: [{ code: "CITIZEN", tenantId: "pg" }],
    });
    const token = await login(open.fetch, undefined, { username: "9000000002", password: "Passw0rd@1", tenantId: "pg", userType: "CITIZEN" });
    expect((await post(open.fetch, "/mdms-v2/schema/v1/_create", schemaCreate(token))).status).toBe(202);
  });
});

/** egov-accesscontrol's decision over a hand-made role-action table. */
describe("createRbac (ActionService.isAuthorized)", () => {
  const record = (tenantId: string, schemaCode: string, data: Record<string, unknown>): MdmsDataRecord => ({
    id: `${schemaCode}-${JSON.stringify(data)}`,
    tenantId,
    schemaCode,
    uniqueIdentifier: String(data["id"] ?? data["actionid"]),
    data,
    isActive: true,
    auditDetails: { createdBy: "", createdTime: 0, lastModifiedBy: "", lastModifiedTime: 0 },
    visibleFrom: 0,
  });
  const data: MdmsDataRecord[] = [
    record("pb", ACTIONS_SCHEMA, { id: 1, url: "/x/_search", enabled: true }),
    record("pb", ACTIONS_SCHEMA, { id: 2, url: "/x/{id}/_update", enabled: false }),
    record("pb", ACTIONS_SCHEMA, { id: 3, url: "/x/_create" }),
    record("pb", ROLE_ACTIONS_SCHEMA, { rolecode: "EMPLOYEE", actionid: 1 }),
    record("pb", ROLE_ACTIONS_SCHEMA, { rolecode: "EMPLOYEE", actionid: 2 }),
    record("pb", ROLE_ACTIONS_SCHEMA, { rolecode: "CREATOR", actionid: 3 }),
  ];
  const reader: MdmsReader = { records: (tenantId, schemaCode) => data.filter((r) => r.tenantId === tenantId.split(".")[0] && r.schemaCode === schemaCode) };
  const rbac = createRbac(reader, () => 1);
  const employee = [{ code: "EMPLOYEE", tenantId: "pb" }];

  it("matches exact urls and {placeholders} as \\w+ over the whole path; enabled is not read", () => {
    expect(rbac.authorize(employee, "/x/_search", ["pb.amritsar"])).toBe("allowed");
    expect(rbac.authorize(employee, "/x/42/_update", ["pb.amritsar"])).toBe("allowed");
    expect(rbac.authorize(employee, "/x/a.b/_update", ["pb.amritsar"])).toBe("denied");
    expect(rbac.authorize(employee, "/x/42/_update/more", ["pb.amritsar"])).toBe("denied");
    expect(rbac.authorize(employee, "/x/_create", ["pb.amritsar"])).toBe("denied");
  });

  it("counts a role held at any request tenant or the first tenant's state; the first tenant picks the data", () => {
    const cityRoles = [
      { code: "EMPLOYEE", tenantId: "pb.amritsar" },
      { code: "CREATOR", tenantId: "pb.jalandhar" },
    ];
    // DIGIT allows when any applicable role grants it: not "authorised in every tenant".
    expect(rbac.authorize(cityRoles, "/x/_create", ["pb.amritsar", "pb.jalandhar"])).toBe("allowed");
    expect(rbac.authorize(cityRoles, "/x/_create", ["pb.amritsar"])).toBe("denied");
    expect(rbac.authorize([{ code: "EMPLOYEE", tenantId: "elsewhere" }], "/x/_search", ["pb"])).toBe("denied");
    expect(rbac.authorize(employee, "/x/_search", ["zz.city"])).toBe("unavailable");
  });

  it("has no SUPERUSER shortcut: the gateway check reports it as a leniency", () => {
    const user = { userName: "ROOT", tenantId: "pb", roles: [{ code: "SUPERUSER", name: "Super User", tenantId: "pb" }] } as unknown as StoredUser;
    const route = { path: "/x/_create" } as RouteDef;
    expect(rbac.authorize(user.roles, "/x/_create", ["pb"])).toBe("denied");
    const verdict = rbac.check(user, route, "/x/_create", ["pb"]);
    expect(verdict.allowed).toBe(false);
    expect(verdict.lenient).toContain("RBAC_SUPERUSER");
  });
});
