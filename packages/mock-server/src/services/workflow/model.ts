/** The workflow state slice and the DIGIT shapes it stores. */
import type { AuditDetails } from "../../core/types.js";

export interface WfAction {
  uuid: string;
  tenantId: string;
  /** uuid of the state this action leaves from. */
  currentState: string;
  action: string;
  /** uuid of the target state (DIGIT stores ids, configs send names). */
  nextState: string;
  roles: string[];
  active: boolean;
  auditDetails: AuditDetails;
  [extra: string]: unknown;
}

export interface WfState {
  uuid: string;
  tenantId: string;
  businessServiceId: string;
  sla: number | null;
  state: string | null;
  applicationStatus: string | null;
  docUploadRequired: boolean;
  isStartState: boolean;
  isTerminateState: boolean;
  isStateUpdatable: boolean;
  actions: WfAction[];
  auditDetails: AuditDetails;
  [extra: string]: unknown;
}

export interface BusinessService {
  uuid: string;
  tenantId: string;
  businessService: string;
  business?: string;
  businessServiceSla: number | null;
  getUri?: string;
  postUri?: string;
  states: WfState[];
  auditDetails: AuditDetails;
  /** Epoch ms from which searches see this business service (write lag; updates keep the first value). */
  visibleFrom: number;
  [extra: string]: unknown;
}

export interface StoredProcessInstance {
  id: string;
  tenantId: string;
  businessService: string;
  businessId: string;
  action: string;
  moduleName: string | null;
  /** Snapshot of the state entered by this transition. */
  state: WfState;
  comment?: string;
  documents?: unknown[];
  assigner: Record<string, unknown> | null;
  assignes: Record<string, unknown>[];
  previousStatus?: string;
  rating: number | null;
  escalated: boolean;
  auditDetails: AuditDetails;
  /** Epoch ms from which searches see this instance (write lag). */
  visibleFrom: number;
}

export interface WorkflowSlice {
  /** Business services by tenantId, then businessService code. */
  businessServices: Record<string, Record<string, BusinessService>>;
  /** Process instances by tenantId, then businessId, oldest first. */
  processes: Record<string, Record<string, StoredProcessInstance[]>>;
}

/** The start state: the one named null/empty (DIGIT's convention), else the single `isStartState` one. */
export function startStateOf(bs: BusinessService): WfState | undefined {
  return bs.states.find((s) => s.state === null || s.state === "") ?? bs.states.find((s) => s.isStartState);
}

export function stateByUuid(bs: BusinessService, uuid: string): WfState | undefined {
  return bs.states.find((s) => s.uuid === uuid);
}

export function stateLabel(state: WfState): string {
  return state.state === null || state.state === "" ? "(start)" : state.state;
}
