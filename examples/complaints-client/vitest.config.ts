import { defineConfig } from "vitest/config";

// The packages resolve to their built dist/ (no "@digit-kit/source" condition), as in a project outside this repository.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000 },
});
