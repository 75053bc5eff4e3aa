/**
 * `pnpm generate`: upstream DIGIT contracts + overlays → canonical OpenAPI 3.0.3 specs, route table, types,
 * request schemas and zod/mini response schemas. `pnpm generate --check` verifies the committed output.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { applyOverlay } from "./apply-overlay.js";
import { convertSwagger2, isSwagger2 } from "./convert-swagger2.js";
import { canonicalYaml, orderDocument, validateCanonical } from "./emit-canonical.js";
import { emitServiceClient, emitServiceClientsIndex, emitServicesBinding, emitSubpaths } from "./emit-clients.js";
import { emitRequestSchemas } from "./emit-request-schemas.js";
import { emitRouteFacts, emitRouteIndex, emitRoutesEntry, emitServiceKeys, emitServiceRoutes, routesOf, type Route } from "./emit-route-table.js";
import { emitTypes } from "./emit-types.js";
import { emitZod, emitZodIndex } from "./emit-zod.js";
import { loadCommonDocument, loadCommonSchemas, replaceEnvelope } from "./envelope.js";
import { loadRepoYaml, loadUpstream, repoRoot, specsDir } from "./load-upstream.js";
import { checkOperationIds } from "./operation-ids.js";
import { rewriteRefs } from "./rewrite-refs.js";
import { fixSchemaDefects, stripProse } from "./sanitize.js";
import type { JsonObject, OutputFile, ServiceOverlay } from "./types.js";

/** Service keys: one overlay per service (`specs/overlays/<key>.yaml`, besides the shared `common.yaml`), sorted. */
export function overlayServiceKeys(): string[] {
  return readdirSync(join(repoRoot, "specs/overlays"))
    .filter((f) => f.endsWith(".yaml") && f !== "common.yaml")
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** Service keys of the committed canonical documents (stage 2 runs without the overlays' upstream input). */
function canonicalServiceKeys(): string[] {
  return readdirSync(join(repoRoot, CANONICAL_DIR))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

const CANONICAL_DIR = "specs/canonical";

/** Load, convert, sanitise and de-duplicate one upstream file. */
async function prepareUpstream(dir: string, file: string, overlay: ServiceOverlay, common: JsonObject, log: string[]): Promise<JsonObject> {
  let doc = loadUpstream(dir, file);
  if (isSwagger2(doc)) {
    for (const r of rewriteRefs(doc, dir, file)) log.push(`${file}: $ref ${r.from} → ${r.to}`);
    doc = await convertSwagger2(doc, file);
  }
  stripProse(doc);
  log.push(...fixSchemaDefects(doc, file));
  const replaced = replaceEnvelope(doc, overlay.envelope ?? {}, common, file);
  if (replaced.length > 0) log.push(`${file}: envelope schemas replaced: ${replaced.join(", ")}`);
  return doc;
}

/**
 * Stage 1, upstream → canonical: needs the upstream contracts (../shared/specs/digit). Returns the canonical YAML
 * text per service key.
 */
async function buildCanonical(log: string[]): Promise<{ texts: Map<string, string>; validator: string }> {
  const dir = specsDir();
  const common = loadCommonSchemas();
  const overlays = overlayServiceKeys().map((key) => {
    const overlay = loadRepoYaml(`specs/overlays/${key}.yaml`) as unknown as ServiceOverlay;
    if (overlay.service !== key) throw new Error(`specs/overlays/${key}.yaml: "service" must be ${key}.`);
    return overlay;
  });
  checkOperationIds(overlays);
  const texts = new Map<string, string>();
  let validator = "structural";
  for (const overlay of overlays) {
    const upstream = overlay.upstream ? await prepareUpstream(dir, overlay.upstream, overlay, common, log) : null;
    const alt = overlay.alt ? await prepareUpstream(dir, overlay.alt, overlay, common, log) : null;
    const { doc, notes } = applyOverlay(overlay, upstream, alt, common);
    log.push(...notes);
    const ordered = orderDocument(doc);
    const yamlText = canonicalYaml(ordered, overlay.service);
    const result = await validateCanonical(yamlText, ordered, overlay.service);
    if (result.errors.length > 0) throw new Error(`Canonical spec ${overlay.service} is invalid (${result.validator}):\n  ${result.errors.join("\n  ")}`);
    validator = result.validator;
    texts.set(overlay.service, yamlText);
  }
  return { texts, validator };
}

/**
 * Stage 2, canonical → code: route table, clients, types, zod schemas, the mock's request schemas and route
 * facts. Reads only the canonical YAML (and specs/overlays/common.yaml), so it runs on every clone.
 */
async function buildCode(texts: ReadonlyMap<string, string>): Promise<{ files: OutputFile[]; operations: number }> {
  const services = [...texts.keys()].sort();
  const files: OutputFile[] = [];
  const allRoutes = new Map<string, Route[]>();
  const canonical = new Map<string, JsonObject>();
  for (const service of services) {
    const doc = parseYaml(texts.get(service) as string) as JsonObject;
    canonical.set(service, doc);
    const routes = routesOf(doc, service);
    allRoutes.set(service, routes);
    files.push(emitServiceRoutes(service, routes));
    files.push(emitServiceClient(service, routes));
    files.push(await emitTypes(doc, service, `${CANONICAL_DIR}/${service}.yaml`));
    files.push(emitZod(doc, service, routes));
  }
  files.push(await emitTypes(loadCommonDocument(), "common", "specs/overlays/common.yaml"));
  files.push(emitServiceKeys(services));
  files.push(emitRouteIndex(services, allRoutes));
  files.push(emitZodIndex(services, allRoutes));
  files.push(emitRoutesEntry(services));
  files.push(emitServicesBinding(services), emitServiceClientsIndex(services), emitSubpaths(services));
  files.push(...emitRequestSchemas(canonical, allRoutes));
  files.push(emitRouteFacts(allRoutes));
  const operations = [...allRoutes.values()].reduce((n, r) => n + r.length, 0);
  return { files, operations };
}

/** Directories the generator owns entirely; any file there it did not produce is stale. */
const CANONICAL_OWNED = [CANONICAL_DIR];
const CODE_OWNED = ["packages/sdk/src/generated", "packages/mock-server/src/generated"];

function strayFiles(files: readonly OutputFile[], owned: readonly string[]): string[] {
  const produced = new Set(files.map((f) => f.path));
  const stray: string[] = [];
  const walk = (rel: string): void => {
    const full = join(repoRoot, rel);
    if (!existsSync(full)) return;
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (!produced.has(child)) stray.push(child);
    }
  };
  for (const dir of owned) walk(dir);
  return stray;
}

function staleFiles(files: readonly OutputFile[], owned: readonly string[]): string[] {
  const stale = files.filter((f) => {
    const full = join(repoRoot, f.path);
    return !existsSync(full) || readFileSync(full, "utf8") !== f.content;
  });
  return [...stale.map((f) => f.path), ...strayFiles(files, owned).map((p) => `${p} (no longer generated: delete it)`)];
}

function writeFiles(files: readonly OutputFile[], owned: readonly string[]): void {
  for (const stray of strayFiles(files, owned)) rmSync(join(repoRoot, stray));
  for (const f of files) {
    const full = join(repoRoot, f.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, f.content);
  }
}

function committedCanonical(): Map<string, string> {
  return new Map(canonicalServiceKeys().map((key) => [key, readFileSync(join(repoRoot, CANONICAL_DIR, `${key}.yaml`), "utf8")]));
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const verbose = process.argv.includes("--verbose");
  const haveUpstream = existsSync(specsDir());
  const log: string[] = [];
  const problems: string[] = [];
  let texts: Map<string, string>;
  let canonicalNote: string;
  if (haveUpstream) {
    const built = await buildCanonical(log);
    texts = built.texts;
    const files = [...texts].map(([key, content]) => ({ path: `${CANONICAL_DIR}/${key}.yaml`, content }));
    if (check) problems.push(...staleFiles(files, CANONICAL_OWNED));
    else writeFiles(files, CANONICAL_OWNED);
    canonicalNote = `canonical specs ${check ? "checked" : "written"} (validated with ${built.validator})`;
    // The check of stage 2 always runs over the committed canonical specs, as on a clone without the upstream input.
    if (check) texts = committedCanonical();
  } else {
    texts = committedCanonical();
    canonicalNote = `upstream → canonical skipped: ${specsDir()} not present (the code is ${check ? "checked" : "generated"} from the committed specs/canonical/)`;
  }
  if (verbose) for (const line of log) console.log(line);
  const { files, operations } = await buildCode(texts);
  if (check) {
    problems.push(...staleFiles(files, CODE_OWNED));
    if (problems.length > 0) {
      console.error(`Generated files are stale (run pnpm generate):\n  ${problems.join("\n  ")}`);
      process.exitCode = 1;
      return;
    }
    console.log(`generate --check: ${texts.size} services, ${operations} operations, ${files.length} code files up to date; ${canonicalNote}`);
    return;
  }
  writeFiles(files, CODE_OWNED);
  console.log(`generate: ${texts.size} services, ${operations} operations, ${files.length} code files written; ${canonicalNote}`);
}

main().catch((error: unknown) => {
  console.error(`pnpm generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
