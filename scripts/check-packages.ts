/**
 * `pnpm check:packages` (after `pnpm build`): each published package passes publint, resolves cleanly for
 * TypeScript under every module resolution attw checks (node10 via `typesVersions`, node16 from CJS and ESM,
 * bundler), and ships source maps only with their sources embedded (the published tarball has no src/).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./generate/load-upstream.js";

const PACKAGES = ["sdk", "bundle", "mock-server", "cli"];

/** A dev tool's command from the workspace's node_modules/.bin. */
const bin = (name: string): string => join(repoRoot, "node_modules/.bin", name);

function run(cmd: string, args: string[], cwd: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** Source maps whose sources are not embedded (the tarball has dist/ only, so they would point nowhere). */
function mapsWithoutSources(dist: string): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith(".map"))
    .filter((f) => {
      const map = JSON.parse(readFileSync(join(dist, f), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      return map.sources.length > 0 && (!map.sourcesContent || map.sourcesContent.some((s) => s == null));
    });
}

const publint = bin("publint");
const attw = bin("attw");
const problems: string[] = [];
for (const name of PACKAGES) {
  const dir = join(repoRoot, "packages", name);
  const dist = join(dir, "dist");
  if (!existsSync(dist)) {
    problems.push(`packages/${name}: no dist/; run pnpm build first`);
    continue;
  }
  const lint = run(publint, ["--strict"], dir);
  if (!lint.ok || /warning|error|suggestion/i.test(lint.output.replace(/All good!/, ""))) problems.push(`packages/${name}: publint\n${lint.output.trim()}`);
  const types = run(attw, ["--pack", ".", "--format", "ascii"], dir);
  if (!types.ok) problems.push(`packages/${name}: attw (types resolution)\n${types.output.trim()}`);
  for (const f of mapsWithoutSources(dist)) problems.push(`packages/${name}/dist/${f}: source map without embedded sources`);
  if (!existsSync(join(dir, "LICENSE"))) problems.push(`packages/${name}: no LICENSE file`);
  console.log(`check:packages: @digit-kit/${name} checked`);
}
if (problems.length > 0) {
  console.error(`check:packages: ${problems.length} problem(s):\n${problems.join("\n")}`);
  process.exitCode = 1;
} else {
  console.log(`check:packages: ${PACKAGES.length} packages pass publint --strict and attw (node10, node16 CJS/ESM, bundler); source maps embed their sources`);
}
