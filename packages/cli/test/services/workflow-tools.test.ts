import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apply, plan, validateWorkflowFile, workflowGraph } from "../../src/services/index.js";
import { loadKit } from "./helpers.js";
import { cappedPages, createMockGateway } from "./mock-gateway.js";

const dir = mkdtempSync(join(tmpdir(), "digit-wf-"));

describe("workflow validate / graph on files", () => {
  it("validates every business service of a DIGIT {BusinessServices} JSON file", async () => {
    const file = join(dir, "wf.json");
    writeFileSync(
      file,
      JSON.stringify({
        RequestInfo: {},
        BusinessServices: [
          { businessService: "OK", states: [{ state: null, isStartState: true, actions: [{ action: "GO", nextState: "DONE", roles: ["GRO"] }] }, { state: "DONE", isTerminateState: true }] },
          { businessService: "BAD", states: [{ state: "A", isStartState: true, actions: [{ action: "GO", nextState: "B", roles: ["GRO"] }] }] },
        ],
      }),
    );
    const checks = await validateWorkflowFile(file);
    expect(checks.map((c) => [c.businessService, c.ok, c.issues.map((i) => i.pointer)])).toEqual([
      ["OK", true, []],
      // No null-named start state is a warning (DIGIT accepts it); the unknown next state is the error.
      ["BAD", false, ["/BusinessServices/1/states", "/BusinessServices/1/states/0/actions/0/nextState"]],
    ]);
    expect((await workflowGraph(file))[0]!.mermaid).toContain("[*] --> DONE: GO");
  });

  it("reads a single YAML business service and explains unparseable files", async () => {
    const yaml = join(dir, "one.yaml");
    writeFileSync(yaml, "businessService: ONE\nstates:\n  - { state: X, isStartState: true, isTerminateState: true }\n");
    expect((await validateWorkflowFile(yaml))[0]).toMatchObject({ businessService: "ONE", pointer: "", ok: true });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ nope");
    await expect(validateWorkflowFile(bad)).rejects.toThrow(/bad.json: cannot parse/);
  });
});

describe("pagination", () => {
  it("reads every page even when the server caps the page size", async () => {
    const gw = cappedPages(createMockGateway().gateway, 2);
    const bundle = await loadKit();
    await apply(gw, bundle);
    const p = await plan(gw, bundle);
    expect(p.hasChanges).toBe(false);
    expect(p.summary.role).toEqual({ create: 0, update: 0, unchanged: 4 });
  });
});
