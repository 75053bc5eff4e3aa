/**
 * boundary-service: entities (code + GeoJSON), hierarchy definitions and the boundary tree (relationships).
 * Every write answers 202 and is persisted through Kafka, so reads after writes go through `eventually`.
 */
import { describe, expect } from "vitest";
import { behaviour, type Conformance, type Json } from "../src/index.js";

const BS = "boundary-service/src/main/java/digit";
const ENTITY = "/boundary-service/boundary";
const HIERARCHY = "/boundary-service/boundary-hierarchy-definition";
const RELATION = "/boundary-service/boundary-relationships";

const point = { type: "Point", coordinates: [77.1, 28.5] };

async function createEntities(c: Conformance, codes: string[], geometry: unknown = null): Promise<void> {
  const res = await c.digit.post(`${ENTITY}/_create`, { Boundary: codes.map((code) => ({ tenantId: c.city, code, geometry })) });
  expect(res.status, res.text).toBe(202);
}

async function searchEntities(c: Conformance, codes: string[]): Promise<Json[]> {
  const res = await c.digit.post(`${ENTITY}/_search`, {}, { query: { tenantId: c.city, codes: codes.join(",") } });
  expect(res.status, res.text).toBe(200);
  return res.body.Boundary;
}

/** A City → Zone → Ward hierarchy with a unique type, and its three level names. */
async function createHierarchy(c: Conformance): Promise<{ hierarchyType: string }> {
  const hierarchyType = c.unique("H");
  const res = await c.digit.post(`${HIERARCHY}/_create`, {
    BoundaryHierarchy: {
      tenantId: c.city,
      hierarchyType,
      boundaryHierarchy: [
        { boundaryType: "City", parentBoundaryType: null, active: true },
        { boundaryType: "Zone", parentBoundaryType: "City", active: true },
        { boundaryType: "Ward", parentBoundaryType: "Zone", active: true },
      ],
    },
  });
  expect(res.status, res.text).toBe(202);
  await c.eventually(async () => {
    const found = await c.digit.post(`${HIERARCHY}/_search`, { BoundaryTypeHierarchySearchCriteria: { tenantId: c.city, hierarchyType } });
    expect(found.body.BoundaryHierarchy?.length).toBe(1);
  });
  return { hierarchyType };
}

async function place(c: Conformance, hierarchyType: string, code: string, boundaryType: string, parent: string | null) {
  return c.digit.post(`${RELATION}/_create`, { BoundaryRelationship: { tenantId: c.city, code, hierarchyType, boundaryType, parent } });
}

/** Places a node and waits until a search by its code sees it (a parent must be readable before its children). */
async function placed(c: Conformance, hierarchyType: string, code: string, boundaryType: string, parent: string | null): Promise<void> {
  const res = await place(c, hierarchyType, code, boundaryType, parent);
  expect(res.status, res.text).toBe(202);
  await c.eventually(async () => {
    const found = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city, hierarchyType, codes: code } });
    expect(JSON.stringify(found.body.TenantBoundary)).toContain(`"${code}"`);
  });
}

/** City C ← zones Z1 (older), Z2 (newer); W1 under Z1. */
async function tree(c: Conformance) {
  const { hierarchyType } = await createHierarchy(c);
  const [city, z1, z2, w1] = [c.unique("C"), c.unique("Z"), c.unique("Z"), c.unique("W")];
  await createEntities(c, [city, z1, z2, w1]);
  await c.eventually(async () => expect(await searchEntities(c, [city, z1, z2, w1])).toHaveLength(4));
  await placed(c, hierarchyType, city, "City", null);
  await placed(c, hierarchyType, z1, "Zone", city);
  await placed(c, hierarchyType, z2, "Zone", city);
  await placed(c, hierarchyType, w1, "Ward", z1);
  return { hierarchyType, city, z1, z2, w1 };
}

const codesOf = (nodes: Json[] | undefined): string[] => (nodes ?? []).map((n: Json) => n.code);

describe("boundary entities", () => {
  behaviour("boundary/_create answers 202 with an id and the caller in auditDetails", `${BS}/web/controllers/BoundaryController.java:32`, async (c) => {
    const code = c.unique("B");
    const res = await c.digit.post(`${ENTITY}/_create`, { Boundary: [{ tenantId: c.city, code, geometry: point }] });
    expect(res.status).toBe(202);
    const item = res.body.Boundary[0];
    expect(item.code).toBe(code);
    expect(typeof item.id).toBe("string");
    expect(item.auditDetails.createdBy).toBe(c.digit.user.uuid);
  });

  behaviour("an entity without the geometry key is refused (DIGIT reads geometry unconditionally)", `${BS}/service/validator/BoundaryEntityValidator.java:72`, async (c) => {
    const res = await c.digit.post(`${ENTITY}/_create`, { Boundary: [{ tenantId: c.city, code: c.unique("B") }] });
    expect(res.status).toBe(400);
    expect(res.body.Errors.length).toBeGreaterThan(0);
  });

  behaviour("geometry null is accepted", `${BS}/service/validator/BoundaryEntityValidator.java:72`, async (c) => {
    const res = await c.digit.post(`${ENTITY}/_create`, { Boundary: [{ tenantId: c.city, code: c.unique("B"), geometry: null }] });
    expect(res.status).toBe(202);
  });

  behaviour("only Point and Polygon geometries are accepted", `${BS}/service/validator/BoundaryEntityValidator.java:81`, async (c) => {
    const geometry = { type: "MultiPolygon", coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]] };
    const res = await c.digit.post(`${ENTITY}/_create`, { Boundary: [{ tenantId: c.city, code: c.unique("B"), geometry }] });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("INVALID_GEOMETRY_TYPE");
  });

  behaviour("GeoJSON positions, ring length and closure are checked", ["boundary-service/src/main/java/digit/util/GeoUtil.java:32", "boundary-service/src/main/java/digit/util/GeoUtil.java:39"], async (c) => {
    const create = (geometry: unknown) => c.digit.post(`${ENTITY}/_create`, { Boundary: [{ tenantId: c.city, code: c.unique("B"), geometry }] });
    const short = await create({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(short.body.Errors?.[0]?.code).toBe("INVALID_POLYGON_COORDINATES_DEFINITION");
    const open = await create({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 2]]] });
    expect(open.body.Errors?.[0]?.code).toBe("INVALID_POLYGON_DEFINITION");
    const holes = await create({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });
    expect(holes.body.Errors?.[0]?.code).toBe("INVALID_POLYGON");
    const pos = await create({ type: "Point", coordinates: [1, 2, 3] });
    expect(pos.body.Errors?.[0]?.code).toBe("INVALID_POSITION");
    for (const r of [short, open, holes, pos]) expect(r.status).toBe(400);
  });

  behaviour("a code that exists for the tenant is refused with DUPLICATE_CODE", `${BS}/service/validator/BoundaryEntityValidator.java:123`, async (c) => {
    const code = c.unique("B");
    await createEntities(c, [code]);
    await c.eventually(async () => expect(await searchEntities(c, [code])).toHaveLength(1));
    const res = await c.digit.post(`${ENTITY}/_create`, { Boundary: [{ tenantId: c.city, code, geometry: null }] });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("DUPLICATE_CODE");
    expect(res.body.Errors[0].message).toMatch(/^Boundary entity with same code and tenantId already exists\./);
  });

  behaviour("boundary/_search needs codes", `${BS}/web/models/BoundarySearchCriteria.java:21`, async (c) => {
    const res = await c.digit.post(`${ENTITY}/_search`, {}, { query: { tenantId: c.city } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("NotNull.boundarySearchCriteria.codes");
  });

  behaviour("boundary/_search lists the newest entity first", `${BS}/repository/querybuilder/BoundaryEntityQueryBuilder.java:19`, async (c) => {
    const codes = [c.unique("B"), c.unique("B"), c.unique("B")];
    for (const code of codes) {
      await createEntities(c, [code]);
      await new Promise((r) => setTimeout(r, 5));
    }
    await c.eventually(async () => expect((await searchEntities(c, codes)).map((b: Json) => b.code)).toEqual([...codes].reverse()));
  });

  behaviour("boundary/_update needs auditDetails.createdBy and createdTime in each item", "libraries/services-common/src/main/java/org/egov/common/utils/AuditDetailsEnrichmentUtil.java:71", async (c) => {
    const code = c.unique("B");
    await createEntities(c, [code]);
    await c.eventually(async () => expect(await searchEntities(c, [code])).toHaveLength(1));
    const res = await c.digit.post(`${ENTITY}/_update`, { Boundary: [{ tenantId: c.city, code, geometry: point }] });
    expect(res.status).toBe(400);
    // NullCheckException is a RuntimeException (services-common .../exception/NullCheckException.java:3), not a
    // CustomException: the tracer answers it as unhandled, class name in `id` (libraries/tracer/.../ExceptionAdvise.java:182).
    expect(res.body.Errors[0]).toMatchObject({ id: "NullCheckException", code: "An unhandled exception occurred on the server" });
  });

  behaviour("boundary/_update answers 202 and changes the geometry but not additionalDetails", "boundary-service/src/main/resources/boundary-persister.yml:38", async (c) => {
    const code = c.unique("B");
    const created = await c.digit.post(`${ENTITY}/_create`, { Boundary: [{ tenantId: c.city, code, geometry: null, additionalDetails: { v: 1 } }] });
    expect(created.status).toBe(202);
    const [live] = await c.eventually(async () => {
      const found = await searchEntities(c, [code]);
      expect(found).toHaveLength(1);
      return found;
    });
    const res = await c.digit.post(`${ENTITY}/_update`, { Boundary: [{ ...live, geometry: point, additionalDetails: { v: 2 } }] });
    expect(res.status).toBe(202);
    await c.eventually(async () => {
      const [after] = await searchEntities(c, [code]);
      expect(after.geometry).toEqual(point);
      expect(after.additionalDetails).toEqual({ v: 1 });
    });
  });

  behaviour("boundary/_update of an unknown code is refused", `${BS}/service/validator/BoundaryEntityValidator.java:147`, async (c) => {
    const auditDetails = { createdBy: c.digit.user.uuid, createdTime: Date.now() };
    const res = await c.digit.post(`${ENTITY}/_update`, { Boundary: [{ tenantId: c.city, code: c.unique("B"), geometry: null, auditDetails }] });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("NOT_FOUND_CODE_AND_TENANT_ID_CODE");
  });
});

describe("boundary hierarchy definitions", () => {
  behaviour("hierarchy _create answers 202 with an id", `${BS}/web/controllers/HierarchyDefinitionController.java:31`, async (c) => {
    const res = await c.digit.post(`${HIERARCHY}/_create`, {
      BoundaryHierarchy: { tenantId: c.city, hierarchyType: c.unique("H"), boundaryHierarchy: [{ boundaryType: "City", parentBoundaryType: null }] },
    });
    expect(res.status).toBe(202);
    expect(typeof res.body.BoundaryHierarchy[0].id).toBe("string");
  });

  behaviour("two root levels are refused with MULTIPLE_ROOT_NODES_ERR", `${BS}/service/validator/BoundaryHierarchyValidator.java:86`, async (c) => {
    const res = await c.digit.post(`${HIERARCHY}/_create`, {
      BoundaryHierarchy: { tenantId: c.city, hierarchyType: c.unique("H"), boundaryHierarchy: [{ boundaryType: "A", parentBoundaryType: null }, { boundaryType: "B", parentBoundaryType: null }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("MULTIPLE_ROOT_NODES_ERR");
  });

  behaviour("a hierarchy must be a single chain: two types under one parent are refused", `${BS}/service/validator/BoundaryHierarchyValidator.java:67`, async (c) => {
    const res = await c.digit.post(`${HIERARCHY}/_create`, {
      BoundaryHierarchy: {
        tenantId: c.city,
        hierarchyType: c.unique("H"),
        boundaryHierarchy: [
          { boundaryType: "City", parentBoundaryType: null },
          { boundaryType: "Zone", parentBoundaryType: "City" },
          { boundaryType: "Block", parentBoundaryType: "City" },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0]).toMatchObject({ code: "INVALID_HIERARCHY_DEFINITION", message: "Hierarchy entities must not form a cycle." });
  });

  behaviour("an undeclared parent type is refused", `${BS}/service/validator/BoundaryHierarchyValidator.java:63`, async (c) => {
    const res = await c.digit.post(`${HIERARCHY}/_create`, {
      BoundaryHierarchy: { tenantId: c.city, hierarchyType: c.unique("H"), boundaryHierarchy: [{ boundaryType: "City", parentBoundaryType: null }, { boundaryType: "Zone", parentBoundaryType: "X" }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0]).toMatchObject({ code: "INVALID_HIERARCHY_DEFINITION", message: "Given parent type is not part of boundary hierarchy definition - X" });
  });

  behaviour("an existing tenantId + hierarchyType is refused with DUPLICATE_RECORD", `${BS}/service/validator/BoundaryHierarchyValidator.java:104`, async (c) => {
    const { hierarchyType } = await createHierarchy(c);
    const res = await c.digit.post(`${HIERARCHY}/_create`, { BoundaryHierarchy: { tenantId: c.city, hierarchyType, boundaryHierarchy: [{ boundaryType: "City", parentBoundaryType: null }] } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("DUPLICATE_RECORD");
  });

  behaviour("a hierarchy search that finds nothing answers BoundaryHierarchy null", `${BS}/service/BoundaryHierarchyDefinitionService.java:72`, async (c) => {
    const res = await c.digit.post(`${HIERARCHY}/_search`, { BoundaryTypeHierarchySearchCriteria: { tenantId: c.city, hierarchyType: c.unique("NOPE") } });
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(0);
    expect(res.body.BoundaryHierarchy).toBeNull();
  });

  behaviour("DIGIT has no hierarchy _update route", `${BS}/web/controllers/HierarchyDefinitionController.java:39`, async (c) => {
    const { hierarchyType } = await createHierarchy(c);
    const res = await c.digit.post(`${HIERARCHY}/_update`, {
      BoundaryHierarchy: { tenantId: c.city, hierarchyType, boundaryHierarchy: [{ boundaryType: "City", parentBoundaryType: null }] },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("boundary relationships", () => {
  behaviour("relationship _create answers 202 without the materialized path", `${BS}/web/controllers/BoundaryRelationshipController.java:33`, async (c) => {
    const { hierarchyType } = await createHierarchy(c);
    const code = c.unique("C");
    await createEntities(c, [code]);
    await c.eventually(async () => expect(await searchEntities(c, [code])).toHaveLength(1));
    const res = await place(c, hierarchyType, code, "City", null);
    expect(res.status).toBe(202);
    expect(typeof res.body.TenantBoundary[0].id).toBe("string");
    expect(res.body.TenantBoundary[0]).not.toHaveProperty("ancestralMaterializedPath");
  });

  behaviour("a relationship needs the boundary entity", `${BS}/service/validator/BoundaryRelationshipValidator.java:207`, async (c) => {
    const { hierarchyType } = await createHierarchy(c);
    const res = await place(c, hierarchyType, c.unique("C"), "City", null);
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("BOUNDARY_ENTITY_DOES_NOT_EXIST");
  });

  behaviour("placement errors: duplicate, parent not placed, unknown hierarchy, type not in hierarchy, wrong level", `${BS}/service/validator/BoundaryRelationshipValidator.java:37`, async (c) => {
    const { hierarchyType } = await createHierarchy(c);
    const [city, zone, ward] = [c.unique("C"), c.unique("Z"), c.unique("W")];
    await createEntities(c, [city, zone, ward]);
    await c.eventually(async () => expect(await searchEntities(c, [city, zone, ward])).toHaveLength(3));
    await placed(c, hierarchyType, city, "City", null);
    const codeOf = async (p: Promise<{ status: number; body: Json }>) => {
      const r = await p;
      expect(r.status).toBe(400);
      return r.body.Errors[0].code;
    };
    expect(await codeOf(place(c, hierarchyType, city, "City", null))).toBe("DUPLICATE_RECORD");
    expect(await codeOf(place(c, hierarchyType, ward, "Ward", zone))).toBe("PARENT_NOT_FOUND");
    expect(await codeOf(place(c, c.unique("NOPE"), zone, "City", null))).toBe("HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR");
    expect(await codeOf(place(c, hierarchyType, zone, "Block", city))).toBe("BOUNDARY_TYPE_ERROR");
    expect(await codeOf(place(c, hierarchyType, ward, "Ward", city))).toBe("HIERARCHY_ERROR");
    expect(await codeOf(place(c, hierarchyType, zone, "Zone", null))).toBe("HIERARCHY_ERROR");
  });

  behaviour("relationship _search needs hierarchyType", `${BS}/web/models/BoundaryRelationshipSearchCriteria.java:28`, async (c) => {
    const res = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("NotNull.boundaryRelationshipSearchCriteria.hierarchyType");
  });

  behaviour("relationship _search of an unknown hierarchy is refused", `${BS}/service/enrichment/BoundaryRelationshipEnricher.java:83`, async (c) => {
    const res = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city, hierarchyType: c.unique("NOPE") } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR");
  });

  behaviour("a hierarchy without nodes answers one TenantBoundary with an empty boundary list", `${BS}/service/enrichment/BoundaryRelationshipEnricher.java:104`, async (c) => {
    const { hierarchyType } = await createHierarchy(c);
    const res = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city, hierarchyType } });
    expect(res.status).toBe(200);
    expect(res.body.TenantBoundary).toEqual([{ tenantId: c.city, hierarchyType, boundary: [] }]);
  });

  behaviour(
    "the tree: roots only by default, children newest first with includeChildren, no parent field",
    `${BS}/repository/querybuilder/BoundaryRelationshipQueryBuilder.java:17`,
    async (c) => {
      const t = await tree(c);
      const roots = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city, hierarchyType: t.hierarchyType } });
      expect(roots.status).toBe(200);
      expect(roots.body.TenantBoundary).toHaveLength(1);
      expect(codesOf(roots.body.TenantBoundary[0].boundary)).toEqual([t.city]);
      expect(roots.body.TenantBoundary[0].boundary[0].children).toEqual([]);
      const full = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city, hierarchyType: t.hierarchyType, includeChildren: true } });
      const city = full.body.TenantBoundary[0].boundary[0];
      expect(city).not.toHaveProperty("parent");
      expect(codesOf(city.children)).toEqual([t.z2, t.z1]);
      const z1 = city.children.find((n: Json) => n.code === t.z1);
      expect(codesOf(z1.children)).toEqual([t.w1]);
      expect(z1).not.toHaveProperty("parent");
    },
  );

  behaviour("includeParents merges the matched nodes under one shared parent", `${BS}/service/enrichment/BoundaryRelationshipEnricher.java:86`, async (c) => {
    const t = await tree(c);
    const res = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city, hierarchyType: t.hierarchyType, boundaryType: "Zone", includeParents: true } });
    expect(res.status).toBe(200);
    const boundary = res.body.TenantBoundary[0].boundary;
    expect(codesOf(boundary)).toEqual([t.city]);
    expect(codesOf(boundary[0].children).sort()).toEqual([t.z1, t.z2].sort());
  });

  behaviour("relationship _update moves a node horizontally and answers 202", `${BS}/web/controllers/BoundaryRelationshipController.java:56`, async (c) => {
    const t = await tree(c);
    const res = await c.digit.post(`${RELATION}/_update`, { BoundaryRelationship: { tenantId: c.city, code: t.w1, hierarchyType: t.hierarchyType, boundaryType: "Ward", parent: t.z2 } });
    expect(res.status).toBe(202);
    await c.eventually(async () => {
      const found = await c.digit.post(`${RELATION}/_search`, {}, { query: { tenantId: c.city, hierarchyType: t.hierarchyType, includeChildren: true } });
      const z2 = found.body.TenantBoundary[0].boundary[0].children.find((n: Json) => n.code === t.z2);
      expect(codesOf(z2.children)).toEqual([t.w1]);
    });
  });

  behaviour("relationship _update refuses a boundaryType change and a parent for a root", `${BS}/service/validator/BoundaryRelationshipValidator.java:80`, async (c) => {
    const t = await tree(c);
    const typed = await c.digit.post(`${RELATION}/_update`, { BoundaryRelationship: { tenantId: c.city, code: t.w1, hierarchyType: t.hierarchyType, boundaryType: "Zone", parent: t.city } });
    expect(typed.status).toBe(400);
    expect(typed.body.Errors[0].code).toBe("HIERARCHY_DISTURBED_ERR");
    const root = await c.digit.post(`${RELATION}/_update`, { BoundaryRelationship: { tenantId: c.city, code: t.city, hierarchyType: t.hierarchyType, boundaryType: "City", parent: t.z1 } });
    expect(root.status).toBe(400);
    expect(root.body.Errors[0].code).toBe("HIERARCHY_DISTURBED_ERR");
    const missing = await c.digit.post(`${RELATION}/_update`, { BoundaryRelationship: { tenantId: c.city, code: c.unique("W"), hierarchyType: t.hierarchyType, boundaryType: "Ward", parent: t.z1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.Errors[0].code).toBe("BOUNDARY_RELATIONSHIP_DOES_NOT_EXIST");
  });

  behaviour(
    "an update DIGIT does not check (a parent of the wrong level) is a warning, refused under --strict",
    `${BS}/service/validator/BoundaryRelationshipValidator.java:97`,
    async (c) => {
      const t = await tree(c);
      const res = await c.digit.post(`${RELATION}/_update`, { BoundaryRelationship: { tenantId: c.city, code: t.w1, hierarchyType: t.hierarchyType, boundaryType: "Ward", parent: t.city } });
      expect(res.status).toBe(202);
      expect(res.headers.get("x-digit-mock-warning")).toContain("HIERARCHY_ERROR");
    },
    { mockOnly: true },
  );

  behaviour(
    "under --strict the same wrong-level move is refused",
    `${BS}/service/validator/BoundaryRelationshipValidator.java:97`,
    async (c) => {
      const t = await tree(c);
      const res = await c.digit.post(`${RELATION}/_update`, { BoundaryRelationship: { tenantId: c.city, code: t.w1, hierarchyType: t.hierarchyType, boundaryType: "Ward", parent: t.city } });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].code).toBe("HIERARCHY_ERROR");
    },
    { strict: true },
  );
});
