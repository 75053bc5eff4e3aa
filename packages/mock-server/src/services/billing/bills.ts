/**
 * billing-service bills (v2): `_fetchbill`, `_search`, `_cancelbill`, `_create` and the deprecated `_generate`
 * (billing-service/src/main/java/org/egov/demand/service/BillServicev2.java, web/controller/BillControllerv2.java).
 */
import type { MockContext, OperationHandler, OperationRequest } from "../../core/types.js";
import { isRecord, recordAt, recordsAt } from "../shared/values.js";
import { expireOrPayBills, findBills, presentGeneratedBill, presentSearchedBill } from "./bills-store.js";
import { billingInfo, checkTenantForUserType, findDemands } from "./demands.js";
import { CANCEL_MESSAGES, E } from "./errors.js";
import { masterRecords, num, TAX_HEAD_MASTER, BUSINESS_SERVICE_MASTER, text } from "./masters.js";
import { BILL_STATUSES, type BillAccountDetailRecord, type BillDetailRecord, type BillingSlice, type BillRecord, type BillStatus, type DemandRecord } from "./model.js";
import { userByUuid } from "./users.js";
import { ErrorMap, fail, failAfterWrite, money, ok, QueryBinder, requestInfoOf, run, userInfoOf } from "./wire.js";

/** `bs.bill.billnumber.format` with tenant-level numbering off (application.properties:94-97). */
export function billNumberFormat(businessService: string): string {
  return `BILLNO-${businessService}-[SEQ_egbs_billnumber]`;
}

/** India Standard Time: the mock's DIGIT runs in IST (see docs/mock-server.md). */
const IST_OFFSET_MS = 5.5 * 3_600_000;

/** BillServicev2.getExpiryDateForDemand: 23:59:59 (keeping the milliseconds) of now + billExpiryTime, or of today. */
export function expiryFor(demand: DemandRecord, now: number): number {
  const base = demand.billExpiryTime > 0 ? now + demand.billExpiryTime : now;
  const local = new Date(base + IST_OFFSET_MS);
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 23, 59, 59, local.getUTCMilliseconds());
  return end - IST_OFFSET_MS;
}

/** One id from egov-idgen through the internal door; IDGEN_SERVICE_ERROR when it answers none. */
export function generateId(ctx: MockContext, req: OperationRequest, idName: string, tenantId: string, format: string): string {
  const result = ctx.call("idgen.generate", { RequestInfo: requestInfoOf(req), idRequests: [{ idName, tenantId, format }] }, { caller: req.caller });
  const body = result.body;
  const first = ok(result) && isRecord(body) && Array.isArray(body["idResponses"]) ? body["idResponses"][0] : undefined;
  const id = isRecord(first) && typeof first["id"] === "string" ? first["id"] : undefined;
  if (id === undefined) failAfterWrite(E.idgen.code, E.idgen.message);
  return id;
}

interface Generated {
  bills: BillRecord[];
}

/**
 * BillServicev2.generateBill/prepareBill: the ACTIVE, unpaid demands matching the criteria become one bill per
 * consumer code (a bill detail per demand, an account detail per tax head holding tax − collection). A bill
 * whose total is negative is not created. The payer is the first demand's payer. Bills are stored.
 */
function generate(ctx: MockContext, req: OperationRequest, slice: BillingSlice, c: GenerateCriteria): Generated {
  const demands = findDemands(ctx, slice, {
    tenantId: c.tenantId,
    status: "ACTIVE",
    businessService: c.businessService,
    mobileNumber: c.mobileNumber,
    email: c.email,
    consumerCodes: c.consumerCodes,
    isPaymentCompleted: false,
    demandIds: c.demandId !== undefined ? [c.demandId] : undefined,
  });
  if (demands.length === 0) return { bills: [] };
  const payerUuid = demands[0]!.payer;
  const payer = payerUuid ? userByUuid(ctx, payerUuid) : undefined;
  const now = ctx.now();
  const user = userInfoOf(req);
  const by = user?.uuid ?? "";
  const audit = { createdBy: by, createdTime: now, lastModifiedBy: by, lastModifiedTime: now };
  const bills: BillRecord[] = [];
  const byTenant = new Map<string, DemandRecord[]>();
  for (const d of demands) byTenant.set(d.tenantId, [...(byTenant.get(d.tenantId) ?? []), d]);
  for (const [tenantId, tenantDemands] of byTenant) {
    const codes = new Set(tenantDemands.flatMap((d) => d.demandDetails.map((x) => x.taxHeadMasterCode)));
    const heads = (masterRecords(ctx, tenantId, TAX_HEAD_MASTER) ?? []).filter((h) => codes.has(text(h["code"]) ?? ""));
    if (heads.length === 0) failAfterWrite(E.taxHeadCodeEmpty.code, E.taxHeadCodeEmpty.message);
    const headByCode = new Map(heads.map((h) => [text(h["code"]) ?? "", h]));
    const services = masterRecords(ctx, tenantId, BUSINESS_SERVICE_MASTER) ?? [];
    const byConsumer = new Map<string, DemandRecord[]>();
    for (const d of tenantDemands) byConsumer.set(d.consumerCode, [...(byConsumer.get(d.consumerCode) ?? []), d]);
    for (const [consumerCode, group] of byConsumer) {
      const service = services.find((s) => text(s["code"]) === group[0]!.businessService);
      const billId = ctx.uuid();
      const billNumber = generateId(ctx, req, "billnumberid", tenantId, billNumberFormat(tenantDemands[0]!.businessService));
      const details: BillDetailRecord[] = group.map((demand) => {
        const detailId = ctx.uuid();
        const accounts = new Map<string, BillAccountDetailRecord>();
        let total = 0;
        for (const dd of demand.demandDetails) {
          const head = headByCode.get(dd.taxHeadMasterCode);
          // DIGIT fails on a tax head the masters lack (NullPointerException); the mock keeps the demand's code.
          const code = head ? (text(head["code"]) ?? dd.taxHeadMasterCode) : dd.taxHeadMasterCode;
          const due = money(dd.taxAmount - dd.collectionAmount);
          total += due;
          const existing = accounts.get(code);
          if (existing) existing.amount = money(existing.amount + due);
          else {
            accounts.set(code, {
              id: ctx.uuid(),
              tenantId: dd.tenantId,
              billDetailId: detailId,
              demandDetailId: dd.id,
              order: head ? num(head["order"]) : null,
              amount: due,
              adjustedAmount: 0,
              taxHeadCode: code,
            });
          }
        }
        return {
          id: detailId,
          tenantId: demand.tenantId,
          demandId: demand.id,
          billId,
          expiryDate: expiryFor(demand, now),
          amount: money(total),
          fromPeriod: demand.taxPeriodFrom,
          toPeriod: demand.taxPeriodTo,
          additionalDetails: demand.additionalDetails ?? null,
          billAccountDetails: [...accounts.values()],
        };
      });
      const totalAmount = money(details.reduce((s, d) => s + d.amount, 0));
      if (totalAmount < 0) continue;
      slice.seq += 1;
      const bill: BillRecord = {
        id: billId,
        userId: payer?.uuid ?? null,
        mobileNumber: payer?.mobileNumber ?? null,
        payerName: payer?.name ?? null,
        payerAddress: typeof payer?.extra?.["permanentAddress"] === "string" ? (payer.extra["permanentAddress"] as string) : null,
        payerEmail: null,
        status: "ACTIVE",
        totalAmount,
        businessService: (service && text(service["code"])) ?? group[0]!.businessService,
        billNumber,
        billDate: now,
        consumerCode,
        additionalDetails: null,
        billDetails: details,
        tenantId,
        fileStoreId: null,
        auditDetails: audit,
        seq: slice.seq,
      };
      slice.bills[bill.id] = bill;
      bills.push(bill);
    }
  }
  return { bills };
}

interface GenerateCriteria {
  tenantId: string;
  businessService: string;
  consumerCodes: string[];
  demandId?: string | undefined;
  email?: string | undefined;
  mobileNumber?: string | undefined;
}

const MAX_256 = { max: 256 };

/** GenerateBillCriteria as Spring binds and validates it (query string). */
function generateCriteria(req: OperationRequest): GenerateCriteria {
  const q = new QueryBinder(req, "generateBillCriteria");
  const tenantId = q.string("tenantId", { notNull: true, ...MAX_256 });
  const businessService = q.string("businessService", { notNull: true, ...MAX_256 });
  const consumerCodes = q.set("consumerCode") ?? [];
  const demandId = q.string("demandId", { max: 64 });
  const email = q.string("email", { pattern: /^[^@\s]+@[^@\s]+$/, patternMessage: "must be a well-formed email address" });
  const mobileNumber = q.string("mobileNumber", { pattern: /^[0-9]{10}$/, patternMessage: "MobileNumber should be 10 digit number" });
  q.throwIfAny();
  return { tenantId: tenantId!, businessService: businessService!, consumerCodes, demandId, email, mobileNumber };
}

/** BillValidator.validateBillGenRequest. */
function checkGenerateCriteria(req: OperationRequest, c: GenerateCriteria): void {
  checkTenantForUserType(c.tenantId, userInfoOf(req));
  const noDemandId = c.demandId === undefined;
  const noPayer = c.mobileNumber === undefined && c.email === undefined;
  const noConsumer = c.consumerCodes.length === 0;
  if (noDemandId && noPayer && noConsumer) fail(E.billGenCriteria.code, E.billGenCriteria.message);
}

/** `bill/v2/_fetchbill` (201): existing ACTIVE, unexpired bills, else bills generated from the demands. */
export const fetchBill: OperationHandler<BillingSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const c = generateCriteria(req);
    checkGenerateCriteria(req, c);
    const now = ctx.now();
    const found = findBills(slice, { tenantId: c.tenantId, consumerCodes: c.consumerCodes, mobileNumber: c.mobileNumber, email: c.email, status: "ACTIVE", service: c.businessService, orderBy: true });
    const created = (criteria: GenerateCriteria, kept: BillRecord[] = []) => {
      const generated = generate(ctx, req, slice, criteria).bills;
      return { status: req.route.successStatus, body: { ResposneInfo: null, Bill: [...kept.map(presentSearchedBill), ...generated.map(presentGeneratedBill)] } };
    };
    if (found.length === 0) return created(c);
    const requested = new Set(c.consumerCodes);
    // GenerateBillCriteria.toDemandCriteria puts the (possibly null) demandId into the id set, so without a
    // demandId this lookup (`id IN (null)`) finds nothing.
    if ((c.mobileNumber !== undefined || c.email !== undefined) && c.demandId !== undefined) {
      for (const d of findDemands(ctx, slice, { tenantId: c.tenantId, businessService: c.businessService, mobileNumber: c.mobileNumber, email: c.email, isPaymentCompleted: false, consumerCodes: c.consumerCodes, demandIds: [c.demandId] })) {
        requested.add(d.consumerCode);
      }
    }
    for (const bill of found) requested.add(bill.consumerCode);
    const notBilled = new Set(requested);
    const expired = new Set<string>();
    const kept: BillRecord[] = [];
    for (const bill of found) {
      if (bill.billDetails.some((d) => d.expiryDate < now)) expired.add(bill.consumerCode);
      else kept.push(bill);
      notBilled.delete(bill.consumerCode);
    }
    if (expired.size === 0 && notBilled.size === 0) {
      return { status: req.route.successStatus, body: { ResposneInfo: billingInfo(req, "200 OK"), Bill: found.map(presentSearchedBill) } };
    }
    expireOrPayBills(slice, { tenantId: c.tenantId, businessService: c.businessService, consumerCodes: expired, status: "EXPIRED" });
    return created({ ...c, consumerCodes: [...expired, ...notBilled] }, kept);
  });

/** `bill/v2/_generate`: deprecated, refused after the criteria binding. */
export const generateBill: OperationHandler<BillingSlice> = (req, ctx) =>
  run(req, ctx, () => {
    generateCriteria(req);
    fail(E.generateDeprecated.code, E.generateDeprecated.message);
  });

/** `bill/v2/_search`: one (the latest) bill per consumer code; `size`, `offset`, `isActive`, `isCancelled` ignored. */
export const searchBills: OperationHandler<BillingSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "billSearchCriteria");
    const tenantId = q.string("tenantId", { notNull: true });
    const billIds = q.set("billId");
    const fromPeriod = q.long("fromPeriod");
    const toPeriod = q.long("toPeriod");
    const retrieveOldest = q.bool("retrieveOldest") ?? false;
    q.bool("isActive");
    q.bool("isCancelled");
    const consumerCodes = q.set("consumerCode");
    const billNumber = q.string("billNumber");
    const service = q.string("service");
    const orderBy = q.bool("orderBy") ?? false;
    q.int("size");
    q.long("offset");
    const email = q.string("email");
    const status = q.enumOf("status", BILL_STATUSES, "org.egov.demand.model.BillV2$BillStatus") as BillStatus | undefined;
    const mobileNumber = q.string("mobileNumber", { pattern: /^[0-9]{10}$/, patternMessage: "MobileNumber should be 10 digit number" });
    q.throwIfAny();
    checkTenantForUserType(tenantId!, userInfoOf(req));
    if (billIds === undefined && !consumerCodes?.length && mobileNumber === undefined && email === undefined) fail(E.billSearchCriteria.code, E.billSearchCriteria.message);
    if (consumerCodes !== undefined && service === undefined) fail(E.billSearchConsumerCode.code, E.billSearchConsumerCode.message);
    const bills = findBills(slice, { tenantId: tenantId!, billIds, status, retrieveOldest, email, mobileNumber, service, fromPeriod, toPeriod, billNumber, consumerCodes, orderBy });
    return { status: 200, body: { ResposneInfo: billingInfo(req, "200 OK"), Bill: bills.map(presentSearchedBill) } };
  });

/** `bill/v2/_cancelbill`: cancels the latest ACTIVE bill of one consumer code; answers {ResponseInfo, Message}. */
export const cancelBill: OperationHandler<BillingSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const criteria = recordAt(req.body, "UpdateBillCriteria");
    const additional = criteria["additionalDetails"];
    const details = isRecord(additional) ? additional : {};
    const errors = new ErrorMap();
    const reason = details["reason"];
    const reasonMessage = details["reasonMessage"];
    if (typeof reason === "string") {
      if (reason === "") errors.put(E.cancelReasonCodeEmpty.code, E.cancelReasonCodeEmpty.message);
    } else errors.put(E.cancelReasonCodeMissing.code, E.cancelReasonCodeMissing.message);
    if (typeof reasonMessage === "string") {
      if (reasonMessage === "") errors.put(E.cancelReasonMsgEmpty.code, E.cancelReasonMsgEmpty.message);
    } else errors.put(E.cancelReasonMsgMissing.code, E.cancelReasonMsgMissing.message);
    errors.throwIfAny();
    const consumerCodes = Array.isArray(criteria["consumerCodes"]) ? [...new Set(criteria["consumerCodes"].map(String))] : [];
    if (consumerCodes.length > 1) fail(E.cancelOneConsumerCode.code, E.cancelOneConsumerCode.message);
    const count = expireOrPayBills(slice, {
      tenantId: String(criteria["tenantId"]),
      businessService: String(criteria["businessService"]),
      consumerCodes: new Set(consumerCodes),
      status: "CANCELLED",
      additionalDetails: additional,
    });
    const status = count > 0 ? 200 : 400;
    const message = count > 0 ? CANCEL_MESSAGES.success.replace("{count}", String(count)) : count < 0 ? CANCEL_MESSAGES.paid : CANCEL_MESSAGES.none;
    return { status, body: { ResponseInfo: billingInfo(req, count > 0 ? "200 OK" : "400 BAD_REQUEST"), Message: message } };
  });

/**
 * `bill/v2/_create` (201): DIGIT sends the bills to Kafka before giving them ids, then assigns ids and plain
 * sequence bill numbers to the objects it answers; the copy its consumer saves lacks them, so the mock stores
 * nothing (clients use `_fetchbill`).
 */
export const createBill: OperationHandler<BillingSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const bills = recordsAt(req.body, "Bills").map((bill) => {
      slice.billNumberSeq += 1;
      const id = ctx.uuid();
      const tenantId = bill["tenantId"] ?? null;
      return {
        ...structuredClone(bill),
        id,
        billNumber: String(slice.billNumberSeq),
        billDetails: recordsAt(bill, "billDetails").map((detail) => {
          const detailId = ctx.uuid();
          return {
            ...structuredClone(detail),
            id: detailId,
            billId: id,
            tenantId,
            billAccountDetails: recordsAt(detail, "billAccountDetails").map((a) => ({ ...structuredClone(a), id: ctx.uuid(), billDetailId: detailId, tenantId })),
          };
        }),
      };
    });
    return { status: req.route.successStatus, body: { ResposneInfo: null, Bill: bills } };
  });
