import { defineConfig } from "vitest/config";

// `pnpm conformance`: the DIGIT behaviours in conformance/tests, against the target chosen by the environment
// (conformance/src/target.ts). Sources are used through the "@digit-kit/source" condition, as in the unit tests.
const target = process.env["DIGIT_URL"] ? "remote" : (process.env["CONFORMANCE_TARGET"] ?? "in-process");

export default defineConfig({
  resolve: { conditions: ["@digit-kit/source"] },
  ssr: { resolve: { conditions: ["@digit-kit/source"] } },
  test: {
    root: import.meta.dirname,
    include: ["tests/**/*.conformance.test.ts"],
    pool: "forks",
    // A real DIGIT writes through Kafka; tests that read their own writes poll, so they get more time there.
    testTimeout: target === "remote" ? 120_000 : 20_000,
    hookTimeout: 60_000,
    // Against one shared DIGIT, files run one after another.
    fileParallelism: target !== "remote",
    reporters: process.env["CI"] ? ["default", ["json", { outputFile: `../.tmp/conformance-${target}.json` }]] : ["default"],
  },
});
