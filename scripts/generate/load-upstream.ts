/** Step 1: locate and read the upstream DIGIT contracts (read-only input, never shipped). */
import { createHash } from "node:crypto";
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

const VERSIONS = "specs/VERSIONS";

/** sha256 pins of upstream files, from specs/VERSIONS (`<sha256>  <path>` lines). */
function pinnedHashes(): Map<string, string> {
  const pins = new Map<string, string>();
  for (const line of readFileSync(join(repoRoot, VERSIONS), "utf8").split("\n")) {
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line.trim());
    if (match) pins.set(match[2] as string, match[1] as string);
  }
  return pins;
}

/** Read an upstream file, refusing any file that is not pinned or whose content changed since it was pinned. */
export function readPinned(dir: string, file: string): string {
  const full = join(dir, file);
  if (!existsSync(full)) {
    throw new Error(`Upstream spec ${file} not found in ${dir}. Check the overlay.s "upstream" field or DIGIT_SPECS_DIR.`);
  }
  const text = readFileSync(full, "utf8");
  const pinned = pinnedHashes().get(file);
  const actual = createHash("sha256").update(text).digest("hex");
  if (pinned === undefined) throw new Error(`Upstream file ${file} is not pinned in ${VERSIONS}; add "${actual}  ${file}".`);
  if (pinned !== actual) {
    throw new Error(`Upstream file ${file} changed (sha256 ${actual}, pinned ${pinned} in ${VERSIONS}). Review the change, adjust specs/overlays/, then update the pin.`);
  }
  return text;
}

/** Parse one pinned upstream YAML file relative to the specs directory. */
export function loadUpstream(dir: string, file: string): JsonObject {
  return parse(readPinned(dir, file)) as JsonObject;
}

/** Read a YAML file of the repo (overlays). */
export function loadRepoYaml(relPath: string): JsonObject {
  return parse(readFileSync(join(repoRoot, relPath), "utf8")) as JsonObject;
}
