/** Process instances: `process/_transition`, `_search`, `_count`, `_statuscount`, `_nearingslacount`, `escalate/_search`, `auto/{bs}/_escalate`. */
import type { DigitErrorItem, MockContext, OperationHandler, OperationRequest, StoredUser } from "../../core/types.js";
import { newAudit } from "../shared/audit.js";
import { digitError, handle, ok, reject, rejectAll } from "../shared/respond.js";
import { stateOf } from "../shared/tenancy.js";
import { publicUser } from "../shared/users.js";
import { bool, int, isRecord, list, recordsAt, str } from "../shared/values.js";
import { findBusinessService } from "./business-services.js";
import type { BusinessService, StoredProcessInstance, WfAction, WfState, WorkflowSlice } from "./model.js";
import { startStateOf, stateByUuid, stateLabel } from "./model.js";

/** Share of the business service SLA left under which an instance counts as "nearing SLA". */
export const NEARING_SLA_FRACTION = 0.2;

function history(slice: WorkflowSlice, tenantId: string, businessId: string): StoredProcessInstance[] {
  return slice.processes[tenantId]?.[businessId] ?? [];
}

interface Planned {
  instance: StoredProcessInstance;
  bs: BusinessService;
}

/** The caller's role codes that apply to `tenantId` (roles held at that tenant or its state tenant). */
function rolesFor(user: StoredUser | undefined, tenantId: string): string[] {
  if (user === undefined) return [];
  const state = stateOf(tenantId);
  return user.roles.filter((r) => r.tenantId === tenantId || r.tenantId === state).map((r) => r.code);
}

/** Validates every requested transition (in order, so one request may move an id twice) before storing any. */
function plan(req: OperationRequest, ctx: MockContext, slice: WorkflowSlice, items: Record<string, unknown>[], system: boolean): Planned[] {
  const now = ctx.now();
  const current = new Map<string, { state: WfState; first?: StoredProcessInstance }>();
  const planned: Planned[] = [];
  const errors: DigitErrorItem[] = [];
  items.forEach((item, index) => {
    const where = `ProcessInstances[${index}]`;
    const tenantId = str(item["tenantId"]);
    const code = str(item["businessService"]);
    const businessId = str(item["businessId"]);
    const actionName = str(item["action"]);
    if (tenantId === undefined || code === undefined || businessId === undefined || actionName === undefined) {
      errors.push(digitError("INVALID_REQUEST", `${where} needs tenantId, businessService, businessId and action.`, [where]));
      return;
    }
    const bs = findBusinessService(slice, tenantId, code);
    if (bs === undefined) {
      errors.push(
        digitError("BUSINESSSERVICE_NOT_FOUND", `${where}: no business service ${code} for tenant ${tenantId} or its state; create it first.`, [code, tenantId]),
      );
      return;
    }
    const key = `${tenantId}|${businessId}`;
    const past = history(slice, tenantId, businessId);
    const last = past[past.length - 1];
    if (last !== undefined && last.businessService !== code) {
      errors.push(
        digitError("INVALID_REQUEST", `${where}: ${businessId} already runs under business service ${last.businessService}, not ${code}.`, [businessId, last.businessService]),
      );
      return;
    }
    const known = current.get(key);
    const from = known?.state ?? (last !== undefined ? (stateByUuid(bs, last.state.uuid) ?? last.state) : startStateOf(bs));
    if (from === undefined) {
      errors.push(digitError("INVALID_BUSINESSSERVICE", `Business service ${code} has no start state.`, [code]));
      return;
    }
    const action: WfAction | undefined = from.actions.find((a) => a.action === actionName && a.active !== false);
    if (action === undefined) {
      const allowed = from.actions.map((a) => a.action);
      errors.push(
        digitError(
          "INVALID_ACTION",
          allowed.length === 0
            ? `${where}: ${businessId} is in terminal state ${stateLabel(from)} of ${code}; no action is allowed from it.`
            : `${where}: action ${actionName} is not valid from state ${stateLabel(from)} of ${code}; allowed actions: ${allowed.join(", ")}.`,
          [actionName, stateLabel(from), ...allowed],
        ),
      );
      return;
    }
    const held = rolesFor(req.caller?.user, tenantId);
    if (!system && !action.roles.some((r) => held.includes(r))) {
      errors.push(
        digitError(
          "INVALID_ROLE",
          `${where}: action ${actionName} from state ${stateLabel(from)} needs one of the roles ${action.roles.join(", ")} at tenant ${tenantId}; the caller has ${held.join(", ") || "none"}.`,
          [actionName, ...action.roles],
        ),
      );
      return;
    }
    const assignes: Record<string, unknown>[] = [];
    for (const assignee of recordsAt(item, "assignes")) {
      const uuid = str(assignee["uuid"]);
      const user = uuid === undefined ? undefined : ctx.users.byUuid(uuid);
      if (user === undefined) {
        errors.push(digitError("INVALID_ASSIGNEE", `${where}: assignee ${uuid ?? "(no uuid)"} is not an existing user; send the uuid of a user.`, [uuid ?? ""]));
        continue;
      }
      assignes.push(publicUser(user));
    }
    const to = stateByUuid(bs, action.nextState);
    if (to === undefined) {
      errors.push(digitError("INVALID_BUSINESSSERVICE", `Business service ${code}: action ${actionName} points at a missing state.`, [code]));
      return;
    }
    const by = req.caller?.user.uuid ?? "SYSTEM";
    const instance: StoredProcessInstance = {
      id: ctx.uuid(),
      tenantId,
      businessService: code,
      businessId,
      action: actionName,
      moduleName: str(item["moduleName"]) ?? bs.business ?? null,
      state: structuredClone(to),
      comment: str(item["comment"]),
      documents: Array.isArray(item["documents"]) ? structuredClone(item["documents"]) : undefined,
      assigner: req.caller === null ? null : publicUser(req.caller.user),
      assignes,
      previousStatus: from.applicationStatus ?? undefined,
      rating: typeof item["rating"] === "number" ? item["rating"] : null,
      escalated: system,
      auditDetails: newAudit(by, now),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    current.set(key, { state: to });
    planned.push({ instance, bs });
  });
  rejectAll(errors);
  return planned;
}

function store(slice: WorkflowSlice, planned: Planned[]): void {
  for (const { instance } of planned) {
    ((slice.processes[instance.tenantId] ??= {})[instance.businessId] ??= []).push(instance);
  }
}

/** The wire form, with SLAs left (ms) computed at `now` like DIGIT's search does. */
function toWire(slice: WorkflowSlice, instance: StoredProcessInstance, now: number): Record<string, unknown> {
  const bs = findBusinessService(slice, instance.tenantId, instance.businessService);
  const first = history(slice, instance.tenantId, instance.businessId)[0] ?? instance;
  const stateSla = instance.state.sla === null ? null : instance.state.sla - (now - instance.auditDetails.createdTime);
  const bsSla = bs?.businessServiceSla == null ? null : bs.businessServiceSla - (now - first.auditDetails.createdTime);
  const { visibleFrom: _hidden, ...rest } = instance;
  return {
    ...structuredClone(rest),
    nextActions: structuredClone(instance.state.actions),
    stateSla,
    businesssServiceSla: bsSla,
  };
}

export const transition: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = recordsAt(req.body, "ProcessInstances");
    if (items.length === 0) reject("INVALID_REQUEST", "ProcessInstances must hold at least one process instance.");
    const planned = plan(req, ctx, slice, items, false);
    store(slice, planned);
    return ok(req, ctx.now(), 200, { ProcessInstances: planned.map((p) => toWire(slice, p.instance, ctx.now())) });
  });

interface SearchCriteria {
  tenantId: string;
  businessIds: string[];
  ids: string[];
  businessService?: string;
  moduleName?: string;
  assignee?: string;
  status: string[];
  history: boolean;
  offset: number;
  limit: number;
}

function criteriaOf(req: OperationRequest): SearchCriteria {
  const body = isRecord(req.body["ProcessInstanceSearchCriteria"]) ? req.body["ProcessInstanceSearchCriteria"] : {};
  const pick = (key: string): unknown => req.query[key] ?? body[key];
  const tenantId = str(pick("tenantId"));
  if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "Query parameter tenantId is required.", ["tenantId"]);
  return {
    tenantId,
    businessIds: list(pick("businessIds")),
    ids: list(pick("ids")),
    businessService: str(pick("businessService")),
    moduleName: str(pick("moduleName")),
    assignee: str(pick("assignee")),
    status: list(pick("status")),
    history: bool(pick("history")) ?? false,
    offset: int(pick("offset"), 0),
    limit: Math.min(int(pick("limit"), 100), 1000),
  };
}

/** Latest visible instance per businessId (or every visible instance with `history`), newest first. */
function select(slice: WorkflowSlice, c: SearchCriteria, now: number): StoredProcessInstance[] {
  const byId = slice.processes[c.tenantId] ?? {};
  const ids = c.businessIds.length > 0 ? c.businessIds : Object.keys(byId);
  const out: StoredProcessInstance[] = [];
  for (const businessId of ids) {
    const all = (byId[businessId] ?? []).filter((p) => p.visibleFrom <= now);
    const latest = all[all.length - 1];
    if (latest === undefined) continue;
    if (c.businessService !== undefined && latest.businessService !== c.businessService) continue;
    if (c.moduleName !== undefined && latest.moduleName !== c.moduleName) continue;
    if (c.assignee !== undefined && !latest.assignes.some((a) => a["uuid"] === c.assignee)) continue;
    if (c.status.length > 0 && !c.status.includes(latest.state.uuid) && !c.status.includes(latest.state.applicationStatus ?? "")) continue;
    out.push(...(c.history ? all : [latest]).filter((p) => c.ids.length === 0 || c.ids.includes(p.id)));
  }
  return out.sort((a, b) => b.auditDetails.createdTime - a.auditDetails.createdTime);
}

export const searchProcesses: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = criteriaOf(req);
    const found = select(slice, c, ctx.now());
    const page = found.slice(c.offset, c.offset + c.limit);
    return ok(req, ctx.now(), 200, { ProcessInstances: page.map((p) => toWire(slice, p, ctx.now())), totalCount: found.length });
  });

/** DIGIT answers a bare integer. */
export const countProcesses: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => ({ status: 200, body: select(slice, { ...criteriaOf(req), history: false }, ctx.now()).length }));

function isOpen(instance: StoredProcessInstance): boolean {
  return instance.state.actions.length > 0;
}

/** Open instances whose business service SLA has less than {@link NEARING_SLA_FRACTION} left (but is not yet over). */
export const nearingSlaCount: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const now = ctx.now();
    const count = select(slice, { ...criteriaOf(req), history: false }, now).filter((p) => {
      const bs = findBusinessService(slice, p.tenantId, p.businessService);
      const left = toWire(slice, p, now)["businesssServiceSla"];
      return isOpen(p) && typeof left === "number" && bs?.businessServiceSla != null && left > 0 && left <= bs.businessServiceSla * NEARING_SLA_FRACTION;
    }).length;
    return { status: 200, body: count };
  });

/** `[{applicationstatus, businessservice, count}]` over the latest instances, as DIGIT's statuscount lists. */
export const statusCount: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const counts = new Map<string, { applicationstatus: string | null; businessservice: string; statusid: string; count: number }>();
    for (const p of select(slice, { ...criteriaOf(req), history: false }, ctx.now())) {
      const key = `${p.businessService}|${p.state.uuid}`;
      const entry = counts.get(key) ?? { applicationstatus: p.state.applicationStatus, businessservice: p.businessService, statusid: p.state.uuid, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return { status: 200, body: [...counts.values()] };
  });

function overdue(slice: WorkflowSlice, p: StoredProcessInstance, now: number): boolean {
  const wire = toWire(slice, p, now);
  const over = (v: unknown) => typeof v === "number" && v < 0;
  return isOpen(p) && (over(wire["stateSla"]) || over(wire["businesssServiceSla"]));
}

/** Open instances whose state SLA or business service SLA has elapsed. */
export const searchEscalated: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = criteriaOf(req);
    const now = ctx.now();
    const found = select(slice, { ...c, history: false }, now).filter((p) => overdue(slice, p, now));
    return ok(req, now, 200, {
      ProcessInstances: found.slice(c.offset, c.offset + c.limit).map((p) => toWire(slice, p, now)),
      totalCount: found.length,
    });
  });

/**
 * Applies the `Workflow.AutoEscalation` MDMS rules ({businessService, state, action, active}) of the
 * business service to every overdue instance in the rule's state, as the system user.
 */
export const autoEscalate: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const code = str(req.params["businessService"]);
    if (code === undefined) reject("INVALID_REQUEST", "Path parameter businessService is required.");
    const now = ctx.now();
    const items: Record<string, unknown>[] = [];
    for (const [tenantId, byId] of Object.entries(slice.processes)) {
      const rules = ctx.mdms
        .records(tenantId, "Workflow.AutoEscalation")
        .map((r) => r.data)
        .filter((d) => d["businessService"] === code && d["active"] !== false);
      for (const all of Object.values(byId)) {
        const latest = all[all.length - 1];
        if (latest === undefined || latest.businessService !== code || !overdue(slice, latest, now)) continue;
        const rule = rules.find((r) => r["state"] === latest.state.state);
        const action = str(rule?.["action"]);
        if (action === undefined) continue;
        items.push({ tenantId, businessService: code, businessId: latest.businessId, action, moduleName: latest.moduleName });
      }
    }
    const planned = plan(req, ctx, slice, items, true);
    store(slice, planned);
    return ok(req, now, 200, { ProcessInstances: planned.map((p) => toWire(slice, p.instance, now)) });
  });
