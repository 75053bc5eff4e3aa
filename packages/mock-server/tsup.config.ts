import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", node: "src/node/server.ts", msw: "src/msw.ts", cli: "src/cli.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20",
  },
  {
    entry: { bin: "src/bin.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
