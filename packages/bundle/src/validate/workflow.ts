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
 * Checks a BusinessService's state graph: a start state exists, state names are unique, every action's
 * `nextState` names a state, every non-terminal state has an exit, every state is reachable from a start
 * state (unreachable is a warning), and, when `knownRoles` is given, every action role is known (warning).
 */
export function validateWorkflow(businessService: Record<string, unknown>, options: { knownRoles?: ReadonlySet<string> } = {}): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const states = statesOf(businessService);
  if (states.length === 0) {
    return [{ pointer: "/states", message: "has no states", hint: "Add at least a start state and a terminal state.", severity: "error" }];
  }
  const index = new Map<string, number>();
  states.forEach((s, i) => {
    const n = nameOf(s);
    if (index.has(n)) {
      issues.push({ pointer: `/states/${i}/state`, message: `duplicate state "${n}" (also at /states/${index.get(n)})`, hint: "State names must be unique.", severity: "error" });
    } else index.set(n, i);
  });
  const reportedRoles = new Set<string>();
  const starts = states.map((s, i) => [s, i] as const).filter(([s]) => s.isStartState === true);
  if (starts.length === 0) {
    issues.push({ pointer: "/states", message: "has no start state", hint: "Mark the initial state with isStartState: true.", severity: "error" });
  }
  states.forEach((s, i) => {
    const acts = actionsOf(s);
    if (acts.length === 0 && s.isTerminateState !== true) {
      issues.push({
        pointer: `/states/${i}`,
        message: `state "${nameOf(s)}" is a dead end: it has no actions and is not terminal`,
        hint: "Add an action out of it or set isTerminateState: true.",
        severity: "error",
      });
    }
    acts.forEach((a, j) => {
      const next = typeof a.nextState === "string" ? a.nextState : "";
      if (!index.has(next)) {
        issues.push({
          pointer: `/states/${i}/actions/${j}/nextState`,
          message: `action "${String(a.action)}" goes to unknown state "${next}"`,
          hint: `Use one of: ${[...index.keys()].filter((k) => k !== START).join(", ")}.`,
          severity: "error",
        });
      }
      if (options.knownRoles && Array.isArray(a.roles)) {
        a.roles.forEach((r, k) => {
          if (typeof r === "string" && !options.knownRoles!.has(r) && !reportedRoles.has(r)) {
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
      if (!seen.has(nameOf(s))) {
        issues.push({ pointer: `/states/${i}`, message: `state "${nameOf(s)}" is unreachable from the start state`, hint: "Add an action leading to it or remove it.", severity: "warning" });
      }
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
