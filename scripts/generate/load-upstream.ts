/** Step 1: locate and read the upstream DIGIT contracts (read-only input, never shipped). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { JsonObject } from "./types.js";

/** Repository root, resolved from this script's own location. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Upstream specs directory: `$DIGIT_SPECS_DIR`, else `../shared/specs/digit` next to the repo. */
export function specsDir(): string {
  const override = process.env["DIGIT_SPECS_DIR"];
  return override ? resolve(override) : resolve(repoRoot, "../shared/specs/digit");
}

export function specsDirExists(dir: string): boolean {
  return existsSync(join(dir, "MANIFEST.md")) || existsSync(dir);
}

/** Parse one upstream YAML file relative to the specs directory. */
export function loadUpstream(dir: string, file: string): JsonObject {
  const full = join(dir, file);
  if (!existsSync(full)) {
    throw new Error(`Upstream spec ${file} not found in ${dir}. Check the overlay's "source" field or DIGIT_SPECS_DIR.`);
  }
  return parse(readFileSync(full, "utf8")) as JsonObject;
}

/** Read a YAML file of the repo (overlays). */
export function loadRepoYaml(relPath: string): JsonObject {
  return parse(readFileSync(join(repoRoot, relPath), "utf8")) as JsonObject;
}
