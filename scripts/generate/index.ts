/**
 * `pnpm generate`: upstream DIGIT contracts + overlays → canonical OpenAPI 3.0.3 specs, route table, types,
 * request schemas and zod/mini response schemas. `pnpm generate --check` verifies the committed output.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { applyOverlay } from "./apply-overlay.js";
import { convertSwagger2, isSwagger2 } from "./convert-swagger2.js";
import { canonicalYaml, orderDocument, validateCanonical } from "./emit-canonical.js";
import { emitServiceClient, emitServiceClientsIndex, emitServicesBinding, emitSubpaths } from "./emit-clients.js";
import { emitRequestSchemas } from "./emit-request-schemas.js";
import { emitRouteIndex, emitRoutesEntry, emitServiceRoutes, routesOf, type Route } from "./emit-route-table.js";
import { emitTypes } from "./emit-types.js";
import { emitZod, emitZodIndex } from "./emit-zod.js";
import { loadCommonDocument, loadCommonSchemas, replaceEnvelope } from "./envelope.js";
import { loadRepoYaml, loadUpstream, repoRoot, specsDir } from "./load-upstream.js";
import { checkOperationIds } from "./operation-ids.js";
import { rewriteRefs } from "./rewrite-refs.js";
import { fixSchemaDefects, stripProse } from "./sanitize.js";
import type { JsonObject, OutputFile, ServiceOverlay } from "./types.js";

/** Service keys in route-table order (matches ServiceKey in packages/sdk/src/core/route.ts). */
export const SERVICE_KEYS = [
  "user", "access", "mdmsV1", "mdms", "workflow", "localization", "idgen", "filestore", "enc",
  "boundary", "hrms", "userEvent", "urlShortener", "pdf", "billing", "collection", "pg",
] as const;

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

async function generate(): Promise<{ files: OutputFile[]; log: string[]; operations: number; validator: string }> {
  const dir = specsDir();
  if (!existsSync(dir)) {
    throw new Error(`Upstream specs not found at ${dir}. Check out the shared specs next to the repo (../shared/specs/digit) or set DIGIT_SPECS_DIR.`);
  }
  const common = loadCommonSchemas();
  const overlays = SERVICE_KEYS.map((key) => {
    const overlay = loadRepoYaml(`specs/overlays/${key}.yaml`) as unknown as ServiceOverlay;
    if (overlay.service !== key) throw new Error(`specs/overlays/${key}.yaml: "service" must be ${key}.`);
    return overlay;
  });
  checkOperationIds(overlays);

  const log: string[] = [];
  const files: OutputFile[] = [];
  const allRoutes = new Map<string, Route[]>();
  const canonical = new Map<string, JsonObject>();
  let validatedWith = "structural";
  for (const overlay of overlays) {
    const upstream = overlay.source ? await prepareUpstream(dir, overlay.source, overlay, common, log) : null;
    const alt = overlay.alt ? await prepareUpstream(dir, overlay.alt, overlay, common, log) : null;
    const { doc, notes } = applyOverlay(overlay, upstream, alt, common);
    log.push(...notes);
    const ordered = orderDocument(doc);
    const yamlText = canonicalYaml(ordered, overlay.service);
    const { errors, validator } = await validateCanonical(yamlText, ordered, overlay.service);
    if (errors.length > 0) throw new Error(`Canonical spec ${overlay.service} is invalid (${validator}):\n  ${errors.join("\n  ")}`);
    validatedWith = validator;
    canonical.set(overlay.service, ordered);
    files.push({ path: `specs/canonical/${overlay.service}.yaml`, content: yamlText });
    const routes = routesOf(ordered, overlay.service);
    allRoutes.set(overlay.service, routes);
    files.push(emitServiceRoutes(overlay.service, routes));
    files.push(emitServiceClient(overlay.service, routes));
    files.push(await emitTypes(ordered, overlay.service, `specs/canonical/${overlay.service}.yaml`));
    files.push(emitZod(ordered, overlay.service, routes));
  }
  files.push(await emitTypes(loadCommonDocument(), "common", "specs/overlays/common.yaml"));
  files.push(emitRouteIndex(SERVICE_KEYS, allRoutes));
  files.push(emitZodIndex(SERVICE_KEYS, allRoutes));
  files.push(emitRoutesEntry(SERVICE_KEYS));
  files.push(emitServicesBinding(SERVICE_KEYS), emitServiceClientsIndex(SERVICE_KEYS), emitSubpaths(SERVICE_KEYS));
  files.push(emitRequestSchemas(canonical, allRoutes));
  const operations = [...allRoutes.values()].reduce((n, r) => n + r.length, 0);
  return { files, log, operations, validator: validatedWith };
}

/** Directories the generator owns entirely; any file there it did not produce is stale. */
const OWNED_DIRS = ["specs/canonical", "packages/sdk/src/generated", "packages/mock-server/src/generated"];

function strayFiles(files: readonly OutputFile[]): string[] {
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
  for (const dir of OWNED_DIRS) walk(dir);
  return stray;
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const verbose = process.argv.includes("--verbose");
  if (check && !existsSync(specsDir())) {
    console.log("skipped: ../shared/specs/digit not present");
    return;
  }
  const { files, log, operations, validator } = await generate();
  if (verbose) for (const line of log) console.log(line);
  if (check) {
    const stale = files.filter((f) => {
      const full = join(repoRoot, f.path);
      return !existsSync(full) || readFileSync(full, "utf8") !== f.content;
    });
    const extra = strayFiles(files);
    if (stale.length > 0 || extra.length > 0) {
      const lines = [...stale.map((f) => f.path), ...extra.map((p) => `${p} (no longer generated: delete it)`)];
      console.error(`Generated files are stale (run pnpm generate):\n  ${lines.join("\n  ")}`);
      process.exitCode = 1;
      return;
    }
    console.log(`generate --check: ${files.length} files up to date`);
    return;
  }
  for (const stray of strayFiles(files)) rmSync(join(repoRoot, stray));
  for (const f of files) {
    const full = join(repoRoot, f.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, f.content);
  }
  console.log(`generate: ${SERVICE_KEYS.length} services, ${operations} operations, ${files.length} files written (canonical specs validated with ${validator})`);
}

main().catch((error: unknown) => {
  console.error(`pnpm generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
