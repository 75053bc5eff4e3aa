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

/** A fresh in-process mock, an isolated env logged in through DIGIT_* variables, and a temp working dir. */
export async function mockSession() {
  const [{ createDigitMock, DEFAULT_CREDENTIALS }, { runDigit }] = await Promise.all([import("@digit-kit/mock-server"), import("../src/run.js")]);
  const cwd = tempDir();
  const opts = {
    cwd,
    fetch: createDigitMock().fetch,
    env: isolatedEnv({
      DIGIT_URL: "http://digit.test",
      DIGIT_TENANT: DEFAULT_CREDENTIALS.tenantId,
      DIGIT_USERNAME: DEFAULT_CREDENTIALS.username,
      DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password,
    }),
  };
  /** A scaffolded bundle for the mock's own state tenant (pg, which exists), where the built-in ADMIN may write. */
  async function scaffold(dir = "b", cities = "cityz"): Promise<string> {
    const r = await runDigit(["init", "--dir", dir, "--state", "pg", "--existing-state", "--cities", cities, "--force", "--yes"], opts);
    if (r.exitCode !== 0) throw new Error(r.stderr);
    return join(cwd, dir);
  }
  return { cwd, opts, scaffold };
}
