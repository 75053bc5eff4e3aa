import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boundaryService } from "../../src/services/boundary/index.js";
import { bodyOf, caller, errorCodes, FIXTURES, fakeContext, hasFixtures, Harness, role, substituteTenant } from "./helpers.js";

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
  it("creates a hierarchy, refuses a duplicate type, and searches it", () => {
    const { hierarchy, h, me } = setup();
    expect(hierarchy(levels).status).toBe(200);
    expect(errorCodes(hierarchy(levels))).toEqual(["DUPLICATE_HIERARCHY_TYPE"]);
    const found = bodyOf(h.call("boundary.searchHierarchies", { caller: me, body: { BoundaryTypeHierarchySearchCriteria: { tenantId: T, hierarchyType: "ADMIN" } } }));
    expect(found["totalCount"]).toBe(1);
  });

  it("refuses inconsistent parent chains", () => {
    const { hierarchy } = setup();
    expect(errorCodes(hierarchy([{ boundaryType: "Zone", parentBoundaryType: "City" }]))).toContain("INVALID_HIERARCHY_DEFINITION");
    const twoRoots = hierarchy([{ boundaryType: "A", parentBoundaryType: null }, { boundaryType: "B", parentBoundaryType: null }], "X");
    expect(errorCodes(twoRoots)).toEqual(["INVALID_HIERARCHY_DEFINITION"]);
    const cycle = hierarchy(
      [{ boundaryType: "R", parentBoundaryType: null }, { boundaryType: "A", parentBoundaryType: "B" }, { boundaryType: "B", parentBoundaryType: "A" }],
      "Y",
    );
    expect((bodyOf(cycle)["Errors"] as { message: string }[])[0]?.message).toContain("cycle");
  });
});

describe("boundary entities and relationships", () => {
  it("refuses duplicate entity codes and searches entities by code", () => {
    const { entities, h, me } = setup();
    expect(entities("A", "B").status).toBe(200);
    expect(errorCodes(entities("C", "A"))).toEqual(["DUPLICATE_BOUNDARY_CODE"]);
    const found = bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T, codes: "B,C" } }))["Boundary"] as { code: string }[];
    expect(found.map((b) => b.code)).toEqual(["B"]);
  });

  it("enforces entity, hierarchy, type and parent rules", () => {
    const { hierarchy, entities, relate } = setup();
    entities("CITY", "Z1", "W1", "X");
    expect(errorCodes(relate("CITY", "City", null))).toEqual(["HIERARCHY_NOT_FOUND"]);
    hierarchy(levels);
    expect(errorCodes(relate("GHOST", "City", null))).toEqual(["BOUNDARY_ENTITY_NOT_FOUND"]);
    expect(errorCodes(relate("CITY", "State", null))).toEqual(["INVALID_BOUNDARY_TYPE"]);
    expect(errorCodes(relate("CITY", "City", "X"))).toEqual(["INVALID_PARENT"]);
    expect(relate("CITY", "City", null).status).toBe(200);
    expect(errorCodes(relate("CITY", "City", null))).toEqual(["DUPLICATE_RELATIONSHIP"]);
    expect(errorCodes(relate("Z1", "Zone", null))).toEqual(["INVALID_PARENT"]);
    expect(errorCodes(relate("W1", "Ward", "CITY"))).toEqual(["INVALID_PARENT"]);
    expect(errorCodes(relate("W1", "Ward", "Z1"))).toEqual(["INVALID_PARENT"]);
    expect(relate("Z1", "Zone", "CITY").status).toBe(200);
    expect(relate("W1", "Ward", "Z1").status).toBe(200);
  });

  it("builds the nested tree with includeChildren and the ancestor chain with includeParents", () => {
    const { tree } = seeded();
    expect(shape(tree({})[0]?.boundary ?? [])).toEqual(["CITY"]);
    expect(shape(tree({ includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ CITY: [{ Z1: ["W1", "W2"] }, { Z2: ["W3"] }] }]);
    expect(shape(tree({ codes: "Z1", includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ Z1: ["W1", "W2"] }]);
    expect(shape(tree({ boundaryType: "Ward" })[0]?.boundary ?? [])).toEqual(["W1", "W2", "W3"]);
    expect(shape(tree({ codes: "W3", includeParents: "true" })[0]?.boundary ?? [])).toEqual([{ CITY: [{ Z2: ["W3"] }] }]);
    expect(tree({ hierarchyType: "REVENUE" })).toEqual([]);
  });

  it("hides new entities and relationships from searches during the write lag, not from validation", () => {
    const { ctx, h, me, hierarchy, entities, relate, tree } = setup(100);
    hierarchy(levels);
    entities("CITY", "Z1");
    expect(relate("CITY", "City", null).status).toBe(200);
    expect(relate("Z1", "Zone", "CITY").status).toBe(200);
    expect(tree({ includeChildren: "true" })).toEqual([]);
    expect(bodyOf(h.call("boundary.search", { caller: me, query: { tenantId: T } }))["Boundary"]).toEqual([]);
    ctx.clock.now += 100;
    expect(shape(tree({ includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ CITY: ["Z1"] }]);
  });

  it("moves a node with _update and refuses cycles", () => {
    const { relate, tree } = seeded();
    expect(relate("W3", "Ward", "Z1", "boundary.updateRelationship").status).toBe(200);
    expect(shape(tree({ codes: "Z1", includeChildren: "true" })[0]?.boundary ?? [])).toEqual([{ Z1: ["W1", "W2", "W3"] }]);
    expect(errorCodes(relate("NOPE", "Ward", "Z1", "boundary.updateRelationship"))).toEqual(["RELATIONSHIP_NOT_FOUND"]);
  });
});

describe.skipIf(!hasFixtures)("boundary with the DIGIT fixtures", () => {
  it("loads the hierarchy, entities and relationships", () => {
    const { h, me } = setup();
    const load = (f: string) => substituteTenant(JSON.parse(readFileSync(join(FIXTURES, "boundary", f), "utf8")) as unknown, "pb");
    expect(h.call("boundary.createHierarchy", { caller: me, body: load("hierarchy-definition.json") as Record<string, unknown> }).status).toBe(200);
    expect(h.call("boundary.create", { caller: me, body: { Boundary: load("entity.json") } }).status).toBe(200);
    for (const rel of load("relationship.json") as Record<string, unknown>[]) {
      const res = h.call("boundary.createRelationship", { caller: me, body: { BoundaryRelationship: rel } });
      expect(res.status, JSON.stringify(bodyOf(res)["Errors"])).toBe(200);
    }
    const found = bodyOf(h.call("boundary.searchRelationships", { caller: me, query: { tenantId: T.replace("amritsar", "citya"), hierarchyType: "ADMIN", includeChildren: "true" } }));
    const roots = (found["TenantBoundary"] as { boundary: Node[] }[])[0]?.boundary ?? [];
    expect(roots.map((r) => r.code)).toEqual(["PG_CITYA_ADMIN_CITY"]);
    expect(roots[0]?.children.map((c) => c.code)).toEqual(["Z1_ADMIN_ZONE", "Z2_ADMIN_ZONE"]);
  });
});
