/** The workflow state slice and the DIGIT shapes it stores. */
import type { AuditDetails } from "../../core/types.js";

export interface WfAction {
  uuid: string;
  tenantId: string | null;
  /** uuid of the state this action leaves from. */
  currentState: string;
  action: string;
  /** uuid of the target state (DIGIT stores ids, configs send names). */
  nextState: string;
  roles: string[];
  /** DIGIT filters every read by `active = TRUE`; an action stored with null is invisible. */
  active: boolean | null;
  auditDetails: AuditDetails;
}

export interface WfState {
  uuid: string;
  tenantId: string | null;
  businessServiceId: string;
  sla: number | null;
  state: string | null;
  applicationStatus: string | null;
  docUploadRequired: boolean | null;
  isStartState: boolean | null;
  isTerminateState: boolean | null;
  isStateUpdatable: boolean | null;
  actions: WfAction[];
  auditDetails: AuditDetails;
}

export interface BusinessService {
  uuid: string;
  tenantId: string;
  businessService: string;
  business: string;
  businessServiceSla: number | null;
  /** States in insertion order (DIGIT's `seq`). */
  states: WfState[];
  auditDetails: AuditDetails;
  /** Epoch ms from which searches see this business service (write lag; updates keep the first value). */
  visibleFrom: number;
}

export interface WfDocument {
  id: string;
  tenantId: string | null;
  documentType: string | null;
  fileStoreId: string | null;
  documentUid: string | null;
  auditDetails: AuditDetails;
}

/** One row of DIGIT's eg_wf_processinstance_v2 (with its assignees and documents). */
export interface StoredProcessInstance {
  id: string;
  tenantId: string;
  businessService: string;
  businessId: string;
  /** The action as the client spelled it. */
  action: string;
  moduleName: string | null;
  /** Snapshot of the state entered (its uuid is DIGIT's `status` column). */
  state: WfState;
  comment: string | null;
  documents: WfDocument[] | null;
  /** uuid of the user who took the action. */
  assigner: string | null;
  /** uuids of the assignees. */
  assignes: string[];
  /** Milliseconds left in the state / the business service when this record was written. */
  stateSla: number | null;
  businessServiceSla: number | null;
  previousStatus: string | null;
  rating: number | null;
  /** Set by auto-escalation (DIGIT's stock persister does not write it: see docs/mock-server.md). */
  escalated: boolean;
  auditDetails: AuditDetails;
  /** Epoch ms from which searches see this instance (write lag). */
  visibleFrom: number;
}

export interface WorkflowSlice {
  /** Business services by tenantId, then businessService code (own keys only: see {@link own}). */
  businessServices: Record<string, Record<string, BusinessService>>;
  /** Process instances by tenantId, then businessId, oldest first. */
  processes: Record<string, Record<string, StoredProcessInstance[]>>;
}

/**
 * `map[key]` when `key` is an own property: tenant ids, codes and businessIds come from requests, and a key like
 * `__proto__` or `constructor` must never reach Object.prototype.
 */
export function own<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** Sets `map[key]` as an own data property (safe for `__proto__`). */
export function put<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The nested map under `key`, created when missing. */
export function childOf<T>(map: Record<string, Record<string, T>>, key: string): Record<string, T> {
  let child = own(map, key);
  if (child === undefined) {
    child = {};
    put(map, key, child);
  }
  return child;
}

/** Own values of a map. */
export function valuesOf<T>(map: Record<string, T> | undefined): T[] {
  return map === undefined ? [] : Object.keys(map).map((k) => map[k] as T);
}

export function stateByUuid(bs: BusinessService, uuid: string | null | undefined): WfState | undefined {
  if (typeof uuid !== "string") return undefined;
  const lower = uuid.toLowerCase();
  return bs.states.find((s) => s.uuid.toLowerCase() === lower);
}

/** DIGIT's start state: the first state whose `state` name is null or empty (TransitionService.java:74-81). */
export function digitStartState(bs: BusinessService): WfState | undefined {
  return bs.states.find((s) => s.state === null || s.state === "");
}

export function stateLabel(state: WfState): string {
  return state.state === null || state.state === "" ? "(start)" : state.state;
}

/** The actions DIGIT reads (`ac.active = TRUE`). */
export function activeActions(state: WfState): WfAction[] {
  return state.actions.filter((a) => a.active === true);
}

/** Every role of every (active) action of the business service (WorkflowUtil.rolesAllowedInService). */
export function rolesAllowedInService(bs: BusinessService): string[] {
  return bs.states.flatMap((s) => activeActions(s).flatMap((a) => a.roles));
}
