/**
 * `process/_search`, `_count`, `_statuscount`, `_nearingslacount` and `escalate/_search` as WorkflowService and
 * WorkflowQueryBuilder run them: ordinary searches (latest record per businessId, businessIds as substrings in
 * searches and exact in counts, 10 per page and at most 100) and the caller's inbox when no businessIds, ids,
 * status or assignee are given.
 */
import type { MockContext, OperationHandler, OperationRequest, RoleRef, StoredUser } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { handle } from "../shared/respond.js";
import { isRecord } from "../shared/values.js";
import { bindProcessCriteria, isInbox, type ProcessCriteria } from "./bean.js";
import { fail, MOCK, unhandled, WF, wfError } from "./errors.js";
import { allBusinessServices, findV2, isStateLevelTenant, stateLevelMapping, stateTenantOf } from "./lookup.js";
import { own, valuesOf, type BusinessService, type StoredProcessInstance, type WfState, type WorkflowSlice } from "./model.js";
import { userInfoOf, wfUser } from "./present.js";
import { assigneeUuids, latestOf, nextActionsFor } from "./transition.js";

type Obj = Record<string, unknown>;

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/** The query criteria, bean-validated (NotNull tenantId, businessIds ≥ 4 characters, numbers and booleans). */
function queryCriteria(req: OperationRequest): ProcessCriteria {
  const { criteria, errors } = bindProcessCriteria(req.query);
  if (criteria === null) fail(...errors);
  return criteria;
}

/** Postgres refuses a negative OFFSET or LIMIT; the tracer answers QUERY_EXECUTION_ERROR. */
function page(c: ProcessCriteria): { offset: number; limit: number } {
  const offset = c.offset ?? 0;
  const limit = c.limit === undefined ? DEFAULT_LIMIT : Math.min(c.limit, MAX_LIMIT);
  if (offset < 0 || limit < 0) fail(wfError(WF.queryExecution, "Database operation failed", "An error occurred while processing the database request."));
  return { offset, limit };
}

/** SQL `LIKE '%value%'` (`%` and `_` in the value are wildcards too), case-sensitive. */
function likeAnywhere(value: string): RegExp {
  const body = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(body, "s");
}

/** States by uuid across every business service (the search joins eg_wf_state_v2 on the record's status). */
function stateIndex(slice: WorkflowSlice): Map<string, { state: WfState; bs: BusinessService }> {
  const index = new Map<string, { state: WfState; bs: BusinessService }>();
  for (const bs of allBusinessServices(slice)) for (const state of bs.states) index.set(state.uuid, { state, bs });
  return index;
}

/** Visible records at exactly `tenantId`: the latest per businessId, or all with history. */
function recordsAt(slice: WorkflowSlice, tenantId: string, history: boolean, now: number): StoredProcessInstance[] {
  const out: StoredProcessInstance[] = [];
  for (const all of valuesOf(own(slice.processes, tenantId))) {
    const visible = all.filter((p) => p.visibleFrom <= now);
    if (history) out.push(...visible);
    else {
      const latest = latestOf(visible);
      if (latest !== undefined) out.push(latest);
    }
  }
  return out;
}

/** Newest first by lastModifiedTime (ties: the later write first). */
function newestFirst(records: StoredProcessInstance[]): StoredProcessInstance[] {
  return records
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.auditDetails.lastModifiedTime - a.p.auditDetails.lastModifiedTime || b.i - a.i)
    .map((x) => x.p);
}

const nonEmpty = (list: string[] | undefined): list is string[] => list !== undefined && list.length > 0;
const filled = (value: string | undefined): value is string => value !== undefined && value !== "";

/**
 * The ordinary filters. `fuzzy`: businessIds as substrings (searches) or exact (counts); `moduleName` is ignored by
 * the counts.
 */
function ordinaryFilter(c: ProcessCriteria, fuzzy: boolean): (p: StoredProcessInstance) => boolean {
  const patterns = nonEmpty(c.businessIds) ? c.businessIds.map(likeAnywhere) : [];
  return (p) =>
    (!nonEmpty(c.ids) || c.ids.includes(p.id)) &&
    (!nonEmpty(c.businessIds) || (fuzzy ? patterns.some((re) => re.test(p.businessId)) : c.businessIds.includes(p.businessId))) &&
    (!nonEmpty(c.status) || c.status.includes(p.state.uuid)) &&
    (c.assignee === undefined || assigneeUuids(p).includes(c.assignee)) &&
    (!filled(c.businessService) || p.businessService === c.businessService) &&
    (!fuzzy || !filled(c.moduleName) || p.moduleName === c.moduleName);
}

/**
 * The caller's inbox (WorkflowService.enrichSearchCriteriaFromUser, WorkflowUtil.enrichStatusesInSearchCriteria,
 * WorkflowQueryBuilder.getInboxIdQuery): latest records at the tenant assigned to the caller, or in a state on which
 * one of the caller's roles can act (roles held at a city for that city; roles held at a state tenant only widen
 * the inbox for BPAREG). `noStatuses`: the caller's roles act on no state at all (the search then answers nothing).
 */
function inboxFilter(
  ctx: MockContext,
  slice: WorkflowSlice,
  c: ProcessCriteria,
  caller: { uuid: string; roles: RoleRef[] },
): { filter: (p: StoredProcessInstance) => boolean; noStatuses: boolean } {
  const mapping = stateLevelMapping(ctx, c.tenantId);
  const roleTenantStatuses = new Map<string, Map<string, string[]>>();
  for (const bs of allBusinessServices(slice)) {
    // BusinessServiceRepositoryV1.filterBusinessServices: state-level codes only from state tenants and vice versa.
    if ((mapping.get(bs.businessService) ?? true) !== isStateLevelTenant(bs.tenantId)) continue;
    for (const state of bs.states) {
      for (const action of state.actions.filter((a) => a.active === true)) {
        for (const role of action.roles) {
          const byTenant = roleTenantStatuses.get(role) ?? new Map<string, string[]>();
          byTenant.set(bs.tenantId, [...(byTenant.get(bs.tenantId) ?? []), state.uuid]);
          roleTenantStatuses.set(role, byTenant);
        }
      }
    }
  }
  const roleTenants = new Map<string, string[]>();
  for (const r of caller.roles) roleTenants.set(r.code, [...(roleTenants.get(r.code) ?? []), r.tenantId]);
  const tenantSpecific = new Set<string>();
  const irrespective = new Set<string>();
  for (const [role, tenants] of roleTenants) {
    const byTenant = roleTenantStatuses.get(role);
    if (byTenant === undefined) continue;
    const stateLevelRole = tenants.some((t) => isStateLevelTenant(t));
    for (const [tenantKey, statuses] of byTenant) {
      if (!stateLevelRole && tenants.includes(tenantKey)) for (const s of statuses) tenantSpecific.add(`${tenantKey}:${s}`);
      if (!stateLevelRole && isStateLevelTenant(tenantKey)) for (const t of tenants) for (const s of statuses) tenantSpecific.add(`${t}:${s}`);
      if (stateLevelRole) for (const s of statuses) irrespective.add(s);
    }
  }
  const assigned = (p: StoredProcessInstance) => assigneeUuids(p).includes(caller.uuid);
  const byService = (p: StoredProcessInstance) => !filled(c.businessService) || p.businessService === c.businessService;
  let match: (p: StoredProcessInstance) => boolean;
  if (tenantSpecific.size > 0) match = (p) => assigned(p) || tenantSpecific.has(`${p.tenantId}:${p.state.uuid}`) || irrespective.has(p.state.uuid);
  else if (c.moduleName === "BPAREG" && irrespective.size > 0) match = (p) => assigned(p) || irrespective.has(p.state.uuid);
  else match = assigned;
  return { filter: (p) => match(p) && byService(p), noStatuses: tenantSpecific.size === 0 && irrespective.size === 0 };
}

function callerOf(req: OperationRequest): { uuid: string; roles: RoleRef[] } {
  const info = userInfoOf(req);
  if (info === null || typeof info["uuid"] !== "string") {
    fail(unhandled("NullPointerException", 'Cannot invoke "org.egov.common.contract.request.User.getUuid()" because the return value of "RequestInfo.getUserInfo()" is null'));
  }
  return { uuid: info["uuid"], roles: req.caller?.user.roles ?? [] };
}

/** A record as DIGIT's search answers it (WorkflowRowMapper, enrichment of users, next actions and SLAs). */
function searchWire(
  req: OperationRequest,
  ctx: MockContext,
  p: StoredProcessInstance,
  states: Map<string, { state: WfState; bs: BusinessService }>,
  now: number,
  roles: RoleRef[],
): Obj {
  const found = states.get(p.state.uuid);
  const state = found?.state ?? p.state;
  const actions = state.actions
    .filter((a) => a.active === true)
    .map((a) => ({ uuid: a.uuid, tenantId: a.tenantId, currentState: a.currentState, action: a.action, nextState: a.nextState, roles: a.roles.join(",").split(","), active: null }));
  const stateWire = {
    uuid: state.uuid,
    tenantId: state.tenantId,
    businessServiceId: state.businessServiceId,
    sla: state.sla,
    state: state.state,
    applicationStatus: state.applicationStatus,
    docUploadRequired: state.docUploadRequired ?? false,
    isStartState: state.isStartState ?? false,
    isTerminateState: state.isTerminateState ?? false,
    isStateUpdatable: null,
    actions: actions.length === 0 ? null : actions,
    // DIGIT answers auditDetails: null here (the shared AuditDetails schema is not nullable, so the mock leaves it out).
  };
  const since = now - p.auditDetails.lastModifiedTime;
  const user = (uuid: string | null): Obj | null => {
    if (uuid === null) return null;
    const u: StoredUser | undefined = ctx.users.byUuid(uuid);
    if (u !== undefined) return wfUser(u);
    strictOnly(req, ctx, wfError(MOCK.unknownCaller, `User ${uuid} of ${p.businessId} is no user of egov-user; DIGIT's search answers INVALID UUID "User not found for uuid: ${uuid}".`));
    return { id: null, userName: null, name: null, type: null, mobileNumber: null, emailId: null, roles: null, tenantId: null, uuid };
  };
  const assignes = assigneeUuids(p);
  return structuredClone({
    id: p.id,
    tenantId: p.tenantId,
    businessService: p.businessService,
    businessId: p.businessId,
    action: p.action,
    moduleName: p.moduleName,
    state: stateWire,
    comment: p.comment ?? null,
    documents: p.documents === null || p.documents.length === 0 ? null : p.documents,
    assigner: user(p.assigner),
    assignes: assignes.length === 0 ? null : assignes.map(user),
    // Next actions come from the business service found with the record's tenant and code (null when none is).
    nextActions: found === undefined ? null : nextActionsFor(actions, roles, p.tenantId),
    stateSla: state.sla === null ? null : state.sla - since,
    businesssServiceSla: p.businessServiceSla === null ? null : p.businessServiceSla - since,
    previousStatus: p.previousStatus ?? null,
    entity: null,
    auditDetails: p.auditDetails,
    rating: p.rating ?? 0,
    escalated: p.escalated,
  });
}

/** Latest records at the tenant assigned to `assignee`, in `businessService` (WorkflowQueryBuilder.getInboxIdCount). */
function assignedCount(slice: WorkflowSlice, c: ProcessCriteria, assignee: string | undefined, now: number): number {
  if (assignee === undefined) return 0;
  const byService = (p: StoredProcessInstance) => !filled(c.businessService) || p.businessService === c.businessService;
  return new Set(recordsAt(slice, c.tenantId, false, now).filter((p) => byService(p) && assigneeUuids(p).includes(assignee)).map((p) => p.id)).size;
}

/** Runs a search and answers the records of the page, and the criteria's assignee (the caller in inbox mode). */
function selectPage(req: OperationRequest, ctx: MockContext, slice: WorkflowSlice, c: ProcessCriteria, now: number): { page: StoredProcessInstance[]; assignee: string | undefined } {
  if (c.tenantId === "") fail(wfError(WF.criteriaError, "TenantId is mandatory for searching workflow"));
  const { offset, limit } = page(c);
  if (isInbox(c)) {
    const caller = callerOf(req);
    const { filter, noStatuses } = inboxFilter(ctx, slice, c, caller);
    if (noStatuses) return { page: [], assignee: caller.uuid };
    const found = newestFirst(recordsAt(slice, c.tenantId, false, now).filter(filter)).slice(offset, offset + limit);
    // WorkflowService.filterDuplicates: one record per businessId.
    const byId = new Map<string, StoredProcessInstance>();
    for (const p of found) byId.set(p.businessId, p);
    return { page: [...byId.values()], assignee: caller.uuid };
  }
  const found = newestFirst(recordsAt(slice, c.tenantId, c.history, now).filter(ordinaryFilter(c, true)));
  return { page: found.slice(offset, offset + limit), assignee: c.assignee };
}

function wireAll(req: OperationRequest, ctx: MockContext, slice: WorkflowSlice, records: StoredProcessInstance[], now: number): Obj[] {
  if (records.length === 0) return [];
  const roles = req.caller?.user.roles;
  if (roles === undefined) fail(unhandled("NullPointerException", 'Cannot invoke "org.egov.common.contract.request.User.getRoles()" because the return value of "RequestInfo.getUserInfo()" is null'));
  const states = stateIndex(slice);
  return records.map((p) => searchWire(req, ctx, p, states, now, roles));
}

/** WorkflowController.search (:66-73): no ResponseInfo; totalCount counts what is assigned to the assignee. */
export const searchProcesses: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = queryCriteria(req);
    const now = ctx.now();
    const { page: records, assignee } = selectPage(req, ctx, slice, c, now);
    return { status: 200, body: { ResponseInfo: null, ProcessInstances: wireAll(req, ctx, slice, records, now), totalCount: assignedCount(slice, c, assignee, now) } };
  });

/** The records a count counts (WorkflowService.count): the inbox, or the ordinary query with exact businessIds. */
function countable(req: OperationRequest, ctx: MockContext, slice: WorkflowSlice, c: ProcessCriteria, now: number, window?: number): StoredProcessInstance[] {
  const recent = (p: StoredProcessInstance) => window === undefined || (now - p.auditDetails.lastModifiedTime >= 0 && now - p.auditDetails.lastModifiedTime <= window);
  if (isInbox(c)) {
    const { filter } = inboxFilter(ctx, slice, c, callerOf(req));
    return recordsAt(slice, c.tenantId, false, now).filter((p) => filter(p) && recent(p));
  }
  return recordsAt(slice, c.tenantId, c.history, now).filter((p) => ordinaryFilter(c, false)(p) && recent(p));
}

/** `_count`: a bare integer. */
export const countProcesses: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = queryCriteria(req);
    if (c.tenantId === "") fail(wfError(WF.criteriaError, "TenantId is mandatory for count workflow call"));
    return { status: 200, body: new Set(countable(req, ctx, slice, c, ctx.now()).map((p) => p.id)).size };
  });

/**
 * `_nearingslacount` (WorkflowService.java:115-123): businessService required; counts instances whose last action
 * lies within maxSla − slotPercentage × maxSla/100 (MDMS common-masters.wfSlaConfig) of now.
 */
export const nearingSlaCount: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = queryCriteria(req);
    if (c.tenantId === "") fail(wfError(WF.criteriaError, "TenantId is mandatory for count workflow call"));
    if (!filled(c.businessService)) fail(wfError(WF.businessServiceRequired, "Providing business service is mandatory for nearing escalation count"));
    const config = ctx.mdms.records(stateTenantOf(c.tenantId), "common-masters.wfSlaConfig")[0]?.data["slotPercentage"];
    if (typeof config !== "number") {
      fail(unhandled("PathNotFoundException", "No results for path: $['MdmsRes']['common-masters']['wfSlaConfig'][0]['slotPercentage']"));
    }
    const bs = findV2(slice, c.tenantId, [c.businessService])[0];
    if (bs === undefined) fail(unhandled("IndexOutOfBoundsException", "Index 0 out of bounds for length 0"));
    const maxSla = bs.businessServiceSla ?? 0;
    const window = maxSla - Math.trunc(config) * Math.trunc(maxSla / 100);
    return { status: 200, body: new Set(countable(req, ctx, slice, c, ctx.now(), window).map((p) => p.id)).size };
  });

/**
 * `_statuscount` (WorkflowController.java:105-114): the query criteria are always bound and validated; the body's
 * ProcessInstanceSearchCriteria, when present, is what is counted. Rows are Postgres column labels.
 */
export const statusCount: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const query = queryCriteria(req);
    const body = req.body["ProcessInstanceSearchCriteria"];
    let c = query;
    // The body's criteria are not validated (StatusCountRequest has no @Valid on them).
    if (isRecord(body)) c = bindProcessCriteria(body, false).criteria as ProcessCriteria;
    const now = ctx.now();
    const inbox = isInbox(c) && filled(c.businessService) && c.businessService.toUpperCase() !== "FSM";
    const records = inbox
      ? countable(req, ctx, slice, c, now)
      : recordsAt(slice, c.tenantId, c.history, now).filter(ordinaryFilter(c, false));
    const states = stateIndex(slice);
    const rows = new Map<string, { count: number; applicationstatus: string | null; businessservice: string; statusid: string; ids: Set<string> }>();
    for (const p of records) {
      const key = `${p.businessService}\u0000${p.state.uuid}`;
      const row = rows.get(key) ?? {
        count: 0,
        applicationstatus: (states.get(p.state.uuid)?.state ?? p.state).applicationStatus,
        businessservice: p.businessService,
        statusid: p.state.uuid,
        ids: new Set<string>(),
      };
      row.ids.add(p.id);
      row.count = row.ids.size;
      rows.set(key, row);
    }
    return { status: 200, body: [...rows.values()].map(({ ids: _ids, ...row }) => row) };
  });

/**
 * `escalate/_search` (WorkflowService.java:235-291, WorkflowQueryBuilder.java:502-576): businessIds whose latest
 * record is marked escalated and whose previous record was assigned to the caller, then an ordinary search of them.
 */
export const searchEscalated: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = queryCriteria(req);
    const now = ctx.now();
    const caller = callerOf(req);
    const patterns = nonEmpty(c.businessIds) ? c.businessIds.map(likeAnywhere) : [];
    const escalatedIds: string[] = [];
    for (const all of valuesOf(own(slice.processes, c.tenantId))) {
      // Ranked by createdtime, newest first (ties: the later write first).
      const visible = all.filter((p) => p.visibleFrom <= now).map((p, i) => ({ p, i })).sort((a, b) => b.p.auditDetails.createdTime - a.p.auditDetails.createdTime || b.i - a.i).map((x) => x.p);
      const latest = visible[0];
      if (latest === undefined || !latest.escalated) continue;
      if (filled(c.businessService) && latest.businessService !== c.businessService) continue;
      if (patterns.length > 0 && !patterns.some((re) => re.test(latest.businessId))) continue;
      const previous = visible[1];
      if (previous !== undefined && assigneeUuids(previous).includes(caller.uuid)) escalatedIds.push(latest.businessId);
    }
    const { offset, limit } = page(c);
    const ids = escalatedIds.slice(offset, offset + limit);
    let records: StoredProcessInstance[] = [];
    if (ids.length > 0) {
      const search: ProcessCriteria = { tenantId: c.tenantId, businessIds: ids, history: false, ...(c.businessService !== undefined ? { businessService: c.businessService } : {}) };
      records = selectPage(req, ctx, slice, search, now).page;
    }
    return { status: 200, body: { ResponseInfo: null, ProcessInstances: wireAll(req, ctx, slice, records, now), totalCount: new Set(escalatedIds).size } };
  });
