import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** One benchmark figure, written to bench/results/<name>.json and printed as one line. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "<= 1.10". */
  target: string;
  pass: boolean;
  /** Extra figures measured in the same run (printed, kept in the JSON). */
  details?: Record<string, number | string>;
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "results");

export function recordResult(result: BenchResult): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${result.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const extra = result.details
    ? "  " + Object.entries(result.details).map(([k, v]) => `${k}=${typeof v === "number" ? round(v) : v}`).join(" ")
    : "";
  console.log(`${result.pass ? "PASS" : "FAIL"} ${result.name}: ${round(result.value)} ${result.unit} (target ${result.target})${extra}`);
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}

/** Median of a non-empty list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
