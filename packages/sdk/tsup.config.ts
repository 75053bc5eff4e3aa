import { defineConfig } from "tsup";
import subpaths from "./src/generated/subpaths.gen.json" with { type: "json" };

/** One entry per public subpath: the root, the route table, the validator, redaction and one per service (generated). */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    routes: "src/routes.ts",
    validate: "src/validate/index.ts",
    // Secret redaction alone (the CLI prints through it on every run without loading the client).
    redact: "src/core/redact.ts",
    ...Object.fromEntries(Object.entries(subpaths).map(([subpath, key]) => [subpath, `src/generated/${key}/client.gen.ts`])),
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  // Shared chunks keep every subpath small; `validate: true` loads zod through a dynamic import.
  splitting: true,
  treeshake: true,
  // Runs on Node 20+, current browsers, Deno and Bun.
  target: "es2022",
  platform: "neutral",
});
