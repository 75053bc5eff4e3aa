import { defineConfig } from "tsup";

/** One entry per public subpath: the root, the route table, the validator and one per service. */
const services = [
  "user",
  "access",
  "mdms-v1",
  "mdms",
  "workflow",
  "localization",
  "idgen",
  "filestore",
  "enc",
  "boundary",
  "hrms",
  "user-event",
  "url-shortener",
  "pdf",
  "billing",
  "collection",
  "pg",
];

export default defineConfig({
  entry: {
    index: "src/index.ts",
    routes: "src/routes.ts",
    validate: "src/validate/index.ts",
    ...Object.fromEntries(services.map((s) => [s, `src/services/${s}.ts`])),
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
