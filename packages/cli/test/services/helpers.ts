import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBundle, type Bundle } from "@digit-kit/bundle";

const here = dirname(fileURLToPath(import.meta.url));
export const KIT_BASIC = resolve(here, "../../../bundle/test/fixtures/kit-basic");
export const SHARED_FIXTURES = resolve(here, "../../../../../shared/fixtures/digit");
export const KIT_ENV = { KIT_TEST_GRO_PASSWORD: "Gro@12345", KIT_TEST_EMP_PASSWORD: "Emp@12345" };

export function loadKit(): Promise<Bundle> {
  return loadBundle(KIT_BASIC, { env: KIT_ENV });
}

/** Schemas the mock seeds itself, with definitions smaller than DIGIT's default data (mock-server/src/seed/schemas.ts). */
export const SEEDED_SCHEMAS = ["ACCESSCONTROL-ACTIONS-TEST.actions-test", "ACCESSCONTROL-ROLEACTIONS.roleactions", "ACCESSCONTROL-ROLES.roles", "tenant.tenants"];

/**
 * The mock's `pg` carries DIGIT's default data for common-masters Department and Designation (the masters egov-hrms
 * checks employees against, seed/service-masters.ts), and mdms-v2 cannot redefine a schema (schema/v1/_update answers
 * 501). So on `pg` the kit's own definitions of those two give way to DIGIT's, and its designations take DIGIT's
 * shape (required description, a list of departments), as a bundle written for a DIGIT with default data would.
 */
const DEFAULT_DATA_SCHEMAS = ["common-masters.Department", "common-masters.Designation"];
export async function loadKitOnPg(): Promise<Bundle> {
  const b = await loadBundle(KIT_BASIC, { tenant: "pg", env: KIT_ENV });
  b.mdmsSchemas = b.mdmsSchemas.filter((s) => !DEFAULT_DATA_SCHEMAS.includes(s.code));
  for (const r of b.mdmsData.filter((r) => r.schemaCode === "common-masters.Designation")) {
    const { department, ...rest } = r.data;
    r.data = { ...rest, description: rest["name"], department: [department] };
  }
  return b;
}

