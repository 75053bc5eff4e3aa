/**
 * MDMS: mdms-v2 (schemas, data, counts, the v1-compatible search) and the legacy egov-mdms-service reads.
 * Schemas can neither be updated nor deleted on DIGIT and data only deactivated, so every test works on schema
 * codes unique to the run (`DK<run><n>.Thing`) and polls (`eventually`) where DIGIT's persister is in between.
 */
import { describe, expect } from "vitest";
import { behaviour, type Conformance, type Json } from "../src/index.js";

const V2 = "mdms-v2/src/main/java/org/egov/infra/mdms";
const SCHEMA_CREATE = "/mdms-v2/schema/v1/_create";
const SCHEMA_SEARCH = "/mdms-v2/schema/v1/_search";
const SEARCH = "/mdms-v2/v2/_search";
const COUNT = "/mdms-v2/v2/_count";
const create = (code: string) => `/mdms-v2/v2/_create/${code}`;
const update = (code: string) => `/mdms-v2/v2/_update/${code}`;

/** The base schema: three required fields, `code` unique, no extra properties. */
const DEF = {
  type: "object",
  $schema: "http://json-schema.org/draft-07/schema#",
  required: ["code", "name", "n"],
  "x-unique": ["code"],
  properties: { code: { type: "string" }, name: { type: "string" }, n: { type: "number" }, active: { type: "boolean" }, meta: { type: "object" } },
  additionalProperties: false,
};

type C = Conformance;
const codes = (body: Json): string[] => ((body?.Errors ?? []) as { code: string }[]).map((e) => e.code);

async function newSchema(c: C, definition: Record<string, unknown> = DEF, tenantId = c.state): Promise<string> {
  const code = `${c.unique()}.Thing`;
  const res = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId, code, definition } });
  expect(res.status, res.text).toBe(202);
  await c.eventually(async () => {
    const found = await c.digit.post(SCHEMA_SEARCH, { SchemaDefCriteria: { tenantId: c.state, codes: [code] } });
    expect(found.body.SchemaDefinitions).toHaveLength(1);
  });
  return code;
}

async function put(c: C, schemaCode: string, data: Record<string, unknown>, tenantId = c.state, extra: Record<string, unknown> = {}): Promise<Json> {
  const res = await c.digit.post(create(schemaCode), { Mdms: { tenantId, schemaCode, data, ...extra } });
  expect(res.status, res.text).toBe(202);
  return res.body.mdms[0];
}

async function search(c: C, criteria: Record<string, unknown>): Promise<Json[]> {
  const res = await c.digit.post(SEARCH, { MdmsCriteria: { tenantId: c.state, ...criteria } });
  expect(res.status, res.text).toBe(200);
  return res.body.mdms as Json[];
}

/** Records become searchable (DIGIT persists through Kafka); resolves with them, newest first. */
async function visible(c: C, schemaCode: string, n: number, tenantId = c.state): Promise<Json[]> {
  return c.eventually(async () => {
    const found = await search(c, { tenantId, schemaCode, limit: 100 });
    expect(found).toHaveLength(n);
    return found;
  });
}

describe("mdms-v2 schemas", () => {
  behaviour("schema create answers 202 with id, isActive and the caller in auditDetails", `${V2}/controller/SchemaDefinitionController.java:39`, async (c) => {
    const code = `${c.unique()}.Thing`;
    const res = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId: c.state, code, definition: DEF } });
    expect(res.status).toBe(202);
    const s = res.body.SchemaDefinitions[0];
    expect(s).toMatchObject({ tenantId: c.state, code, isActive: true });
    expect(typeof s.id).toBe("string");
    expect(s.auditDetails.createdBy).toBe(c.digit.user.uuid);
  });

  behaviour("a schema created at a city lives at its state tenant", `${V2}/service/SchemaDefinitionService.java:47`, async (c) => {
    const code = `${c.unique()}.Thing`;
    const res = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId: c.city, code, definition: DEF } });
    expect(res.status, res.text).toBe(202);
    expect(res.body.SchemaDefinitions[0].tenantId).toBe(c.state);
    await c.eventually(async () => {
      const found = await c.digit.post(SCHEMA_SEARCH, { SchemaDefCriteria: { tenantId: c.state, codes: [code] } });
      expect(found.body.SchemaDefinitions.map((s: Json) => s.tenantId)).toEqual([c.state]);
    });
  });

  behaviour(
    "schema create refuses a definition without required and x-unique, reporting both",
    `${V2}/service/validator/SchemaDefinitionValidator.java:57`,
    async (c) => {
      const res = await c.digit.post(SCHEMA_CREATE, {
        SchemaDefinition: { tenantId: c.state, code: `${c.unique()}.Thing`, definition: { type: "object", properties: { code: { type: "string" } } } },
      });
      expect(res.status).toBe(400);
      expect(codes(res.body).sort()).toEqual(["REQUIRED_ATTRIBUTE_LIST_ERR", "UNIQUE_ATTRIBUTE_LIST_ERR"]);
      expect(res.body.Errors.find((e: Json) => e.code === "REQUIRED_ATTRIBUTE_LIST_ERR").message).toBe("Required attribute list cannot be empty");
    },
  );

  behaviour("schema create refuses x-unique fields that are not required", `${V2}/service/validator/SchemaDefinitionValidator.java:72`, async (c) => {
    const res = await c.digit.post(SCHEMA_CREATE, {
      SchemaDefinition: { tenantId: c.state, code: `${c.unique()}.Thing`, definition: { ...DEF, required: ["code"], "x-unique": ["name"] } },
    });
    expect(res.status).toBe(400);
    expect(res.body.Errors).toHaveLength(1);
    expect(res.body.Errors[0]).toMatchObject({ code: "UNIQUE_ATTRIBUTE_LIST_ERR", message: "Fields provided under unique fields must be a subset of required attributes list" });
  });

  behaviour(
    "schema create reports every problem at once, in the order of DIGIT's HashMap",
    [`${V2}/service/validator/SchemaDefinitionValidator.java:33`, "libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:314"],
    async (c) => {
      const code = await newSchema(c);
      const res = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId: c.state, code, definition: { type: "object" } } });
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual(["DUPLICATE_SCHEMA_CODE", "UNIQUE_ATTRIBUTE_LIST_ERR", "REQUIRED_ATTRIBUTE_LIST_ERR"]);
      expect(res.body.Errors[0].message).toBe("Schema code already exists");
    },
  );

  behaviour(
    "schema search answers 202, 10 schemas by default, newest first",
    [`${V2}/controller/SchemaDefinitionController.java:50`, `${V2}/repository/querybuilder/SchemaDefinitionQueryBuilder.java:22`, "mdms-v2/src/main/resources/application.properties:39"],
    async (c) => {
      const made: string[] = [];
      for (let i = 0; i < 11; i++) {
        const code = `${c.unique()}.Thing`;
        const res = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId: c.state, code, definition: DEF } });
        expect(res.status).toBe(202);
        made.push(code);
        // createdtime has millisecond resolution: keep the creations apart so "newest first" is well defined.
        await new Promise((r) => setTimeout(r, 5));
      }
      await c.eventually(async () => {
        const res = await c.digit.post(SCHEMA_SEARCH, { SchemaDefCriteria: { tenantId: c.state, codes: made } });
        expect(res.status).toBe(202);
        expect(res.body.SchemaDefinitions.map((s: Json) => s.code)).toEqual(made.slice(1).reverse());
      });
    },
  );

  behaviour("schema/v1/_update answers 501 with an empty body", `${V2}/controller/SchemaDefinitionController.java:60`, async (c) => {
    const code = await newSchema(c);
    const res = await c.digit.post("/mdms-v2/schema/v1/_update", { SchemaDefinition: { tenantId: c.state, code, definition: { ...DEF, required: ["code"] } } });
    expect(res.status).toBe(501);
    expect(res.text).toBe("");
  });

  behaviour(
    "an inactive schema still takes data (the schema lookup has no isActive filter)",
    [`${V2}/utils/SchemaUtil.java:40`, `${V2}/repository/querybuilder/SchemaDefinitionQueryBuilder.java:38`],
    async (c) => {
      const code = `${c.unique()}.Thing`;
      const made = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId: c.state, code, definition: DEF, isActive: false } });
      expect(made.status).toBe(202);
      await c.eventually(async () => {
        const res = await c.digit.post(create(code), { Mdms: { tenantId: c.state, schemaCode: code, data: { code: "A", name: "a", n: 1 } } });
        expect(res.status, res.text).toBe(202);
      });
    },
  );

  behaviour(
    "a definition that is not valid draft-07 is accepted with a warning",
    `${V2}/service/validator/SchemaDefinitionValidator.java:53`,
    async (c) => {
      const res = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId: c.state, code: `${c.unique()}.Thing`, definition: { ...DEF, properties: { code: { type: "strng" } } } } });
      expect(res.status).toBe(202);
      expect(res.headers.get("x-digit-mock-warning")).toMatch(/INVALID_SCHEMA_DEFINITION/);
    },
    { mockOnly: true },
  );

  behaviour(
    "--strict refuses a definition that is not valid draft-07",
    `${V2}/service/validator/SchemaDefinitionValidator.java:53`,
    async (c) => {
      const res = await c.digit.post(SCHEMA_CREATE, { SchemaDefinition: { tenantId: c.state, code: `${c.unique()}.Thing`, definition: { ...DEF, properties: { code: { type: "strng" } } } } });
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual(["INVALID_SCHEMA_DEFINITION"]);
    },
    { strict: true },
  );
});

describe("mdms-v2 data create", () => {
  behaviour("create answers 202 with the uniqueIdentifier built from x-unique", `${V2}/utils/CompositeUniqueIdentifierGenerationUtil.java:23`, async (c) => {
    const sc = await newSchema(c);
    const rec = await put(c, sc, { code: "A", name: "a", n: 5, active: true });
    expect(rec).toMatchObject({ tenantId: c.state, schemaCode: sc, uniqueIdentifier: "A", isActive: true });
    expect(typeof rec.id).toBe("string");
    await visible(c, sc, 1);
    const dup = await c.digit.post(create(sc), { Mdms: { tenantId: c.state, schemaCode: sc, data: { code: "A", name: "b", n: 1 } } });
    expect(dup.status).toBe(400);
    expect(codes(dup.body)).toEqual(["DUPLICATE_RECORD"]);
  });

  behaviour(
    "a missing unique field is UNIQUE_IDENTIFIER_EMPTY_ERR, before the schema errors",
    [`${V2}/utils/CompositeUniqueIdentifierGenerationUtil.java:34`, `${V2}/service/validator/MdmsDataValidator.java:53`],
    async (c) => {
      const sc = await newSchema(c);
      const res = await c.digit.post(create(sc), { Mdms: { tenantId: c.state, schemaCode: sc, data: { name: "x", n: 1 } } });
      expect(res.status).toBe(400);
      expect(res.body.Errors).toHaveLength(1);
      expect(res.body.Errors[0]).toMatchObject({ code: "UNIQUE_IDENTIFIER_EMPTY_ERR", message: "Values defined against unique fields cannot be empty." });
    },
  );

  behaviour("one schema violation is one INVALID_REQUEST error", `${V2}/service/validator/MdmsDataValidator.java:87`, async (c) => {
    const sc = await newSchema(c);
    const res = await c.digit.post(create(sc), { Mdms: { tenantId: c.state, schemaCode: sc, data: { code: "B1", name: "b", n: "five" } } });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(["INVALID_REQUEST"]);
  });

  behaviour("several schema violations are INVALID_REQUEST_<KEYWORD><n>", `${V2}/service/validator/MdmsDataValidator.java:83`, async (c) => {
    const sc = await newSchema(c);
    const res = await c.digit.post(create(sc), { Mdms: { tenantId: c.state, schemaCode: sc, data: { code: "B2", name: 1, n: "five" } } });
    expect(res.status).toBe(400);
    expect(codes(res.body).sort()).toEqual(["INVALID_REQUEST_TYPE1", "INVALID_REQUEST_TYPE2"]);
  });

  behaviour("data for an unknown schema is SCHEMA_DEFINITION_NOT_FOUND_ERR", `${V2}/utils/SchemaUtil.java:45`, async (c) => {
    const code = `${c.unique()}.Nothing`;
    const res = await c.digit.post(create(code), { Mdms: { tenantId: c.state, schemaCode: code, data: { code: "A" } } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0]).toMatchObject({ code: "SCHEMA_DEFINITION_NOT_FOUND_ERR", message: "Schema definition against which data is being created is not found" });
  });

  behaviour("the path's schemaCode is ignored; Mdms.schemaCode decides", `${V2}/utils/SchemaUtil.java:37`, async (c) => {
    const sc = await newSchema(c);
    const res = await c.digit.post(create(`${c.unique()}.Other`), { Mdms: { tenantId: c.state, schemaCode: sc, data: { code: "P", name: "p", n: 1 } } });
    expect(res.status, res.text).toBe(202);
    expect(res.body.mdms[0].schemaCode).toBe(sc);
    await visible(c, sc, 1);
  });

  behaviour(
    "a path schemaCode that differs from Mdms.schemaCode answers a warning",
    `${V2}/controller/MDMSControllerV2.java:34`,
    async (c) => {
      const sc = await newSchema(c);
      const res = await c.digit.post(create("other.Code"), { Mdms: { tenantId: c.state, schemaCode: sc, data: { code: "W", name: "w", n: 1 } } });
      expect(res.status).toBe(202);
      expect(res.headers.get("x-digit-mock-warning")).toMatch(/SCHEMA_CODE_MISMATCH/);
    },
    { mockOnly: true },
  );

  behaviour(
    "x-ref-schema: a missing reference is REFERENCE_VALIDATION_ERR; an existing one passes",
    `${V2}/service/validator/MdmsDataValidator.java:174`,
    async (c) => {
      const sc = await newSchema(c);
      await put(c, sc, { code: "A", name: "a", n: 1 });
      await visible(c, sc, 1);
      const scr = await newSchema(c, { ...DEF, required: ["code", "parent"], properties: { code: { type: "string" }, parent: { type: "string" } }, "x-ref-schema": [{ fieldPath: "parent", schemaCode: sc }] });
      const bad = await c.digit.post(create(scr), { Mdms: { tenantId: c.state, schemaCode: scr, data: { code: "R1", parent: "NOPE" } } });
      expect(bad.status).toBe(400);
      expect(bad.body.Errors).toHaveLength(1);
      expect(bad.body.Errors[0]).toMatchObject({ code: "REFERENCE_VALIDATION_ERR", message: "Provided reference value does not exist in database" });
      await put(c, scr, { code: "R2", parent: "A" });
    },
  );

  behaviour(
    "x-ref-schema: every value of a list must be found at one tenant level",
    `${V2}/service/validator/MdmsDataValidator.java:158`,
    async (c) => {
      const sc = await newSchema(c);
      await put(c, sc, { code: "S1", name: "state", n: 1 });
      await put(c, sc, { code: "C1", name: "city", n: 1 }, c.city);
      await visible(c, sc, 1);
      await visible(c, sc, 1, c.city);
      const scr = await newSchema(c, {
        ...DEF,
        required: ["code", "parents"],
        properties: { code: { type: "string" }, parents: { type: "array", items: { type: "string" } } },
        "x-ref-schema": [{ fieldPath: "parents", schemaCode: sc }],
      });
      const mixed = await c.digit.post(create(scr), { Mdms: { tenantId: c.city, schemaCode: scr, data: { code: "M", parents: ["S1", "C1"] } } });
      expect(mixed.status).toBe(400);
      expect(codes(mixed.body)).toEqual(["REFERENCE_VALIDATION_ERR"]);
      await put(c, scr, { code: "OK", parents: ["S1"] }, c.city);
    },
  );

  behaviour(
    "creating a record whose uniqueIdentifier an inactive record holds answers 202 but stores nothing new",
    [`${V2}/service/validator/MdmsDataValidator.java:108`, "mdms-v2/src/main/resources/db/migration/main/V20230531144020__mdms_data_create_ddl.sql:12"],
    async (c) => {
      const sc = await newSchema(c);
      const rec = await put(c, sc, { code: "A", name: "first", n: 1 });
      await visible(c, sc, 1);
      const off = await c.digit.post(update(sc), { Mdms: { ...rec, isActive: false } });
      expect(off.status, off.text).toBe(202);
      await c.eventually(async () => expect((await search(c, { schemaCode: sc, isActive: false })).length).toBe(1));
      await put(c, sc, { code: "A", name: "second", n: 2 });
      const all = await search(c, { schemaCode: sc });
      expect(all.map((r) => [r.data.name, r.isActive])).toEqual([["first", false]]);
    },
  );
});

describe("mdms-v2 search and count", () => {
  behaviour(
    "search answers newest first, 10 by default, and _count counts them all",
    [`${V2}/repository/querybuilder/MdmsDataQueryBuilderV2.java:24`, `${V2}/repository/querybuilder/MdmsDataQueryBuilderV2.java:112`],
    async (c) => {
      const sc = await newSchema(c);
      for (let i = 0; i < 12; i++) {
        await put(c, sc, { code: `R${String(i).padStart(2, "0")}`, name: "r", n: i });
        await new Promise((r) => setTimeout(r, 5));
      }
      await visible(c, sc, 12);
      const page = await search(c, { schemaCode: sc });
      expect(page.map((r) => r.data.code)).toEqual(["R11", "R10", "R09", "R08", "R07", "R06", "R05", "R04", "R03", "R02"]);
      const count = await c.digit.post(COUNT, { MdmsCriteria: { tenantId: c.state, schemaCode: sc } });
      expect(count.status).toBe(200);
      expect(count.body.totalCount).toBe(12);
    },
  );

  behaviour(
    "filters compare as JSON strings: numbers and booleans never match",
    [`${V2}/utils/QueryUtil.java:90`, `${V2}/repository/querybuilder/MdmsDataQueryBuilderV2.java:87`],
    async (c) => {
      const sc = await newSchema(c);
      await put(c, sc, { code: "A", name: "a", n: 5, active: true });
      await put(c, sc, { code: "B", name: "b", n: 6, active: true });
      await visible(c, sc, 2);
      expect(await search(c, { schemaCode: sc, filters: { n: "5" } })).toEqual([]);
      expect(await search(c, { schemaCode: sc, filters: { active: "true" } })).toEqual([]);
      expect((await search(c, { schemaCode: sc, filters: { name: "a" } })).map((r) => r.data.code)).toEqual(["A"]);
    },
  );

  behaviour("filter keys sharing a first segment overwrite each other (the last one counts)", `${V2}/utils/QueryUtil.java:86`, async (c) => {
    const sc = await newSchema(c);
    await put(c, sc, { code: "A", name: "a", n: 1, meta: { kind: "x", tag: "t" } });
    await put(c, sc, { code: "B", name: "b", n: 1, meta: { kind: "y", tag: "t" } });
    await visible(c, sc, 2);
    const found = await search(c, { schemaCode: sc, filters: { "meta.kind": "x", "meta.tag": "t" } });
    expect(found.map((r) => r.data.code)).toEqual(["B", "A"]);
  });

  behaviour(
    "inactive records are returned unless isActive is given; a city falls back to its state",
    [`${V2}/repository/querybuilder/MdmsDataQueryBuilderV2.java:96`, `${V2}/service/MDMSServiceV2.java:95`],
    async (c) => {
      const sc = await newSchema(c);
      const a = await put(c, sc, { code: "A", name: "a", n: 1 });
      await put(c, sc, { code: "B", name: "b", n: 1 });
      await visible(c, sc, 2);
      const off = await c.digit.post(update(sc), { Mdms: { ...a, isActive: false } });
      expect(off.status).toBe(202);
      expect(off.body.mdms[0].auditDetails.lastModifiedBy).toBe(c.digit.user.uuid);
      await c.eventually(async () => expect((await search(c, { schemaCode: sc, isActive: true })).map((r) => r.data.code)).toEqual(["B"]));
      expect((await search(c, { schemaCode: sc })).map((r) => [r.data.code, r.isActive])).toEqual([["B", true], ["A", false]]);
      expect((await search(c, { tenantId: c.city, schemaCode: sc })).map((r) => r.tenantId)).toEqual([c.state, c.state]);
    },
  );

  behaviour(
    "the fallback level is chosen once for the whole criteria, not per schema",
    `${V2}/service/MDMSServiceV2.java:101`,
    async (c) => {
      const one = await newSchema(c);
      const two = await newSchema(c);
      // Searched without schemaCode: the codes must be unique to the run.
      const [atState, atCity] = [c.unique("S"), c.unique("C")];
      await put(c, one, { code: atState, name: "s", n: 1 });
      await put(c, two, { code: atCity, name: "c", n: 1 }, c.city);
      await visible(c, one, 1);
      await visible(c, two, 1, c.city);
      const found = await search(c, { tenantId: c.city, uniqueIdentifiers: [atState, atCity] });
      expect(found.map((r) => r.uniqueIdentifier)).toEqual([atCity]);
    },
  );

  behaviour("uniqueIdentifiers: [] is refused by bean validation", `${V2}/model/MdmsCriteriaV2.java:38`, async (c) => {
    const res = await c.digit.post(SEARCH, { MdmsCriteria: { tenantId: c.state, uniqueIdentifiers: [] } });
    expect(res.status).toBe(400);
  });

  behaviour("a negative limit fails in the database: QUERY_EXECUTION_ERROR", ["libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:166", `${V2}/repository/querybuilder/MdmsDataQueryBuilderV2.java:114`], async (c) => {
    const res = await c.digit.post(SEARCH, { MdmsCriteria: { tenantId: c.state, schemaCode: "tenant.tenants", limit: -1 } });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(["QUERY_EXECUTION_ERROR"]);
  });

  behaviour(
    "search for a tenant nobody created answers 200 with nothing (mdms-v2 has no tenant check)",
    `${V2}/service/MDMSServiceV2.java:77`,
    async (c) => {
      // Through the gateway, RBAC refuses a tenant the caller has no role at; the service itself does not care.
      const res = await c.digit.post(SEARCH, { MdmsCriteria: { tenantId: c.unique("zz").toLowerCase(), schemaCode: "tenant.tenants" } }, { door: "internal" });
      expect(res.status).toBe(200);
      expect(res.body.mdms).toEqual([]);
    },
    { internal: true },
  );
});

describe("mdms-v2 data update", () => {
  async function oneRecord(c: C): Promise<{ sc: string; rec: Json }> {
    const sc = await newSchema(c);
    const rec = await put(c, sc, { code: "A", name: "a", n: 1 });
    await visible(c, sc, 1);
    return { sc, rec };
  }

  behaviour("an update without isActive re-activates the record", `${V2}/model/Mdms.java:52`, async (c) => {
    const { sc, rec } = await oneRecord(c);
    expect((await c.digit.post(update(sc), { Mdms: { ...rec, isActive: false } })).status).toBe(202);
    await c.eventually(async () => expect((await search(c, { schemaCode: sc, isActive: false })).length).toBe(1));
    const { isActive: _omit, ...withoutActive } = rec;
    expect((await c.digit.post(update(sc), { Mdms: { ...withoutActive, data: { ...rec.data, name: "again" } } })).status).toBe(202);
    await c.eventually(async () => expect((await search(c, { schemaCode: sc })).map((r) => [r.data.name, r.isActive])).toEqual([["again", true]]));
  });

  behaviour("an update without Mdms.id is MASTER_DATA_ID_ABSENT_ERR", `${V2}/service/validator/MdmsDataValidator.java:238`, async (c) => {
    const { sc, rec } = await oneRecord(c);
    const { id: _omit, ...withoutId } = rec;
    const res = await c.digit.post(update(sc), { Mdms: withoutId });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(["MASTER_DATA_ID_ABSENT_ERR"]);
  });

  behaviour("an update of an unknown id is MASTER_DATA_NOT_FOUND", `${V2}/service/validator/MdmsDataValidator.java:251`, async (c) => {
    const { sc, rec } = await oneRecord(c);
    const res = await c.digit.post(update(sc), { Mdms: { ...rec, id: "1d6b2a8e-0000-4000-8000-000000000000" } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0]).toMatchObject({ code: "MASTER_DATA_NOT_FOUND", message: "Master data not found for update operation." });
  });

  behaviour("unique fields cannot change: UNIQUE_KEY_UPDATE_ERR", `${V2}/service/validator/MdmsDataValidator.java:227`, async (c) => {
    const { sc, rec } = await oneRecord(c);
    const res = await c.digit.post(update(sc), { Mdms: { ...rec, data: { ...rec.data, code: "A2" } } });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(["UNIQUE_KEY_UPDATE_ERR"]);
  });

  behaviour("an update without auditDetails is AUDIT_DETAILS_ABSENT_ERR", `${V2}/service/enrichment/MdmsDataEnricher.java:46`, async (c) => {
    const { sc, rec } = await oneRecord(c);
    const { auditDetails: _omit, ...withoutAudit } = rec;
    const res = await c.digit.post(update(sc), { Mdms: withoutAudit });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(["AUDIT_DETAILS_ABSENT_ERR"]);
  });
});

describe("MDMS v1 searches", () => {
  const V1_SOURCE = "mdms-v2/src/main/java/org/egov/infra/mdms/service/MDMSService.java:75";

  behaviour(
    "mdms-v2 /v1/_search answers ResponseInfo null, only modules with data, active records newest first",
    [V1_SOURCE, "mdms-v2/src/main/java/org/egov/infra/mdms/repository/querybuilder/MdmsDataQueryBuilder.java:15"],
    async (c) => {
      const sc = await newSchema(c);
      const [module, master] = sc.split(".") as [string, string];
      const a = await put(c, sc, { code: "A", name: "a", n: 1 });
      await new Promise((r) => setTimeout(r, 5));
      await put(c, sc, { code: "B", name: "b", n: 1 });
      await new Promise((r) => setTimeout(r, 5));
      await put(c, sc, { code: "C", name: "c", n: 1 });
      await visible(c, sc, 3);
      expect((await c.digit.post(update(sc), { Mdms: { ...a, isActive: false } })).status).toBe(202);
      await c.eventually(async () => {
        const res = await c.digit.post("/mdms-v2/v1/_search", {
          MdmsCriteria: { tenantId: c.city, moduleDetails: [{ moduleName: module, masterDetails: [{ name: master }] }, { moduleName: `${module}X`, masterDetails: [{ name: "X" }] }] },
        });
        expect(res.status).toBe(200);
        expect(res.body.ResponseInfo).toBeNull();
        expect(res.body.MdmsRes).toEqual({ [module]: { [master]: [expect.objectContaining({ code: "C" }), expect.objectContaining({ code: "B" })] } });
      });
      const filtered = await c.digit.post("/mdms-v2/v1/_search", {
        MdmsCriteria: { tenantId: c.state, moduleDetails: [{ moduleName: module, masterDetails: [{ name: master, filter: "[?(@.code=='B')]" }] }] },
      });
      expect(filtered.body.MdmsRes[module][master].map((d: Json) => d.code)).toEqual(["B"]);
    },
  );

  behaviour(
    "mdms-v2 /v1/_search honours MdmsCriteria.uniqueIdentifier and ids",
    "mdms-v2/src/main/java/org/egov/infra/mdms/repository/querybuilder/MdmsDataQueryBuilder.java:45",
    async (c) => {
      const sc = await newSchema(c);
      const [module, master] = sc.split(".") as [string, string];
      const a = await put(c, sc, { code: "A", name: "a", n: 1 });
      await put(c, sc, { code: "B", name: "b", n: 1 });
      await visible(c, sc, 2);
      const v1 = (extra: Record<string, unknown>) =>
        c.digit.post("/mdms-v2/v1/_search", { MdmsCriteria: { tenantId: c.state, ...extra, moduleDetails: [{ moduleName: module, masterDetails: [{ name: master }] }] } });
      expect((await v1({ uniqueIdentifier: "B" })).body.MdmsRes[module][master].map((d: Json) => d.code)).toEqual(["B"]);
      expect((await v1({ ids: [a.id] })).body.MdmsRes[module][master].map((d: Json) => d.code)).toEqual(["A"]);
    },
  );

  behaviour(
    "egov-mdms-service /v1/_search is open at the gateway: no token needed",
    ["gateway/src/main/resources/application.properties:41", "egov-mdms-service/src/main/java/org/egov/infra/mdms/controller/MDMSController.java:27"],
    async (c) => {
      const res = await c.anonymous().post(
        "/egov-mdms-service/v1/_search",
        { RequestInfo: { apiId: "Rainmaker" }, MdmsCriteria: { tenantId: c.state, moduleDetails: [{ moduleName: "tenant", masterDetails: [{ name: "tenants" }] }] } },
        { token: null },
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body.ResponseInfo).toBeNull();
      expect(Array.isArray(res.body.MdmsRes.tenant.tenants)).toBe(true);
    },
  );

  behaviour(
    "egov-mdms-service lists every requested module, {} when none of its masters has data",
    "egov-mdms-service/src/main/java/org/egov/infra/mdms/service/MDMSService.java:104",
    async (c) => {
      const module = c.unique("dkmod");
      const res = await c.digit.post("/egov-mdms-service/v1/_search", {
        MdmsCriteria: { tenantId: c.state, moduleDetails: [{ moduleName: "tenant", masterDetails: [{ name: "tenants" }] }, { moduleName: module, masterDetails: [{ name: "Nothing" }] }] },
      });
      expect(res.status).toBe(200);
      expect(res.body.MdmsRes[module]).toEqual({});
      expect(res.body.MdmsRes.tenant.tenants.length).toBeGreaterThan(0);
    },
  );

  behaviour("egov-mdms-service /v1/_get reads one master by query parameters", "egov-mdms-service/src/main/java/org/egov/infra/mdms/controller/MDMSController.java:39", async (c) => {
    const res = await c.digit.post("/egov-mdms-service/v1/_get", {}, { query: { moduleName: "tenant", masterName: "tenants", tenantId: c.state } });
    expect(res.status).toBe(200);
    expect(res.body.MdmsRes.tenant.tenants.length).toBeGreaterThan(0);
  });
});
