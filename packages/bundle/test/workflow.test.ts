import { describe, expect, it } from "vitest";
import { BundleValidationError, loadBundle, toBusinessServiceSpec, validateWorkflow, workflowToMermaid } from "../src/index.js";
import { makeBundle } from "./helpers.js";

const bs = (states: unknown[]) => ({ businessService: "T", business: "t", states });

describe("validateWorkflow", () => {
  it("accepts a well-formed graph", () => {
    const ok = bs([
      { state: null, isStartState: true, actions: [{ action: "APPLY", nextState: "OPEN", roles: ["CITIZEN"] }] },
      { state: "OPEN", actions: [{ action: "CLOSE", nextState: "CLOSED", roles: ["GRO"] }] },
      { state: "CLOSED", isTerminateState: true, actions: [] },
    ]);
    expect(validateWorkflow(ok)).toEqual([]);
  });

  it("errs only on an unknown next state (DIGIT refuses it) and warns about what DIGIT accepts", () => {
    const issues = validateWorkflow(
      bs([
        { state: "OPEN", actions: [{ action: "GO", nextState: "GONE", roles: [] }] },
        { state: "STUCK", actions: [] },
        { state: "OPEN", isTerminateState: true },
      ]),
    );
    expect(issues.map((i) => `${i.severity} ${i.pointer}`)).toEqual([
      "warning /states/2/state",
      "warning /states",
      "error /states/0/actions/0/nextState",
      "warning /states/0/actions/0/roles",
      "warning /states/1",
    ]);
    expect(issues.filter((i) => i.severity === "warning").every((i) => i.message.startsWith("DIGIT accepts this, but"))).toBe(true);
    expect(issues[0]!.message).toContain('state "OPEN" is declared twice');
    expect(issues[1]!.message).toContain('no state has "state: null"');
    expect(issues[2]!.message).toBe('action "GO" goes to unknown state "GONE" (DIGIT refuses this: INVALID NEXTSTATE)');
    expect(issues[4]!.message).toContain('state "STUCK" is a dead end');
  });

  it("starts from the null-named state whether or not isStartState is set", () => {
    const issues = validateWorkflow(
      bs([
        { state: null, actions: [{ action: "APPLY", nextState: "OPEN", roles: ["CITIZEN"] }] },
        { state: "OPEN", isTerminateState: true, actions: [] },
      ]),
    );
    expect(issues).toEqual([]);
  });

  it("warns about unreachable states and unknown roles once each", () => {
    const issues = validateWorkflow(
      bs([
        { state: null, isStartState: true, actions: [{ action: "A", nextState: "X", roles: ["R1", "NOPE"] }, { action: "B", nextState: "X", roles: ["NOPE"] }] },
        { state: "X", isTerminateState: true },
        { state: "ISLAND", isTerminateState: true },
      ]),
      { knownRoles: new Set(["R1"]) },
    );
    expect(issues.map((i) => `${i.severity} ${i.pointer}`)).toEqual(["warning /states/0/actions/0/roles/1", "warning /states/2"]);
    expect(issues[1]!.message).toContain('"ISLAND" is unreachable');
  });
});

describe("workflowToMermaid", () => {
  it("renders a stateDiagram with start, labelled edges and terminal states", () => {
    const out = workflowToMermaid({
      businessService: "PGR",
      states: [
        { state: null, isStartState: true, actions: [{ action: "APPLY", nextState: "PENDING-ASSIGNMENT" }] },
        { state: "PENDING-ASSIGNMENT", actions: [{ action: "REJECT", nextState: "REJECTED" }] },
        { state: "REJECTED", isTerminateState: true, actions: [] },
      ],
    });
    expect(out).toBe(
      [
        "---",
        "title: PGR",
        "---",
        "stateDiagram-v2",
        "  [*] --> PENDING_ASSIGNMENT: APPLY",
        "  PENDING_ASSIGNMENT --> REJECTED: REJECT",
        "  REJECTED --> [*]",
        "",
      ].join("\n"),
    );
  });

  it("adds an entry edge for a named start state", () => {
    expect(workflowToMermaid({ states: [{ state: "OPEN", isStartState: true, isTerminateState: true }] })).toBe("stateDiagram-v2\n  [*] --> OPEN\n  OPEN --> [*]\n");
  });
});

describe("business services are checked against the SDK's workflow types when loaded", () => {
  it("a field of the wrong type is a bundle error at its pointer, not a value passed on", async () => {
    const dir = makeBundle({
      "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\n",
      "workflows/t.yaml": [
        "businessService: T",
        "business: t",
        "getUri: 5",
        "states:",
        "  - state: null",
        "    sla: one day",
        "    actions:",
        "      - { action: GO, nextState: DONE, roles: [GRO], active: 'yes' }",
        "  - { state: DONE, isTerminateState: true }",
      ].join("\n"),
    });
    const err = (await loadBundle(dir).catch((e: unknown) => e)) as BundleValidationError;
    expect(err).toBeInstanceOf(BundleValidationError);
    expect(err.issues.map((i) => `${i.file} ${i.pointer}`).sort()).toEqual(["workflows/t.yaml /getUri", "workflows/t.yaml /states/0/actions/0/active", "workflows/t.yaml /states/0/sla"]);
  });

  it("toBusinessServiceSpec checks a business service read elsewhere (e.g. from DIGIT) the same way", () => {
    const ok = toBusinessServiceSpec({ businessService: "T", business: "t", states: [{ state: null, actions: [{ action: "GO", nextState: "DONE", roles: [] }] }] }, "pg");
    expect(ok).toEqual({ spec: { businessService: "T", business: "t", tenantId: "pg", states: [{ state: null, actions: [{ action: "GO", nextState: "DONE", roles: [] }] }] } });
    expect(toBusinessServiceSpec({ businessService: "T", states: [] }, "pg")).toEqual({ problems: ["/business: expected string, received undefined", "/states: Too small: expected array to have >=1 items"] });
  });
});
