import { describe, expect, it } from "vitest";
import { applyOrder, emptyBundle, loadBundle, masterLevels, type Bundle, type MdmsSchemaSpec } from "../src/index.js";
import { KIT_BASIC, KIT_ENV } from "./helpers.js";

const origin = { file: "test", pointer: "" };
const schema = (code: string, refs: string[] = []): MdmsSchemaSpec => ({
  tenantId: "pb",
  code,
  isActive: true,
  definition: { type: "object", "x-unique": ["code"], "x-ref-schema": refs.map((schemaCode, i) => ({ fieldPath: `ref${i}`, schemaCode })), properties: {} },
  origin,
});
const record = (schemaCode: string, code: string) => ({ tenantId: "pb", schemaCode, data: { code }, isActive: true, origin });
const rel = (code: string, parent: string | null) => ({ tenantId: "pb", hierarchyType: "ADMIN", boundaryType: "x", code, parent, origin });

describe("applyOrder", () => {
  it("pins the order of every step for the kit bundle", async () => {
    const bundle = await loadBundle(KIT_BASIC, { env: KIT_ENV });
    expect(applyOrder(bundle).map((s) => [s.name, s.kind, s.items.length, "schemaCodes" in s ? s.schemaCodes : "level" in s ? s.level : null])).toEqual([
      ["schemas", "schema", 7, null],
      ["tenants", "tenant", 2, null],
      ["roles", "role", 4, ["ACCESSCONTROL-ROLES.roles"]],
      ["actions", "action", 2, ["ACCESSCONTROL-ACTIONS-TEST.actions-test"]],
      ["role-actions", "role-action", 3, ["ACCESSCONTROL-ROLEACTIONS.roleactions"]],
      ["masters (level 1)", "mdms", 6, ["common-masters.Department", "common-masters.Holiday"]],
      ["masters (level 2)", "mdms", 2, ["common-masters.Designation"]],
      ["users", "user", 1, null],
      ["workflows", "workflow", 1, null],
      ["localization", "localization", 4, null],
      ["boundary-hierarchies", "boundary-hierarchy", 1, null],
      ["boundaries", "boundary", 6, null],
      ["boundary-relationships (level 1)", "boundary-relationship", 1, 0],
      ["boundary-relationships (level 2)", "boundary-relationship", 2, 1],
      ["boundary-relationships (level 3)", "boundary-relationship", 3, 2],
      ["employees", "employee", 1, null],
    ]);
  });

  it("levels masters by x-ref-schema across schemas, keeps records in bundle order, and has every fixed step when empty", () => {
    const b: Bundle = emptyBundle("/virtual", "digit-kit", "pb");
    b.mdmsSchemas.push(schema("t.C", ["t.B"]), schema("t.B", ["t.A", "ACCESSCONTROL-ROLES.roles"]), schema("t.A"), schema("t.D"));
    b.mdmsData.push(record("t.C", "c1"), record("t.B", "b1"), record("ACCESSCONTROL-ROLES.roles", "R"), record("t.A", "a1"), record("t.D", "d1"), record("t.A", "a2"));
    b.boundary.relationships.push(rel("W1", "Z1"), rel("Z1", "CITY"), rel("CITY", null), rel("ORPHAN", "NOT_IN_BUNDLE"));
    const steps = applyOrder(b);
    const masters = steps.filter((s) => s.kind === "mdms");
    expect(masters.map((s) => [s.name, s.schemaCodes, s.items.map((r) => r.data["code"])])).toEqual([
      ["masters (level 1)", ["t.A", "t.D"], ["a1", "d1", "a2"]],
      ["masters (level 2)", ["t.B"], ["b1"]],
      ["masters (level 3)", ["t.C"], ["c1"]],
    ]);
    expect(steps.filter((s) => s.kind === "boundary-relationship").map((s) => s.items.map((r) => r.code))).toEqual([["CITY", "ORPHAN"], ["Z1"], ["W1"]]);
    const empty = applyOrder(emptyBundle("/virtual", "digit-kit", "pb")).map((s) => s.name);
    expect(empty).toEqual(["schemas", "tenants", "roles", "actions", "role-actions", "users", "workflows", "localization", "boundary-hierarchies", "boundaries", "employees"]);
  });

  it("orders by definitions the bundle does not carry, and breaks a reference cycle where it is entered", () => {
    const b: Bundle = emptyBundle("/virtual", "digit-kit", "pb");
    b.mdmsData.push(record("t.Child", "c"), record("t.Parent", "p"));
    expect(masterLevels(b)).toEqual([["t.Child", "t.Parent"]]);
    const known = new Map([["t.Child", schema("t.Child", ["t.Parent"]).definition]]);
    expect(masterLevels(b, known)).toEqual([["t.Parent"], ["t.Child"]]);
    expect(applyOrder(b, { knownSchemas: known }).filter((s) => s.kind === "mdms").map((s) => s.name)).toEqual(["masters (level 1)", "masters (level 2)"]);
    b.mdmsSchemas.push(schema("t.Child", ["t.Parent"]), schema("t.Parent", ["t.Child"]));
    expect(masterLevels(b)).toEqual([["t.Parent"], ["t.Child"]]);
  });
});
