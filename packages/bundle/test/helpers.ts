import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const KIT_BASIC = join(here, "fixtures/kit-basic");
/** The shared DIGIT fixtures, `../shared/fixtures/digit` relative to the repo root. */
export const SHARED_FIXTURES = resolve(here, "../../../../shared/fixtures/digit");
export const KIT_ENV = { KIT_TEST_GRO_PASSWORD: "Gro@12345", KIT_TEST_EMP_PASSWORD: "Emp@12345" };

/** Writes `files` (path → JSON value or raw string) into a fresh temp dir and returns it. */
export function makeBundle(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "digit-bundle-"));
  for (const [rel, value] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  }
  return dir;
}
