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
