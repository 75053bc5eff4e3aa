/**
 * sdk-bundle: gzip size of a tiny browser app that imports only the MDMS client through its subpath
 * (`@digit-kit/sdk/mdms`), bundled and minified by esbuild. Counts what the page loads up front: the entry
 * and the chunks it imports statically. Chunks the SDK loads on demand (login/refresh, error mapping and
 * retry on the first failure, pagination, multipart, the zod validator) are reported apart.
 * Needs a build: `pnpm --filter @digit-kit/sdk build`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { recordResult } from "./lib/result.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages/sdk/dist");
if (!existsSync(join(dist, "mdms.js"))) {
  console.error("sdk-bundle: packages/sdk/dist is missing; run `pnpm --filter @digit-kit/sdk build` first");
  process.exit(1);
}

interface Measure {
  initial: number;
  lazy: number;
}

async function measure(name: string, source: string): Promise<Measure> {
  const outdir = mkdtempSync(join(tmpdir(), `sdk-bundle-${name}-`));
  try {
    const result = await build({
      stdin: { contents: source, resolveDir: dist },
      bundle: true,
      minify: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outdir,
      write: true,
      metafile: true,
      logLevel: "error",
      // the package declares sideEffects: false; esbuild warns about its bare chunk imports
      logOverride: { "ignored-bare-import": "silent" },
    });
    return sizes(result.metafile);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** gzip bytes of the entry plus its static imports, and of everything else (dynamic chunks). */
function sizes(meta: Metafile): Measure {
  const outputs = meta.outputs;
  const entry = Object.keys(outputs).find((f) => outputs[f]!.entryPoint === "<stdin>")!;
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imp of outputs[file]!.imports) if (imp.kind === "import-statement" && outputs[imp.path]) visit(imp.path);
  };
  visit(entry);
  let initialBytes = 0;
  let lazyBytes = 0;
  for (const file of Object.keys(outputs).filter((f) => f.endsWith(".js"))) {
    const bytes = gzipSync(readOutput(file), { level: 9 }).length;
    if (initial.has(file)) initialBytes += bytes;
    else lazyBytes += bytes;
  }
  return { initial: initialBytes, lazy: lazyBytes };
}

/** metafile output paths are relative to the working directory. */
function readOutput(file: string): Buffer {
  return readFileSync(join(process.cwd(), file));
}

const mdmsOnly = await measure(
  "mdms",
  `import { createMdmsClient } from "./mdms.js";
   const mdms = createMdmsClient({ baseUrl: location.origin, tenantId: "pb", auth: { token: "t" } });
   mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } }).then(console.log);`,
);
const full = await measure(
  "full",
  `import { createDigitClient } from "./index.js";
   const digit = createDigitClient({ baseUrl: location.origin, tenantId: "pb" });
   digit.mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } }).then(console.log);`,
);

recordResult({
  name: "sdk-bundle",
  value: mdmsOnly.initial,
  unit: "bytes gzip",
  target: "<= 8192 (8 kB)",
  pass: mdmsOnly.initial <= 8192,
  details: {
    mdmsKB: (mdmsOnly.initial / 1024).toFixed(2),
    // loaded on demand: session/login, error mapping + retry, pagination, multipart, zod validator
    mdmsLazyChunksKB: (mdmsOnly.lazy / 1024).toFixed(2),
    fullSdkKB: (full.initial / 1024).toFixed(2),
    fullSdkLazyChunksKB: (full.lazy / 1024).toFixed(2),
  },
});
