import { describe, expect, it } from "vitest";
import { BundleValidationError, loadBundle } from "../src/index.js";
import { KIT_BASIC, KIT_ENV, makeBundle } from "./helpers.js";

describe("DIGIT Kit layout", () => {
  it("loads every resource kind into the normalised bundle", async () => {
    const b = await loadBundle(KIT_BASIC, { env: KIT_ENV });
    expect(b.layout).toBe("digit-kit");
    expect(b.stateTenant).toBe("ka");
    expect(b.tenants.map((t) => [t.code, t.kind, t.record.type])).toEqual([
      ["ka", "state", "State"],
      ["ka.mysuru", "city", "CITY"],
    ]);
    expect(b.mdmsSchemas.map((s) => s.code).sort()).toEqual([
      "ACCESSCONTROL-ACTIONS-TEST.actions-test",
      "ACCESSCONTROL-ROLEACTIONS.roleactions",
      "ACCESSCONTROL-ROLES.roles",
      "common-masters.Department",
      "common-masters.Designation",
      "common-masters.Holiday",
      "tenant.tenants",
    ]);
    const count = (code: string) => b.mdmsData.filter((r) => r.schemaCode === code).length;
    expect(count("ACCESSCONTROL-ROLES.roles")).toBe(4);
    expect(b.mdmsData.filter((r) => r.tenantId === "ka.mysuru").map((r) => [r.schemaCode, r.data.code])).toEqual([["common-masters.Department", "DEPT_LAKES"]]);
    expect(count("ACCESSCONTROL-ACTIONS-TEST.actions-test")).toBe(2);
    expect(b.mdmsData.filter((r) => r.schemaCode === "ACCESSCONTROL-ROLEACTIONS.roleactions").map((r) => r.data)).toEqual([
      { rolecode: "CITIZEN", actionid: 1001, actioncode: "", tenantId: "ka" },
      { rolecode: "CITIZEN", actionid: 1002, actioncode: "", tenantId: "ka" },
      { rolecode: "GRO", actionid: 1002, actioncode: "", tenantId: "ka" },
    ]);
    expect(b.workflows[0]!.businessService.businessService).toBe("COMPLAINT");
    expect(b.workflows[0]!.tenantId).toBe("ka");
    expect(b.localization).toHaveLength(4);
    expect(b.localization.find((m) => m.locale === "hi_IN")).toMatchObject({ module: "rainmaker-pgr", code: "CS_COMMON_SUBMIT" });
    expect(b.boundary.hierarchies[0]!.boundaryHierarchy).toEqual([
      { boundaryType: "City", parentBoundaryType: null, active: true },
      { boundaryType: "Zone", parentBoundaryType: "City", active: true },
      { boundaryType: "Ward", parentBoundaryType: "Zone", active: true },
    ]);
    expect(b.boundary.entities.map((e) => e.code)).toEqual(["MYS_CITY", "MYS_Z1", "MYS_W1", "MYS_W2", "MYS_Z2", "MYS_W3"]);
    expect(b.boundary.relationships.map((r) => `${r.code}<${r.parent ?? "-"}`)).toEqual([
      "MYS_CITY<-",
      "MYS_Z1<MYS_CITY",
      "MYS_W1<MYS_Z1",
      "MYS_W2<MYS_Z1",
      "MYS_Z2<MYS_CITY",
      "MYS_W3<MYS_Z2",
    ]);
    expect(b.users[0]).toMatchObject({ userName: "gro-mysuru", password: "Gro@12345", roles: [{ code: "GRO", tenantId: "ka.mysuru" }, { code: "CITIZEN", tenantId: "ka" }] });
    expect(b.employees[0]!.employee.user).toMatchObject({ userName: "EMP-MYS-1", password: "Emp@12345", tenantId: "ka.mysuru" });
    expect(b.warnings).toEqual([]);
  });

  it("fails with the variable's name, never a value, when a password env var is missing", async () => {
    const err = await loadBundle(KIT_BASIC, { env: { KIT_TEST_GRO_PASSWORD: "Gro@12345" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleValidationError);
    const issues = (err as BundleValidationError).issues;
    expect(issues).toEqual([
      expect.objectContaining({ file: "employees.yaml", pointer: "/0/user/password", message: "environment variable KIT_TEST_EMP_PASSWORD is not set" }),
    ]);
    expect((err as Error).message).not.toContain("Gro@12345");
  });

  it("reports structural errors of several files at once, with file and JSON pointer", async () => {
    const dir = makeBundle({
      "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\ntenants:\n  - code: ka\n",
      "roles.yaml": "- { code: GRO }\n- { code: 7, name: X }\n",
      "localization/en_IN/common.yaml": "A: ok\nB: [not, a, string]\n",
      "boundaries.yaml": "hierarchies:\n  - tenantId: ka\n    hierarchyType: ADMIN\n    levels: [City]\n    boundaries:\n      - { code: C1 }\n",
    });
    const err = (await loadBundle(dir).catch((e: unknown) => e)) as BundleValidationError;
    expect(err).toBeInstanceOf(BundleValidationError);
    const where = err.issues.map((i) => `${i.file}:${i.pointer}`);
    expect(where).toEqual(
      expect.arrayContaining(["digit-bundle.yaml:/tenants/0/name", "roles.yaml:/0/name", "roles.yaml:/1/code", "localization/en_IN/common.yaml:/B", "boundaries.yaml:/hierarchies/0/boundaries/0/type"]),
    );
    expect(err.issues.find((i) => i.pointer === "/1/code")!.message).toMatch(/expected string/);
    expect(err.message).toContain("roles.yaml: /1/code: expected string");
  });

  it("checks records against the bundle's schemas, x-unique duplicates and boundary parents", async () => {
    const dir = makeBundle({
      "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\n",
      "mdms/schemas/dept.yaml":
        "code: common-masters.Department\ndefinition:\n  type: object\n  required: [code, active]\n  x-unique: [code]\n  additionalProperties: false\n  properties:\n    code: { type: string }\n    active: { type: boolean }\n",
      "mdms/data/common-masters.Department.yaml": "- { code: A, active: true }\n- { code: A, active: false }\n- { code: B, active: yes-please }\n- { code: C, active: true, extra: 1 }\n",
      "boundaries.yaml":
        "hierarchies:\n  - tenantId: ka\n    hierarchyType: ADMIN\n    levels: [City, Ward]\n    boundaries:\n      - code: C1\n        type: Ward\n",
    });
    const err = (await loadBundle(dir).catch((e: unknown) => e)) as BundleValidationError;
    const lines = err.issues.map((i) => `${i.file}: ${i.pointer}: ${i.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^mdms\/data\/common-masters.Department.yaml: \/1: duplicate common-masters.Department record "A"/),
      "mdms/data/common-masters.Department.yaml: /2/active: must be boolean (schema common-masters.Department)",
      'mdms/data/common-masters.Department.yaml: /3: must NOT have additional properties "extra" (schema common-masters.Department)',
      'boundaries.yaml: /hierarchies/0/boundaries/0/parent: "C1" (Ward) needs a parent of type City',
    ]);
  });

  it("flags schemas DIGIT's schema create would refuse, with file, pointer and a hint, before any call", async () => {
    const dir = makeBundle({
      "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\n",
      "mdms/schemas/bad.yaml": [
        "- code: a.NoLists",
        "  definition: { type: object, properties: { code: { type: string } } }",
        "- code: a.Empty",
        "  definition: { type: object, required: [], x-unique: [code] }",
        "- code: a.NotRequired",
        "  definition: { type: object, required: [code], x-unique: [code, name] }",
        "- code: a.Nested",
        "  definition: { type: object, required: [city], x-unique: [city.code] }",
        "- code: a.Fine",
        "  definition: { type: object, required: [code], x-unique: [code] }",
        "",
      ].join("\n"),
    });
    const err = (await loadBundle(dir).catch((e: unknown) => e)) as BundleValidationError;
    expect(err).toBeInstanceOf(BundleValidationError);
    expect(err.issues.map((i) => `${i.file}: ${i.pointer}: ${i.message}`)).toEqual([
      'mdms/schemas/bad.yaml: /0/definition: no "required": DIGIT refuses the schema (REQUIRED_ATTRIBUTE_LIST_ERR)',
      'mdms/schemas/bad.yaml: /0/definition: no "x-unique": DIGIT refuses the schema (UNIQUE_ATTRIBUTE_LIST_ERR)',
      'mdms/schemas/bad.yaml: /1/definition/required: an empty "required": DIGIT refuses the schema (REQUIRED_ATTRIBUTE_LIST_ERR)',
      'mdms/schemas/bad.yaml: /2/definition/x-unique/1: x-unique field "name" is not in "required": DIGIT refuses the schema (UNIQUE_ATTRIBUTE_LIST_ERR)',
      'mdms/schemas/bad.yaml: /3/definition/x-unique/0: x-unique field "city.code" is not in "required": DIGIT refuses the schema (UNIQUE_ATTRIBUTE_LIST_ERR)',
    ]);
    expect(err.issues[3]!.hint).toBe('Add "name" to required.');
    expect(err.issues[4]!.hint).toMatch(/nested path can never pass/);
  });

  it("moves the bundle to another state tenant with { tenant }", async () => {
    const b = await loadBundle(KIT_BASIC, { env: KIT_ENV, tenant: "pg" });
    expect(b.stateTenant).toBe("pg");
    expect(b.tenants.map((t) => [t.code, t.record.code])).toEqual([["pg", "pg"], ["pg.mysuru", "pg.mysuru"]]);
    expect(new Set(b.mdmsData.map((r) => r.tenantId))).toEqual(new Set(["pg", "pg.mysuru"]));
    expect(b.mdmsData.find((r) => r.schemaCode === "ACCESSCONTROL-ROLEACTIONS.roleactions")!.data.tenantId).toBe("pg");
    expect(b.users[0]!.roles).toEqual([{ code: "GRO", tenantId: "pg.mysuru" }, { code: "CITIZEN", tenantId: "pg" }]);
    expect(b.employees[0]!.employee).toMatchObject({ tenantId: "pg.mysuru", jurisdictions: [{ tenantId: "pg.mysuru", boundary: "MYS_CITY" }] });
    expect(b.boundary.relationships.every((r) => r.tenantId === "pg.mysuru")).toBe(true);
    await expect(loadBundle(KIT_BASIC, { env: KIT_ENV, tenant: "pg.city" })).rejects.toThrow(/not a valid state tenant code/);
  });

  it("reads a city's own messages from localization/<tenant>/<locale>/ and refuses another state's", async () => {
    const bundleYaml = "apiVersion: digit-kit/v1\nstateTenant: ka\ntenants:\n  - { code: ka.mysuru, name: Mysuru }\n";
    const b = await loadBundle(makeBundle({ "digit-bundle.yaml": bundleYaml, "localization/en_IN/common.yaml": "A: state\n", "localization/ka.mysuru/en_IN/common.yaml": "A: city\n" }));
    expect(b.localization.map((m) => [m.tenantId, m.locale, m.module, m.code, m.message])).toEqual([
      ["ka", "en_IN", "common", "A", "state"],
      ["ka.mysuru", "en_IN", "common", "A", "city"],
    ]);
    const err = await loadBundle(makeBundle({ "digit-bundle.yaml": bundleYaml, "localization/pb.amritsar/en_IN/common.yaml": "A: other\n" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleValidationError);
    expect(String(err)).toMatch(/tenant "pb.amritsar", which is neither the state tenant "ka" nor one of its cities/);
  });

  it("rejects a folder that is no bundle", async () => {
    await expect(loadBundle(makeBundle({ "README.md": "hi" }))).rejects.toThrow(/is not a bundle/);
  });
});
