import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MdmsSlice } from "../../src/core/types.js";
import { mdmsService } from "../../src/services/mdms/index.js";
import { readMdms } from "../../src/services/mdms/reader.js";
import { compileFilter } from "../../src/services/mdms/json-filter.js";
import { javaHashMapOrder } from "../../src/services/mdms/errors.js";
import { filterOf, contains } from "../../src/services/mdms/search.js";
import { fallbackChain, javaNumberText, uniqueIdentifierOf } from "../../src/services/mdms/validation.js";
import { bodyOf, caller, errorCodes, FIXTURES, fakeContext, hasFixtures, Harness, role, substituteTenant } from "./helpers.js";

const deptSchema = {
  type: "object",
  $schema: "http://json-schema.org/draft-07/schema#",
  required: ["code", "name", "active"],
  "x-unique": ["code"],
  properties: { code: { type: "string" }, name: { type: "string" }, active: { type: "boolean" }, email: { type: "string", format: "email" }, n: { type: "number" }, meta: { type: "object" } },
};
const roleSchema = { type: "object", required: ["code"], "x-unique": ["code"], properties: { code: { type: "string" } } };
const roleActionSchema = {
  type: "object",
  required: ["rolecode", "actionid"],
  "x-unique": ["rolecode", "actionid"],
  "x-ref-schema": [{ fieldPath: "rolecode", schemaCode: "ACCESSCONTROL-ROLES.roles" }],
  properties: { rolecode: { type: "string" }, actionid: { type: "number" } },
};
const DEPT = "common-masters.Department";

type Rec = { id: string; tenantId: string; uniqueIdentifier: string; isActive: boolean; data: Record<string, unknown>; auditDetails: Record<string, unknown> };

function setup(options: Parameters<typeof fakeContext>[0] = {}) {
  const ctx = fakeContext(options);
  const h = new Harness(mdmsService, ctx);
  const me = caller(ctx, [role("MDMS_ADMIN")]);
  const schema = (code: string, definition: unknown, tenantId = "pb", extra: Record<string, unknown> = {}) =>
    h.call("mdms.createSchema", { caller: me, body: { SchemaDefinition: { tenantId, code, definition, isActive: true, ...extra } } });
  const create = (schemaCode: string, data: unknown, tenantId = "pb", isActive = true) =>
    h.call("mdms.create", { caller: me, params: { schemaCode }, body: { Mdms: { tenantId, schemaCode, data, isActive } } });
  const created = (schemaCode: string, data: unknown, tenantId = "pb", isActive = true): Rec => {
    const res = create(schemaCode, data, tenantId, isActive);
    if (res.status !== 202) throw new Error(JSON.stringify(res.body));
    return (bodyOf(res)["mdms"] as Rec[])[0]!;
  };
  const update = (schemaCode: string, Mdms: Record<string, unknown>) => h.call("mdms.update", { caller: me, params: { schemaCode }, body: { Mdms: { schemaCode, ...Mdms } } });
  const search = (criteria: Record<string, unknown>) => h.call("mdms.search", { caller: me, body: { MdmsCriteria: criteria } });
  const records = (criteria: Record<string, unknown>) => bodyOf(search(criteria))["mdms"] as Rec[];
  const codes = (criteria: Record<string, unknown>) => records(criteria).map((r) => r.data["code"]);
  const count = (criteria: Record<string, unknown>) => bodyOf(h.call("mdms.count", { caller: me, body: { MdmsCriteria: criteria } }))["totalCount"];
  /** Each write a millisecond apart, as on a real clock. */
  const tick = () => (ctx.clock.now += 1);
  return { ctx, h, me, schema, create, created, update, search, records, codes, count, tick };
}

const messages = (res: ReturnType<Harness<MdmsSlice>["call"]>) => (bodyOf(res)["Errors"] as { code: string; message: string }[]).map((e) => [e.code, e.message]);

describe("mdms schemas", () => {
  it("creates a schema at the state tenant with 202 and refuses the same code from any city of that state", () => {
    const { schema } = setup();
    const first = schema(DEPT, deptSchema, "pb.amritsar");
    expect(first.status).toBe(202);
    expect((bodyOf(first)["SchemaDefinitions"] as { code: string; tenantId: string }[])[0]).toMatchObject({ code: DEPT, tenantId: "pb" });
    const dup = schema(DEPT, deptSchema, "pb.jalandhar");
    expect(dup.status).toBe(400);
    expect(messages(dup)).toEqual([["DUPLICATE_SCHEMA_CODE", "Schema code already exists"]]);
  });

  it("needs non-empty required and x-unique lists, x-unique within required, and reports every problem in HashMap order", () => {
    const { schema } = setup();
    expect(errorCodes(schema("a.none", { type: "object" }))).toEqual(["UNIQUE_ATTRIBUTE_LIST_ERR", "REQUIRED_ATTRIBUTE_LIST_ERR"]);
    expect(errorCodes(schema("a.empty", { type: "object", required: [], "x-unique": ["code"] }))).toEqual(["REQUIRED_ATTRIBUTE_LIST_ERR"]);
    expect(messages(schema("a.subset", { type: "object", required: ["code"], "x-unique": ["name"] }))).toEqual([
      ["UNIQUE_ATTRIBUTE_LIST_ERR", "Fields provided under unique fields must be a subset of required attributes list"],
    ]);
    // Nested unique paths can never pass: `required` holds top-level names.
    expect(errorCodes(schema("a.nested", { type: "object", required: ["city"], "x-unique": ["city.code"] }))).toEqual(["UNIQUE_ATTRIBUTE_LIST_ERR"]);
    expect(schema("a.one", roleSchema).status).toBe(202);
    expect(errorCodes(schema("a.one", { type: "object" }))).toEqual(["DUPLICATE_SCHEMA_CODE", "UNIQUE_ATTRIBUTE_LIST_ERR", "REQUIRED_ATTRIBUTE_LIST_ERR"]);
    const notList = schema("a.cast", { type: "object", required: "code", "x-unique": ["code"] });
    expect(notList.status).toBe(400);
    expect(errorCodes(notList)).toEqual(["An unhandled exception occurred on the server"]);
  });

  it("accepts a definition that is not valid draft-07 with a warning; --strict refuses it", () => {
    const lenient = setup();
    const bad = { ...roleSchema, properties: { code: { type: "strng" } } };
    const req = lenient.h.call("mdms.createSchema", { caller: lenient.me, body: { SchemaDefinition: { tenantId: "pb", code: "x.bad", definition: bad } } });
    expect(req.status).toBe(202);
    // DIGIT's validator cannot load it later: data against it is MASTER_DATA_VALIDATION_ERR.
    const data = lenient.create("x.bad", { code: "A" });
    expect(errorCodes(data)).toEqual(["MASTER_DATA_VALIDATION_ERR"]);
    const strict = setup({ strict: true });
    expect(errorCodes(strict.schema("x.bad", bad))).toEqual(["INVALID_SCHEMA_DEFINITION"]);
  });

  it("searches at the state tenant: newest first, 10 by default, inactive included, DIGIT's SQL errors", () => {
    const { schema, h, me, tick } = setup();
    for (let i = 0; i < 12; i++) {
      tick();
      schema(`a.s${String(i).padStart(2, "0")}`, roleSchema, "pb", i === 11 ? { isActive: false } : {});
    }
    const search = (criteria: Record<string, unknown>) => h.call("mdms.searchSchemas", { caller: me, body: { SchemaDefCriteria: { tenantId: "pb.amritsar", ...criteria } } });
    const res = search({});
    expect(res.status).toBe(202);
    const found = bodyOf(res)["SchemaDefinitions"] as { code: string; isActive: boolean }[];
    expect(found.map((s) => s.code)).toEqual(["a.s11", "a.s10", "a.s09", "a.s08", "a.s07", "a.s06", "a.s05", "a.s04", "a.s03", "a.s02"]);
    expect(found[0]?.isActive).toBe(false);
    expect((bodyOf(search({ codes: ["a.s01", "a.s03"], limit: 1, offset: 1 }))["SchemaDefinitions"] as { code: string }[]).map((s) => s.code)).toEqual(["a.s01"]);
    expect(errorCodes(search({ codes: [] }))).toEqual(["QUERY_EXECUTION_ERROR"]);
    expect(errorCodes(search({ limit: -1 }))).toEqual(["QUERY_EXECUTION_ERROR"]);
  });

  it("answers schema/v1/_update with 501 and no body, also under --strict", () => {
    for (const strict of [false, true]) {
      const { schema, h, me } = setup({ strict });
      schema("a.one", roleSchema);
      const res = h.call("mdms.updateSchema", { caller: me, body: { SchemaDefinition: { tenantId: "pb", code: "a.one", definition: deptSchema } } });
      expect(res.status).toBe(501);
      expect(res.body).toBeUndefined();
    }
  });
});

describe("mdms data create", () => {
  it("creates a record with 202, uniqueIdentifier from x-unique and audit details", () => {
    const { schema, create, me } = setup();
    schema(DEPT, deptSchema);
    const res = create(DEPT, { code: "DEPT_1", name: "Works", active: true });
    expect(res.status).toBe(202);
    const record = (bodyOf(res)["mdms"] as Record<string, unknown>[])[0];
    expect(record).toMatchObject({ tenantId: "pb", schemaCode: DEPT, uniqueIdentifier: "DEPT_1", isActive: true });
    expect((record?.["auditDetails"] as { createdBy: string }).createdBy).toBe(me.user.uuid);
    expect(record).not.toHaveProperty("visibleFrom");
  });

  it("looks the schema up at the state tenant: unknown is SCHEMA_DEFINITION_NOT_FOUND_ERR, inactive still works", () => {
    const { schema, create } = setup();
    expect(messages(create("nope.nothing", { code: "A" }))).toEqual([["SCHEMA_DEFINITION_NOT_FOUND_ERR", "Schema definition against which data is being created is not found"]]);
    schema("a.off", roleSchema, "pb", { isActive: false });
    expect(create("a.off", { code: "A" }, "pb.amritsar").status).toBe(202);
  });

  it("reports one violation as INVALID_REQUEST and several as INVALID_REQUEST_<KEYWORD><n>, with everit's messages", () => {
    const { schema, create } = setup();
    schema(DEPT, { ...deptSchema, additionalProperties: false });
    expect(messages(create(DEPT, { code: "A", name: "x", active: "yes" }))).toEqual([["INVALID_REQUEST", "expected type: Boolean, found: String"]]);
    expect(messages(create(DEPT, { code: "A", name: "x", active: true, extra: 1 }))).toEqual([["INVALID_REQUEST", "extraneous key [extra] is not permitted"]]);
    const several = create(DEPT, { code: "A", active: true, email: "not-an-email", n: "x" });
    expect(Object.fromEntries(messages(several))).toEqual({
      INVALID_REQUEST_REQUIRED1: "required key [name] not found",
      INVALID_REQUEST_FORMAT2: "[not-an-email] is not a valid email",
      INVALID_REQUEST_TYPE3: "expected type: Number, found: String",
    });
    // The order is that of DIGIT's HashMap.
    expect(errorCodes(several)).toEqual(javaHashMapOrder([["INVALID_REQUEST_REQUIRED1", 0], ["INVALID_REQUEST_FORMAT2", 0], ["INVALID_REQUEST_TYPE3", 0]]).map(([k]) => k));
    // Several violations inside one property are one group; alone, its members are the errors.
    schema("a.nested", { type: "object", required: ["code"], "x-unique": ["code"], properties: { code: { type: "string" }, city: { type: "object", required: ["a", "b"] } } });
    expect(errorCodes(create("a.nested", { code: "N", city: {} })).sort()).toEqual(["INVALID_REQUEST_REQUIRED1", "INVALID_REQUEST_REQUIRED2"]);
    expect(messages(create(DEPT, ["not", "an", "object"]))[0]?.[0]).toBe("MASTER_DATA_VALIDATION_ERR");
  });

  it("checks the uniqueIdentifier before the schema errors and builds it as Jackson's asText", () => {
    const { schema, create } = setup();
    schema(DEPT, deptSchema);
    expect(messages(create(DEPT, { name: 1 }))).toEqual([["UNIQUE_IDENTIFIER_EMPTY_ERR", "Values defined against unique fields cannot be empty."]]);
    expect(errorCodes(create(DEPT, { code: "", name: "x", active: true }))).toEqual(["UNIQUE_IDENTIFIER_EMPTY_ERR"]);
    expect(errorCodes(create(DEPT, { code: { a: 1 }, name: "x", active: true }))).toEqual(["UNIQUE_IDENTIFIER_EMPTY_ERR"]);
    const def = { "x-unique": ["a", "b.c", "d", "e"] };
    expect(uniqueIdentifierOf(def, { a: 5, b: { c: 1.5 }, d: true, e: null })).toEqual({ uid: "5.1.5.true.null" });
    expect(uniqueIdentifierOf({ "x-unique": ["list.1"] }, { list: ["x", "y"] })).toEqual({ uid: "y" });
    expect(javaNumberText(2 ** 64)).toBe("18446744073709551616");
    expect(javaNumberText(1e21)).toBe("1.0E21");
    expect(javaNumberText(0.5)).toBe("0.5");
    expect(javaNumberText(1.5e-7)).toBe("1.5E-7");
    expect(javaNumberText(12345678.5)).toBe("1.23456785E7");
  });

  it("refuses an active duplicate; an inactive holder of the uniqueIdentifier makes DIGIT lose the record (202, nothing stored)", () => {
    const { schema, create, created, update, codes } = setup();
    schema(DEPT, deptSchema);
    const a = created(DEPT, { code: "D", name: "a", active: true });
    expect(messages(create(DEPT, { code: "D", name: "b", active: true }))).toEqual([["DUPLICATE_RECORD", "Duplicate record"]]);
    expect(update(DEPT, { ...a, isActive: false }).status).toBe(202);
    const again = create(DEPT, { code: "D", name: "c", active: true });
    expect(again.status).toBe(202);
    expect(codes({ tenantId: "pb", schemaCode: DEPT })).toEqual(["D"]);
    const strict = setup({ strict: true });
    strict.schema(DEPT, deptSchema);
    const s = strict.created(DEPT, { code: "D", name: "a", active: true });
    strict.update(DEPT, { ...s, isActive: false });
    expect(errorCodes(strict.create(DEPT, { code: "D", name: "c", active: true }))).toEqual(["DUPLICATE_RECORD"]);
  });

  it("uses Mdms.schemaCode, not the path's, warning about the difference (refused under --strict)", () => {
    const lenient = setup();
    lenient.schema(DEPT, deptSchema);
    const res = lenient.h.call("mdms.create", { caller: lenient.me, params: { schemaCode: "other.Code" }, body: { Mdms: { tenantId: "pb", schemaCode: DEPT, data: { code: "P", name: "p", active: true } } } });
    expect(res.status).toBe(202);
    const strict = setup({ strict: true });
    strict.schema(DEPT, deptSchema);
    const refused = strict.h.call("mdms.create", { caller: strict.me, params: { schemaCode: "other.Code" }, body: { Mdms: { tenantId: "pb", schemaCode: DEPT, data: { code: "P", name: "p", active: true } } } });
    expect(errorCodes(refused)).toEqual(["SCHEMA_CODE_MISMATCH"]);
  });

  it("checks x-ref-schema values: all at one tenant level, at most 10, strings, numbers or lists", () => {
    const { schema, create, created } = setup();
    schema("ACCESSCONTROL-ROLES.roles", roleSchema);
    schema("ACCESSCONTROL-ROLEACTIONS.roleactions", roleActionSchema);
    expect(messages(create("ACCESSCONTROL-ROLEACTIONS.roleactions", { rolecode: "GHOST", actionid: 1 }))).toEqual([
      ["REFERENCE_VALIDATION_ERR", "Provided reference value does not exist in database"],
    ]);
    created("ACCESSCONTROL-ROLES.roles", { code: "GRO" });
    expect(created("ACCESSCONTROL-ROLEACTIONS.roleactions", { rolecode: "GRO", actionid: 1 }).uniqueIdentifier).toBe("GRO.1");
    // From a city, the state's records count.
    expect(create("ACCESSCONTROL-ROLEACTIONS.roleactions", { rolecode: "GRO", actionid: 2 }, "pb.amritsar").status).toBe(202);
    expect(messages(create("ACCESSCONTROL-ROLEACTIONS.roleactions", { rolecode: null, actionid: 3 }))).toEqual([
      ["REFERENCE_VALIDATION_ERR", "Reference must only be of the type string, number or a list of strings/numbers"],
    ]);

    schema("a.multi", { type: "object", required: ["code"], "x-unique": ["code"], "x-ref-schema": [{ fieldPath: "roles", schemaCode: "ACCESSCONTROL-ROLES.roles" }] });
    for (let i = 0; i < 11; i++) created("ACCESSCONTROL-ROLES.roles", { code: `R${i}` });
    created("ACCESSCONTROL-ROLES.roles", { code: "CITYONLY" }, "pb.amritsar");
    expect(create("a.multi", { code: "M1", roles: ["R0", "R1"] }, "pb.amritsar").status).toBe(202);
    expect(errorCodes(create("a.multi", { code: "M2", roles: ["R0", "CITYONLY"] }, "pb.amritsar"))).toEqual(["REFERENCE_VALIDATION_ERR"]);
    const ten = Array.from({ length: 10 }, (_, i) => `R${i}`);
    expect(create("a.multi", { code: "M3", roles: ten }).status).toBe(202);
    // DIGIT's lookup is a search with the default page size: it never finds 11.
    expect(errorCodes(create("a.multi", { code: "M4", roles: [...ten, "R10"] }))).toEqual(["REFERENCE_VALIDATION_ERR"]);
  });

  it("lets a record without its optional reference field through with a warning (DIGIT fails on it); --strict refuses", () => {
    const def = { type: "object", required: ["code"], "x-unique": ["code"], "x-ref-schema": [{ fieldPath: "parent", schemaCode: "a.roles" }] };
    const lenient = setup();
    lenient.schema("a.roles", roleSchema);
    lenient.schema("a.child", def);
    expect(lenient.create("a.child", { code: "C" }).status).toBe(202);
    const strict = setup({ strict: true });
    strict.schema("a.roles", roleSchema);
    strict.schema("a.child", def);
    expect(messages(strict.create("a.child", { code: "C" }))).toEqual([["An unhandled exception occurred on the server", "No results for path: $['parent']"]]);
  });
});

describe("mdms search and count", () => {
  function three() {
    const s = setup();
    s.schema(DEPT, deptSchema);
    s.tick();
    s.created(DEPT, { code: "A", name: "x", active: true, n: 5 });
    s.tick();
    s.created(DEPT, { code: "B", name: "y", active: false, meta: { kind: "k", tag: "t" } }, "pb", false);
    s.tick();
    s.created(DEPT, { code: "C", name: "x", active: true, meta: { kind: "j", tag: "t" } });
    return s;
  }

  it("answers newest first and filters by isActive, ids, uniqueIdentifiers and data filters", () => {
    const { codes, records } = three();
    const c = (criteria: Record<string, unknown>) => codes({ tenantId: "pb", schemaCode: DEPT, ...criteria });
    expect(c({})).toEqual(["C", "B", "A"]);
    expect(c({ isActive: true })).toEqual(["C", "A"]);
    expect(c({ isActive: false })).toEqual(["B"]);
    expect(c({ uniqueIdentifiers: ["C", "A"] })).toEqual(["C", "A"]);
    const idOfA = records({ tenantId: "pb", uniqueIdentifiers: ["A"] })[0]!.id;
    expect(c({ ids: [idOfA] })).toEqual(["A"]);
    expect(c({ filters: { name: "x" } })).toEqual(["C", "A"]);
    expect(c({ filters: { "meta.kind": "k" } })).toEqual(["B"]);
  });

  it("matches filters as DIGIT's JSONB containment with string values", () => {
    const { codes } = three();
    const c = (filters: Record<string, unknown>) => codes({ tenantId: "pb", schemaCode: DEPT, filters });
    expect(c({ n: "5" })).toEqual([]);
    expect(c({ n: 5 })).toEqual([]);
    expect(c({ active: "true" })).toEqual([]);
    // Keys sharing a first segment overwrite each other: only "meta.tag" counts.
    expect(c({ "meta.kind": "k", "meta.tag": "t" })).toEqual(["C", "B"]);
    expect(c({ name: null })).toEqual(["C", "B", "A"]);
    expect(contains({ a: { b: "1", c: "2" } }, filterOf({ "a.b": "1" }))).toBe(true);
    expect(contains({ tags: ["x"] }, filterOf({ tags: "x" }))).toBe(false);
  });

  it("paginates with offset and limit (default 10, no maximum), counts without paging, and refuses what the database refuses", () => {
    const { schema, created, codes, count, search, tick } = setup();
    schema("a.roles", roleSchema);
    for (let i = 0; i < 15; i++) {
      tick();
      created("a.roles", { code: `R${String(i).padStart(2, "0")}` });
    }
    expect(codes({ tenantId: "pb", schemaCode: "a.roles" })).toHaveLength(10);
    expect(codes({ tenantId: "pb", schemaCode: "a.roles", offset: 12, limit: 5 })).toEqual(["R02", "R01", "R00"]);
    expect(codes({ tenantId: "pb", schemaCode: "a.roles", limit: 5000 })).toHaveLength(15);
    expect(codes({ tenantId: "pb", schemaCode: "a.roles", limit: 0 })).toEqual([]);
    expect(count({ tenantId: "pb", schemaCode: "a.roles", limit: 2 })).toBe(15);
    expect(errorCodes(search({ tenantId: "pb", limit: -1 }))).toEqual(["QUERY_EXECUTION_ERROR"]);
    expect(errorCodes(search({ tenantId: "pb", ids: [] }))).toEqual(["QUERY_EXECUTION_ERROR"]);
  });

  it("chooses the tenant level once for the whole criteria, along the full tenant chain", () => {
    const { schema, created, records, count } = setup();
    schema("a.one", roleSchema);
    schema("a.two", roleSchema);
    created("a.one", { code: "S1" });
    created("a.two", { code: "C2" }, "pb.amritsar");
    created("a.one", { code: "Z1" }, "pb.amritsar.zone1");
    expect(fallbackChain("pb.amritsar.zone1")).toEqual(["pb.amritsar.zone1", "pb.amritsar", "pb"]);
    const uids = (tenantId: string, criteria: Record<string, unknown> = {}) => records({ tenantId, ...criteria }).map((r) => r.uniqueIdentifier);
    expect(uids("pb.amritsar", { uniqueIdentifiers: ["S1", "C2"] })).toEqual(["C2"]);
    expect(uids("pb.amritsar.zone1", { schemaCode: "a.two" })).toEqual(["C2"]);
    expect(uids("pb.jalandhar", { schemaCode: "a.one" })).toEqual(["S1"]);
    expect(count({ tenantId: "pb.amritsar.zone1", uniqueIdentifiers: ["S1"] })).toBe(1);
    expect(records({ tenantId: "zz", schemaCode: "a.one" })).toEqual([]);
  });

  it("hides writes, including schemas, until the write lag has passed", () => {
    const { ctx, schema, create, records } = setup({ writeLagMs: 500 });
    schema("a.roles", roleSchema);
    expect(errorCodes(create("a.roles", { code: "EARLY" }))).toEqual(["SCHEMA_DEFINITION_NOT_FOUND_ERR"]);
    ctx.clock.now += 500;
    expect(create("a.roles", { code: "LATE" }).status).toBe(202);
    expect(records({ tenantId: "pb", schemaCode: "a.roles" })).toHaveLength(0);
    ctx.clock.now += 500;
    expect(records({ tenantId: "pb", schemaCode: "a.roles" })).toHaveLength(1);
  });
});

describe("mdms data update", () => {
  function one() {
    const s = setup();
    s.schema(DEPT, deptSchema);
    const a = s.created(DEPT, { code: "A", name: "x", active: true });
    s.created(DEPT, { code: "B", name: "y", active: true });
    return { ...s, a };
  }

  it("needs the id of a record at the tenant, auditDetails, and unchanged unique fields, in DIGIT's order", () => {
    const { a, update } = one();
    const { id: _id, ...withoutId } = a;
    expect(messages(update(DEPT, withoutId))).toEqual([["MASTER_DATA_ID_ABSENT_ERR", "Providing master data id is mandatory for update operation."]]);
    expect(messages(update(DEPT, { ...a, id: "missing" }))).toEqual([["MASTER_DATA_NOT_FOUND", "Master data not found for update operation."]]);
    expect(errorCodes(update(DEPT, { ...a, tenantId: "pb.amritsar" }))).toEqual(["MASTER_DATA_NOT_FOUND"]);
    expect(messages(update(DEPT, { ...a, data: { ...a.data, code: "B" } }))).toEqual([["UNIQUE_KEY_UPDATE_ERR", "Updating fields defined as unique is not allowed."]]);
    expect(errorCodes(update(DEPT, { ...a, data: { name: "x", active: true } }))).toEqual(["UNIQUE_IDENTIFIER_EMPTY_ERR"]);
    expect(errorCodes(update(DEPT, { ...a, data: { code: "A", active: true } }))).toEqual(["INVALID_REQUEST"]);
    const { auditDetails: _audit, ...withoutAudit } = a;
    expect(messages(update(DEPT, withoutAudit))).toEqual([["AUDIT_DETAILS_ABSENT_ERR", "Audit details cannot be absent for update request"]]);
    expect(update(DEPT, { ...a, auditDetails: {} }).status).toBe(202);
    // equalsIgnoreCase: a change of case only is not a change of the unique key, and the stored key stays.
    expect(update(DEPT, { ...a, data: { ...a.data, code: "a" } }).status).toBe(202);
  });

  it("changes data and isActive (true when omitted) in place and echoes the request, enriched", () => {
    const { a, update, records, ctx, me } = one();
    ctx.clock.now += 1000;
    const off = update(DEPT, { ...a, data: { ...a.data, name: "renamed" }, isActive: false });
    expect(off.status).toBe(202);
    const echoed = (bodyOf(off)["mdms"] as Rec[])[0]!;
    expect(echoed.auditDetails).toEqual({ createdBy: a.auditDetails["createdBy"], createdTime: a.auditDetails["createdTime"], lastModifiedBy: me.user.uuid, lastModifiedTime: ctx.clock.now });
    expect(records({ tenantId: "pb", schemaCode: DEPT, isActive: true }).map((r) => r.data["code"])).toEqual(["B"]);
    const { isActive: _omit, ...withoutActive } = a;
    expect(update(DEPT, withoutActive).status).toBe(202);
    const all = records({ tenantId: "pb", schemaCode: DEPT });
    expect(all.map((r) => [r.data["code"], r.isActive, r.uniqueIdentifier])).toEqual([["B", true, "B"], ["A", true, "A"]]);
  });
});

describe("mdms state: prototype-safe keys and the index", () => {
  it("treats __proto__ and constructor as ordinary tenant, schema and unique values", () => {
    const { schema, create, records, codes } = setup();
    expect(schema("constructor.x", roleSchema, "__proto__").status).toBe(202);
    expect(create("constructor.x", { code: "__proto__" }, "__proto__").status).toBe(202);
    expect(create("constructor.x", { code: "constructor" }, "__proto__").status).toBe(202);
    expect(errorCodes(create("constructor.x", { code: "__proto__" }, "__proto__"))).toEqual(["DUPLICATE_RECORD"]);
    expect(codes({ tenantId: "__proto__", schemaCode: "constructor.x" })).toEqual(["constructor", "__proto__"]);
    expect(records({ tenantId: "constructor", schemaCode: "toString" })).toEqual([]);
    expect(errorCodes(create("hasOwnProperty", { code: "x" }, "constructor"))).toEqual(["SCHEMA_DEFINITION_NOT_FOUND_ERR"]);
    expect(({} as Record<string, unknown>)["code"]).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "constructor.x")).toBe(false);
  });
});

describe("mdms v1 searches", () => {
  function seeded() {
    const s = setup();
    s.schema(DEPT, deptSchema);
    s.tick();
    s.created(DEPT, { code: "A", name: "x", active: true });
    s.tick();
    s.created(DEPT, { code: "B", name: "y", active: false });
    s.tick();
    s.created(DEPT, { code: "C", name: "x", active: true });
    s.tick();
    s.created(DEPT, { code: "OFF", name: "z", active: true }, "pb", false);
    return s;
  }
  const v1 = (s: ReturnType<typeof setup>, op: string, filter?: string, extra: Record<string, unknown> = {}) =>
    s.h.call(op, {
      caller: s.me,
      body: { MdmsCriteria: { tenantId: "pb.amritsar", ...extra, moduleDetails: [{ moduleName: "common-masters", masterDetails: [{ name: "Department", ...(filter ? { filter } : {}) }] }] } },
    });
  const codesOf = (res: ReturnType<typeof v1>) =>
    ((bodyOf(res)["MdmsRes"] as Record<string, Record<string, { code: string }[]>>)["common-masters"]?.["Department"] ?? []).map((d) => d.code);

  it("mdms-v2 /v1/_search: ResponseInfo null, active records newest first, ids and uniqueIdentifier filters", () => {
    const s = seeded();
    const res = v1(s, "mdms.searchV1");
    expect(bodyOf(res)["ResponseInfo"]).toBeNull();
    expect(codesOf(res)).toEqual(["C", "B", "A"]);
    expect(codesOf(v1(s, "mdms.searchV1", "[?(@.code=='B')]"))).toEqual(["B"]);
    expect(codesOf(v1(s, "mdms.searchV1", undefined, { uniqueIdentifier: "A" }))).toEqual(["A"]);
    const idOfC = (bodyOf(s.search({ tenantId: "pb", uniqueIdentifiers: ["C"] }))["mdms"] as Rec[])[0]!.id;
    expect(codesOf(v1(s, "mdms.searchV1", undefined, { ids: [idOfC] }))).toEqual(["C"]);
    // A filter that empties the level found does not fall back further.
    expect(bodyOf(v1(s, "mdms.searchV1", "[?(@.code=='NONE')]"))["MdmsRes"]).toEqual({ "common-masters": { Department: [] } });
    const nothing = s.h.call("mdms.searchV1", { caller: s.me, body: { MdmsCriteria: { tenantId: "pb", moduleDetails: [{ moduleName: "common-masters", masterDetails: [{ name: "Nothing" }] }] } } });
    expect(bodyOf(nothing)["MdmsRes"]).toEqual({});
  });

  it("egov-mdms-service: file order, every requested module listed, {} without data; _get by query parameters", () => {
    const s = seeded();
    expect(codesOf(v1(s, "mdmsV1.search"))).toEqual(["A", "B", "C"]);
    expect(codesOf(v1(s, "mdmsV1.search", "$.[?(@.active==true)]"))).toEqual(["A", "C"]);
    expect(codesOf(v1(s, "mdmsV1.search", "[?(@.code IN ['A','B'])]"))).toEqual(["A", "B"]);
    expect(codesOf(v1(s, "mdmsV1.search", "[?(@.name=='x' && @.code != 'A')]"))).toEqual(["C"]);
    const modules = s.h.call("mdmsV1.search", {
      caller: s.me,
      body: { MdmsCriteria: { tenantId: "pb", moduleDetails: [{ moduleName: "common-masters", masterDetails: [{ name: "Nothing" }] }, { moduleName: "other", masterDetails: [] }] } },
    });
    expect(bodyOf(modules)).toEqual({ ResponseInfo: null, MdmsRes: { "common-masters": {}, other: {} } });
    const unknownTenant = s.h.call("mdmsV1.search", { caller: s.me, body: { MdmsCriteria: { tenantId: "zz", moduleDetails: [{ moduleName: "common-masters", masterDetails: [{ name: "Department" }] }] } } });
    expect(bodyOf(unknownTenant)["MdmsRes"]).toEqual({});
    const get = s.h.call("mdmsV1.get", { caller: s.me, query: { tenantId: "pb", moduleName: "common-masters", masterName: "Department", filter: "[?(@.code=='C')]" } });
    expect(codesOf(get)).toEqual(["C"]);
    const missing = s.h.call("mdmsV1.get", { caller: s.me, query: { tenantId: "pb", moduleName: "common-masters" } });
    expect(missing.status).toBe(400);
    expect(bodyOf(missing)["Errors"]).toMatchObject([{ code: "", params: ["masterName"] }]);
  });

  it("refuses filter syntax the mock cannot evaluate with 400 INVALID_FILTER", () => {
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

  it("readMdms returns active visible records in creation order with city fallback", () => {
    const { ctx, schema, create, h } = setup({ writeLagMs: 10 });
    schema("a.roles", roleSchema);
    ctx.clock.now += 10;
    create("a.roles", { code: "ON" });
    create("a.roles", { code: "OFF" }, "pb", false);
    const slice = h.slice as MdmsSlice;
    expect(readMdms(slice, "pb.amritsar", "a.roles", ctx.now())).toHaveLength(0);
    expect(readMdms(slice, "pb.amritsar", "a.roles", ctx.now() + 10).map((r) => r.data["code"])).toEqual(["ON"]);
  });
});

describe("javaHashMapOrder", () => {
  it("iterates as java.util.HashMap does: by bucket, then insertion; a repeated key keeps its place", () => {
    expect(javaHashMapOrder([["REQUIRED_ATTRIBUTE_LIST_ERR", 1], ["UNIQUE_ATTRIBUTE_LIST_ERR", 2], ["DUPLICATE_SCHEMA_CODE", 3]]).map(([k]) => k)).toEqual([
      "DUPLICATE_SCHEMA_CODE",
      "UNIQUE_ATTRIBUTE_LIST_ERR",
      "REQUIRED_ATTRIBUTE_LIST_ERR",
    ]);
    expect(javaHashMapOrder([["b", 1], ["a", 2], ["b", 3]])).toEqual([["a", 2], ["b", 3]]);
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
