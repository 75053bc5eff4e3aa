import { subsetChanges } from "../compare.js";
import type { BusinessService } from "../gateway.js";
import type { PlanItem } from "../types.js";
import { groupBy, type PlanContext } from "./context.js";

type Obj = Record<string, unknown>;
const SERVER = new Set(["uuid", "id", "auditDetails", "tenantId", "businessServiceId", "currentState"]);

/**
 * Puts a business service back in input form: server fields dropped, `nextState` uuids mapped back to state
 * names (DIGIT stores uuids), states sorted by name, actions by name, roles sorted.
 */
export function normalizeBusinessService(bs: Obj): Obj {
  const states = (Array.isArray(bs.states) ? bs.states : []) as Obj[];
  const nameByUuid = new Map<string, string | null>();
  for (const s of states) if (typeof s.uuid === "string") nameByUuid.set(s.uuid, (s.state as string | null) ?? null);
  const strip = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => !SERVER.has(k)));
  const out = strip(bs);
  out.states = states
    .map((s) => {
      const st = strip(s);
      const actions = (Array.isArray(s.actions) ? s.actions : []) as Obj[];
      st.actions = actions
        .map((a) => {
          const act = strip(a);
          const next = a.nextState;
          if (typeof next === "string" && nameByUuid.has(next)) act.nextState = nameByUuid.get(next);
          if (Array.isArray(a.roles)) act.roles = [...(a.roles as string[])].sort();
          else if (typeof a.roles === "string") act.roles = a.roles.split(",").sort();
          return act;
        })
        .sort((x, y) => String(x.action).localeCompare(String(y.action)) || String(x.nextState).localeCompare(String(y.nextState)));
      return st;
    })
    .sort((x, y) => String(x.state ?? "").localeCompare(String(y.state ?? "")));
  return out;
}

/** Comparable form: like {@link normalizeBusinessService} with states and actions keyed by name, for readable change paths. */
export function comparableBusinessService(bs: Obj): Obj {
  const n = normalizeBusinessService(bs);
  const states: Obj = {};
  for (const s of n.states as Obj[]) {
    const actions: Obj = {};
    for (const a of s.actions as Obj[]) actions[String(a.action)] = a;
    states[typeof s.state === "string" ? s.state : "(start)"] = { ...s, actions };
  }
  return { ...n, states };
}

/** Copies live uuids onto the desired business service so DIGIT updates states/actions in place. */
function withLiveIds(desired: Obj, live: Obj): BusinessService {
  const liveStates = (Array.isArray(live.states) ? live.states : []) as Obj[];
  const states = ((desired.states ?? []) as Obj[]).map((s) => {
    const ls = liveStates.find((x) => (x.state ?? null) === (s.state ?? null));
    if (!ls) return s;
    const liveActions = (Array.isArray(ls.actions) ? ls.actions : []) as Obj[];
    const actions = ((s.actions ?? []) as Obj[]).map((a) => {
      const la = liveActions.find((x) => x.action === a.action);
      return la?.uuid ? { ...a, uuid: la.uuid, currentState: ls.uuid } : a;
    });
    return { ...s, uuid: ls.uuid, actions };
  });
  return { ...desired, uuid: live.uuid, states } as unknown as BusinessService;
}

/** Business services matched by (tenant, code). */
export async function planWorkflows(ctx: PlanContext): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const [tenantId, specs] of groupBy(ctx.bundle.workflows, (w) => w.tenantId)) {
    const live = await ctx.gateway.searchBusinessServices(tenantId, specs.map((w) => w.businessService.businessService));
    const byCode = new Map(live.filter((l) => l.tenantId === tenantId).map((l) => [l.businessService, l]));
    for (const w of specs) {
      const code = w.businessService.businessService;
      const desired = { ...w.businessService, tenantId } as BusinessService;
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
