/**
 * Business service configs: DIGIT's enrichment of create and update requests (EnrichmentService.java:223-317), what
 * its persister then stores (egov-workflow-v2-persister.yml), the answers' shapes, and the mock's graph lint
 * (warnings only: DIGIT makes no graph checks).
 */
import type { AuditDetails, DigitErrorItem, MockContext, OperationRequest } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { isRecord } from "../shared/values.js";
import { fail, MOCK, WF, unhandled, wfError } from "./errors.js";
import { digitStartState, stateLabel, type BusinessService, type WfAction, type WfState } from "./model.js";

type Obj = Record<string, unknown>;

/** WorkflowConstants.UUID_REGEX (a nextState matching it is taken as a state uuid, unchecked). */
export const UUID_REGEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const textOrNull = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
const numberOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : null);
const boolOrNull = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);
const rolesOf = (v: unknown): string[] | null => (Array.isArray(v) ? v.map((r) => (r === null ? "null" : String(r))) : null);

/** A state or action of a request, as Jackson reads it (unknown properties dropped). */
interface InAction {
  uuid: string | null;
  tenantId: string | null;
  currentState: string | null;
  action: string | null;
  nextState: string | null;
  roles: string[] | null;
  active: boolean | null;
  auditDetails: AuditDetails | null;
}
interface InState {
  uuid: string | null;
  tenantId: string | null;
  businessServiceId: string | null;
  sla: number | null;
  state: string | null;
  applicationStatus: string | null;
  docUploadRequired: boolean | null;
  isStartState: boolean | null;
  isTerminateState: boolean | null;
  isStateUpdatable: boolean | null;
  actions: InAction[] | null;
  auditDetails: AuditDetails | null;
}
export interface InBusinessService {
  tenantId: string;
  uuid: string | null;
  businessService: string;
  business: string;
  getUri: string | null;
  postUri: string | null;
  businessServiceSla: number | null;
  states: InState[];
  auditDetails: AuditDetails | null;
}

function readAction(a: Obj): InAction {
  return {
    uuid: textOrNull(a["uuid"]),
    tenantId: textOrNull(a["tenantId"]),
    currentState: textOrNull(a["currentState"]),
    action: textOrNull(a["action"]),
    nextState: textOrNull(a["nextState"]),
    roles: rolesOf(a["roles"]),
    active: boolOrNull(a["active"]),
    auditDetails: null,
  };
}

function readState(s: Obj): InState {
  const actions = Array.isArray(s["actions"]) ? s["actions"].filter(isRecord).map(readAction) : null;
  return {
    uuid: textOrNull(s["uuid"]),
    tenantId: textOrNull(s["tenantId"]),
    businessServiceId: textOrNull(s["businessServiceId"]),
    sla: numberOrNull(s["sla"]),
    state: textOrNull(s["state"]),
    applicationStatus: textOrNull(s["applicationStatus"]),
    docUploadRequired: boolOrNull(s["docUploadRequired"]),
    isStartState: boolOrNull(s["isStartState"]),
    isTerminateState: boolOrNull(s["isTerminateState"]),
    isStateUpdatable: boolOrNull(s["isStateUpdatable"]),
    actions,
    auditDetails: null,
  };
}

/** The request's business services (bean validation has already passed: the required fields are there). */
export function readBusinessServices(body: Obj): InBusinessService[] {
  const list = Array.isArray(body["BusinessServices"]) ? body["BusinessServices"].filter(isRecord) : [];
  return list.map((b) => ({
    tenantId: String(b["tenantId"]),
    uuid: textOrNull(b["uuid"]),
    businessService: String(b["businessService"]),
    business: String(b["business"]),
    getUri: textOrNull(b["getUri"]),
    postUri: textOrNull(b["postUri"]),
    businessServiceSla: numberOrNull(b["businessServiceSla"]),
    states: Array.isArray(b["states"]) ? b["states"].filter(isRecord).map(readState) : [],
    auditDetails: null,
  }));
}

/** The userInfo uuid DIGIT writes into audit details; a request without userInfo is a NullPointerException. */
export function auditorOf(req: OperationRequest): string {
  const uuid = req.caller?.user.uuid;
  if (req.caller === null || uuid === undefined) {
    fail(unhandled("NullPointerException", 'Cannot invoke "org.egov.common.contract.request.User.getUuid()" because the return value of "org.egov.common.contract.request.RequestInfo.getUserInfo()" is null'));
  }
  return uuid;
}

/** EnrichmentService.enrichNextState (:299-317): names → uuids of the same request, else INVALID NEXTSTATE. */
function enrichNextState(bs: InBusinessService): DigitErrorItem | null {
  const byName = new Map<string | null, string>();
  for (const s of bs.states) byName.set(s.state, s.uuid as string);
  let error: DigitErrorItem | null = null;
  for (const s of bs.states) {
    for (const a of s.actions ?? []) {
      if (a.nextState === null) {
        return unhandled("NullPointerException", 'Cannot invoke "String.matches(String)" because the return value of "org.egov.wf.web.models.Action.getNextState()" is null');
      }
      if (UUID_REGEX.test(a.nextState)) continue;
      const uuid = byName.get(a.nextState);
      if (uuid !== undefined) a.nextState = uuid;
      else error = wfError(WF.invalidNextState, `The state with name: ${a.nextState} does not exist in config`);
    }
  }
  return error;
}

/** EnrichmentService.enrichCreateBusinessService (:223-247). Throws DIGIT's error for the first bad business service. */
export function enrichCreate(items: InBusinessService[], ctx: MockContext, by: string): void {
  const now = ctx.now();
  const audit: AuditDetails = { createdBy: by, lastModifiedBy: by, createdTime: now, lastModifiedTime: now };
  for (const bs of items) {
    bs.uuid = ctx.uuid();
    bs.auditDetails = audit;
    for (const s of bs.states) {
      s.auditDetails = audit;
      s.uuid = ctx.uuid();
      s.tenantId = bs.tenantId;
      for (const a of s.actions ?? []) {
        a.auditDetails = audit;
        a.uuid = ctx.uuid();
        a.currentState = s.uuid;
        a.tenantId = bs.tenantId;
        a.active = true;
      }
    }
    const error = enrichNextState(bs);
    if (error !== null) fail(error);
  }
}

/** EnrichmentService.enrichUpdateBusinessService (:253-293): only rows without a uuid are new. */
export function enrichUpdate(items: InBusinessService[], ctx: MockContext, by: string): void {
  const now = ctx.now();
  const audit: AuditDetails = { createdBy: by, lastModifiedBy: by, createdTime: now, lastModifiedTime: now };
  for (const bs of items) {
    bs.auditDetails = audit;
    for (const s of bs.states) {
      s.auditDetails = audit;
      if (s.uuid === null) {
        s.uuid = ctx.uuid();
        s.tenantId = bs.tenantId;
      }
    }
  }
  for (const bs of items) {
    for (const s of bs.states) {
      for (const a of s.actions ?? []) {
        a.auditDetails = audit;
        if (a.uuid === null) {
          a.uuid = ctx.uuid();
          a.currentState = s.uuid;
          a.tenantId = s.tenantId;
        }
      }
    }
    const error = enrichNextState(bs);
    if (error !== null) fail(error);
  }
}

/** The answer of create/update: the enriched request objects (BusinessService leaves nulls out; State and Action do not). */
export function requestWire(bs: InBusinessService): Obj {
  const out: Obj = {};
  const put = (k: string, v: unknown) => {
    if (v !== null && v !== undefined) out[k] = v;
  };
  put("tenantId", bs.tenantId);
  put("uuid", bs.uuid);
  put("businessService", bs.businessService);
  put("business", bs.business);
  put("getUri", bs.getUri);
  put("postUri", bs.postUri);
  put("businessServiceSla", bs.businessServiceSla);
  out["states"] = bs.states.map((s) => ({
    ...s,
    actions: s.actions === null ? null : s.actions.map((a) => ({ ...a, auditDetails: a.auditDetails ?? null })),
    auditDetails: s.auditDetails ?? null,
  }));
  put("auditDetails", bs.auditDetails);
  return structuredClone(out);
}

/** Column limits and constraints of DIGIT's tables that a config breaks: its persister would fail to store it. */
function columnProblems(bs: InBusinessService): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const s of bs.states) {
    const label = s.state ?? "(start)";
    if (s.state !== null) {
      if (names.has(s.state)) problems.push(`two states are named ${s.state} (unique constraint uk_eg_wf_state_v2 on state and businessserviceid)`);
      names.add(s.state);
    }
    if ((s.state?.length ?? 0) > 256) problems.push(`state ${label.slice(0, 40)}… is longer than 256 characters`);
    if ((s.applicationStatus?.length ?? 0) > 256) problems.push(`applicationStatus of state ${label} is longer than 256 characters`);
    for (const a of s.actions ?? []) {
      if (a.action === null) problems.push(`an action of state ${label} has no name (eg_wf_action_v2.action is NOT NULL)`);
      else if (a.action.length > 256) problems.push(`action ${a.action.slice(0, 40)}… of state ${label} is longer than 256 characters`);
      if (a.roles === null) problems.push(`action ${a.action ?? "(unnamed)"} of state ${label} has no roles (eg_wf_action_v2.roles is NOT NULL)`);
      else if (a.roles.join(",").length > 1024) problems.push(`the roles of action ${a.action ?? "(unnamed)"} of state ${label} are longer than 1024 characters joined`);
    }
  }
  return problems;
}

/**
 * Reports (warning, or refusal under --strict) writes DIGIT answers 200 for but cannot store. Answers whether
 * the write may be stored.
 */
export function persistable(req: OperationRequest, ctx: MockContext, problems: string[]): boolean {
  for (const p of problems) {
    strictOnly(req, ctx, wfError(MOCK.notPersisted, `DIGIT answers 200 but its persister cannot store this request, so nothing of it is saved: ${p}.`));
  }
  return problems.length === 0;
}

/** What create stores. */
export function storedFromCreate(bs: InBusinessService, visibleFrom: number): BusinessService {
  return {
    uuid: bs.uuid as string,
    tenantId: bs.tenantId,
    businessService: bs.businessService,
    business: bs.business,
    businessServiceSla: bs.businessServiceSla,
    states: bs.states.map((s) => storedState(s, bs.uuid as string)),
    auditDetails: bs.auditDetails as AuditDetails,
    visibleFrom,
  };
}

function storedState(s: InState, bsUuid: string): WfState {
  return {
    uuid: s.uuid as string,
    tenantId: s.tenantId,
    businessServiceId: bsUuid,
    sla: s.sla,
    state: s.state,
    applicationStatus: s.applicationStatus,
    docUploadRequired: s.docUploadRequired,
    isStartState: s.isStartState,
    isTerminateState: s.isTerminateState,
    isStateUpdatable: s.isStateUpdatable,
    actions: (s.actions ?? []).map((a) => storedAction(a, s.uuid as string)),
    auditDetails: s.auditDetails as AuditDetails,
  };
}

function storedAction(a: InAction, stateUuid: string): WfAction {
  return {
    uuid: a.uuid as string,
    tenantId: a.tenantId,
    currentState: a.currentState ?? stateUuid,
    action: a.action as string,
    nextState: a.nextState as string,
    roles: (a.roles ?? []).slice(),
    active: a.active,
    auditDetails: a.auditDetails as AuditDetails,
  };
}

export function createProblems(bs: InBusinessService): string[] {
  return columnProblems(bs);
}

/**
 * Applies an update as DIGIT's persister does (egov-workflow-v2-persister.yml:190-276): the business service row by
 * uuid; states and actions inserted, or on a uuid conflict updated except applicationStatus (states) and active
 * (actions); nothing deleted. Answers the new stored form and the reasons the persister would fail (then nothing is
 * stored), reporting kept values as warnings.
 */
export function applyUpdate(
  req: OperationRequest,
  ctx: MockContext,
  current: BusinessService | undefined,
  bs: InBusinessService,
): { next: BusinessService | null; problems: string[] } {
  const problems = columnProblems(bs);
  if (bs.uuid === null) problems.push(`business service ${bs.businessService} has no uuid; DIGIT updates eg_wf_businessservice_v2 by uuid and its new states need it (businessserviceid is NOT NULL)`);
  else if (current === undefined) problems.push(`no business service has uuid ${bs.uuid} (its states reference it: fk_eg_wf_state)`);
  if (problems.length > 0 || current === undefined) return { next: null, problems };
  const next = structuredClone(current) as BusinessService;
  const audit = bs.auditDetails as AuditDetails;
  const touched = (a: AuditDetails): AuditDetails => ({ ...a, lastModifiedBy: audit.lastModifiedBy, lastModifiedTime: audit.lastModifiedTime });
  next.businessServiceSla = bs.businessServiceSla;
  next.businessService = bs.businessService;
  next.business = bs.business;
  next.auditDetails = touched(next.auditDetails);
  for (const s of bs.states) {
    let state = next.states.find((x) => x.uuid === s.uuid);
    if (state === undefined) {
      if (s.state !== null && next.states.some((x) => x.state === s.state)) {
        problems.push(`a new state (without uuid) is named ${s.state} like an existing one (unique constraint uk_eg_wf_state_v2); send the stored uuid to change it`);
        continue;
      }
      state = { ...storedState(s, next.uuid), actions: [] };
      next.states.push(state);
    } else {
      if (s.applicationStatus !== state.applicationStatus) {
        strictOnly(req, ctx, wfError(MOCK.notUpdated, `DIGIT's update never changes the applicationStatus of an existing state: ${stateLabel(state)} keeps ${String(state.applicationStatus)}.`));
      }
      Object.assign(state, {
        state: s.state,
        sla: s.sla,
        docUploadRequired: s.docUploadRequired,
        isStartState: s.isStartState,
        isTerminateState: s.isTerminateState,
        isStateUpdatable: s.isStateUpdatable,
        auditDetails: touched(state.auditDetails),
      });
    }
    for (const a of s.actions ?? []) {
      const existing = next.states.flatMap((x) => x.actions).find((x) => x.uuid === a.uuid);
      if (existing !== undefined) {
        Object.assign(existing, { action: a.action, nextState: a.nextState, roles: (a.roles ?? []).slice(), auditDetails: touched(existing.auditDetails) });
        continue;
      }
      if (a.active !== true) {
        strictOnly(
          req,
          ctx,
          wfError(MOCK.notUpdated, `DIGIT stores the new action ${a.action ?? "(unnamed)"} of state ${stateLabel(state)} with active = ${String(a.active)} and never reads it back; send "active": true.`),
        );
      }
      state.actions.push(storedAction(a, state.uuid));
    }
  }
  return { next: problems.length > 0 ? null : next, problems };
}

/**
 * A stored business service as DIGIT's search answers it (BusinessServiceRowMapper): tenantIds rewritten to the
 * requested tenant, null flags as false, businessServiceSla 0 when unset, only active actions, roles split from
 * their comma-joined column, no getUri/postUri (the persister reads them as `geturi`/`posturi` and stores null).
 */
export function searchWire(bs: BusinessService, tenantId: string): Obj {
  return structuredClone({
    tenantId,
    uuid: bs.uuid,
    businessService: bs.businessService,
    business: bs.business,
    businessServiceSla: bs.businessServiceSla ?? 0,
    states: bs.states.map((s) => stateWire(s, tenantId)),
    auditDetails: bs.auditDetails,
  });
}

/** A state as BusinessServiceRowMapper reads it (`tenantId` given to rewrite it to the requested tenant). */
export function stateWire(s: WfState, tenantId?: string): Obj {
  const actions = s.actions.filter((a) => a.active === true);
  return {
    uuid: s.uuid,
    tenantId: tenantId ?? s.tenantId,
    businessServiceId: s.businessServiceId,
    sla: s.sla,
    state: s.state,
    applicationStatus: s.applicationStatus,
    docUploadRequired: s.docUploadRequired ?? false,
    isStartState: s.isStartState ?? false,
    isTerminateState: s.isTerminateState ?? false,
    isStateUpdatable: s.isStateUpdatable ?? false,
    actions:
      actions.length === 0
        ? null
        : actions.map((a) => ({
            uuid: a.uuid,
            tenantId: tenantId ?? a.tenantId,
            currentState: a.currentState,
            action: a.action,
            nextState: a.nextState,
            roles: a.roles.join(",").split(","),
            auditDetails: a.auditDetails,
            active: true,
          })),
    auditDetails: s.auditDetails,
  };
}

/**
 * The mock's graph lint of a stored config (DIGIT checks none of it): one null-named start state, every action's
 * roles non-empty, every non-terminal state with an action, every non-terminal state reachable, actions unique per
 * state, nextState uuids that name a state. Each finding is a warning (a refusal under --strict).
 */
export function lintGraph(req: OperationRequest, ctx: MockContext, bs: BusinessService): void {
  const warn = (code: string, message: string) => strictOnly(req, ctx, wfError(code, `Business service ${bs.businessService}: ${message} DIGIT accepts this.`));
  if (bs.states.length === 0) {
    warn(MOCK.noStates, "has no states; DIGIT's searches never find a business service without states.");
    return;
  }
  const unnamed = bs.states.filter((s) => s.state === null || s.state === "");
  if (unnamed.length === 0) {
    const flagged = bs.states.filter((s) => s.isStartState === true);
    warn(
      MOCK.startState,
      `no state has a null name, and DIGIT starts every new instance at the state with a null name (isStartState is not read)${flagged.length === 1 ? `; the mock starts at ${stateLabel(flagged[0] as WfState)}, DIGIT fails with a NullPointerException` : ""}.`,
    );
  } else if (unnamed.length > 1) {
    warn(MOCK.startState, `${unnamed.length} states have a null name; DIGIT starts new instances at the first one.`);
  }
  const byUuid = new Map(bs.states.map((s) => [s.uuid, s]));
  for (const s of bs.states) {
    const label = stateLabel(s);
    const seen = new Set<string>();
    const actions = s.actions.filter((a) => a.active !== false);
    for (const a of actions) {
      if (seen.has(a.action.toLowerCase())) warn(MOCK.duplicateAction, `action ${a.action} appears twice in state ${label}; DIGIT takes the first.`);
      seen.add(a.action.toLowerCase());
      if (a.roles.length === 0 || a.roles.every((r) => r === "")) warn(MOCK.roles, `action ${a.action} of state ${label} has no roles; nobody can take it.`);
      if (!byUuid.has(a.nextState)) warn(MOCK.nextStateUuid, `action ${a.action} of state ${label} goes to ${a.nextState}, which is no state of it; taking it fails in DIGIT.`);
    }
    if (actions.length === 0 && s.isTerminateState !== true) warn(MOCK.deadEnd, `state ${label} has no actions but is not marked isTerminateState: true.`);
  }
  const start = digitStartState(bs) ?? bs.states.find((s) => s.isStartState === true);
  if (start === undefined) return;
  const reached = new Set<string>([start.uuid]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift() as WfState;
    for (const a of current.actions) {
      const target = byUuid.get(a.nextState);
      if (target !== undefined && !reached.has(target.uuid)) {
        reached.add(target.uuid);
        queue.push(target);
      }
    }
  }
  for (const s of bs.states) {
    if (!reached.has(s.uuid) && s.isTerminateState !== true) warn(MOCK.unreachable, `state ${stateLabel(s)} cannot be reached from the start state.`);
  }
}
