/**
 * `behaviour(name, source, fn)`: one DIGIT behaviour, one test. `source` names the file (and line) under
 * DIGIT's server code that makes DIGIT behave so; the test's title carries it, and the suite checks the file
 * exists when DIGIT's code is beside the repo. Every behaviour runs against the target the environment selects
 * (target.ts); a behaviour that only the mock can show (its warnings, `--strict`) says so with `mockOnly`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, it } from "vitest";
import { DigitConnection } from "./http.js";
import { openTarget, targetKind, type Target } from "./target.js";

export interface BehaviourOptions {
  /** Only the mock shows this (mock warnings, `--strict`); skipped against a real DIGIT. */
  mockOnly?: boolean;
  /** Run against a mock started with `--strict` (implies `mockOnly`). */
  strict?: boolean;
  /** Needs the internal door (service to service); skipped where the target has none. */
  internal?: boolean;
}

/** What a behaviour's body gets. */
export interface Conformance {
  /** A connection logged in as the target's administrator. */
  digit: DigitConnection;
  target: Target;
  /** The state tenant (`pg` on the mock) and a city under it (`pg.citya`). */
  state: string;
  city: string;
  /** A code unique to this run (letters and digits, starts with `prefix`), for data a real DIGIT keeps. */
  unique(prefix?: string): string;
  /** A second, not-logged-in connection to the same target. */
  anonymous(): DigitConnection;
  /**
   * Retry `check` until it stops throwing: a real DIGIT persists writes through Kafka, so a search right after a
   * create may not see it yet. On the mock the first attempt counts.
   */
  eventually<T>(check: () => Promise<T>): Promise<T>;
  /** Skip this behaviour with a reason (e.g. the target lacks the data it needs); nothing after the call runs. */
  skip(reason: string): never;
}

const SOURCE = /^(?!\/)(?!.*\.\.)[\w.@/-]+\.(java|js|ts|properties|yml|yaml|sql|xml)(:[1-9]\d*)?$/;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const reference = process.env["DIGIT_SOURCE_DIR"] ? resolve(process.env["DIGIT_SOURCE_DIR"]) : resolve(repoRoot, "../shared/reference/digit-source");

/** Why a cited source is not usable, or null when it is (existence is checked only when the reference is present). */
export function sourceProblem(source: string): string | null {
  if (!SOURCE.test(source)) return `"${source}" is not "<path under digit-source>[:<line>]"`;
  if (!existsSync(reference)) return null;
  const [file, line] = source.split(":") as [string, string | undefined];
  const full = join(reference, file);
  if (!existsSync(full)) return `${file} does not exist under ${reference}`;
  if (line !== undefined && Number(line) > readFileSync(full, "utf8").split("\n").length) return `${file} has fewer than ${line} lines`;
  return null;
}

const kind = targetKind();
const targets = new Map<string, Promise<Target>>();

// Registered while the test file is collected: a hook registered from inside a running test is never run, which
// left every standalone mock of the run alive after it.
afterAll(async () => {
  for (const t of targets.values()) await (await t).close();
  targets.clear();
});

function targetFor(strict: boolean): Promise<Target> {
  const key = strict ? "strict" : "default";
  let target = targets.get(key);
  if (!target) {
    target = openTarget({ strict });
    targets.set(key, target);
  }
  return target;
}

const sessions = new Map<Target, Promise<DigitConnection>>();
function adminSession(target: Target): Promise<DigitConnection> {
  let session = sessions.get(target);
  if (!session) {
    session = new DigitConnection(target).login();
    sessions.set(target, session);
  }
  return session;
}

const run = Date.now().toString(36).toUpperCase();
let seq = 0;

async function eventually<T>(target: Target, check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + (target.isMock ? 0 : 30_000);
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * Register one behaviour. `source`: the file and line of DIGIT's code it follows (several when the behaviour
 * spans services), e.g. `"egov-localization/src/main/java/org/egov/web/controller/MessageController.java:52"`.
 */
export function behaviour(name: string, source: string | readonly string[], fn: (c: Conformance) => Promise<void>, options: BehaviourOptions = {}): void {
  const sources = typeof source === "string" ? [source] : [...source];
  const mockOnly = options.mockOnly || options.strict;
  const skip = (mockOnly && kind === "remote") || (options.internal && kind === "remote" && !process.env["DIGIT_INTERNAL_URL"]);
  const title = `${name} [${sources.join(", ")}]${mockOnly ? " (mock)" : ""}`;
  (skip ? it.skip : it)(title, async (test) => {
    const problems = sources.map(sourceProblem).filter((p): p is string => p !== null);
    if (sources.length === 0 || problems.length > 0) throw new Error(`Behaviour "${name}" must cite DIGIT's code: ${problems.join("; ") || "no source given"}.`);
    const target = await targetFor(Boolean(options.strict));
    if (options.internal && !target.internalFetch) throw new Error(`Behaviour "${name}" needs the internal door, which the ${target.kind} target lacks.`);
    const digit = await adminSession(target);
    await fn({
      digit,
      target,
      state: target.stateTenant,
      city: target.cityTenant,
      unique: (prefix = "DK") => `${prefix}${run}${(seq += 1)}`,
      anonymous: () => new DigitConnection(target),
      eventually: (check) => eventually(target, check),
      skip: (reason) => test.skip(reason) as never,
    });
  });
}
