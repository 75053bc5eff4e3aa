/** `businessservice/_create|_update|_search` and their `v2` twins. */
import type { OperationHandler, OperationRequest } from "../../core/types.js";
import { actorOf } from "../shared/audit.js";
import { handle, ok, reject, rejectAll } from "../shared/respond.js";
import { stateOf, tenantChain } from "../shared/tenancy.js";
import { list, recordsAt, str } from "../shared/values.js";
import { buildBusinessService, configErrors } from "./config.js";
import type { BusinessService, WorkflowSlice } from "./model.js";

/** The wire form (no `visibleFrom`). */
export function businessServiceWire(bs: BusinessService): Record<string, unknown> {
  const { visibleFrom: _hidden, ...rest } = bs;
  return structuredClone(rest);
}

function inputs(req: OperationRequest): Record<string, unknown>[] {
  const items = recordsAt(req.body, "BusinessServices");
  if (items.length === 0) reject("INVALID_BUSINESSSERVICE", "BusinessServices must hold at least one business service.");
  return items;
}

export const createBusinessService: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = inputs(req);
    rejectAll(items.flatMap(configErrors));
    const seen = new Set<string>();
    for (const item of items) {
      const tenantId = str(item["tenantId"]) as string;
      const code = str(item["businessService"]) as string;
      if (slice.businessServices[tenantId]?.[code] !== undefined || seen.has(`${tenantId}|${code}`)) {
        reject(
          "DUPLICATE_BUSINESSSERVICE",
          `Business service ${code} already exists for tenant ${tenantId}; use businessservice/_update to change it.`,
          [code, tenantId],
        );
      }
      seen.add(`${tenantId}|${code}`);
    }
    const built = items.map((item) => buildBusinessService(item, ctx, actorOf(req)));
    for (const bs of built) (slice.businessServices[bs.tenantId] ??= {})[bs.businessService] = bs;
    return ok(req, ctx.now(), 200, { BusinessServices: built.map(businessServiceWire) });
  });

export const updateBusinessService: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = inputs(req);
    rejectAll(items.flatMap(configErrors));
    const previous = items.map((item) => {
      const tenantId = str(item["tenantId"]) as string;
      const code = str(item["businessService"]) as string;
      const existing = slice.businessServices[tenantId]?.[code];
      if (existing === undefined) {
        reject("BUSINESSSERVICE_NOT_FOUND", `Business service ${code} does not exist for tenant ${tenantId}; create it first.`, [code, tenantId]);
      }
      return existing;
    });
    const built = items.map((item, i) => buildBusinessService(item, ctx, actorOf(req), previous[i]));
    for (const bs of built) (slice.businessServices[bs.tenantId] ??= {})[bs.businessService] = bs;
    return ok(req, ctx.now(), 200, { BusinessServices: built.map(businessServiceWire) });
  });

/** The business service `code` of the tenant, else of its state tenant; `now` hides ones still in write lag. */
export function findBusinessService(slice: WorkflowSlice, tenantId: string, code: string, now?: number): BusinessService | undefined {
  for (const tenant of tenantChain(tenantId)) {
    const bs = slice.businessServices[tenant]?.[code];
    if (bs !== undefined && (now === undefined || bs.visibleFrom <= now)) return bs;
  }
  return undefined;
}

export const searchBusinessServices: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.query["tenantId"]) ?? str((req.body["criteria"] as Record<string, unknown> | undefined)?.["tenantId"]);
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "Query parameter tenantId is required.", ["tenantId"]);
    const codes = list(req.query["businessServices"]);
    const now = ctx.now();
    let found: BusinessService[];
    if (codes.length > 0) {
      found = codes.map((c) => findBusinessService(slice, tenantId, c, now)).filter((b): b is BusinessService => b !== undefined);
    } else {
      const visible = (tenant: string) => Object.values(slice.businessServices[tenant] ?? {}).filter((b) => b.visibleFrom <= now);
      const own = visible(tenantId);
      const state = stateOf(tenantId);
      const inherited = state === tenantId ? [] : visible(state).filter((b) => !own.some((o) => o.businessService === b.businessService));
      found = [...own, ...inherited];
    }
    return ok(req, now, 200, { BusinessServices: found.map(businessServiceWire) });
  });
