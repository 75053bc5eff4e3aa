/**
 * collection-services payment searches: `payments/_search`, `payments/{moduleName}/_search`,
 * `payments/_plainsearch` (web/controller/PaymentController.java:93-190, repository/querybuilder/PaymentQueryBuilder.java).
 */
import type { OperationHandler, OperationRequest } from "../../core/types.js";
import { fail, QueryBinder, run, tenantMatches, userInfoOf } from "../billing/wire.js";
import { UNHANDLED } from "../billing/errors.js";
import { isRecord, recordsAt } from "../shared/values.js";
import { E } from "./errors.js";
import type { CollectionSlice, PaymentRecord } from "./model.js";
import { collectionInfo } from "./payments.js";

/** `collection.search.default.limit` and the cap (properties wired swapped in DIGIT: 30 by default, at most 100). */
export const DEFAULT_LIMIT = 30;
export const MAX_LIMIT = 100;

export interface PaymentCriteria {
  tenantId?: string | undefined;
  ids?: string[] | undefined;
  billIds?: string[] | undefined;
  receiptNumbers?: string[] | undefined;
  status?: string[] | undefined;
  instrumentStatus?: string[] | undefined;
  paymentModes?: string[] | undefined;
  payerIds?: string[] | undefined;
  consumerCodes?: string[] | undefined;
  businessServices?: string[] | undefined;
  transactionNumber?: string | undefined;
  mobileNumber?: string | undefined;
  fromDate?: number | undefined;
  toDate?: number | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

const upperIn = (list: string[] | undefined, value: unknown) => !list?.length || list.map((s) => s.toUpperCase()).includes(String(value).toUpperCase());

/** PaymentRepository.fetchPayments: filters, newest transactionDate first, then offset/limit. */
export function findPayments(slice: CollectionSlice, c: PaymentCriteria): Record<string, unknown>[] {
  const toDate = c.toDate === undefined ? undefined : c.toDate + 86_400_000;
  const matches = (r: PaymentRecord): boolean => {
    const p = r.payment;
    const details = recordsAt(p, "paymentDetails");
    if (c.tenantId !== undefined && c.tenantId !== "" && !tenantMatches(c.tenantId, String(p["tenantId"]))) return false;
    if (c.ids?.length && !c.ids.includes(String(p["id"]))) return false;
    if (!upperIn(c.status, p["paymentStatus"])) return false;
    if (!upperIn(c.instrumentStatus, p["instrumentStatus"])) return false;
    if (!upperIn(c.paymentModes, p["paymentMode"])) return false;
    if (c.mobileNumber !== undefined && c.mobileNumber !== "" && p["mobileNumber"] !== c.mobileNumber) return false;
    if (c.transactionNumber !== undefined && c.transactionNumber !== "" && p["transactionNumber"] !== c.transactionNumber) return false;
    const date = typeof p["transactionDate"] === "number" ? p["transactionDate"] : 0;
    if (c.fromDate !== undefined && date < c.fromDate) return false;
    if (toDate !== undefined && date > toDate) return false;
    if (c.payerIds?.length && !c.payerIds.includes(String(p["payerId"]))) return false;
    if (c.businessServices?.length && !details.some((d) => c.businessServices!.includes(String(d["businessService"])))) return false;
    if (c.billIds?.length && !details.some((d) => c.billIds!.includes(String(d["billId"])))) return false;
    if (c.receiptNumbers?.length && !details.some((d) => c.receiptNumbers!.includes(String(d["receiptNumber"])))) return false;
    if (c.consumerCodes?.length && !details.some((d) => isRecord(d["bill"]) && c.consumerCodes!.includes(String(d["bill"]["consumerCode"])))) return false;
    return true;
  };
  const byDate = (a: PaymentRecord, b: PaymentRecord) => (Number(b.payment["transactionDate"]) || 0) - (Number(a.payment["transactionDate"]) || 0) || b.seq - a.seq;
  const offset = c.offset ?? 0;
  const limit = c.limit ?? DEFAULT_LIMIT;
  return Object.values(slice.payments)
    .filter(matches)
    .sort(byDate)
    .slice(offset, offset + limit)
    .map((r) => presentStoredPayment(r.payment));
}

/** A stored payment as the search answers it: the bill copy without payer fields, its total recomputed. */
export function presentStoredPayment(p: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(p);
  for (const detail of recordsAt(copy, "paymentDetails")) {
    detail["paymentId"] = copy["id"] ?? null;
    const bill = detail["bill"];
    if (!isRecord(bill)) continue;
    const details = recordsAt(bill, "billDetails");
    Object.assign(bill, {
      payerName: null,
      mobileNumber: null,
      paidBy: null,
      payerAddress: null,
      payerEmail: null,
      payerId: null,
      minimumAmountToBePaid: null,
      isCancelled: null,
      reasonForCancellation: null,
      amountPaid: null,
      totalAmount: details.reduce((s, d) => s + (typeof d["amount"] === "number" ? d["amount"] : 0), 0),
    });
  }
  return copy;
}

function criteriaOf(req: OperationRequest): { criteria: PaymentCriteria; isCountRequest: boolean; binder: QueryBinder } {
  const q = new QueryBinder(req, "paymentSearchCriteria");
  const criteria: PaymentCriteria = {
    tenantId: q.string("tenantId"),
    ids: q.set("ids"),
    billIds: q.set("billIds"),
    receiptNumbers: q.set("receiptNumbers"),
    status: q.set("status"),
    instrumentStatus: q.set("instrumentStatus"),
    paymentModes: q.set("paymentModes"),
    payerIds: q.set("payerIds"),
    consumerCodes: q.set("consumerCodes"),
    businessServices: q.set("businessServices"),
    transactionNumber: q.string("transactionNumber"),
    mobileNumber: q.string("mobileNumber"),
    fromDate: q.long("fromDate"),
    toDate: q.long("toDate"),
    offset: q.int("offset"),
    limit: q.int("limit"),
  };
  q.set("tenantIds");
  const isCountRequest = q.bool("isCountRequest") ?? false;
  return { criteria, isCountRequest, binder: q };
}

/** Both search routes: an EMPLOYEE must name the module; `isCountRequest` answers {Count, ResponseInfo}. */
export const searchPayments: OperationHandler<CollectionSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const { criteria, isCountRequest, binder } = criteriaOf(req);
    binder.throwIfAny();
    const moduleName = req.params["moduleName"];
    if (isCountRequest) {
      const service = criteria.businessServices?.[0];
      if (!service || !criteria.tenantId) fail(E.countCriteria.code, E.countCriteria.message);
      const count = Object.values(slice.payments).filter(
        (r) => r.payment["tenantId"] === criteria.tenantId && recordsAt(r.payment, "paymentDetails").some((d) => d["businessService"] === service),
      ).length;
      return { status: 200, body: { Count: count, ResponseInfo: collectionInfo(req) } };
    }
    const user = userInfoOf(req);
    if (user === null) fail(E.userInfoNull.code, E.userInfoNull.message);
    if (!user.uuid) fail(E.userIdNull.code, E.userIdNull.message);
    if ((user.type ?? "").toUpperCase() === "EMPLOYEE" && moduleName === undefined) fail(E.moduleForEmployee.code, E.moduleForEmployee.message);
    if (moduleName !== undefined) criteria.businessServices = [...new Set([...(criteria.businessServices ?? []), moduleName])];
    if (!criteria.tenantId) fail(UNHANDLED, "NullPointerException: tenantId is required (collection-services builds the tenant clause from it)");
    criteria.offset ??= 0;
    criteria.limit = Math.min(criteria.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    return { status: 200, body: { ResponseInfo: collectionInfo(req), Payments: findPayments(slice, criteria) } };
  });

/** `payments/_plainsearch`: every criterion but offset/limit is ignored (no tenant filter); default limit 30, no cap. */
export const plainSearchPayments: OperationHandler<CollectionSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "paymentSearchCriteria");
    const offset = q.int("offset") ?? 0;
    const limit = q.int("limit") ?? DEFAULT_LIMIT;
    q.throwIfAny();
    const page = Object.values(slice.payments)
      .sort((a, b) => Number((a.payment["auditDetails"] as { createdTime?: number } | undefined)?.createdTime ?? 0) - Number((b.payment["auditDetails"] as { createdTime?: number } | undefined)?.createdTime ?? 0) || a.seq - b.seq)
      .slice(offset, offset + limit)
      .sort((a, b) => (Number(b.payment["transactionDate"]) || 0) - (Number(a.payment["transactionDate"]) || 0) || b.seq - a.seq)
      .map((r) => presentStoredPayment(r.payment));
    return { status: 200, body: { ResponseInfo: collectionInfo(req), Payments: page } };
  });
