import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands, groups, optionsOf } from "../src/commands/index.js";
import { REFERENCE_END, REFERENCE_START, renderReference } from "../src/commands/reference.js";
import { DRIFT_KINDS, EXPORT_KINDS, KINDS } from "../src/services/index.js";
import { repoRoot } from "./helpers.js";

describe("command table", () => {
  it("--only choices equal the services' resource kinds", () => {
    for (const spec of commands) {
      const only = optionsOf(spec).find((o) => o.flags.startsWith("--only"));
      if (!only) continue;
      const expected = spec.path[0] === "diff" ? DRIFT_KINDS : spec.path[0] === "export" ? EXPORT_KINDS : KINDS;
      expect(only.choices, spec.path.join(" ")).toEqual([...expected]);
    }
  });

  it("every command has a summary, an example that starts with its path, and a loadable module", async () => {
    for (const spec of commands) {
      expect(spec.summary.length).toBeGreaterThan(5);
      expect(spec.examples.length).toBeGreaterThan(0);
      expect(spec.examples.some((e) => e.command.includes(`digit ${spec.path.join(" ")}`)), spec.path.join(" ")).toBe(true);
      const mod = await spec.load();
      expect(typeof mod.default).toBe("function");
    }
  });

  it("every group has commands and no option is declared twice on a command", () => {
    for (const g of groups) expect(commands.some((c) => c.path[0] === g.name && c.path.length === 2), g.name).toBe(true);
    for (const spec of commands) {
      const longs = optionsOf(spec).map((o) => /--[\w-]+/.exec(o.flags)![0]);
      expect(new Set(longs).size, spec.path.join(" ")).toBe(longs.length);
    }
  });

  it("docs/cli.md's reference matches the table (UPDATE_DOCS=1 rewrites it)", () => {
    const path = join(repoRoot, "docs/cli.md");
    const doc = readFileSync(path, "utf8");
    const start = doc.indexOf(REFERENCE_START);
    const end = doc.indexOf(REFERENCE_END) + REFERENCE_END.length;
    expect(start).toBeGreaterThan(0);
    const current = doc.slice(start, end);
    const expected = renderReference();
    if (process.env.UPDATE_DOCS === "1" && current !== expected) writeFileSync(path, doc.slice(0, start) + expected + doc.slice(end));
    else expect(current, "run: UPDATE_DOCS=1 pnpm vitest run packages/cli/test/command-table.test.ts").toBe(expected);
  });
});
