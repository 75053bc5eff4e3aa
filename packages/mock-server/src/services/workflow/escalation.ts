/**
 * `auto/{businessService}/_escalate` (EscalationController.java:39-45, EscalationService.java:54-108): applies the
 * MDMS Workflow.AutoEscalation rules of the business service to every tenant of tenant.tenants, transitioning the
 * instances past their SLA as the calling user. Answers a bare ResponseInfo.
 */
import type { OperationHandler } from "../../core/types.js";
import { handle } from "../shared/respond.js";
import { fail, WF, wfError } from "./errors.js";
import { findV2 } from "./lookup.js";
import { own, valuesOf, type StoredProcessInstance, type WorkflowSlice } from "./model.js";
import { wfResponseInfo } from "./present.js";
import { planTransitions, storeRecords } from "./transition.js";

type Obj = Record<string, unknown>;

const DAY = 24 * 60 * 60 * 1000;
/** WorkflowConfig escalation batch size (egov.wf.escalation.batch.size). */
const BATCH = 50;

interface Escalation {
  state: string | null;
  action: string | null;
  module: string | null;
  stateSlaExceededBy: number | null;
  businessSlaExceededBy: number | null;
}

/** EscalationUtil.daysToMillisecond: SLAs in days (numbers) to milliseconds. */
const days = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? Math.trunc(v * DAY) : null);
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

export const autoEscalate: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const code = req.params["businessService"] ?? "";
    const now = ctx.now();
    // DIGIT reads both masters at state.level.tenant.id; the mock reads every state tenant that has rules.
    const states = ctx.tenants.list().filter((t) => !t.includes("."));
    const planned: StoredProcessInstance[] = [];
    for (const stateTenant of states) {
      const configs = ctx.mdms.records(stateTenant, "Workflow.AutoEscalation").map((r) => r.data as Obj);
      const escalations: Escalation[] = [];
      let configError: string | null = null;
      for (const config of configs) {
        if (String(config["businessService"] ?? "").toLowerCase() !== code.toLowerCase()) continue;
        const escalation: Escalation = {
          state: text(config["state"]),
          action: text(config["action"]),
          module: text(config["module"]),
          stateSlaExceededBy: days(config["stateSLA"]),
          businessSlaExceededBy: days(config["businessSLA"]),
        };
        if (escalation.stateSlaExceededBy === null && escalation.businessSlaExceededBy === null) {
          configError = `Both stateSLA and businessSLA are null for config with state: ${String(escalation.state)} and action: ${String(escalation.action)}`;
        }
        escalations.push(escalation);
      }
      if (configError !== null) fail(wfError(WF.invalidConfig, configError));
      if (escalations.length === 0) continue;
      const tenants = ctx.mdms
        .records(stateTenant, "tenant.tenants")
        .map((r) => r.data["code"])
        .filter((t): t is string => typeof t === "string");
      for (const escalation of escalations) {
        for (const tenantId of tenants) {
          // EscalationUtil.getStatusUUID: the V2 search, then the state by name ignoring case.
          const bs = findV2(slice, tenantId, [code])[0];
          if (bs === undefined) fail(wfError(WF.businessServiceNotFound, `No BusinessService found for tenantId: ${tenantId} and code: ${code}`));
          const status = bs.states.find((s) => s.state !== null && escalation.state !== null && s.state.toLowerCase() === escalation.state.toLowerCase());
          if (status === undefined) fail(wfError(WF.statusNotFound, `No uuid found for tenantId: ${tenantId} and status: ${String(escalation.state)}`));
          // EscalationQueryBuilder (:16-41): the latest record by createdtime, in that state, past the SLAs.
          const due: string[] = [];
          for (const all of valuesOf(own(slice.processes, tenantId))) {
            const latest = all.reduce<StoredProcessInstance | undefined>((a, b) => (a === undefined || b.auditDetails.createdTime >= a.auditDetails.createdTime ? b : a), undefined);
            if (latest === undefined || latest.businessService !== code || latest.state.uuid !== status.uuid) continue;
            const age = now - latest.auditDetails.createdTime;
            if (escalation.stateSlaExceededBy !== null && (latest.stateSla === null || age - latest.stateSla <= escalation.stateSlaExceededBy)) continue;
            if (escalation.businessSlaExceededBy !== null && (latest.businessServiceSla === null || age - latest.businessServiceSla <= escalation.businessSlaExceededBy)) continue;
            due.push(latest.businessId);
          }
          for (let i = 0; i < due.length; i += BATCH) {
            const items = due.slice(i, i + BATCH).map((businessId) => ({
              businessId,
              action: escalation.action,
              businessService: code,
              moduleName: escalation.module,
              tenantId,
              escalated: true,
            }));
            planned.push(...planTransitions(req, ctx, slice, items).records);
          }
        }
      }
    }
    storeRecords(slice, planned);
    return { status: 200, body: wfResponseInfo(req, now) };
  });
