import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boundaryService } from "../../src/services/boundary/index.js";
import { bodyOf, caller, errorCodes, errorIds, FIXTURES, fakeContext, hasFixtures, Harness, role, substituteTenant } from "./helpers.js";

const T = "pb.amritsar";
const levels = [
  { boundaryType: "City", parentBoundaryType: null, active: true },
  { boundaryType: "Zone", parentBoundaryType: "City", active: true },
  { boundaryType: "Ward", parentBoundaryType: "Zone", active: true },
];

function setup(writeLagMs = 0) {
  const ctx = fakeContext({ writeLagMs });
  const h = new Harness(boundaryService, ctx);
  const me = caller(ctx, [role("BOUNDARY_ADMIN")]);
  const hierarchy = (boundaryHierarchy: unknown[], hierarchyType = "ADMIN", op = "boundary.createHierarchy") =>
    h.call(op, { caller: me, body: { BoundaryHierarchy: { tenantId: T, hierarchyType, boundaryHierarchy } } });
  const entities = (...codes: string[]) =>
    h.call("boundary.create", { caller: me, body: { Boundary: codes.map((code) => ({ tenantId: T, code, geometry: { type: "Point", coordinates: [1, 2] } })) } });
  const relate = (code: string, boundaryType: string, parent: string | null, op = "boundary.createRelationship") =>
    h.call(op, { caller: me, body: { BoundaryRelationship: { tenantId: T, code, hierarchyType: "ADMIN", boundaryType, parent } } });
  const tree = (query: Record<string, string>) =>
    bodyOf(h.call("boundary.searchRelationships", { caller: me, query: { tenantId: T, hierarchyType: "ADMIN", ...query } }))["TenantBoundary"] as {
      boundary: Node[];
    }[];
  return { ctx, h, me, hierarchy, entities, relate, tree };
}

interface Node {
  code: string;
  children: Node[];
}

const shape = (nodes: Node[]): unknown => nodes.map((n) => (n.children.length === 0 ? n.code : { [n.code]: shape(n.children) }));

function seeded() {
  const s = setup();
  s.hierarchy(levels);
  s.entities("CITY", "Z1", "Z2", "W1", "W2", "W3");
  s.relate("CITY", "City", null);
  s.relate("Z1", "Zone", "CITY");
  s.relate("Z2", "Zone", "CITY");
  s.relate("W1", "Ward", "Z1");
  s.relate("W2", "Ward", "Z1");
  s.relate("W3", "Ward", "Z2");
  return s;
}

describe("boundary hierarchies", () => {
  it("creates a hierarchy (202), refuses a duplicate type, and searches it", () => {
    const { hierarchy, h, me } = setup();
    const created = hierarchy(levels);
    expect(created.status).toBe(202);
    const [def] = bodyOf(created)["BoundaryHierarchy"] as Record<string, unknown>[];
    expect(def?.["boundaryHierarchyJsonNode"]).toEqual(levels);
    expect(errorCodes(hierarchy(levels))).toEqual(["DUPLICATE_RECORD"]);
    const found = bodyOf(h.call("boundary.searchHierarchies", { caller: me, body: { BoundaryTypeHierarchySearchCriteria: { tenantId: T, hierarchyType: "ADMIN" } } }));
    expect(found["totalCount"]).toBe(1);
    expect((found["BoundaryHierarchy"] as Record<string, unknown>[])[0]?.["boundaryHierarchyJsonNode"]).toBeNull();
    const none = bodyOf(h.call("boundary.searchHierarchies", { caller: me, body: { BoundaryTypeHierarchySearchCriteria: { tenantId: T, hierarchyType: "NOPE" } } }));
    expect(none).toMatchObject({ totalCount: 0, BoundaryHierarchy: null });
  });

  it("refuses what DIGIT refuses: undeclared parents, two roots, branching", () => {
    const { hierarchy } = setup();
    const undeclared = hierarchy([{ boundaryType: "Zone", parentBoundaryType: "City" }]);
    expect(bodyOf(undeclared)["Errors"]).toMatchObject([{ code: "INVALID_HIERARCHY_DEFINITION", message: "Given parent type is not part of boundary hierarchy definition - City" }]);
    const twoRoots = hierarchy([{ boundaryType: "A", parentBoundaryType: null }, { boundaryType: "B", parentBoundaryType: null }], "X");
    expect(errorCodes(twoRoots)).toEqual(["MULTIPLE_ROOT_NODES_ERR"]);
    const branching = hierarchy([{ boundaryType: "R", parentBoundaryType: null }, { boundaryType: "A", parentBoundaryType: "R" }, { boundaryType: "B", parentBoundaryType: "R" }], "Y");
    expect(bodyOf(branching)["Errors"]).toMatchObject([{ code: "INVALID_HIERARCHY_DEFINITION", message: "Hierarchy entities must not form a cycle." }]);
  });

  it("accepts a hierarchy without a root with a warning, and refuses it under --strict", () => {
    const lenient = setup();
    const noRoot = [{ boundaryType: "A", parentBoundaryType: "B" }, { boundaryType: "B", parentBoundaryType: "A" }];
    const res = lenient.h.call("boundary.createHierarchy", { caller: lenient.me, body: { BoundaryHierarchy: { tenantId: T, hierarchyType: "LOOP", boundaryHierarchy: noRoot } } });
    expect(res.status).toBe(202);
    const strict = fakeContext({ strict: true });
    const hs = new Harness(boundaryService, strict);
    const me = caller(strict, [role("BOUNDARY_ADMIN")]);
    expect(errorCodes(hs.call("boundary.createHierarchy", { caller: me, body: { BoundaryHierarchy: { tenantId: T, hierarchyType: "LOOP", boundaryHierarchy: noRoot } } }))).toEqual([
      "INVALID_HIERARCHY_DEFINITION",
    ]);
  });

  it("has no _update handler: DIGIT maps none", () => {
    expect(Object.keys(boundaryService.handlers)).not.toContain("boundary.updateHierarchy");
  });
});

describe("boundary entities", () => {
  it("creates entities (202), refuses existing codes with DUPLICATE_CODE, searches by code newest first", () => {
    const { entities, h, me, ctx } = setup();
    expect(entities("A", "B").status).toBe(202);
    ctx.clock.now += 1;
    entities("D");
    const dup = entities("C", "A");
    expect(bodyOf(dup)["Errors"]).toMatchObject([{ code: "DUPLICATE_CODE", message: "Boundary entity with same code and tenantId already exists. {pb.amritsar,[C, A]} " }]);
    const found = bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T, codes: "A,B,C,D" } }))["Boundary"] as { code: string }[];
    expect(found.map((b) => b.code)).toEqual(["D", "B", "A"]);
  });

  it("needs codes and tenantId to search, and pages with limit 50 (max 300)", () => {
    const { entities, h, me } = setup();
    expect(errorCodes(h.call("boundary.search", { caller: me, query: {} })).sort()).toEqual(["NotNull.boundarySearchCriteria.codes", "NotNull.boundarySearchCriteria.tenantId"]);
    const codes = Array.from({ length: 60 }, (_, i) => `C${i}`);
    entities(...codes);
    const all = (q: Record<string, string>) => (bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T, codes: codes.join(","), ...q } }))["Boundary"] as unknown[]).length;
    expect(all({})).toBe(50);
    expect(all({ limit: "1000" })).toBe(60);
    expect(all({ offset: "55" })).toBe(5);
  });

  it("checks GeoJSON as DIGIT does and needs the geometry key", () => {
    const { h, me } = setup();
    const create = (geometry?: unknown) =>
      errorCodes(h.call("boundary.create", { caller: me, body: { Boundary: [{ tenantId: T, code: "G", ...(geometry === undefined ? {} : { geometry }) }] } }));
    expect(create()).toEqual(["An unhandled exception occurred on the server"]);
    expect(create({ coordinates: [1, 2] })).toEqual(["An unhandled exception occurred on the server"]);
    expect(create({ type: "MultiPolygon", coordinates: [] })).toEqual(["INVALID_GEOMETRY_TYPE"]);
    expect(create({ type: "Point", coordinates: ["a", 2] })).toEqual(["INVALID_GEOJSON"]);
    expect(create({ type: "Point", coordinates: [1] })).toEqual(["INVALID_POSITION"]);
    expect(create({ type: "Polygon", coordinates: [] })).toEqual(["INVALID_POLYGON"]);
    expect(create({ type: "Polygon", coordinates: [[[0, 0], [1, 1], [0, 0]]] })).toEqual(["INVALID_POLYGON_COORDINATES_DEFINITION"]);
    expect(create({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 2]]] })).toEqual(["INVALID_POLYGON_DEFINITION"]);
    expect(create({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1, 1], [0, 1], [0, 0]]] })).toEqual(["INVALID_POSITION"]);
    expect(create(null)).toEqual([]);
  });

  it("updates only the geometry and needs the searched auditDetails", () => {
    const { h, me } = setup();
    h.call("boundary.create", { caller: me, body: { Boundary: [{ tenantId: T, code: "A", geometry: null, additionalDetails: { v: 1 } }] } });
    const [live] = bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T, codes: "A" } }))["Boundary"] as Record<string, unknown>[];
    // NullCheckException is a RuntimeException, so the tracer answers it as unhandled (class name in `id`).
    const unaudited = h.call("boundary.update", { caller: me, body: { Boundary: [{ tenantId: T, code: "A", geometry: null }] } });
    expect(errorCodes(unaudited)).toEqual(["An unhandled exception occurred on the server"]);
    expect(errorIds(unaudited)).toEqual(["NullCheckException"]);
    expect(errorCodes(h.call("boundary.update", { caller: me, body: { Boundary: [{ tenantId: T, code: "Z", geometry: null }] } }))).toEqual(["NOT_FOUND_CODE_AND_TENANT_ID_CODE"]);
    const point = { type: "Point", coordinates: [1, 2] };
    const res = h.call("boundary.update", { caller: me, body: { Boundary: [{ ...live, geometry: point, additionalDetails: { v: 2 } }] } });
    expect(res.status).toBe(202);
    expect((bodyOf(res)["Boundary"] as Record<string, unknown>[])[0]?.["additionalDetails"]).toEqual({ v: 2 });
    const [after] = bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T, codes: "A" } }))["Boundary"] as Record<string, unknown>[];
    expect(after).toMatchObject({ geometry: point, additionalDetails: { v: 1 } });
  });

  it("answers 202 but stores nothing when one code comes twice with different content (warning; refused under --strict)", () => {
    const { h, me } = setup();
    const body = { Boundary: [{ tenantId: T, code: "A", geometry: null }, { tenantId: T, code: "A", geometry: { type: "Point", coordinates: [1, 2] } }] };
    const req = h.call("boundary.create", { caller: me, body });
    expect(req.status).toBe(202);
    expect(bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T, codes: "A" } }))["Boundary"]).toEqual([]);
    expect(errorCodes(h.call("boundary.create", { caller: me, body: { Boundary: [body.Boundary[0], body.Boundary[0]] } }))).toEqual(["DUPLICATE_BOUNDARY"]);
  });

  it("keeps tenant ids and codes such as __proto__ as ordinary keys", () => {
    const { h, me } = setup();
    const res = h.call("boundary.create", { caller: me, body: { Boundary: [{ tenantId: "__proto__", code: "constructor", geometry: null }] } });
    expect(res.status).toBe(202);
    expect(({} as Record<string, unknown>)["constructor"]).toBe(Object);
    const found = bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: "__proto__", codes: "constructor,toString" } }))["Boundary"] as { code: string }[];
    expect(found.map((b) => b.code)).toEqual(["constructor"]);
  });
});

describe("boundary relationships", () => {
  it("checks placement in DIGIT's order with DIGIT's codes", () => {
    const { hierarchy, entities, relate } = setup();
    entities("CITY", "Z1", "W1", "X");
    expect(errorCodes(relate("CITY", "City", null))).toEqual(["HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR"]);
    hierarchy(levels);
    expect(errorCodes(relate("GHOST", "City", null))).toEqual(["BOUNDARY_ENTITY_DOES_NOT_EXIST"]);
    expect(errorCodes(relate("CITY", "State", null))).toEqual(["BOUNDARY_TYPE_ERROR"]);
    expect(errorCodes(relate("CITY", "City", "X"))).toEqual(["PARENT_NOT_FOUND"]);
    expect(relate("CITY", "City", null).status).toBe(202);
    expect(errorCodes(relate("CITY", "City", null))).toEqual(["DUPLICATE_RECORD"]);
    expect(errorCodes(relate("Z1", "Zone", null))).toEqual(["HIERARCHY_ERROR"]);
    expect(errorCodes(relate("W1", "Ward", "CITY"))).toEqual(["HIERARCHY_ERROR"]);
    expect(errorCodes(relate("W1", "Ward", "Z1"))).toEqual(["PARENT_NOT_FOUND"]);
    expect(relate("Z1", "Zone", "CITY").status).toBe(202);
    expect(relate("W1", "Ward", "Z1").status).toBe(202);
    const tooDeep = relate("X", "Ward", "W1");
    expect(errorCodes(tooDeep)).toEqual(["An unhandled exception occurred on the server"]);
    expect(errorIds(tooDeep)).toEqual(["IndexOutOfBoundsException"]);
  });

  it("builds DIGIT's tree: roots by default, descendants newest first, parents merged, no parent field", () => {
    const { tree } = seeded();
    expect(shape(tree({})[0]?.boundary ?? [])).toEqual(["CITY"]);
    expect(shape(tree({ includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ CITY: [{ Z2: ["W3"] }, { Z1: ["W2", "W1"] }] }]);
    expect(shape(tree({ codes: "Z1", includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ Z1: ["W2", "W1"] }]);
    expect(shape(tree({ boundaryType: "Ward" })[0]?.boundary ?? [])).toEqual(["W3", "W2", "W1"]);
    expect(shape(tree({ codes: "W3", includeParents: "true" })[0]?.boundary ?? [])).toEqual([{ CITY: [{ Z2: ["W3"] }] }]);
    expect(shape(tree({ boundaryType: "Ward", includeParents: "true" })[0]?.boundary ?? [])).toEqual([{ CITY: [{ Z2: ["W3"] }, { Z1: ["W2", "W1"] }] }]);
    expect(shape(tree({ codes: "CITY,W1" })[0]?.boundary ?? [])).toEqual(["CITY"]);
    expect(shape(tree({ boundaryType: "Ward", parent: "Z1" })[0]?.boundary ?? [])).toEqual(["W2", "W1"]);
    expect(JSON.stringify(tree({ includeChildren: "true" }))).not.toContain('"parent"');
  });

  it("answers one TenantBoundary per search and refuses unknown hierarchies or a missing hierarchyType", () => {
    const { hierarchy, h, me, tree } = setup();
    hierarchy(levels);
    expect(tree({})).toEqual([{ tenantId: T, hierarchyType: "ADMIN", boundary: [] }]);
    expect(errorCodes(h.call("boundary.searchRelationships", { caller: me, query: { tenantId: T, hierarchyType: "REVENUE" } }))).toEqual(["HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR"]);
    expect(errorCodes(h.call("boundary.searchRelationships", { caller: me, query: { tenantId: T } }))).toEqual(["NotNull.boundaryRelationshipSearchCriteria.hierarchyType"]);
  });

  it("hides new entities and relationships from searches during the write lag, not from validation", () => {
    const { ctx, h, me, hierarchy, entities, relate, tree } = setup(100);
    hierarchy(levels);
    entities("CITY", "Z1");
    expect(relate("CITY", "City", null).status).toBe(202);
    expect(relate("Z1", "Zone", "CITY").status).toBe(202);
    expect(errorCodes(h.call("boundary.searchRelationships", { caller: me, query: { tenantId: T, hierarchyType: "ADMIN" } }))).toEqual([
      "HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR",
    ]);
    expect(bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T, codes: "CITY" } }))["Boundary"]).toEqual([]);
    ctx.clock.now += 100;
    expect(shape(tree({ includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ CITY: ["Z1"] }]);
  });

  it("moves a node horizontally with _update and refuses what DIGIT refuses", () => {
    const { relate, tree } = seeded();
    expect(relate("W3", "Ward", "Z1", "boundary.updateRelationship").status).toBe(202);
    expect(shape(tree({ codes: "Z1", includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ Z1: ["W3", "W2", "W1"] }]);
    expect(errorCodes(relate("NOPE", "Ward", "Z1", "boundary.updateRelationship"))).toEqual(["BOUNDARY_RELATIONSHIP_DOES_NOT_EXIST"]);
    expect(errorCodes(relate("W3", "Ward", "NOPE", "boundary.updateRelationship"))).toEqual(["BOUNDARY_RELATIONSHIP_DOES_NOT_EXIST"]);
    expect(errorCodes(relate("W3", "Zone", "CITY", "boundary.updateRelationship"))).toEqual(["HIERARCHY_DISTURBED_ERR"]);
    expect(errorCodes(relate("CITY", "City", "Z1", "boundary.updateRelationship"))).toEqual(["HIERARCHY_DISTURBED_ERR"]);
  });

  it("warns about updates DIGIT does not check or crashes on, and refuses them under --strict", () => {
    const lenient = seeded();
    const moved = lenient.relate("W1", "Ward", "CITY", "boundary.updateRelationship");
    expect(moved.status).toBe(202);
    expect(lenient.relate("CITY", "City", null, "boundary.updateRelationship").status).toBe(202);
    const strict = fakeContext({ strict: true });
    const h = new Harness(boundaryService, strict);
    const me = caller(strict, [role("BOUNDARY_ADMIN")]);
    h.call("boundary.createHierarchy", { caller: me, body: { BoundaryHierarchy: { tenantId: T, hierarchyType: "ADMIN", boundaryHierarchy: levels } } });
    h.call("boundary.create", { caller: me, body: { Boundary: ["CITY", "Z1", "W1"].map((code) => ({ tenantId: T, code, geometry: null })) } });
    const rel = (code: string, boundaryType: string, parent: string | null, op = "boundary.createRelationship") =>
      h.call(op, { caller: me, body: { BoundaryRelationship: { tenantId: T, code, hierarchyType: "ADMIN", boundaryType, parent } } });
    rel("CITY", "City", null);
    rel("Z1", "Zone", "CITY");
    rel("W1", "Ward", "Z1");
    expect(errorCodes(rel("W1", "Ward", "CITY", "boundary.updateRelationship"))).toEqual(["HIERARCHY_ERROR"]);
    expect(errorCodes(rel("CITY", "City", null, "boundary.updateRelationship"))).toEqual(["An unhandled exception occurred on the server"]);
    expect(errorCodes(rel("W1", "Ward", null, "boundary.updateRelationship"))).toEqual(["An unhandled exception occurred on the server"]);
  });
});

describe.skipIf(!hasFixtures)("boundary with the DIGIT fixtures", () => {
  it("loads the hierarchy, entities and relationships", () => {
    const { h, me } = setup();
    const load = (f: string) => substituteTenant(JSON.parse(readFileSync(join(FIXTURES, "boundary", f), "utf8")) as unknown, "pb");
    expect(h.call("boundary.createHierarchy", { caller: me, body: load("hierarchy-definition.json") as Record<string, unknown> }).status).toBe(202);
    expect(h.call("boundary.create", { caller: me, body: { Boundary: load("entity.json") } }).status).toBe(202);
    for (const rel of load("relationship.json") as Record<string, unknown>[]) {
      const res = h.call("boundary.createRelationship", { caller: me, body: { BoundaryRelationship: rel } });
      expect(res.status, JSON.stringify(bodyOf(res)["Errors"])).toBe(202);
    }
    const found = bodyOf(h.call("boundary.searchRelationships", { caller: me, query: { tenantId: T.replace("amritsar", "citya"), hierarchyType: "ADMIN", includeChildren: "true" } }));
    const roots = (found["TenantBoundary"] as { boundary: Node[] }[])[0]?.boundary ?? [];
    expect(roots.map((r) => r.code)).toEqual(["PG_CITYA_ADMIN_CITY"]);
    expect(roots[0]?.children.map((c) => c.code)).toEqual(["Z2_ADMIN_ZONE", "Z1_ADMIN_ZONE"]);
  });
});
