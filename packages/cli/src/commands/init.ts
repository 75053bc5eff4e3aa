/**
 * `digit init`: scaffolds a DIGIT Kit bundle. Every question is also a flag; with --yes (or without a
 * terminal and all flags given) it never prompts.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { UserError } from "../errors.js";
import { renderPrompt } from "../ui/render.js";
import { scaffoldFiles } from "./init/scaffold.js";
import type { CommandContext } from "./types.js";

const STATE_CODE = /^[a-z][a-z0-9]{1,9}$/;
const CITY_NAME = /^[a-z][a-z0-9_-]*$/;

const DEFAULTS = { dir: "digit-bundle", state: "dk", cities: ["alpha"] };

function checkState(v: string): string | undefined {
  return STATE_CODE.test(v) ? undefined : "2-10 lower-case letters/digits, starting with a letter (e.g. pb)";
}
function checkCities(list: string[]): string | undefined {
  const bad = list.filter((c) => !CITY_NAME.test(c));
  return bad.length ? `not a city name: ${bad.join(", ")} (lower-case, without the state prefix)` : undefined;
}
const splitList = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);

export default async function init({ io, out, options }: CommandContext): Promise<number> {
  const yes = options.yes === true;
  const canAsk = !yes && out.interactive && Boolean(io.stdin.isTTY);
  const missing: string[] = [];

  async function answer(given: string | undefined, flag: string, message: string, fallback: string, validate?: (v: string) => string | undefined) {
    if (given !== undefined) return given;
    if (yes) return fallback;
    if (canAsk) return renderPrompt(out, { message, defaultValue: fallback, flag, ...(validate ? { validate } : {}) });
    missing.push(flag);
    return fallback;
  }

  const dir = await answer(options.dir as string | undefined, "--dir <dir>", "Bundle directory", DEFAULTS.dir);
  const state = await answer(options.state as string | undefined, "--state <code>", "State tenant code", DEFAULTS.state, checkState);
  const stateName = await answer(options.stateName as string | undefined, "--state-name <name>", "State name", state.toUpperCase());
  const citiesGiven = options.cities as string[] | undefined;
  const cities = citiesGiven ?? splitList(await answer(undefined, "--cities <a,b>", "Cities (comma-separated, without the state prefix)", DEFAULTS.cities.join(","), (v) => checkCities(splitList(v))));

  if (missing.length) {
    throw new UserError(`digit init needs answers and there is no terminal to ask on: ${missing.join(", ")}.`, {
      fix: [`Pass ${missing.join(" ")}, or add --yes to take the defaults.`, "Example: digit init --dir x --state pb --cities amritsar,jalandhar --yes"],
    });
  }
  const stateProblem = checkState(state);
  if (stateProblem) throw new UserError(`Bad state code "${state}": ${stateProblem}.`, { where: "--state" });
  const cityProblem = checkCities(cities);
  if (cityProblem) throw new UserError(`Bad --cities: ${cityProblem}.`, { where: "--cities" });

  const root = resolve(io.cwd, dir);
  if (existsSync(root) && readdirSync(root).length > 0 && options.force !== true) {
    throw new UserError(`${dir} exists and is not empty.`, { where: root, fix: "Choose another --dir, or pass --force to write into it." });
  }
  const existingState = options.existingState === true;
  const files = scaffoldFiles({ state, stateName, cities, existingState });
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const rel = relative(io.cwd, root) || ".";
  out.result({ dir: root, state, cities: cities.map((c) => `${state}.${c}`), files: Object.keys(files).sort() }, () =>
    [
      `Created a DIGIT Kit bundle for ${state} (${cities.map((c) => `${state}.${c}`).join(", ") || "no cities"}) in ${rel}:`,
      ...Object.keys(files).sort().map((f) => `  ${f}`),
      "",
      "Next:",
      `  digit plan -f ${rel}`,
      `  digit apply -f ${rel} --yes`,
      ...(existingState
        ? []
        : ["", `If ${state} already exists on your DIGIT, re-run with --existing-state: this bundle would rewrite its tenant record (plan marks that with !).`]),
    ].join("\n"),
  );
  return 0;
}
