import { cpSync } from "node:fs";
import { defineConfig } from "tsup";

export default defineConfig([
  {
    // Library entry (runDigit, the command table, config helpers) for embedding and tests.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    // import.meta.url (used to require commander) in the CommonJS build.
    shims: true,
    dts: true,
    clean: false,
    sourcemap: true,
    target: "node20",
  },
  {
    // The executable: ESM with code splitting so each command is its own lazily imported chunk.
    entry: { bin: "src/bin.ts" },
    format: ["esm"],
    splitting: true,
    sourcemap: true,
    target: "node20",
    outDir: "dist",
    clean: false,
    // `digit demo` looks for demo-bundle/ next to the binary when installed outside the repository.
    onSuccess: async () => {
      cpSync("../../examples/demo-bundle", "dist/demo-bundle", { recursive: true });
    },
  },
]);
