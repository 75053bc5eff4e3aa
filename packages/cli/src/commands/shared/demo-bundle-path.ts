/** Finds examples/demo-bundle: next to the built CLI (copied by the build) or up the repo from here. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function findDemoBundle(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    for (const candidate of [join(dir, "demo-bundle"), join(dir, "examples", "demo-bundle")]) {
      if (existsSync(join(candidate, "digit-bundle.yaml"))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
