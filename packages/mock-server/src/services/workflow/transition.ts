/**
 * `process/_transition` as WorkflowService.transition runs it (WorkflowService.java:70-78): TransitionService
 * (business service, current state, action), EnrichmentService (ids, audit, SLAs, next actions, users),
 * WorkflowValidator (rating, roles, assignees, citizens, documents), StatusUpdateService. The first failing check
 * answers; nothing is stored unless every instance passes.
 */
import type { AuditDetails, MockContext, OperationHandler, OperationRequest, RoleRef, StoredUser } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { handle } from "../shared/respond.js";
import { isRecord } from "../shared/values.js";
import { stateWire } from "./config.js";
import { fail, MOCK, unhandled, WF, wfError } from "./errors.js";
import { actingRoles, anyRole, findV1, hasRoleFor, stateTenantOf, v1TenantFor } from "./lookup.js";
import {
  activeActions,
  childOf,
  digitStartState,
  own,
  rolesAllowedInService,
  put,
  stateByUuid,
  type BusinessService,
  type StoredProcessInstance,
  type WfAction,
  type WfDocument,
  type WfState,
  type WorkflowSlice,
} from "./model.js";
import { userInfoOf, wfOk, wfUser } from "./present.js";

type Obj = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
/** Java's string concatenation of a possibly null value. */
const j = (v: unknown): string => (v === null || v === undefined ? "null" : String(v));

/** Every record of a businessId at a tenant, oldest first. */
export function historyOf(slice: WorkflowSlice, tenantId: string, businessId: string): StoredProcessInstance[] {
  return own(own(slice.processes, tenantId), businessId) ?? [];
}

/**
 * The record DIGIT's search answers as the current one: the latest by lastModifiedTime. (DIGIT answers every record
 * sharing the latest millisecond; the mock takes the last written one, so tests with a frozen clock see one.)
 */
export function latestOf(records: readonly StoredProcessInstance[]): StoredProcessInstance | undefined {
  let latest: StoredProcessInstance | undefined;
  for (const r of records) if (latest === undefined || r.auditDetails.lastModifiedTime >= latest.auditDetails.lastModifiedTime) latest = r;
  return latest;
}

/** The uuids of a record's assignees (older state files stored user objects). */
export function assigneeUuids(p: StoredProcessInstance): string[] {
  return (p.assignes as unknown[]).map((a) => (isRecord(a) ? text(a["uuid"]) : text(a))).filter((u): u is string => u !== null);
}

interface Planned {
  item: Obj;
  stored: StoredProcessInstance | undefined;
  current: WfState;
  action: WfAction;
  /** The action's roles, with "*" replaced by every role of the business service. */
  roles: string[];
  resultant: WfState | undefined;
  selfLoop: boolean;
}

/** Next actions of a state for the caller: its actions the caller may take at the tenant, de-duplicated, by name. */
export function nextActionsFor(actions: readonly Obj[], roles: readonly RoleRef[], tenantId: string): Obj[] {
  const out: Obj[] = [];
  for (const a of actions) {
    const actionRoles = Array.isArray(a["roles"]) ? (a["roles"] as string[]) : [];
    if (!hasRoleFor(roles, tenantId, actionRoles)) continue;
    if (out.some((o) => o["tenantId"] === a["tenantId"] && o["currentState"] === a["currentState"] && o["action"] === a["action"])) continue;
    out.push(a);
  }
  return out.sort((x, y) => (String(x["action"]) < String(y["action"]) ? -1 : String(x["action"]) > String(y["action"]) ? 1 : 0));
}

/** The roles the request's user holds (the gateway's user, or RequestInfo.userInfo from an internal caller). */
function callerRoles(req: OperationRequest): RoleRef[] {
  return req.caller?.user.roles ?? [];
}

function documentsOf(value: unknown, tenantId: string | null, audit: AuditDetails, ctx: MockContext): WfDocument[] | null | undefined {
  if (!Array.isArray(value)) return value === null ? null : undefined;
  return value.filter(isRecord).map((d) => ({
    id: ctx.uuid(),
    tenantId,
    documentType: text(d["documentType"]),
    fileStoreId: text(d["fileStoreId"]),
    documentUid: text(d["documentUid"]),
    auditDetails: audit,
  }));
}

/** Column limits of eg_wf_processinstance_v2 and eg_wf_document_v2 a transition breaks (DIGIT answers 200, stores nothing). */
function columnProblems(item: Obj, moduleName: string, documents: WfDocument[] | null | undefined): string[] {
  const problems: string[] = [];
  const limit = (field: string, value: unknown, max: number) => {
    if (typeof value === "string" && value.length > max) problems.push(`${field} is longer than ${max} characters`);
  };
  limit("tenantId", item["tenantId"], 128);
  limit("businessService", item["businessService"], 128);
  limit("businessId", item["businessId"], 128);
  limit("action", item["action"], 128);
  limit("moduleName (the business service's business)", moduleName, 64);
  limit("comment", item["comment"], 1024);
  limit("previousStatus", item["previousStatus"], 128);
  if (typeof item["rating"] === "number" && (item["rating"] < -32768 || item["rating"] > 32767)) problems.push("rating does not fit eg_wf_processinstance_v2.rating (SMALLINT)");
  for (const d of documents ?? []) {
    for (const f of ["documentType", "fileStoreId", "documentUid", "tenantId"] as const) limit(`documents[].${f}`, d[f], 64);
  }
  if (text(item["businessId"]) === null) problems.push("the instance has no businessId (the mock keys instances by it)");
  return problems;
}

export interface TransitionResult {
  wire: Obj[];
  records: StoredProcessInstance[];
}

/**
 * Validates and enriches a batch of transitions as DIGIT does, answering the wire form and the records to store
 * (nothing is stored here). Throws DIGIT's error for the first failing check.
 */
export function planTransitions(req: OperationRequest, ctx: MockContext, slice: WorkflowSlice, items: Obj[]): TransitionResult {
  const now = ctx.now();
  const first = items[0];
  if (first === undefined) fail(unhandled("IndexOutOfBoundsException", "Index 0 out of bounds for length 0"));
  const tenant0 = text(first["tenantId"]);
  const code0 = text(first["businessService"]);

  // TransitionService.getBusinessService (:158-171): one lookup, with the first instance's tenant and code.
  const bs: BusinessService | undefined = tenant0 !== null && code0 !== null ? findV1(slice, ctx, tenant0, code0) : undefined;
  if (bs === undefined || bs.states.length === 0) {
    const cityLevel = tenant0 !== null && code0 !== null && v1TenantFor(ctx, tenant0, code0) !== tenant0 ? own(own(slice.businessServices, tenant0), code0) : undefined;
    fail(
      wfError(
        WF.businessServiceError,
        `No bussinessService object found for businessSerice: ${j(code0)} and tenantId: ${j(tenant0)}`,
        cityLevel !== undefined
          ? `A business service ${j(code0)} exists at ${j(tenant0)}, but DIGIT looks ${j(code0)} up at the state tenant ${stateTenantOf(tenant0 as string)} unless MDMS Workflow.BusinessServiceMasterConfig maps it to isStatelevel "false".`
          : undefined,
      ),
    );
  }
  const allowed = rolesAllowedInService(bs);

  // TransitionService.getProcessStateAndActions (:48-118)
  const planned: Planned[] = items.map((item) => {
    const businessId = text(item["businessId"]);
    const stored = businessId === null ? undefined : latestOf(historyOf(slice, tenant0 as string, businessId));
    let current: WfState | undefined = stored === undefined ? digitStartState(bs) : (stateByUuid(bs, stored.state.uuid) ?? stored.state);
    if (current === undefined) {
      const flagged = bs.states.filter((s) => s.isStartState === true);
      strictOnly(
        req,
        ctx,
        unhandled(
          "NullPointerException",
          `Business service ${bs.businessService} has no state with a null name, where DIGIT starts new instances${flagged.length === 1 ? "; the mock starts at the isStartState one" : ""}.`,
        ),
      );
      current = flagged.length === 1 ? flagged[0] : undefined;
      if (current === undefined) fail(unhandled("NullPointerException", 'Cannot invoke "org.egov.wf.web.models.State.getActions()" because the current state is null'));
    }
    const wanted = text(item["action"]);
    const action = activeActions(current).find((a) => wanted !== null && a.action.toLowerCase() === wanted.toLowerCase());
    if (action === undefined) fail(wfError(WF.invalidAction, `Action ${j(item["action"])} not found in config for the businessId: ${j(businessId)}`));
    const roles = action.roles.includes("*") ? allowed : action.roles;
    const resultant = stateByUuid(bs, action.nextState);
    return { item, stored, current, action, roles, resultant, selfLoop: action.currentState.toLowerCase() === action.nextState.toLowerCase() };
  });

  // EnrichmentService.enrichProcessRequest (:65-91): one audit object shared by the batch.
  const info = userInfoOf(req);
  const by = text(info?.["uuid"]);
  if (info === null) fail(unhandled("NullPointerException", 'Cannot invoke "org.egov.common.contract.request.User.getUuid()" because the return value of "RequestInfo.getUserInfo()" is null'));
  const audit: AuditDetails = { createdBy: by ?? "", lastModifiedBy: by ?? "", createdTime: now, lastModifiedTime: now };
  for (const p of planned) {
    if (!p.selfLoop) continue;
    if (p.stored === undefined) fail(unhandled("NullPointerException", 'Cannot invoke "ProcessInstance.getAuditDetails()" because the return value of "getProcessInstanceFromDb()" is null'));
    audit.createdBy = p.stored.auditDetails.createdBy;
    audit.createdTime = p.stored.auditDetails.createdTime;
  }
  const roles = callerRoles(req);
  const enriched = planned.map((p) => {
    if (p.resultant === undefined) fail(unhandled("NullPointerException", 'Cannot invoke "org.egov.wf.web.models.State.getSla()" because the resultant state is null'));
    const tenantId = text(p.item["tenantId"]);
    const documents = documentsOf(p.item["documents"], tenantId, audit, ctx);
    let stateSla = p.selfLoop ? (typeof p.item["stateSla"] === "number" ? p.item["stateSla"] : null) : p.resultant.sla;
    let businessServiceSla: number | null = bs.businessServiceSla ?? 0;
    if (p.stored !== undefined) {
      const spent = now - p.stored.auditDetails.lastModifiedTime;
      businessServiceSla = (p.stored.businessServiceSla ?? 0) - spent;
      // The stored record's stateSla as DIGIT's row mapper reads it is the state's configured sla.
      const storedStateSla = (stateByUuid(bs, p.stored.state.uuid) ?? p.stored.state).sla;
      if (p.selfLoop && storedStateSla !== null) stateSla = storedStateSla - spent;
    }
    const resultantWire = stateWire(p.resultant);
    const nextActions = nextActionsFor((resultantWire["actions"] as Obj[] | null) ?? [], roles, tenantId ?? "");
    return { ...p, resultant: p.resultant, tenantId, documents, stateSla, businessServiceSla, resultantWire, nextActions };
  });

  // EnrichmentService.enrichUsers (:129-168): one egov-user search for every uuid involved.
  const requested = (p: Planned) => (Array.isArray(p.item["assignes"]) ? p.item["assignes"].filter(isRecord).map((a) => text(a["uuid"])) : []);
  const uuids = [...enriched.flatMap((p) => [...requested(p), ...(p.stored ? assigneeUuids(p.stored) : [])]), by];
  const users = new Map<string, StoredUser>();
  for (const uuid of uuids) {
    const user = uuid === null ? undefined : ctx.users.byUuid(uuid);
    if (user !== undefined && uuid !== null) users.set(uuid, user);
  }
  const callerKnown = by !== null && users.has(by);
  if (!callerKnown) {
    strictOnly(req, ctx, wfError(MOCK.unknownCaller, `The caller ${j(by)} (RequestInfo.userInfo) is no user of egov-user; DIGIT answers INVALID UUID "User not found for uuid: ${j(by)}".`));
  }
  if (users.size === 0 && !callerKnown && uuids.some((u) => u !== by)) {
    fail(wfError(WF.invalidUserSpace, `No user found for the uuids: [${uuids.map(j).join(", ")}]`));
  }
  let unknownUuid: string | null = null;
  for (const p of enriched) {
    for (const uuid of requested(p)) if (uuid === null || !users.has(uuid)) unknownUuid = `User not found for uuid: ${j(uuid)}`;
  }
  if (unknownUuid !== null) fail(wfError(WF.invalidUuid, unknownUuid));
  const assigner = callerKnown ? wfUser(users.get(by as string) as StoredUser) : info;

  // WorkflowValidator.validateAction (:99-190), per instance; the first failure answers.
  const isCitizen = String(info["type"] ?? "").toUpperCase() === "CITIZEN";
  for (const p of enriched) {
    const tenantId = p.tenantId ?? "";
    const held = actingRoles(roles, tenantId);
    if (p.item["rating"] !== null && p.item["rating"] !== undefined && p.action.action.toUpperCase() !== "RATE") {
      fail(wfError(WF.invalidActionRating, "Rating can be given only upon taking RATE action."));
    }
    if (!p.selfLoop && !anyRole(held, p.roles)) fail(wfError(WF.invalidRole, "User is not authorized to perform action"));
    if (p.selfLoop && !anyRole(held, allowed)) fail(wfError(WF.invalidRole, "User is not authorized to perform action"));
    const nextStateRoles = activeActions(p.resultant)
      .filter((a) => a.currentState.toLowerCase() !== a.nextState.toLowerCase())
      .flatMap((a) => a.roles);
    if (!p.selfLoop) {
      for (const uuid of requested(p)) {
        const user = users.get(uuid as string) as StoredUser;
        if (!hasRoleFor(user.roles, tenantId, nextStateRoles)) fail(wfError(WF.invalidAssignee, `Cannot assign to the user: ${user.uuid}`));
      }
    }
    if (isCitizen && p.stored !== undefined && p.stored.action.toUpperCase() === "SENDBACKTOCITIZEN" && !assigneeUuids(p.stored).includes(by ?? "")) {
      fail(wfError(WF.invalidUser, `The user: ${j(by)} is not authorized to take action`));
    }
  }
  // validateDocuments (:81-91), then validateAssignes (:210-245): one error each, the last message wins.
  let documentError: string | null = null;
  for (const p of enriched) {
    if (p.resultant.docUploadRequired === true && (p.documents === null || p.documents === undefined || p.documents.length === 0)) {
      documentError = `Documents cannot be null for status: ${j(p.resultant.state)}`;
    }
  }
  if (documentError !== null) fail(wfError(WF.invalidDocument, documentError));
  if (isCitizen) {
    let citizenError: string | null = null;
    for (const p of enriched) {
      if (p.stored === undefined) continue;
      const citizens = assigneeUuids(p.stored).filter((u) => users.get(u)?.type === "CITIZEN");
      if (citizens.length > 0 && !citizens.includes(by ?? "")) citizenError = `Citizen not authorized to perform action on application: ${p.stored.businessId}`;
    }
    if (citizenError !== null) fail(wfError(WF.invalidUser, citizenError));
  }

  // StatusUpdateService.updateStatus (:37-52) and the answer (the request's instances after enrichment).
  const wire: Obj[] = [];
  const records: StoredProcessInstance[] = [];
  const problems: string[] = [];
  for (const p of enriched) {
    const item = p.item;
    const sentState = item["state"];
    const previousStatus = isRecord(sentState) ? text(sentState["uuid"]) : text(item["previousStatus"]);
    const assignes = requested(p).map((u) => wfUser(users.get(u as string) as StoredUser));
    const sentAssignes = item["assignes"];
    wire.push({
      id: ctx.uuid(),
      tenantId: p.tenantId,
      businessService: text(item["businessService"]),
      businessId: text(item["businessId"]),
      action: text(item["action"]),
      moduleName: bs.business,
      state: p.resultantWire,
      comment: text(item["comment"]),
      documents: p.documents ?? null,
      assigner,
      assignes: assignes.length > 0 ? assignes : Array.isArray(sentAssignes) ? [] : null,
      nextActions: p.nextActions,
      stateSla: p.stateSla,
      businesssServiceSla: p.businessServiceSla,
      previousStatus,
      entity: isRecord(item["entity"]) ? item["entity"] : null,
      auditDetails: audit,
      rating: typeof item["rating"] === "number" ? item["rating"] : null,
      escalated: item["escalated"] === true,
    });
    problems.push(...columnProblems({ ...item, previousStatus }, bs.business, p.documents));
    const id = wire[wire.length - 1]?.["id"] as string;
    records.push({
      id,
      tenantId: p.tenantId ?? "",
      businessService: text(item["businessService"]) ?? bs.businessService,
      businessId: text(item["businessId"]) ?? "",
      action: text(item["action"]) ?? p.action.action,
      moduleName: bs.business,
      state: structuredClone(p.resultant),
      comment: text(item["comment"]),
      documents: p.documents ?? null,
      assigner: by,
      assignes: requested(p).filter((u): u is string => u !== null),
      stateSla: p.stateSla,
      businessServiceSla: p.businessServiceSla,
      previousStatus,
      rating: typeof item["rating"] === "number" ? item["rating"] : null,
      // DIGIT's persister does not write `escalated` (egov-workflow-v2-persister.yml:10-45): it stays false.
      escalated: false,
      auditDetails: { ...audit },
      visibleFrom: now + ctx.options.writeLagMs,
    });
  }
  for (const problem of problems) {
    strictOnly(req, ctx, wfError(MOCK.notPersisted, `DIGIT answers 200 but its persister cannot store this transition, so nothing of the request is saved: ${problem}.`));
  }
  return { wire: structuredClone(wire), records: problems.length > 0 ? [] : records };
}

/** Appends transition records to each instance's history. */
export function storeRecords(slice: WorkflowSlice, records: StoredProcessInstance[]): void {
  for (const r of records) {
    const byId = childOf(slice.processes, r.tenantId);
    const history = own(byId, r.businessId);
    if (history === undefined) put(byId, r.businessId, [r]);
    else history.push(r);
  }
}

export const transition: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const list = req.body["ProcessInstances"];
    const items = (Array.isArray(list) ? list : isRecord(list) ? [list] : []).filter(isRecord);
    const { wire, records } = planTransitions(req, ctx, slice, items);
    storeRecords(slice, records);
    return wfOk(req, ctx.now(), { ProcessInstances: wire, totalCount: null });
  });
