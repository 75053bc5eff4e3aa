import { defineConfig } from "vitest/config";

// Tests run against package sources through the "@digit-kit/source" export condition,
// so no build is needed before `vitest`. The packaging test in packages/sdk checks the built output.
export default defineConfig({
  resolve: { conditions: ["@digit-kit/source"] },
  ssr: { resolve: { conditions: ["@digit-kit/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.{ts,tsx}", "packages/*/src/**/*.test.{ts,tsx}"],
    typecheck: { enabled: true, include: ["packages/*/test/**/*.test-d.ts"], tsconfig: "./tsconfig.typetests.json" },
    pool: "forks",
    // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".tmp/vitest-report.json" }]] : ["default"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
