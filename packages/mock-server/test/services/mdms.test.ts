import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MdmsSlice } from "../../src/core/types.js";
import { mdmsService } from "../../src/services/mdms/index.js";
import { readMdms } from "../../src/services/mdms/reader.js";
import { compileFilter } from "../../src/services/mdms/json-filter.js";
import { bodyOf, caller, errorCodes, FIXTURES, fakeContext, hasFixtures, Harness, role, substituteTenant } from "./helpers.js";

const deptSchema = {
  type: "object",
  $schema: "http://json-schema.org/draft-07/schema#",
  required: ["code", "name", "active"],
  "x-unique": ["code"],
  properties: { code: { type: "string" }, name: { type: "string" }, active: { type: "boolean" }, email: { type: "string", format: "email" } },
};
const roleSchema = { type: "object", required: ["code"], "x-unique": ["code"], properties: { code: { type: "string" } } };
const roleActionSchema = {
  type: "object",
  required: ["rolecode", "actionid"],
  "x-unique": ["rolecode", "actionid"],
  "x-ref-schema": [{ fieldPath: "rolecode", schemaCode: "ACCESSCONTROL-ROLES.roles" }],
  properties: { rolecode: { type: "string" }, actionid: { type: "number" } },
};

function setup(options: Parameters<typeof fakeContext>[0] = {}) {
  const ctx = fakeContext(options);
  const h = new Harness(mdmsService, ctx);
  const me = caller(ctx, [role("MDMS_ADMIN")]);
  const schema = (code: string, definition: unknown, tenantId = "pb") =>
    h.call("mdms.createSchema", { caller: me, body: { SchemaDefinition: { tenantId, code, definition, isActive: true } } });
  const create = (schemaCode: string, data: unknown, tenantId = "pb", isActive = true) =>
    h.call("mdms.create", { caller: me, params: { schemaCode }, body: { Mdms: { tenantId, schemaCode, data, isActive } } });
  const search = (criteria: Record<string, unknown>) => h.call("mdms.search", { caller: me, body: { MdmsCriteria: criteria } });
  const records = (criteria: Record<string, unknown>) => bodyOf(search(criteria))["mdms"] as { data: Record<string, unknown>; tenantId: string; id: string }[];
  return { ctx, h, me, schema, create, search, records };
}

describe("mdms schemas", () => {
  it("creates a schema with 202 and refuses a duplicate code", () => {
    const { schema } = setup();
    const first = schema("common-masters.Department", deptSchema);
    expect(first.status).toBe(202);
    expect((bodyOf(first)["SchemaDefinitions"] as { code: string }[])[0]?.code).toBe("common-masters.Department");
    const dup = schema("common-masters.Department", deptSchema);
    expect(dup.status).toBe(400);
    expect(errorCodes(dup)).toEqual(["DUPLICATE_SCHEMA_CODE"]);
  });

  it("refuses a definition that is not a valid draft-07 schema", () => {
    const { schema } = setup();
    const res = schema("x.bad", { type: "strng" });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toContain("INVALID_SCHEMA_DEFINITION");
  });

  it("searches schemas by codes, falling back to the state tenant", () => {
    const { schema, h, me } = setup();
    schema("a.one", roleSchema);
    schema("a.two", roleSchema);
    const res = h.call("mdms.searchSchemas", { caller: me, body: { SchemaDefCriteria: { tenantId: "pb.amritsar", codes: ["a.two"] } } });
    expect(res.status).toBe(202);
    expect((bodyOf(res)["SchemaDefinitions"] as { code: string }[]).map((s) => s.code)).toEqual(["a.two"]);
  });

  it("updates a schema in lenient mode and refuses in strict mode", () => {
    const lenient = setup();
    lenient.schema("a.one", roleSchema);
    const body = { SchemaDefinition: { tenantId: "pb", code: "a.one", definition: deptSchema } };
    expect(lenient.h.call("mdms.updateSchema", { caller: lenient.me, body }).status).toBe(202);
    expect(lenient.create("a.one", { code: "X" }).status).toBe(400);
    const strict = setup({ strict: true });
    strict.schema("a.one", roleSchema);
    const refused = strict.h.call("mdms.updateSchema", { caller: strict.me, body });
    expect(refused.status).toBe(501);
  });
});

describe("mdms data", () => {
  it("creates a record with 202, uniqueIdentifier from x-unique and audit details", () => {
    const { schema, create, me } = setup();
    schema("common-masters.Department", deptSchema);
    const res = create("common-masters.Department", { code: "DEPT_1", name: "Works", active: true });
    expect(res.status).toBe(202);
    const record = (bodyOf(res)["mdms"] as Record<string, unknown>[])[0];
    expect(record).toMatchObject({ tenantId: "pb", schemaCode: "common-masters.Department", uniqueIdentifier: "DEPT_1", isActive: true });
    expect((record?.["auditDetails"] as { createdBy: string }).createdBy).toBe(me.user.uuid);
    expect(record).not.toHaveProperty("visibleFrom");
  });

  it("refuses data for an unknown schema", () => {
    const { create } = setup();
    const res = create("nope.nothing", { code: "A" });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(["SCHEMA_DEFINITION_NOT_FOUND"]);
  });

  it("reports one INVALID_MDMS_DATA error per violation, naming the JSON path", () => {
    const { schema, create } = setup();
    schema("common-masters.Department", deptSchema);
    const res = create("common-masters.Department", { code: 5, active: true, email: "not-an-email" });
    expect(res.status).toBe(400);
    const errors = (bodyOf(res)["Errors"] as { code: string; message: string; params: string[] }[]);
    expect(errors.every((e) => e.code === "INVALID_MDMS_DATA")).toBe(true);
    const paths = errors.map((e) => e.params[0]);
    expect(paths).toEqual(expect.arrayContaining(["$.code", "$.name", "$.email"]));
    expect(errors.find((e) => e.params[0] === "$.code")?.message).toContain("$.code");
  });

  it("refuses a duplicate x-unique value", () => {
    const { schema, create } = setup();
    schema("common-masters.Department", deptSchema);
    expect(create("common-masters.Department", { code: "D", name: "a", active: true }).status).toBe(202);
    const dup = create("common-masters.Department", { code: "D", name: "b", active: true });
    expect(dup.status).toBe(400);
    expect(errorCodes(dup)).toEqual(["DUPLICATE_RECORD"]);
  });

  it("checks x-ref-schema references, against the city or its state", () => {
    const { schema, create } = setup();
    schema("ACCESSCONTROL-ROLES.roles", roleSchema);
    schema("ACCESSCONTROL-ROLEACTIONS.roleactions", roleActionSchema);
    const dangling = create("ACCESSCONTROL-ROLEACTIONS.roleactions", { rolecode: "GHOST", actionid: 1 });
    expect(dangling.status).toBe(400);
    expect(errorCodes(dangling)).toEqual(["INVALID_REFERENCE"]);
    expect((bodyOf(dangling)["Errors"] as { message: string }[])[0]?.message).toContain("ACCESSCONTROL-ROLES.roles");
    expect(create("ACCESSCONTROL-ROLES.roles", { code: "GRO" }).status).toBe(202);
    const ok = create("ACCESSCONTROL-ROLEACTIONS.roleactions", { rolecode: "GRO", actionid: 1 });
    expect(ok.status).toBe(202);
    expect((bodyOf(ok)["mdms"] as { uniqueIdentifier: string }[])[0]?.uniqueIdentifier).toBe("GRO.1");
    expect(create("ACCESSCONTROL-ROLEACTIONS.roleactions", { rolecode: "GRO", actionid: 2 }, "pb.amritsar").status).toBe(202);
  });

  it("falls back from a city to its state tenant on search", () => {
    const { schema, create, records } = setup();
    schema("common-masters.Department", deptSchema);
    create("common-masters.Department", { code: "S1", name: "state", active: true });
    expect(records({ tenantId: "pb.amritsar", schemaCode: "common-masters.Department" }).map((r) => r.tenantId)).toEqual(["pb"]);
    create("common-masters.Department", { code: "C1", name: "city", active: true }, "pb.amritsar");
    expect(records({ tenantId: "pb.amritsar", schemaCode: "common-masters.Department" }).map((r) => r.data["code"])).toEqual(["C1"]);
  });

  it("filters by isActive, ids, uniqueIdentifiers and data filters", () => {
    const { schema, create, records } = setup();
    schema("common-masters.Department", deptSchema);
    create("common-masters.Department", { code: "A", name: "x", active: true });
    create("common-masters.Department", { code: "B", name: "y", active: false }, "pb", false);
    create("common-masters.Department", { code: "C", name: "x", active: true });
    const codes = (c: Record<string, unknown>) => records({ tenantId: "pb", schemaCode: "common-masters.Department", ...c }).map((r) => r.data["code"]);
    expect(codes({})).toEqual(["A", "B", "C"]);
    expect(codes({ isActive: true })).toEqual(["A", "C"]);
    expect(codes({ isActive: false })).toEqual(["B"]);
    expect(codes({ uniqueIdentifiers: ["C"] })).toEqual(["C"]);
    expect(codes({ filters: { name: "x" } })).toEqual(["A", "C"]);
    expect(codes({ filters: { active: "false" } })).toEqual(["B"]);
  });

  it("paginates with offset and limit (default 10) and counts without paging", () => {
    const { schema, create, records, h, me } = setup();
    schema("a.roles", roleSchema);
    for (let i = 0; i < 15; i += 1) create("a.roles", { code: `R${String(i).padStart(2, "0")}` });
    expect(records({ tenantId: "pb", schemaCode: "a.roles" })).toHaveLength(10);
    expect(records({ tenantId: "pb", schemaCode: "a.roles", offset: 12, limit: 5 }).map((r) => r.data["code"])).toEqual(["R12", "R13", "R14"]);
    const count = h.call("mdms.count", { caller: me, body: { MdmsCriteria: { tenantId: "pb", schemaCode: "a.roles", limit: 2 } } });
    expect(bodyOf(count)["totalCount"]).toBe(15);
  });

  it("hides writes until the write lag has passed", () => {
    const { ctx, schema, create, records } = setup({ writeLagMs: 500 });
    schema("a.roles", roleSchema);
    create("a.roles", { code: "LATE" });
    expect(records({ tenantId: "pb", schemaCode: "a.roles" })).toHaveLength(0);
    ctx.clock.now += 500;
    expect(records({ tenantId: "pb", schemaCode: "a.roles" })).toHaveLength(1);
  });

  it("updates by id, revalidates, keeps uniqueness and soft-deletes with isActive=false", () => {
    const { schema, create, records, h, me, ctx } = setup();
    schema("common-masters.Department", deptSchema);
    const a = (bodyOf(create("common-masters.Department", { code: "A", name: "x", active: true }))["mdms"] as { id: string }[])[0];
    create("common-masters.Department", { code: "B", name: "y", active: true });
    const update = (Mdms: Record<string, unknown>) =>
      h.call("mdms.update", { caller: me, params: { schemaCode: "common-masters.Department" }, body: { Mdms: { tenantId: "pb", schemaCode: "common-masters.Department", ...Mdms } } });
    expect(errorCodes(update({ id: a?.id, data: { code: "A" } }))).toContain("INVALID_MDMS_DATA");
    expect(errorCodes(update({ id: a?.id, data: { code: "B", name: "x", active: true } }))).toEqual(["DUPLICATE_RECORD"]);
    expect(errorCodes(update({ id: "missing", data: { code: "Z", name: "x", active: true } }))).toEqual(["MDMS_DATA_NOT_FOUND"]);
    ctx.clock.now += 1000;
    const renamed = update({ id: a?.id, data: { code: "A", name: "renamed", active: true } });
    expect(renamed.status).toBe(202);
    const audit = (bodyOf(renamed)["mdms"] as { auditDetails: { lastModifiedTime: number; createdTime: number } }[])[0]?.auditDetails;
    expect(audit?.lastModifiedTime).toBeGreaterThan(audit?.createdTime ?? Infinity);
    expect(update({ id: a?.id, data: { code: "A", name: "renamed", active: true }, isActive: false }).status).toBe(202);
    expect(records({ tenantId: "pb", schemaCode: "common-masters.Department", isActive: true }).map((r) => r.data["code"])).toEqual(["B"]);
  });

  it("readMdms returns active visible records with city fallback", () => {
    const { ctx, schema, create, h } = setup({ writeLagMs: 10 });
    schema("a.roles", roleSchema);
    create("a.roles", { code: "ON" });
    create("a.roles", { code: "OFF" }, "pb", false);
    const slice = h.slice as MdmsSlice;
    expect(readMdms(slice, "pb.amritsar", "a.roles", ctx.now())).toHaveLength(0);
    expect(readMdms(slice, "pb.amritsar", "a.roles", ctx.now() + 10).map((r) => r.data["code"])).toEqual(["ON"]);
  });
});

describe("mdms v1-compatible search", () => {
  function seeded() {
    const s = setup();
    s.schema("common-masters.Department", deptSchema);
    s.create("common-masters.Department", { code: "A", name: "x", active: true });
    s.create("common-masters.Department", { code: "B", name: "y", active: false });
    s.create("common-masters.Department", { code: "C", name: "x", active: true });
    return s;
  }
  const v1 = (s: ReturnType<typeof setup>, op: string, filter?: string) =>
    s.h.call(op, {
      caller: s.me,
      body: { MdmsCriteria: { tenantId: "pb.amritsar", moduleDetails: [{ moduleName: "common-masters", masterDetails: [{ name: "Department", filter }] }] } },
    });
  const codesOf = (res: ReturnType<typeof v1>) =>
    ((bodyOf(res)["MdmsRes"] as Record<string, Record<string, { code: string }[]>>)["common-masters"]?.["Department"] ?? []).map((d) => d.code);

  it("answers MdmsRes by module and master, for both v1 routes", () => {
    const s = seeded();
    expect(codesOf(v1(s, "mdmsV1.search"))).toEqual(["A", "B", "C"]);
    expect(codesOf(v1(s, "mdms.searchV1", "[?(@.code=='B')]"))).toEqual(["B"]);
    expect(codesOf(v1(s, "mdmsV1.search", "$.[?(@.active==true)]"))).toEqual(["A", "C"]);
    expect(codesOf(v1(s, "mdmsV1.search", "[?(@.code IN ['A','B'])]"))).toEqual(["A", "B"]);
    expect(codesOf(v1(s, "mdmsV1.search", "[?(@.name=='x' && @.code != 'A')]"))).toEqual(["C"]);
    expect(codesOf(v1(s, "mdmsV1.search", "[?(@.code=='NONE')]"))).toEqual([]);
    const unknownMaster = s.h.call("mdmsV1.search", {
      caller: s.me,
      body: { MdmsCriteria: { tenantId: "pb", moduleDetails: [{ moduleName: "common-masters", masterDetails: [{ name: "Nothing" }] }] } },
    });
    expect(bodyOf(unknownMaster)["MdmsRes"]).toEqual({});
    const get = s.h.call("mdmsV1.get", { caller: s.me, query: { tenantId: "pb", moduleName: "common-masters", masterName: "Department", filter: "[?(@.code=='C')]" } });
    expect(codesOf(get)).toEqual(["C"]);
  });

  it("refuses unsupported filter syntax with 400", () => {
    const s = seeded();
    const res = v1(s, "mdmsV1.search", "$..book[(@.length-1)]");
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(["INVALID_FILTER"]);
  });

  it("evaluates projections and || in the filter language", () => {
    const rows = [{ code: "A", n: 1 }, { code: "B", n: 2 }, { code: "C", n: 3 }];
    expect(compileFilter("[?(@.code=='A' || @.n > 2)].code")(rows)).toEqual(["A", "C"]);
    expect(compileFilter("$.*.n")(rows)).toEqual([1, 2, 3]);
    expect(compileFilter("$[?(!(@.code=='A') && @.code NIN [\"C\"])]")(rows)).toEqual([{ code: "B", n: 2 }]);
    expect(compileFilter("[?(@.n >= 2 && @.n < 3)]")(rows)).toEqual([{ code: "B", n: 2 }]);
    expect(compileFilter("[?(@.missing)]")(rows)).toEqual([]);
    expect(() => compileFilter("$..code")).toThrow();
    expect(() => compileFilter("[?(@.code ~= 'A')]")).toThrow();
  });
});

describe.skipIf(!hasFixtures)("mdms with the DIGIT fixtures", () => {
  const load = (path: string) => substituteTenant(JSON.parse(readFileSync(join(FIXTURES, path), "utf8")) as unknown, "pb");

  it("accepts every fixture schema and the 203 actions", () => {
    const s = setup();
    const files = readdirSync(join(FIXTURES, "mdms/schemas"));
    expect(files).toHaveLength(5);
    for (const file of files) {
      for (const def of load(`mdms/schemas/${file}`) as Record<string, unknown>[]) {
        const res = s.h.call("mdms.createSchema", { caller: s.me, body: { SchemaDefinition: def } });
        expect(res.status, `${file} ${String(def["code"])}`).toBe(202);
      }
    }
    const actions = load("mdms/data/ACCESSCONTROL-ACTIONS-TEST/ACCESSCONTROL-ACTIONS-TEST.actions-test.json") as unknown[];
    for (const action of actions) expect(s.create("ACCESSCONTROL-ACTIONS-TEST.actions-test", action).status).toBe(202);
    const count = s.h.call("mdms.count", { caller: s.me, body: { MdmsCriteria: { tenantId: "pb", schemaCode: "ACCESSCONTROL-ACTIONS-TEST.actions-test" } } });
    expect(bodyOf(count)["totalCount"]).toBe(203);
    for (const tenant of load("mdms/data/tenant/tenant.tenants.json") as unknown[]) expect(s.create("tenant.tenants", tenant).status).toBe(202);
  });

  it("loads every fixture data file; roleactions has 3 duplicate (rolecode, actionid) pairs DIGIT would refuse too", () => {
    const s = setup();
    for (const file of readdirSync(join(FIXTURES, "mdms/schemas"))) {
      for (const def of load(`mdms/schemas/${file}`) as Record<string, unknown>[]) s.h.call("mdms.createSchema", { caller: s.me, body: { SchemaDefinition: def } });
    }
    // Referenced masters first, so x-ref-schema checks of roleactions find their roles and actions.
    const order = ["ACCESSCONTROL-ROLES", "ACCESSCONTROL-ACTIONS-TEST", "ACCESSCONTROL-ROLEACTIONS", "common-masters", "egov-hrms", "tenant"];
    const outcomes: Record<string, number> = {};
    for (const dir of order) {
      for (const file of readdirSync(join(FIXTURES, "mdms/data", dir))) {
        const schemaCode = file.replace(/\.json$/, "");
        for (const record of load(`mdms/data/${dir}/${file}`) as unknown[]) {
          const res = s.create(schemaCode, record);
          const key = res.status === 202 ? "ok" : errorCodes(res).join(",");
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        }
      }
    }
    expect(outcomes).toEqual({ ok: 22 + 203 + 393 + 13 + 29 + 1 + 4 + 5 + 7 + 2 + 3, DUPLICATE_RECORD: 3 });
  });
});
