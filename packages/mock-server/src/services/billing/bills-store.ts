/**
 * Bill queries and status updates as billing's repository runs them
 * (repository/querybuilder/BillQueryBuilder.java, repository/BillRepositoryV2.java).
 */
import { isRecord } from "../shared/values.js";
import type { BillDetailRecord, BillRecord, BillingSlice, BillStatus } from "./model.js";
import { jsonMerge, tenantMatches } from "./wire.js";

export interface BillCriteria {
  tenantId: string;
  billIds?: string[] | undefined;
  status?: BillStatus | undefined;
  retrieveOldest?: boolean | undefined;
  email?: string | undefined;
  mobileNumber?: string | undefined;
  service?: string | undefined;
  fromPeriod?: number | undefined;
  toPeriod?: number | undefined;
  billNumber?: string | undefined;
  consumerCodes?: string[] | undefined;
  orderBy?: boolean | undefined;
}

/**
 * BillRepositoryV2.findBill: bills whose rows match, then only the latest (or, with `retrieveOldest`, the
 * oldest) bill per consumer code. Period filters apply to bill details, so a bill keeps only matching details.
 */
export function findBills(slice: BillingSlice, c: BillCriteria): BillRecord[] {
  const rows: BillRecord[] = [];
  for (const bill of Object.values(slice.bills)) {
    if (!tenantMatches(c.tenantId, bill.tenantId)) continue;
    if (c.billIds?.length && !c.billIds.includes(bill.id)) continue;
    if (!c.retrieveOldest) {
      if (c.status !== undefined && bill.status !== c.status) continue;
    } else if (bill.status === "CANCELLED") continue;
    if (c.email !== undefined && bill.payerEmail !== c.email) continue;
    if (c.mobileNumber !== undefined && bill.mobileNumber !== c.mobileNumber) continue;
    if (c.service !== undefined && bill.businessService !== c.service) continue;
    if (c.billNumber !== undefined && bill.billNumber !== c.billNumber) continue;
    if (c.consumerCodes?.length && !c.consumerCodes.includes(bill.consumerCode)) continue;
    let details: BillDetailRecord[] = bill.billDetails;
    if (c.fromPeriod !== undefined || c.toPeriod !== undefined) {
      details = details.filter((d) => (c.fromPeriod === undefined || d.fromPeriod === c.fromPeriod) && (c.toPeriod === undefined || d.toPeriod === c.toPeriod));
      if (details.length === 0) continue;
    }
    rows.push(details === bill.billDetails ? bill : { ...bill, billDetails: details });
  }
  const pick = new Map<string, BillRecord>();
  for (const bill of rows) {
    const current = pick.get(bill.consumerCode);
    const newer = !current || bill.auditDetails.createdTime > current.auditDetails.createdTime || (bill.auditDetails.createdTime === current.auditDetails.createdTime && bill.seq > current.seq);
    const older = !current || bill.auditDetails.createdTime < current.auditDetails.createdTime || (bill.auditDetails.createdTime === current.auditDetails.createdTime && bill.seq < current.seq);
    if (c.retrieveOldest ? older : newer) pick.set(bill.consumerCode, bill);
  }
  const out = [...pick.values()].sort((a, b) => a.seq - b.seq);
  if (c.orderBy) out.sort((a, b) => (a.consumerCode < b.consumerCode ? -1 : a.consumerCode > b.consumerCode ? 1 : 0));
  return out;
}

export interface BillStatusUpdate {
  tenantId: string;
  businessService: string;
  consumerCodes: Set<string>;
  status: BillStatus;
  additionalDetails?: unknown;
}

/**
 * BillRepositoryV2.updateBillStatus: looks at the latest bill of each consumer code (any status). When the
 * first is not ACTIVE nothing changes (-1 when it is PAID or PARTIALLY_PAID, else 0). Cancelling touches only
 * that first bill (merging additionalDetails, stored keys winning); other updates set every latest bill that
 * is still ACTIVE at exactly the tenant. Answers the number of bills changed.
 */
export function expireOrPayBills(slice: BillingSlice, u: BillStatusUpdate): number {
  if (u.consumerCodes.size === 0) return 0;
  const latest = findBills(slice, { tenantId: u.tenantId, service: u.businessService, consumerCodes: [...u.consumerCodes] });
  const first = latest[0];
  if (!first) return 0;
  if (first.status !== "ACTIVE") return first.status === "PAID" || first.status === "PARTIALLY_PAID" ? -1 : 0;
  const targets = u.status === "CANCELLED" ? [first] : latest;
  let count = 0;
  for (const target of targets) {
    const bill = slice.bills[target.id];
    if (!bill || bill.status !== "ACTIVE" || bill.tenantId !== u.tenantId) continue;
    bill.status = u.status;
    if (u.status === "CANCELLED" && u.additionalDetails !== undefined && u.additionalDetails !== null) {
      const merged = jsonMerge(u.additionalDetails, bill.additionalDetails);
      bill.additionalDetails = isRecord(merged) ? merged : bill.additionalDetails;
    }
    count += 1;
  }
  return count;
}

/** A bill as bill/v2/_search answers it (BillRowMapperV2): total recomputed, per-detail paid amounts and account extras null. */
export function presentSearchedBill(bill: BillRecord): Record<string, unknown> {
  const { seq: _seq, ...rest } = bill;
  void _seq;
  return {
    ...rest,
    totalAmount: bill.billDetails.reduce((s, d) => s + d.amount, 0),
    billDetails: bill.billDetails.map((d) => ({
      ...d,
      amountPaid: null,
      billAccountDetails: d.billAccountDetails.map((a) => ({ ...a, additionalDetails: null, auditDetails: null })),
    })),
  };
}

/** A bill as bill generation answers it (the objects it just built). */
export function presentGeneratedBill(bill: BillRecord): Record<string, unknown> {
  const { seq: _seq, ...rest } = bill;
  void _seq;
  return {
    ...rest,
    billDetails: bill.billDetails.map((d) => ({
      ...d,
      amountPaid: null,
      billAccountDetails: d.billAccountDetails.map((a) => ({ ...a, additionalDetails: null, auditDetails: null })),
    })),
  };
}
