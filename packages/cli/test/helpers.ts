/** Test helpers: temp dirs and paths into the repo. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const demoBundle = join(repoRoot, "examples/demo-bundle");

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test. */
export function tempDir(prefix = "digit-cli-"): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** An env with an isolated XDG config dir (and nothing else from the real environment). */
export function isolatedEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { XDG_CONFIG_HOME: tempDir("digit-xdg-"), HOME: tempDir("digit-home-"), ...extra };
}
