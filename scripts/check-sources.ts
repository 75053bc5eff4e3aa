/**
 * `pnpm check:sources`: every operation of specs/canonical/*.yaml names where DIGIT implements it
 * (`x-digit-source: <path under digit-source>:<line>`), and, when DIGIT's code is beside the repo
 * (../shared/reference/digit-source or $DIGIT_SOURCE_DIR), that file exists and has that line.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { SOURCE_PATTERN } from "./generate/apply-overlay.js";
import { repoRoot } from "./generate/load-upstream.js";

export function digitSourceDir(): string {
  const override = process.env["DIGIT_SOURCE_DIR"];
  return override ? resolve(override) : resolve(repoRoot, "../shared/reference/digit-source");
}

/**
 * What a cited handler line looks like: a Spring request mapping, a Node/Express route, or (for `/user/oauth/token`,
 * which Spring Security's OAuth2 endpoint serves) the OAuth client registration.
 */
const MAPPING_LINE = /Mapping|@(Post|Get|Put|Request)|router\.|app\.(post|get)|\.(post|get)\(|withClient/;

interface Operation {
  operationId?: string;
  "x-digit-source"?: unknown;
}

function main(): void {
  const canonical = join(repoRoot, "specs/canonical");
  const reference = digitSourceDir();
  const haveReference = existsSync(reference);
  const files = new Map<string, string[] | null>();
  const problems: string[] = [];
  let operations = 0;
  for (const file of readdirSync(canonical).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parse(readFileSync(join(canonical, file), "utf8")) as { paths: Record<string, Record<string, Operation>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        operations += 1;
        const where = `specs/canonical/${file}: ${method.toUpperCase()} ${path} (${op.operationId ?? "?"})`;
        const source = op["x-digit-source"];
        if (typeof source !== "string" || !SOURCE_PATTERN.test(source)) {
          problems.push(`${where}: no x-digit-source; add "source: <path under digit-source>:<line>" to the operation in specs/overlays/${file}`);
          continue;
        }
        if (!haveReference) continue;
        const [rel, line] = [source.slice(0, source.lastIndexOf(":")), Number(source.slice(source.lastIndexOf(":") + 1))];
        let lines = files.get(rel);
        if (lines === undefined) {
          const full = join(reference, rel);
          lines = existsSync(full) ? readFileSync(full, "utf8").split("\n") : null;
          files.set(rel, lines);
        }
        if (lines === null) problems.push(`${where}: x-digit-source ${source}: no such file under ${reference}`);
        else if (line > lines.length) problems.push(`${where}: x-digit-source ${source}: the file has only ${lines.length} lines`);
        else if (!MAPPING_LINE.test(lines[line - 1] ?? "")) {
          problems.push(`${where}: x-digit-source ${source}: line ${line} is not a request mapping ("${(lines[line - 1] ?? "").trim().slice(0, 80)}"); cite the handler's mapping line`);
        }
      }
    }
  }
  if (problems.length > 0) {
    console.error(`check:sources: ${problems.length} of ${operations} operations need attention:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `check:sources: ${operations} operations cite DIGIT's code` +
      (haveReference ? `; every cited line is a request mapping in ${reference}` : `; existence not checked (${reference} not present)`),
  );
}

main();
