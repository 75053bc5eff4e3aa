import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Bundle } from "@digit-kit/bundle";
import { createDigitMock, DEFAULT_CREDENTIALS, loadSeed, SeedError } from "../src/index.js";
import { login, post, requestInfo, testClock, type Json } from "./helpers.js";

const origin = (pointer: string) => ({ file: "test-bundle", pointer });

function testBundle(overrides: Partial<Bundle> = {}): Bundle {
  return {
    root: "/virtual",
    layout: "digit-kit",
    stateTenant: "pb",
    tenants: [
      { code: "pb", name: "Punjab", kind: "state", record: { code: "pb", name: "Punjab", type: "STATE" }, origin: origin("/tenants/0") },
      { code: "pb.amritsar", name: "Amritsar", kind: "city", record: { code: "pb.amritsar", name: "Amritsar", type: "CITY" }, origin: origin("/tenants/1") },
    ],
    mdmsSchemas: [
      {
        tenantId: "pb",
        code: "common-masters.Department",
        isActive: true,
        definition: { type: "object", required: ["code", "name"], "x-unique": ["code"], properties: { code: { type: "string" }, name: { type: "string" } } },
        origin: origin("/schemas/0"),
      },
    ],
    mdmsData: [{ tenantId: "pb", schemaCode: "common-masters.Department", data: { code: "DEPT_1", name: "Roads" }, isActive: true, origin: origin("/data/0") }],
    workflows: [],
    localization: [{ tenantId: "pb", locale: "en_IN", module: "rainmaker-common", code: "HELLO", message: "Hello", origin: origin("/loc/0") }],
    boundary: { hierarchies: [], entities: [], relationships: [] },
    users: [
      {
        tenantId: "pb.amritsar",
        userName: "PB_EMP",
        name: "Punjab Employee",
        type: "EMPLOYEE",
        mobileNumber: "9876543210",
        password: "Passw0rd@1",
        roles: [{ code: "EMPLOYEE", tenantId: "pb" }],
        origin: origin("/users/0"),
      },
    ],
    employees: [],
    ...overrides,
  };
}

describe("seeding", () => {
  it("seeds with write lag configured: seeded data is visible at once, later writes still lag", async () => {
    const clock = testClock();
    const mock = createDigitMock({ seed: testBundle(), now: clock.now, options: { writeLagMs: 5_000 } });
    expect(mock.ctx.tenants.isKnown("pb.amritsar")).toBe(true);
    expect(mock.ctx.mdms.records("pb", "common-masters.Department")).toHaveLength(1);
    const token = await login(mock.fetch, undefined, { ...DEFAULT_CREDENTIALS });
    const search = (code: string) =>
      post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department", uniqueIdentifiers: [code] } });
    const created = await post(mock.fetch, "/mdms-v2/v2/_create/common-masters.Department", {
      RequestInfo: requestInfo(token),
      Mdms: { tenantId: "pb", schemaCode: "common-masters.Department", data: { code: "DEPT_2", name: "Water" }, isActive: true },
    });
    expect(created.status).toBe(202);
    expect((await search("DEPT_2")).body.mdms).toHaveLength(0);
    clock.advance(5_001);
    expect((await search("DEPT_2")).body.mdms).toHaveLength(1);
  });

  it("seeds the built-in pg state, city, roles, actions for every route and the superuser", async () => {
    const mock = createDigitMock();
    expect(mock.ctx.tenants.list()).toEqual(["pg", "pg.citya"]);
    const token = await login(mock.fetch, undefined, { ...DEFAULT_CREDENTIALS });
    const actions = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pg", schemaCode: "ACCESSCONTROL-ACTIONS-TEST.actions-test", limit: 1000 } });
    const urls = new Set(actions.body.mdms.map((m: Json) => m.data.url));
    for (const route of mock.engine.router.routes()) expect(urls.has(route.path), route.operationId).toBe(true);
    const roles = mock.ctx.mdms.records("pg", "ACCESSCONTROL-ROLES.roles").map((r) => r.data["code"]);
    expect(roles).toEqual(expect.arrayContaining(["SUPERUSER", "EMPLOYEE", "CITIZEN", "GRO", "PGR-ADMIN", "HRMS_ADMIN", "MDMS_ADMIN", "LOC_ADMIN", "WORKFLOW_ADMIN"]));
  });

  it("applies a bundle through the service handlers: schemas, tenants, masters, localization, users", async () => {
    const mock = createDigitMock({ seed: testBundle() });
    expect(mock.ctx.tenants.list()).toEqual(["pb", "pb.amritsar", "pg", "pg.citya"]);
    const token = await login(mock.fetch, undefined, { username: "PB_EMP", password: "Passw0rd@1", tenantId: "pb.amritsar", userType: "EMPLOYEE" });
    const depts = await post(mock.fetch, "/mdms-v2/v2/_search", { RequestInfo: requestInfo(token), MdmsCriteria: { tenantId: "pb.amritsar", schemaCode: "common-masters.Department" } });
    expect(depts.status).toBe(200);
    expect(depts.body.mdms.map((m: Json) => m.data.code)).toEqual(["DEPT_1"]);
    // ADMIN gains SUPERUSER at the bundle's state tenant.
    const admin = await login(mock.fetch);
    const loc = await post(mock.fetch, "/localization/messages/v1/_search?tenantId=pb&locale=en_IN&module=rainmaker-common", { RequestInfo: requestInfo(admin) });
    expect(loc.status).toBe(200);
    expect(loc.body.messages.map((m: Json) => m.code)).toContain("HELLO");
  });

  it("seeds masters that reference each other across schemas, referenced schemas first whatever the bundle order", () => {
    const schema = (i: number, code: string, refs: { fieldPath: string; schemaCode: string }[]) => ({
      tenantId: "pb",
      code,
      isActive: true,
      definition: { type: "object", required: ["code"], "x-unique": ["code"], "x-ref-schema": refs, properties: { code: { type: "string" }, department: { type: "string" }, designation: { type: "string" } } },
      origin: origin(`/schemas/${i}`),
    });
    const record = (i: number, schemaCode: string, data: Record<string, unknown>) => ({ tenantId: "pb", schemaCode, data, isActive: true, origin: origin(`/data/${i}`) });
    const bundle = testBundle({
      mdmsSchemas: [
        schema(0, "test.Post", [{ fieldPath: "designation", schemaCode: "test.Designation" }]),
        schema(1, "test.Designation", [{ fieldPath: "department", schemaCode: "test.Department" }]),
        schema(2, "test.Department", []),
      ],
      // Bundle order is the reverse of the dependency order: posts, then designations, then departments.
      mdmsData: [
        record(0, "test.Post", { code: "POST_1", designation: "DESIG_1" }),
        record(1, "test.Designation", { code: "DESIG_1", department: "DEPT_1" }),
        record(2, "test.Department", { code: "DEPT_1" }),
      ],
    });
    const mock = createDigitMock({ seed: bundle });
    expect(mock.ctx.mdms.records("pb", "test.Department").map((r) => r.data["code"])).toEqual(["DEPT_1"]);
    expect(mock.ctx.mdms.records("pb", "test.Designation").map((r) => r.data["code"])).toEqual(["DESIG_1"]);
    expect(mock.ctx.mdms.records("pb", "test.Post").map((r) => r.data["code"])).toEqual(["POST_1"]);
    // The reference is checked: a post naming a designation nobody seeds is refused, with its origin.
    const dangling = { ...bundle, mdmsData: [...bundle.mdmsData, record(3, "test.Post", { code: "POST_2", designation: "NOPE" })] };
    expect(() => createDigitMock({ seed: dangling })).toThrow(/test-bundle\/data\/3.*REFERENCE_VALIDATION_ERR/);
  });

  it("reset returns to the seeded state including the bundle", async () => {
    const mock = createDigitMock({ seed: testBundle() });
    mock.state.reset();
    expect(mock.ctx.users.byUserName("PB_EMP", "pb.amritsar")).toBeDefined();
  });

  it("fails with the item's origin when the bundle is invalid", () => {
    const bad = testBundle({
      mdmsData: [{ tenantId: "pb", schemaCode: "common-masters.Department", data: { code: 42 }, isActive: true, origin: origin("/data/7") }],
    });
    expect(() => createDigitMock({ seed: bad })).toThrow(SeedError);
    expect(() => createDigitMock({ seed: bad })).toThrow(/test-bundle\/data\/7/);
  });

  it("seeds the example demo bundle from disk with @digit-kit/bundle", async () => {
    const dir = fileURLToPath(new URL("../../../examples/demo-bundle", import.meta.url));
    const bundle = await loadSeed(dir, { env: { DK_DEMO_PASSWORD: "Demo@123" } });
    const mock = createDigitMock({ seed: bundle });
    expect(mock.ctx.tenants.list()).toEqual(expect.arrayContaining(["dk", "dk.alpha", "dk.beta"]));
  });
});
