import { subsetChanges } from "../compare.js";
import type { BusinessService as SdkBusinessService, WorkflowAction, WorkflowState } from "@digit-kit/sdk";
import type { BusinessService, DigitGateway } from "../gateway.js";
import type { Plan, PlanItem } from "../types.js";
import { groupBy, type PlanContext } from "./context.js";
import { readMdms } from "./mdms.js";

type Obj = Record<string, unknown>;
type LiveState = NonNullable<WorkflowState>;
const SERVER = ["uuid", "id", "auditDetails", "tenantId", "businessServiceId", "currentState"];

/** A shallow copy without the fields DIGIT assigns. */
function withoutServerFields<T extends object>(o: T): T {
  const out = { ...o };
  for (const k of SERVER) Reflect.deleteProperty(out, k);
  return out;
}

/**
 * Puts a business service back in input form: server fields dropped, `nextState` uuids mapped back to state
 * names (DIGIT stores uuids), states sorted by name, actions by name, roles sorted.
 */
export function normalizeBusinessService(bs: SdkBusinessService): SdkBusinessService {
  const states = (bs.states ?? []).filter((s): s is LiveState => s !== null);
  const nameByUuid = new Map<string, string>();
  for (const s of states) if (typeof s.uuid === "string" && typeof s.state === "string") nameByUuid.set(s.uuid, s.state);
  const normalAction = (a: WorkflowAction): WorkflowAction => {
    const act = withoutServerFields(a);
    if (typeof a.nextState === "string") act.nextState = nameByUuid.get(a.nextState) ?? a.nextState;
    // DIGIT's persister keeps roles as one comma-separated column; some answers carry it unsplit.
    const roles: unknown = a.roles;
    if (Array.isArray(roles)) act.roles = roles.map(String).sort();
    else if (typeof roles === "string") act.roles = roles.split(",").sort();
    return act;
  };
  const normal = states
    .map((s): LiveState => ({
      ...withoutServerFields(s),
      actions: (s.actions ?? []).map(normalAction).sort((x, y) => String(x.action).localeCompare(String(y.action)) || String(x.nextState).localeCompare(String(y.nextState))),
    }))
    .sort((x, y) => String(x.state ?? "").localeCompare(String(y.state ?? "")));
  return { ...withoutServerFields(bs), states: normal };
}

/** Comparable form: like {@link normalizeBusinessService} with states and actions keyed by name, for readable change paths. */
export function comparableBusinessService(bs: SdkBusinessService): Obj {
  const n = normalizeBusinessService(bs);
  const states: Obj = {};
  for (const s of n.states ?? []) {
    if (!s) continue;
    const actions: Obj = {};
    for (const a of s.actions ?? []) actions[String(a.action)] = a;
    states[typeof s.state === "string" ? s.state : "(start)"] = { ...s, actions };
  }
  return { ...n, states };
}

/**
 * Copies live uuids onto the desired business service so DIGIT updates states and actions in place: DIGIT's update
 * is an upsert keyed by uuid (a state or action without one is inserted; nothing is deleted). New actions get
 * `active: true`, since DIGIT stores what the update sends and never reads an action whose `active` is not true.
 */
function withLiveIds(desired: BusinessService, live: BusinessService): BusinessService {
  const liveStates = (live.states ?? []).filter((s): s is LiveState => s !== null);
  const states = (desired.states ?? []).map((s) => {
    if (!s) return s;
    const ls = liveStates.find((x) => (x.state ?? null) === (s.state ?? null));
    const liveActions = ls?.actions ?? [];
    const actions = (s.actions ?? []).map((a) => {
      const la = liveActions.find((x) => x.action === a.action);
      return la?.uuid ? { ...a, uuid: la.uuid, currentState: ls?.uuid } : { ...a, active: true };
    });
    return ls ? { ...s, uuid: ls.uuid, actions } : { ...s, actions };
  });
  return { ...desired, uuid: live.uuid, states };
}

/** The state tenant of a tenant id (`pg.citya` → `pg`). */
const stateOf = (tenantId: string): string => tenantId.split(".")[0] ?? tenantId;

/**
 * The business services `tenantId` itself holds, by code. DIGIT's searches answer with the requested tenantId
 * whatever tenant a business service lives at (V1 looks a code up at the state tenant unless MDMS
 * Workflow.BusinessServiceMasterConfig maps it to isStatelevel "false"; V2, used without codes, walks the tenant
 * hierarchy), so at a city the state's business services are told apart by uuid.
 */
export async function ownBusinessServices(gateway: DigitGateway, tenantId: string, codes?: string[]): Promise<Map<string, BusinessService>> {
  const live = await gateway.searchBusinessServices(tenantId, codes);
  const state = stateOf(tenantId);
  const inherited = new Set<unknown>();
  if (state !== tenantId) for (const s of await gateway.searchBusinessServices(state, codes)) if (s.uuid !== undefined) inherited.add(s.uuid);
  return new Map(live.filter((l) => l.uuid === undefined || !inherited.has(l.uuid)).map((l) => [l.businessService, l]));
}

/** Business services matched by (tenant, code). */
export async function planWorkflows(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const [tenantId, specs] of groupBy(ctx.bundle.workflows, (w) => w.tenantId)) {
    const byCode = await ownBusinessServices(ctx.gateway, tenantId, specs.map((w) => w.businessService.businessService));
    for (const w of specs) {
      const code = w.businessService.businessService;
      const desired: BusinessService = { ...w.businessService, tenantId };
      const base = { kind: "workflow" as const, key: code, tenantId, origin: w.origin };
      const l = byCode.get(code);
      if (!l) {
        items.push({ ...base, action: "create", run: () => ctx.gateway.createBusinessService(desired) });
        continue;
      }
      const changes = subsetChanges(comparableBusinessService(desired), comparableBusinessService(l));
      if (changes.length === 0) items.push({ ...base, action: "unchanged" });
      else items.push({ ...base, action: "update", changes, run: () => ctx.gateway.updateBusinessService(withLiveIds(desired, l)) });
    }
  }
  return items;
}

/**
 * City-level workflows DIGIT would never use: transitions and V1 searches look a code up at the state tenant unless
 * MDMS Workflow.BusinessServiceMasterConfig (bundle or server) maps it to isStatelevel "false".
 */
export async function checkWorkflowTenants(ctx: PlanContext): Promise<Plan["problems"]> {
  const problems: Plan["problems"] = [];
  const cityWorkflows = ctx.bundle.workflows.filter((w) => stateOf(w.tenantId) !== w.tenantId);
  for (const [state, list] of groupBy(cityWorkflows, (w) => stateOf(w.tenantId))) {
    const records = [
      ...ctx.bundle.mdmsData.filter((r) => r.schemaCode === MASTER_CONFIG && r.tenantId === state).map((r) => r.data),
      ...(await readMdms(ctx, state, MASTER_CONFIG)).map((r) => r.data),
    ];
    const cityLevel = new Set(records.filter((d) => String(d.isStatelevel).toLowerCase() === "false").map((d) => String(d.businessService)));
    for (const w of list) {
      const code = w.businessService.businessService;
      if (cityLevel.has(code)) continue;
      problems.push({
        file: w.origin.file,
        pointer: w.origin.pointer,
        message:
          `DIGIT looks business service ${code} up at the state tenant ${state}, so the one at ${w.tenantId} is never used ` +
          `(and plan keeps proposing to create it); put it at ${state}, or add a ${MASTER_CONFIG} record ` +
          `{businessService: ${code}, isStatelevel: "false"} at ${state}`,
      });
    }
  }
  return problems;
}

const MASTER_CONFIG = "Workflow.BusinessServiceMasterConfig";
