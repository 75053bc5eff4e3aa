import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runDigit, type RunDigitOptions } from "../src/run.js";
import { mockSession } from "./helpers.js";

let opts: RunDigitOptions;
let cwd: string;
let scaffold: (dir?: string, cities?: string) => Promise<string>;

beforeEach(async () => {
  ({ opts, cwd, scaffold } = await mockSession());
});

describe("mdms / localization / user", () => {
  it("mdms set creates then updates; get and search read it back", async () => {
    const bundle = await scaffold();
    await runDigit(["apply", "-f", bundle, "--yes", "--only", "schema,tenant"], opts);
    const data = JSON.stringify({ code: "DEPT_T", name: "Testing", active: true });
    const created = await runDigit(["mdms", "set", "common-masters.Department", "--tenant", "pg", "--data", data, "--json"], opts);
    expect(created.exitCode, created.stderr).toBe(0);
    expect((JSON.parse(created.stdout) as { action: string }).action).toBe("created");
    const updated = await runDigit(
      ["mdms", "set", "common-masters.Department", "--tenant", "pg", "--data", JSON.stringify({ code: "DEPT_T", name: "Tests", active: true }), "--json"],
      opts,
    );
    expect((JSON.parse(updated.stdout) as { action: string }).action).toBe("updated");
    const got = await runDigit(["mdms", "get", "common-masters.Department", "DEPT_T", "--tenant", "pg", "--json"], opts);
    expect((JSON.parse(got.stdout) as { data: { name: string } }).data.name).toBe("Tests");
    const search = await runDigit(["mdms", "search", "common-masters.Department", "--tenant", "pg", "--filter", "code=DEPT_T"], opts);
    expect(search.exitCode).toBe(0);
    expect(search.stdout).toContain("DEPT_T");
    const missing = await runDigit(["mdms", "get", "common-masters.Department", "NOPE", "--tenant", "pg"], opts);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("digit mdms search");
  });

  it("localization push then pull round-trips", async () => {
    const file = join(cwd, "msgs.json");
    writeFileSync(file, JSON.stringify([{ code: "HELLO", message: "Namaste", module: "test-mod", locale: "hi_IN" }]));
    const push = await runDigit(["localization", "push", file, "--tenant", "pg"], opts);
    expect(push.exitCode, push.stderr).toBe(0);
    const pull = await runDigit(["localization", "pull", "--tenant", "pg", "--locale", "hi_IN", "--module", "test-mod", "-o", "out.json"], opts);
    expect(pull.exitCode, pull.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, "out.json"), "utf8"))).toEqual([{ code: "HELLO", message: "Namaste", module: "test-mod", locale: "hi_IN" }]);
  });

  it("localization push takes a bundle's code→message map, locale and module from its path or flags", async () => {
    mkdirSync(join(cwd, "localization", "hi_IN"), { recursive: true });
    const file = join(cwd, "localization", "hi_IN", "map-mod.yaml");
    writeFileSync(file, "GREETING: Namaskar\nFAREWELL: Alvida\n");
    const push = await runDigit(["localization", "push", file, "--tenant", "pg"], opts);
    expect(push.exitCode, push.stderr).toBe(0);
    const pull = await runDigit(["localization", "pull", "--tenant", "pg", "--locale", "hi_IN", "--module", "map-mod", "--json"], opts);
    expect(pull.exitCode, pull.stderr).toBe(0);
    expect(pull.stdout).toContain("Namaskar");
    expect(pull.stdout).toContain("Alvida");

    const loose = join(cwd, "loose.yaml");
    writeFileSync(loose, "GREETING: Hello\n");
    const noLocale = await runDigit(["localization", "push", loose, "--tenant", "pg"], opts);
    expect(noLocale.exitCode).toBe(1);
    expect(noLocale.stderr).toContain("--locale");
    const withFlags = await runDigit(["localization", "push", loose, "--tenant", "pg", "--locale", "en_IN", "--module", "loose-mod"], opts);
    expect(withFlags.exitCode, withFlags.stderr).toBe(0);
  });

  it("user create takes the password from DIGIT_NEW_USER_PASSWORD and never prints it", async () => {
    const env = { ...opts.env, DIGIT_NEW_USER_PASSWORD: "Very@Secret9" };
    const r = await runDigit(
      ["user", "create", "--tenant", "pg.citya", "--new-username", "gro9", "--name", "GRO Nine", "--mobile", "9876543210", "--roles", "EMPLOYEE", "--json"],
      { ...opts, env },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { userName: string }).userName).toBe("gro9");
    expect(r.stdout + r.stderr).not.toContain("Very@Secret9");
  });

  it("user create without a password source and no terminal names the variable", async () => {
    const r = await runDigit(["user", "create", "--tenant", "pg", "--new-username", "x1", "--name", "X", "--mobile", "9876543211"], opts);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("DIGIT_NEW_USER_PASSWORD");
  });
});

describe("workflow", () => {
  it("graph <code> draws the live business service with state names, not DIGIT's nextState uuids", async () => {
    const bundle = await scaffold();
    mkdirSync(join(bundle, "workflows"), { recursive: true });
    writeFileSync(
      join(bundle, "workflows", "wf.yaml"),
      [
        "businessService: DKGRAPH",
        "business: dk",
        "states:",
        "  - { state: null, isStartState: true, actions: [{ action: OPEN, nextState: OPENED, roles: [EMPLOYEE] }] }",
        "  - { state: OPENED, isTerminateState: true, actions: [] }",
        "",
      ].join("\n"),
    );
    const applied = await runDigit(["apply", "-f", bundle, "--yes", "--only", "workflow"], opts);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const graph = await runDigit(["workflow", "graph", "DKGRAPH", "--tenant", "pg"], opts);
    expect(graph.exitCode, graph.stderr).toBe(0);
    expect(graph.stdout).toContain("[*] --> OPENED: OPEN");
    expect(graph.stdout).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
