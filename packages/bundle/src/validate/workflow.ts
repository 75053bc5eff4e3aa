/** Graph checks for a DIGIT workflow BusinessService, and its Mermaid rendering. */

/** One finding about a business service; `pointer` is relative to the business service object. */
export interface WorkflowIssue {
  pointer: string;
  message: string;
  hint?: string;
  severity: "error" | "warning";
}

interface ActionLike {
  action?: unknown;
  nextState?: unknown;
  roles?: unknown;
}
interface StateLike {
  state?: unknown;
  isStartState?: unknown;
  isTerminateState?: unknown;
  actions?: unknown;
}

const START = "(start)";
const nameOf = (s: StateLike): string => (typeof s.state === "string" && s.state !== "" ? s.state : START);
const statesOf = (bs: Record<string, unknown>): StateLike[] =>
  Array.isArray(bs.states) ? (bs.states as StateLike[]) : [];
const actionsOf = (s: StateLike): ActionLike[] => (Array.isArray(s.actions) ? (s.actions as ActionLike[]) : []);

/**
 * Checks a BusinessService the way DIGIT's egov-workflow-v2 will take it. Only one thing is an error, because DIGIT
 * refuses it: an action whose `nextState` names no state of the business service (INVALID NEXTSTATE). Everything
 * else DIGIT accepts, and is a warning for authors saying what goes wrong later: no states, two states with one name
 * (the insert fails and nothing is stored), no null-named start state (DIGIT starts every instance there), actions
 * without roles, dead ends, unreachable states, and, when `knownRoles` is given, unknown roles.
 */
export function validateWorkflow(businessService: Record<string, unknown>, options: { knownRoles?: ReadonlySet<string> } = {}): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const warn = (pointer: string, message: string, hint: string) => issues.push({ pointer, message: `DIGIT accepts this, but ${message}`, hint, severity: "warning" });
  const states = statesOf(businessService);
  if (states.length === 0) {
    warn("/states", "the business service has no states: its searches never find it", "Add at least a start state (state: null) and a terminal state.");
    return issues;
  }
  const index = new Map<string, number>();
  states.forEach((s, i) => {
    const n = nameOf(s);
    if (index.has(n)) {
      warn(
        `/states/${i}/state`,
        `state "${n}" is declared twice (also at /states/${index.get(n)}): DIGIT's database allows one state per name, so the business service is not stored`,
        "State names must be unique.",
      );
    } else index.set(n, i);
  });
  const reportedRoles = new Set<string>();
  const unnamed = states.map((s, i) => [s, i] as const).filter(([s]) => nameOf(s) === START);
  const flagged = states.map((s, i) => [s, i] as const).filter(([s]) => s.isStartState === true);
  if (unnamed.length === 0) {
    warn(
      "/states",
      `no state has "state: null": DIGIT starts every new instance at the state whose name is null (isStartState is not read), so the first transition fails`,
      "Give the start state `state: null`.",
    );
  }
  states.forEach((s, i) => {
    const acts = actionsOf(s);
    if (acts.length === 0 && s.isTerminateState !== true) {
      warn(`/states/${i}`, `state "${nameOf(s)}" is a dead end: it has no actions and is not terminal`, "Add an action out of it or set isTerminateState: true.");
    }
    acts.forEach((a, j) => {
      const next = typeof a.nextState === "string" ? a.nextState : "";
      if (!index.has(next) || next === START) {
        issues.push({
          pointer: `/states/${i}/actions/${j}/nextState`,
          message: `action "${String(a.action)}" goes to unknown state "${next}" (DIGIT refuses this: INVALID NEXTSTATE)`,
          hint: `Use one of: ${[...index.keys()].filter((k) => k !== START).join(", ")}.`,
          severity: "error",
        });
      }
      if (!Array.isArray(a.roles) || a.roles.length === 0) {
        warn(`/states/${i}/actions/${j}/roles`, `action "${String(a.action)}" has no roles: nobody can take it`, 'List the role codes that may take it (or "*" for any role of the workflow).');
      }
      if (options.knownRoles && Array.isArray(a.roles)) {
        a.roles.forEach((r, k) => {
          if (typeof r === "string" && r !== "*" && !options.knownRoles!.has(r) && !reportedRoles.has(r)) {
            reportedRoles.add(r);
            issues.push({
              pointer: `/states/${i}/actions/${j}/roles/${k}`,
              message: `role "${r}" is not defined in ACCESSCONTROL-ROLES.roles (first use shown)`,
              hint: "Add the role to the bundle's roles, or make sure it exists on the server.",
              severity: "warning",
            });
          }
        });
      }
    });
  });
  const starts = unnamed.length > 0 ? unnamed : flagged;
  const seen = new Set<string>();
  const queue = starts.map(([s]) => nameOf(s));
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const s = states[index.get(n) ?? -1];
    if (s) for (const a of actionsOf(s)) if (typeof a.nextState === "string") queue.push(a.nextState);
  }
  if (starts.length > 0) {
    states.forEach((s, i) => {
      if (!seen.has(nameOf(s))) warn(`/states/${i}`, `state "${nameOf(s)}" is unreachable from the start state`, "Add an action leading to it or remove it.");
    });
  }
  return issues;
}

const mermaidId = (name: string): string => (name === START ? "[*]" : name.replace(/[^A-Za-z0-9_]/g, "_"));

/**
 * Renders a BusinessService as a Mermaid `stateDiagram-v2`: one edge per action labelled with the action name,
 * a `[*]` start for a nameless start state, and `state --> [*]` for terminal states.
 */
export function workflowToMermaid(businessService: Record<string, unknown>): string {
  const lines = ["stateDiagram-v2"];
  const title = typeof businessService.businessService === "string" ? businessService.businessService : "";
  if (title) lines.splice(0, 0, "---", `title: ${title}`, "---");
  for (const s of statesOf(businessService)) {
    const from = mermaidId(nameOf(s));
    if (s.isStartState === true && from !== "[*]") lines.push(`  [*] --> ${from}`);
    for (const a of actionsOf(s)) {
      const to = typeof a.nextState === "string" ? mermaidId(a.nextState) : "unknown";
      lines.push(`  ${from} --> ${to}: ${String(a.action)}`);
    }
    if (s.isTerminateState === true) lines.push(`  ${from} --> [*]`);
  }
  return lines.join("\n") + "\n";
}
