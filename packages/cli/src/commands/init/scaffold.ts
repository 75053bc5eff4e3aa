/** The files `digit init` writes: a minimal, valid DIGIT Kit bundle for one state and its cities. */
import { ACTIONS_SCHEMA, CORE_SCHEMA_DEFINITIONS, ROLE_ACTIONS_SCHEMA, ROLES_SCHEMA, TENANTS_SCHEMA } from "@digit-kit/bundle";
import { stringify } from "yaml";

export interface ScaffoldInput {
  state: string;
  stateName: string;
  /** City names without the state prefix. */
  cities: string[];
  /** The state exists on DIGIT: no state tenant record and no core schemas (they are live already). */
  existingState?: boolean;
}

const title = (s: string) => s.replace(/[-_]/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
const yaml = (v: unknown) => stringify(v, { lineWidth: 0 });

/** Path (relative to the bundle root) → file content. */
export function scaffoldFiles(input: ScaffoldInput): Record<string, string> {
  const { state, stateName, cities, existingState = false } = input;
  const cityCodes = cities.map((c) => `${state}.${c}`);
  const files: Record<string, string> = {};

  files["digit-bundle.yaml"] =
    `# DIGIT Kit bundle. Check it with: digit plan -f . (docs/bundles.md describes every file)\n` +
    yaml({
      apiVersion: "digit-kit/v1",
      stateTenant: state,
      tenants: [
        ...(existingState ? [] : [{ code: state, name: stateName, type: "State" }]),
        ...cities.map((c, i) => ({ code: cityCodes[i], name: title(c), type: "CITY" })),
      ],
    });

  // A new state has no schemas at all: the tenant records, roles and role-actions need theirs. mdms-v2 cannot update
  // a schema, so on a state that exists these must equal the live ones: DIGIT's small core definitions, the same
  // the mock seeds (test/new-user-defects.test.ts plans a scaffold of the mock's `pg` with no schema change).
  const schema = (code: string) => ({ code, description: code, isActive: true, definition: structuredClone(CORE_SCHEMA_DEFINITIONS[code]) });
  if (!existingState) files["mdms/schemas/tenant.yaml"] =
    "# The tenant registry (digit-bundle.yaml's tenants become its records). DIGIT services discover tenants through it.\n" +
    yaml([schema(TENANTS_SCHEMA)]);
  if (!existingState) files["mdms/schemas/access-control.yaml"] =
    "# Role-based access control masters (roles.yaml, actions.yaml and role-actions.yaml become their records).\n" +
    yaml([schema(ROLES_SCHEMA), schema(ACTIONS_SCHEMA), schema(ROLE_ACTIONS_SCHEMA)]);
  // DIGIT's default data defines common-masters.Department (CCRS default-data-handler mdms/schemas/common-masters.json),
  // and mdms-v2 cannot update a schema: the scaffold carries that definition exactly, so it plans unchanged on a DIGIT
  // seeded with the default data and is created as-is on one without.
  files["mdms/schemas/common-masters.yaml"] =
    "# common-masters.Department exactly as DIGIT's default data defines it (description included):\n" +
    "# mdms-v2 cannot change a schema once created.\n" +
    yaml([
      {
        code: "common-masters.Department",
        description: "  ",
        isActive: true,
        definition: {
          type: "object",
          title: "Generated schema for Root",
          $schema: "http://json-schema.org/draft-07/schema#",
          required: ["name", "code", "active"],
          "x-unique": ["code"],
          properties: { code: { type: "string" }, name: { type: "string" }, active: { type: "boolean", default: true } },
          "x-ref-schema": [],
          additionalProperties: false,
        },
      },
    ]);
  files["mdms/data/common-masters.Department.yaml"] = yaml([
    { code: "DEPT_ADMIN", name: "Administration", active: true },
    { code: "DEPT_WORKS", name: "Public Works", active: true },
  ]);
  files["localization/en_IN/rainmaker-common.yaml"] = yaml({
    [`TENANT_TENANTS_${state.toUpperCase()}`]: stateName,
    ...Object.fromEntries(cityCodes.map((c, i) => [`TENANT_TENANTS_${c.toUpperCase().replace(/\./g, "_")}`, title(cities[i]!)])),
    COMMON_MASTERS_DEPARTMENT_DEPT_ADMIN: "Administration",
    COMMON_MASTERS_DEPARTMENT_DEPT_WORKS: "Public Works",
  });
  if (cityCodes.length) {
    files["boundaries.yaml"] = yaml({
      hierarchies: cityCodes.map((city) => ({
        tenantId: city,
        hierarchyType: "ADMIN",
        levels: ["City", "Ward"],
        boundaries: [
          {
            code: `${city.split(".")[1]!.toUpperCase()}`,
            type: "City",
            children: [
              { code: `${city.split(".")[1]!.toUpperCase()}_W1`, type: "Ward" },
              { code: `${city.split(".")[1]!.toUpperCase()}_W2`, type: "Ward" },
            ],
          },
        ],
      })),
    });
  }
  files["README.md"] =
    `# ${stateName} (${state}) DIGIT bundle\n\n` +
    `Scaffolded by \`digit init\`. Tenants: ${[state, ...cityCodes].join(", ")}.\n\n` +
    (existingState
      ? `${state} exists already: this bundle leaves its tenant record and core schemas alone.\n\n`
      : `If ${state} already exists on your DIGIT, scaffold with \`digit init --existing-state\`. \`digit plan\` marks a rewrite of\n` +
        `its live tenant record that would drop fields with \`!\` (apply would write it as planned).\n\n`) +
    "```sh\ndigit plan -f .          # what would change (exit 2 when something would)\ndigit apply -f . --yes   # provision\n```\n";
  return files;
}
