/**
 * billing-service's payment back-update: what its Kafka consumer does with collection's
 * `egov.collection.payment-create` / `payment-cancel` messages (consumer/BillingServiceConsumer.java,
 * service/ReceiptServiceV2.java, DemandService.updateAsync). The mock applies it synchronously, inside the
 * payment's own write, where DIGIT applies it a moment later.
 *
 * A failure here (a demand gone, a demand detail that would become invalid) is logged by DIGIT and leaves the
 * demands unchanged; the payment itself stands. The mock does the same: it answers false and changes nothing.
 */
import type { AuditDetails, MockContext } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { expireOrPayBills } from "./bills-store.js";
import { findDemands, paymentStatusOf } from "./demands.js";
import { advanceTaxHead, masterRecords, num, TAX_HEAD_MASTER, BUSINESS_SERVICE_MASTER, TAX_PERIOD_MASTER, text } from "./masters.js";
import { BILLING_SLICE, type BillingSlice, type DemandDetailRecord, type DemandRecord } from "./model.js";
import { amount, money } from "./wire.js";

/** The parts of a paid bill (as collection apportioned it) the back-update reads. */
export interface PaidBill {
  tenantId: string;
  businessService: string;
  billDetails: {
    demandId: string;
    amount: number;
    amountPaid: number | null;
    billAccountDetails: { taxHeadCode: string | null; amount: number; adjustedAmount: number }[];
  }[];
}

/** Reads the paid bills of a collection payment (its `paymentDetails[].bill`). */
export function paidBillsOf(payment: Record<string, unknown>): PaidBill[] {
  const details = Array.isArray(payment["paymentDetails"]) ? payment["paymentDetails"].filter(isRecord) : [];
  return details
    .map((d) => d["bill"])
    .filter(isRecord)
    .map((bill) => ({
      tenantId: String(bill["tenantId"] ?? ""),
      businessService: String(bill["businessService"] ?? ""),
      billDetails: (Array.isArray(bill["billDetails"]) ? bill["billDetails"].filter(isRecord) : []).map((bd) => ({
        demandId: String(bd["demandId"] ?? ""),
        amount: amount(bd["amount"]) ?? 0,
        amountPaid: amount(bd["amountPaid"]) ?? null,
        billAccountDetails: (Array.isArray(bd["billAccountDetails"]) ? bd["billAccountDetails"].filter(isRecord) : []).map((a) => ({
          taxHeadCode: typeof a["taxHeadCode"] === "string" ? a["taxHeadCode"] : null,
          amount: amount(a["amount"]) ?? 0,
          adjustedAmount: amount(a["adjustedAmount"]) ?? 0,
        })),
      })),
    }));
}

/** ReceiptServiceV2.updateDetailsForPayment: spread a payment over several details of one tax head (ascending tax). */
function payMany(details: DemandDetailRecord[], paid: number): void {
  let left = paid;
  for (const d of details) {
    if (d.taxAmount === d.collectionAmount || d.taxAmount === 0) continue;
    const due = money(d.taxAmount - d.collectionAmount);
    if (d.taxAmount > 0 && due >= left) {
      d.collectionAmount = money(d.collectionAmount + left);
      left = 0;
    } else {
      d.collectionAmount = money(d.collectionAmount + due);
      left = money(left - due);
    }
  }
}

/** ReceiptServiceV2.updateDetailsForCancellation. */
function cancelMany(details: DemandDetailRecord[], paid: number): void {
  if (paid === 0) return;
  let left = paid;
  for (const d of details) {
    if (d.taxAmount === 0) continue;
    if (d.taxAmount > 0 && d.collectionAmount >= left) {
      d.collectionAmount = money(d.collectionAmount - left);
      left = 0;
    } else {
      left = money(left - d.collectionAmount);
      d.collectionAmount = 0;
    }
  }
}

/** ReceiptServiceV2.updateDemandFromBillDetail, on a working copy of the demand. */
function applyBillDetail(demand: DemandRecord, detail: PaidBill["billDetails"][number], cancel: boolean, advanceHead: string | null, audit: AuditDetails): void {
  if (detail.amount !== 0 && (detail.amountPaid ?? 0) === 0) return;
  for (const account of detail.billAccountDetails) {
    if (account.taxHeadCode === null) return;
    const current = demand.demandDetails.filter((d) => d.taxHeadMasterCode === account.taxHeadCode).sort((a, b) => a.taxAmount - b.taxAmount);
    if (current.length === 1) {
      const d = current[0]!;
      const old = d.collectionAmount;
      if (advanceHead !== null && account.taxHeadCode.toUpperCase() === advanceHead.toUpperCase()) d.taxAmount = money(account.amount + old);
      d.collectionAmount = money(cancel ? old - account.adjustedAmount : old + account.adjustedAmount);
    } else if (current.length > 1) {
      if (cancel) cancelMany(current, account.adjustedAmount);
      else payMany(current, account.adjustedAmount);
    } else {
      // An account detail without a demand detail (the advance collected) becomes a new demand detail.
      demand.demandDetails.push({
        id: "",
        demandId: demand.id,
        taxHeadMasterCode: account.taxHeadCode,
        taxAmount: money(account.amount),
        collectionAmount: 0,
        additionalDetails: null,
        auditDetails: audit,
        tenantId: demand.tenantId,
      });
    }
  }
}

/** The checks DemandService.updateAsync runs (through validateForUpdate) before it writes back-updated demands. */
function stillValid(ctx: MockContext, demands: DemandRecord[]): boolean {
  for (const d of demands) {
    for (const x of d.demandDetails) {
      if (x.taxAmount >= 0 && (x.collectionAmount > x.taxAmount || x.collectionAmount < 0)) return false;
      if (x.taxAmount < 0 && x.collectionAmount !== x.taxAmount && x.collectionAmount !== 0) return false;
    }
    const services = masterRecords(ctx, d.tenantId, BUSINESS_SERVICE_MASTER);
    const periods = masterRecords(ctx, d.tenantId, TAX_PERIOD_MASTER);
    if (!services?.some((s) => text(s["code"]) === d.businessService)) return false;
    const own = (periods ?? []).filter((p) => text(p["service"]) === d.businessService);
    if (own.length > 0 && !own.some((p) => d.taxPeriodFrom >= (num(p["fromDate"]) ?? Infinity) && d.taxPeriodTo <= (num(p["toDate"]) ?? -Infinity))) return false;
    if (own.length === 0) return false;
  }
  return true;
}

/**
 * Applies a payment (or its cancellation) to the demands its bills were made from: collection amounts move by
 * each account detail's adjusted amount, `isPaymentCompleted` follows, and the latest ACTIVE bill of each
 * consumer code becomes PAID (also for a partial payment, as DIGIT does). A payment is applied once per
 * direction. Answers whether the demands changed.
 */
export function backUpdateDemands(ctx: MockContext, paymentId: string, bills: PaidBill[], cancel: boolean, by: string): boolean {
  const slice = ctx.slice<BillingSlice>(BILLING_SLICE);
  const key = `${paymentId}|${cancel ? "cancel" : "create"}`;
  if (Object.prototype.hasOwnProperty.call(slice.backUpdates, key) || bills.length === 0) return false;
  const tenantId = bills[0]!.tenantId;
  const demandIds = [...new Set(bills.flatMap((b) => b.billDetails.map((d) => d.demandId)))];
  const found = findDemands(ctx, slice, { tenantId, demandIds });
  if (found.length === 0) return false;
  const now = ctx.now();
  const audit: AuditDetails = { createdBy: by, createdTime: now, lastModifiedBy: by, lastModifiedTime: now };
  // Work on copies: nothing is written unless every demand still validates.
  const copies = new Map(found.map((d) => [d.id, structuredClone(d) as DemandRecord]));
  const heads = masterRecords(ctx, tenantId, TAX_HEAD_MASTER);
  for (const bill of bills) {
    const advance = advanceTaxHead(heads, bill.businessService);
    for (const detail of bill.billDetails) {
      const demand = copies.get(detail.demandId);
      if (!demand) return false;
      applyBillDetail(demand, detail, cancel, advance, audit);
    }
  }
  const updated = [...copies.values()];
  if (!stillValid(ctx, updated)) return false;
  for (const copy of updated) {
    const stored = slice.demands[copy.id]!;
    for (const detail of copy.demandDetails) {
      const existing = stored.demandDetails.find((x) => x.id === detail.id && detail.id !== "");
      if (existing) {
        existing.taxAmount = detail.taxAmount;
        existing.collectionAmount = detail.collectionAmount;
        existing.auditDetails = { ...existing.auditDetails, lastModifiedBy: by, lastModifiedTime: now };
      } else stored.demandDetails.push({ ...detail, id: ctx.uuid(), collectionAmount: 0, auditDetails: audit });
    }
    stored.isPaymentCompleted = paymentStatusOf(copy.demandDetails, stored.isPaymentCompleted, true);
    stored.auditDetails = { ...stored.auditDetails, lastModifiedBy: by, lastModifiedTime: now };
  }
  const first = updated[0]!;
  expireOrPayBills(slice, { tenantId: first.tenantId, businessService: first.businessService, consumerCodes: new Set(updated.map((d) => d.consumerCode)), status: "PAID" });
  slice.backUpdates[key] = true;
  return true;
}
