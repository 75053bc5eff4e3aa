/** Validation and normalisation of business service configurations (`businessservice/_create|_update`). */
import type { DigitErrorItem, MockContext } from "../../core/types.js";
import { newAudit, touchAudit } from "../shared/audit.js";
import { digitError } from "../shared/respond.js";
import { isRecord, recordsAt, str } from "../shared/values.js";
import type { BusinessService, WfAction, WfState } from "./model.js";

function stateName(input: Record<string, unknown>): string | null {
  return str(input["state"]) ?? null;
}

function slaOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Everything wrong with one business service config, as DIGIT error items naming the state/action:
 * exactly one start state (the state named null, else the single `isStartState`), unique state names,
 * every `nextState` an existing state, non-empty roles, every state reachable from the start (spare
 * terminal states such as CANCELLED may be unreachable), and every non-terminal state has an action.
 */
export function configErrors(input: Record<string, unknown>): DigitErrorItem[] {
  const code = str(input["businessService"]) ?? "(unnamed)";
  const errors: DigitErrorItem[] = [];
  const add = (suffix: string, message: string, params: string[]) =>
    errors.push(digitError(`INVALID_BUSINESSSERVICE_${suffix}`, `Business service ${code}: ${message}`, [code, ...params]));
  if (str(input["tenantId"]) === undefined) add("TENANT", "tenantId is required.", []);
  if (str(input["businessService"]) === undefined) add("CODE", "businessService (the code) is required.", []);
  const states = recordsAt(input, "states");
  if (states.length === 0) {
    add("STATES", "states must list at least the start state.", []);
    return errors;
  }
  const names = new Map<string, Record<string, unknown>>();
  for (const state of states) {
    const name = stateName(state);
    if (name === null) continue;
    if (names.has(name)) add("DUPLICATE_STATE", `state ${name} is declared twice; state names must be unique.`, [name]);
    names.set(name, state);
  }
  const nullStates = states.filter((s) => stateName(s) === null);
  let start: Record<string, unknown> | undefined;
  if (nullStates.length > 1) {
    add("START_STATE", `${nullStates.length} states have a null name; exactly one start state may be unnamed.`, []);
  } else if (nullStates.length === 1) {
    start = nullStates[0];
  } else {
    const flagged = states.filter((s) => s["isStartState"] === true);
    if (flagged.length === 1) start = flagged[0];
    else
      add(
        "START_STATE",
        flagged.length === 0
          ? "no start state; add a state with state: null (or one state with isStartState: true)."
          : `${flagged.length} states have isStartState: true and none is unnamed; mark exactly one start state.`,
        flagged.map((s) => stateName(s) ?? "(start)"),
      );
  }
  for (const state of states) {
    const label = stateName(state) ?? "(start)";
    const actions = state["actions"] === null || state["actions"] === undefined ? [] : state["actions"];
    if (!Array.isArray(actions)) {
      add("ACTIONS", `actions of state ${label} must be an array.`, [label]);
      continue;
    }
    const seen = new Set<string>();
    for (const action of actions) {
      if (!isRecord(action)) {
        add("ACTIONS", `state ${label} has an action that is not an object.`, [label]);
        continue;
      }
      const name = str(action["action"]);
      if (name === undefined) {
        add("ACTIONS", `an action of state ${label} has no name.`, [label]);
        continue;
      }
      if (seen.has(name)) add("DUPLICATE_ACTION", `action ${name} appears twice in state ${label}.`, [label, name]);
      seen.add(name);
      const next = str(action["nextState"]);
      if (next === undefined || !names.has(next)) {
        add("NEXT_STATE", `action ${name} of state ${label} goes to unknown state ${next ?? "(none)"}; declare that state or fix nextState.`, [label, name, next ?? ""]);
      }
      const roles = action["roles"];
      if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === "string" && r.length > 0)) {
        add("ROLES", `action ${name} of state ${label} needs a non-empty roles list of role codes.`, [label, name]);
      }
    }
    if (actions.length === 0 && state["isTerminateState"] !== true) {
      add("DEAD_END", `state ${label} has no actions but is not marked isTerminateState: true.`, [label]);
    }
  }
  if (start !== undefined && errors.length === 0) {
    const reached = new Set<Record<string, unknown>>([start]);
    const queue = [start];
    while (queue.length > 0) {
      const current = queue.shift() as Record<string, unknown>;
      for (const action of recordsAt(current, "actions")) {
        const target = names.get(str(action["nextState"]) ?? "");
        if (target !== undefined && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    for (const state of states) {
      if (!reached.has(state) && state["isTerminateState"] !== true) {
        const label = stateName(state) ?? "(start)";
        add("UNREACHABLE_STATE", `state ${label} cannot be reached from the start state; add an action leading to it or remove it.`, [label]);
      }
    }
  }
  return errors;
}

/**
 * The stored form of a valid config: uuids for the service, states and actions (reusing the uuids of
 * same-named states/actions of `previous` on update), `nextState`/`currentState` as state uuids.
 */
export function buildBusinessService(input: Record<string, unknown>, ctx: MockContext, by: string, previous?: BusinessService): BusinessService {
  const now = ctx.now();
  const tenantId = str(input["tenantId"]) as string;
  const bsUuid = previous?.uuid ?? ctx.uuid();
  const audit = previous === undefined ? newAudit(by, now) : touchAudit(previous.auditDetails, by, now);
  const states = recordsAt(input, "states");
  const oldState = (name: string | null) => previous?.states.find((s) => s.state === name);
  const uuids = new Map<string | null, string>(states.map((s) => [stateName(s), oldState(stateName(s))?.uuid ?? ctx.uuid()]));
  const built: WfState[] = states.map((s) => {
    const name = stateName(s);
    const uuid = uuids.get(name) as string;
    const old = oldState(name);
    const actions: WfAction[] = recordsAt(s, "actions").map((a) => {
      const actionName = str(a["action"]) as string;
      return {
        ...a,
        uuid: old?.actions.find((o) => o.action === actionName)?.uuid ?? ctx.uuid(),
        tenantId,
        currentState: uuid,
        action: actionName,
        nextState: uuids.get(str(a["nextState"]) ?? null) as string,
        roles: (a["roles"] as string[]).slice(),
        active: a["active"] !== false,
        auditDetails: audit,
      };
    });
    return {
      ...s,
      uuid,
      tenantId,
      businessServiceId: bsUuid,
      sla: slaOf(s["sla"]),
      state: name,
      applicationStatus: str(s["applicationStatus"]) ?? null,
      docUploadRequired: s["docUploadRequired"] === true,
      isStartState: s["isStartState"] === true,
      isTerminateState: s["isTerminateState"] === true,
      isStateUpdatable: s["isStateUpdatable"] === true,
      actions,
      auditDetails: audit,
    };
  });
  return {
    ...structuredClone(input),
    uuid: bsUuid,
    tenantId,
    businessService: str(input["businessService"]) as string,
    business: str(input["business"]),
    businessServiceSla: slaOf(input["businessServiceSla"]),
    getUri: str(input["getUri"]),
    postUri: str(input["postUri"]),
    states: structuredClone(built),
    auditDetails: audit,
    visibleFrom: previous?.visibleFrom ?? now + ctx.options.writeLagMs,
  };
}
