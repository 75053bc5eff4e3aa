/**
 * `payments/{moduleName}/_workflow`: CANCEL, DISHONOUR and REMIT payments
 * (collection-services/src/main/java/org/egov/collection/service/PaymentWorkflowService.java,
 * util/PaymentWorkflowValidator.java).
 *
 * DIGIT publishes every one of the three, REMIT included, to `egov.collection.payment-cancel`, so billing
 * reverses the demand's collection even for a remitted (deposited) payment. The mock does not reproduce that
 * bug: only CANCEL and DISHONOUR revert the demands.
 */
import type { OperationHandler } from "../../core/types.js";
import { backUpdateDemands, paidBillsOf } from "../billing/backupdate.js";
import { ErrorMap, fail, jsonMerge, run, userInfoOf } from "../billing/wire.js";
import { isRecord, recordsAt } from "../shared/values.js";
import { E } from "./errors.js";
import type { CollectionSlice } from "./model.js";
import { collectionInfo } from "./payments.js";
import { findPayments, presentStoredPayment } from "./search.js";

interface WorkflowInput {
  paymentId: string;
  action: "CANCEL" | "DISHONOUR" | "REMIT";
  tenantId: string;
  reason: unknown;
  additionalDetails: unknown;
}

export const updatePaymentWorkflow: OperationHandler<CollectionSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const flows: WorkflowInput[] = recordsAt(req.body, "PaymentWorkflows").map((w) => ({
      paymentId: String(w["paymentId"]),
      action: w["action"] as WorkflowInput["action"],
      tenantId: String(w["tenantId"]),
      reason: w["reason"] ?? null,
      additionalDetails: w["additionalDetails"] ?? null,
    }));
    const action = flows[0]!.action;
    const tenantId = flows[0]!.tenantId;
    const byPayment = new Map<string, WorkflowInput>();
    for (const flow of flows) {
      if (flow.action !== action) fail(E.singleAction.code, E.singleAction.message);
      if (flow.tenantId.toLowerCase() !== tenantId.toLowerCase()) fail(E.crossTenant.code, E.crossTenant.message);
      byPayment.set(flow.paymentId, flow);
    }
    const targets = findPayments(slice, { ids: [...byPayment.keys()], tenantId });
    const consumerCodes = [
      ...new Set(targets.flatMap((p) => recordsAt(p, "paymentDetails").map((d) => (isRecord(d["bill"]) ? String(d["bill"]["consumerCode"]) : "")))),
    ];
    const candidates =
      action === "CANCEL"
        ? findPayments(slice, { consumerCodes, instrumentStatus: ["APPROVED"], tenantId })
        : action === "DISHONOUR"
          ? findPayments(slice, { consumerCodes, paymentModes: ["CHEQUE", "DD"], instrumentStatus: ["APPROVED", "REMITTED"], tenantId })
          : findPayments(slice, { consumerCodes, instrumentStatus: ["APPROVED"], paymentModes: ["CASH", "CHEQUE", "DD"], tenantId });
    const byId = new Map(candidates.map((p) => [String(p["id"]), p]));
    const errors = new ErrorMap();
    const chosen: Record<string, unknown>[] = [];
    for (const flow of flows) {
      const found = byId.get(flow.paymentId);
      if (!found) errors.put(E.invalidReceipt.code, E.invalidReceipt.message.replace("{}", flow.paymentId));
      else chosen.push(found);
    }
    errors.throwIfAny();
    if (action !== "REMIT") {
      // Only the latest payment (by transaction date) of each consumer code may be cancelled or dishonoured.
      const latest = new Map<string, string[]>();
      for (const p of candidates) {
        for (const d of recordsAt(p, "paymentDetails")) {
          const code = isRecord(d["bill"]) ? String(d["bill"]["consumerCode"]) : "";
          latest.set(code, [...(latest.get(code) ?? []), String(p["id"])]);
        }
      }
      const ordered = [...chosen].sort((a, b) => (Number(b["transactionDate"]) || 0) - (Number(a["transactionDate"]) || 0));
      for (const p of ordered) {
        for (const d of recordsAt(p, "paymentDetails")) {
          const code = isRecord(d["bill"]) ? String(d["bill"]["consumerCode"]) : "";
          const queue = latest.get(code);
          if (queue && queue[0] === String(p["id"])) queue.shift();
          else errors.put(E.notLatest.code, E.notLatest.message);
        }
      }
      errors.throwIfAny();
    }

    const user = userInfoOf(req);
    const by = String(user?.id ?? "");
    const now = ctx.now();
    const answered: Record<string, unknown>[] = [];
    for (const p of chosen) {
      const record = slice.payments[String(p["id"])]!;
      const payment = record.payment;
      const flow = byPayment.get(String(p["id"]))!;
      const status = action === "CANCEL" ? "CANCELLED" : action === "DISHONOUR" ? "DISHONOURED" : null;
      payment["paymentStatus"] = status ?? "DEPOSITED";
      payment["instrumentStatus"] = status ?? "REMITTED";
      const audit = isRecord(payment["auditDetails"]) ? payment["auditDetails"] : (payment["auditDetails"] = {});
      audit["lastModifiedBy"] = by;
      audit["lastModifiedTime"] = now;
      for (const detail of recordsAt(payment, "paymentDetails")) {
        if (isRecord(detail["auditDetails"])) Object.assign(detail["auditDetails"], { lastModifiedBy: by, lastModifiedTime: now });
        const bill = detail["bill"];
        if (!isRecord(bill)) continue;
        if (status !== null) {
          bill["status"] = "CANCELLED";
          if (action === "CANCEL") bill["isCancelled"] = true;
          bill["reasonForCancellation"] = flow.reason;
        }
        bill["additionalDetails"] = jsonMerge(bill["additionalDetails"] ?? null, flow.additionalDetails);
        if (isRecord(bill["auditDetails"])) Object.assign(bill["auditDetails"], { lastModifiedBy: by, lastModifiedTime: now });
      }
      const shown = presentStoredPayment(payment);
      // The workflow answers the objects it changed: the bill keeps the cancellation fields set above.
      for (const [i, detail] of recordsAt(shown, "paymentDetails").entries()) {
        const bill = recordsAt(payment, "paymentDetails")[i]?.["bill"];
        if (isRecord(bill) && isRecord(detail["bill"])) {
          detail["bill"]["isCancelled"] = bill["isCancelled"] ?? null;
          detail["bill"]["reasonForCancellation"] = bill["reasonForCancellation"] ?? null;
        }
      }
      answered.push(shown);
      // billing's consumer of `egov.collection.payment-cancel`: CANCEL and DISHONOUR revert the collection.
      if (status !== null) backUpdateDemands(ctx, String(payment["id"]), paidBillsOf(payment), true, user?.uuid ?? "");
    }
    return { status: 200, body: { ResponseInfo: collectionInfo(req), Payments: answered } };
  });
