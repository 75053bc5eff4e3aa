/**
 * collection-services payments: `payments/_create` and `payments/_validate`
 * (collection-services/src/main/java/org/egov/collection/service/PaymentService.java, util/PaymentEnricher.java,
 * util/PaymentValidator.java).
 */
import type { DigitErrorItem, MockContext, OperationHandler, OperationRequest } from "../../core/types.js";
import { backUpdateDemands, paidBillsOf } from "../billing/backupdate.js";
import { generateId } from "../billing/bills.js";
import { advanceTaxHead, masterRecords, requiredMaster, TAX_HEAD_MASTER, BUSINESS_SERVICE_MASTER, text } from "../billing/masters.js";
import { createCitizen, findCitizens } from "../billing/users.js";
import { amount, echoResponseInfo, ErrorMap, fail, money, ok, passOn, requestInfoOf, run, tenantMatches, userInfoOf, type UserInfo } from "../billing/wire.js";
import { MockHttpError } from "../../core/errors.js";
import { isRecord, recordAt, recordsAt } from "../shared/values.js";
import { apportionBill } from "./apportion.js";
import { E } from "./errors.js";
import { INSTRUMENT_DATE_IS_TRANSACTION_DATE, ONLINE_MODES, PAID_INSTRUMENT_STATUSES, PAYMENT_MODES, type CollectionSlice, type PaymentMode } from "./model.js";

export function collectionInfo(req: OperationRequest): Record<string, unknown> {
  return echoResponseInfo(req, "200 OK", "uief87324");
}

const fillOne = (message: string, value: string) => message.replace("{}", value);

/**
 * Payment.paidBy / payerName: `^[a-zA-Z]+(([_\-'`\. ][a-zA-Z ])?[a-zA-Z]*)*$`, checked as the automaton it
 * describes (the regex itself backtracks exponentially on a bad name).
 */
export function validName(name: string): boolean {
  if (!/^[a-zA-Z]/.test(name)) return false;
  let pending = false;
  for (const ch of name) {
    const letter = /[a-zA-Z]/.test(ch);
    const separator = ch === " " || "_-'`.".includes(ch);
    if (pending) {
      if (letter || ch === " ") pending = false;
      else return false;
    } else if (letter) continue;
    else if (separator) pending = true;
    else return false;
  }
  return !pending;
}

const MOBILE = /^[6-9][0-9]{9}$/;
/** A linear-time approximation of Payment.payerEmail's pattern (no quoted local parts or IP domains). */
const EMAIL = /^$|^(?=.{1,64}$)[^<>()[\]\\.,;:\s@"']+(\.[^<>()[\]\\.,;:\s@"']+)*@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

/** Jackson's PaymentModeEnum: case-insensitive, an unknown mode becomes null. */
export function paymentModeOf(value: unknown): PaymentMode | null {
  if (typeof value !== "string") return null;
  const upper = value.toUpperCase();
  return (PAYMENT_MODES as readonly string[]).includes(upper) ? (upper as PaymentMode) : null;
}

/** Bean validation of `@Valid PaymentRequest` beyond the request schema (patterns, the mode enum). */
function beanErrors(payment: Record<string, unknown>): DigitErrorItem[] {
  const errors: DigitErrorItem[] = [];
  const add = (constraint: string, field: string, message: string) =>
    errors.push({ code: `${constraint}.paymentRequest.payment.${field}`, message, description: message, params: null });
  if (paymentModeOf(payment["paymentMode"]) === null) add("NotNull", "paymentMode", "must not be null");
  if (typeof payment["paidBy"] === "string" && !validName(payment["paidBy"])) add("Pattern", "paidBy", E.paidByPattern);
  if (typeof payment["payerName"] === "string" && !validName(payment["payerName"])) add("Pattern", "payerName", E.paidByPattern);
  if (typeof payment["mobileNumber"] === "string" && !MOBILE.test(payment["mobileNumber"])) add("Pattern", "mobileNumber", E.mobilePattern);
  if (typeof payment["payerEmail"] === "string" && !EMAIL.test(payment["payerEmail"])) add("Pattern", "payerEmail", E.emailPattern);
  return errors;
}

/** A bill as collection reads billing's answer into its own Bill model (fields billing does not send are null). */
function toCollectionBill(v2: Record<string, unknown>): Record<string, unknown> {
  const details = recordsAt(v2, "billDetails").map((d) => ({
    id: d["id"] ?? null,
    tenantId: d["tenantId"] ?? null,
    demandId: d["demandId"] ?? null,
    billId: d["billId"] ?? null,
    amount: d["amount"] ?? null,
    amountPaid: d["amountPaid"] ?? null,
    fromPeriod: d["fromPeriod"] ?? null,
    toPeriod: d["toPeriod"] ?? null,
    additionalDetails: d["additionalDetails"] ?? null,
    channel: null,
    voucherHeader: null,
    boundary: null,
    manualReceiptNumber: null,
    manualReceiptDate: null,
    billAccountDetails: recordsAt(d, "billAccountDetails").map((a) => ({
      id: a["id"] ?? null,
      tenantId: a["tenantId"] ?? null,
      billDetailId: a["billDetailId"] ?? null,
      demandDetailId: a["demandDetailId"] ?? null,
      order: a["order"] ?? null,
      amount: a["amount"] ?? null,
      adjustedAmount: a["adjustedAmount"] ?? null,
      isActualDemand: null,
      taxHeadCode: a["taxHeadCode"] ?? null,
      additionalDetails: a["additionalDetails"] ?? null,
      purpose: null,
      auditDetails: a["auditDetails"] ?? null,
    })),
    collectionType: null,
    auditDetails: null,
    billDescription: null,
    expiryDate: d["expiryDate"] ?? null,
    displayMessage: null,
    callBackForApportioning: null,
    cancellationRemarks: null,
  }));
  return {
    id: v2["id"] ?? null,
    mobileNumber: v2["mobileNumber"] ?? null,
    paidBy: null,
    payerName: v2["payerName"] ?? null,
    payerAddress: v2["payerAddress"] ?? null,
    payerEmail: v2["payerEmail"] ?? null,
    payerId: null,
    status: v2["status"] ?? null,
    reasonForCancellation: null,
    isCancelled: null,
    additionalDetails: v2["additionalDetails"] ?? null,
    billDetails: details,
    tenantId: v2["tenantId"] ?? null,
    auditDetails: v2["auditDetails"] ?? null,
    collectionModesNotAllowed: null,
    partPaymentAllowed: null,
    isAdvanceAllowed: null,
    minimumAmountToBePaid: null,
    businessService: v2["businessService"] ?? null,
    totalAmount: v2["totalAmount"] ?? null,
    consumerCode: v2["consumerCode"] ?? null,
    billNumber: v2["billNumber"] ?? null,
    billDate: v2["billDate"] ?? null,
    amountPaid: null,
  };
}

/** A JSON boolean, null/absent, or a parse failure (the Java cast of a string fails). */
function masterFlag(value: unknown): { ok: boolean; value: boolean | null } {
  if (value === undefined || value === null) return { ok: true, value: null };
  return typeof value === "boolean" ? { ok: true, value } : { ok: false, value: null };
}

/** Utils.isPositiveInteger: zero or a positive whole number. */
const wholeNonNegative = (n: number) => n >= 0 && Number.isInteger(money(n));

export interface PreparedPayment {
  payment: Record<string, unknown>;
  mode: PaymentMode;
  user: UserInfo;
}

/** Payments of the tenant (exact city or state prefix) that paid any of these bills. */
function paymentsForBills(slice: CollectionSlice, tenantId: string, billIds: Set<string>): Record<string, unknown>[] {
  return Object.values(slice.payments)
    .map((r) => r.payment)
    .filter((p) => tenantMatches(tenantId, String(p["tenantId"])))
    .filter((p) => recordsAt(p, "paymentDetails").some((d) => billIds.has(String(d["billId"]))));
}

/**
 * PaymentEnricher.enrichPaymentPreValidate + PaymentValidator.validatePaymentForCreate: every check of
 * `_create`, and the payment enriched with the bills billing answers. Writes nothing.
 */
export function preparePayment(req: OperationRequest, ctx: MockContext, slice: CollectionSlice): PreparedPayment {
  const input = recordAt(req.body, "Payment");
  const bean = beanErrors(input);
  if (bean.length > 0) throw new MockHttpError(400, bean);
  const mode = paymentModeOf(input["paymentMode"])!;
  const payment: Record<string, unknown> = structuredClone(input);
  payment["paymentMode"] = mode;
  const tenantId = String(payment["tenantId"]);
  const details = recordsAt(payment, "paymentDetails");
  payment["paymentDetails"] = details;
  const user = userInfoOf(req);
  if (user === null || user.uuid === null) fail(E.userInfoInvalid.code, E.userInfoInvalid.message);
  const billIds = details.map((d) => String(d["billId"]));
  if (new Set(billIds).size < billIds.length) fail(E.duplicateBillId.code, E.duplicateBillId.message);

  const masters = requiredMaster(ctx, tenantId, BUSINESS_SERVICE_MASTER);
  const masterByCode = new Map(masters.map((m) => [text(m["code"]) ?? "", m]));
  // BillingServiceRepository.fetchBill: billing's bill/v2/_search by bill ids, its errors passed on as they are.
  const found = ctx.call("billing.searchBills", { RequestInfo: requestInfoOf(req) }, { caller: req.caller, query: { tenantId, billId: billIds.join(",") } });
  if (!ok(found)) passOn(found);
  const bills = isRecord(found.body) ? recordsAt(found.body, "Bill").map(toCollectionBill) : [];
  if (bills.length === 0) fail(E.noBills.code, E.noBills.message);
  const errors = new ErrorMap();
  const billById = new Map<string, Record<string, unknown>>();
  for (const bill of bills) {
    const master = masterByCode.get(String(bill["businessService"]));
    if (recordsAt(bill, "billDetails").length === 0) errors.put(E.badBill.code, fillOne(E.badBill.message, String(bill["id"])));
    else if (master === undefined) errors.put(E.billServiceMissing.code, fillOne(E.billServiceMissing.message, String(bill["id"])));
    else {
      bill["paidBy"] = payment["paidBy"] ?? null;
      const advance = masterFlag(master["isAdvanceAllowed"]);
      const partial = masterFlag(master["partPaymentAllowed"]);
      const modes = master["collectionModesNotAllowed"];
      if (!advance.ok || !partial.ok || (modes !== undefined && modes !== null && !Array.isArray(modes))) errors.put(E.billServiceParse.code, E.billServiceParse.message);
      else {
        bill["isAdvanceAllowed"] = advance.value;
        bill["partPaymentAllowed"] = partial.value;
        bill["collectionModesNotAllowed"] = Array.isArray(modes) ? modes.map(String) : null;
      }
    }
    billById.set(String(bill["id"]), bill);
  }
  const now = ctx.now();
  const by = String(user.id ?? "");
  const audit = { createdBy: by, createdTime: now, lastModifiedBy: by, lastModifiedTime: now };
  for (const detail of details) {
    const bill = billById.get(String(detail["billId"]));
    // DIGIT fails with a NullPointerException on a bill id billing did not answer.
    if (!bill) fail(E.badBill.code, fillOne(E.badBill.message, String(detail["billId"])));
    detail["businessService"] = bill["businessService"] ?? null;
    detail["bill"] = bill;
    detail["id"] = ctx.uuid();
    detail["tenantId"] = tenantId;
    detail["auditDetails"] = audit;
    detail["receiptType"] = "BILLBASED";
    detail["receiptDate"] = now;
    detail["totalDue"] = bill["totalAmount"] ?? null;
  }
  errors.throwIfAny();
  payment["totalDue"] = money(details.reduce((s, d) => s + (amount(d["totalDue"]) ?? 0), 0));
  payment["id"] = ctx.uuid();
  payment["auditDetails"] = audit;

  // PaymentValidator.validatePaymentForCreate: one error map.
  validateInstrument(payment, mode, now, errors);
  const previous = paymentsForBills(slice, tenantId, new Set(billIds));
  if (previous.some((p) => PAID_INSTRUMENT_STATUSES.includes(String(p["instrumentStatus"]).toUpperCase()))) errors.put(E.alreadyPaid.code, E.alreadyPaid.message);
  for (const detail of details) {
    if (!detail["businessService"]) errors.put(E.businessDetails.code, E.businessDetails.message);
    validateAgainstBill(mode, detail, now, errors);
  }
  errors.throwIfAny();
  return { payment, mode, user };
}

/** PaymentValidator.validateInstrument. */
function validateInstrument(payment: Record<string, unknown>, mode: PaymentMode, now: number, errors: ErrorMap): void {
  const instrumentDate = typeof payment["instrumentDate"] === "number" ? payment["instrumentDate"] : null;
  const instrumentNumber = typeof payment["instrumentNumber"] === "string" ? payment["instrumentNumber"] : "";
  if (["CHEQUE", "DD", "OFFLINE_NEFT", "OFFLINE_RTGS", "POSTAL_ORDER"].includes(mode)) {
    if (instrumentDate === null) errors.put(E.instrumentDate.code, E.instrumentDate.message);
    if (instrumentNumber === "") errors.put(E.instrumentNumber.code, E.instrumentNumber.message);
    // Joda's DateTime of a null date is "now".
    const date = instrumentDate ?? now;
    if (mode === "CHEQUE" || mode === "DD") {
      const transactionDate = typeof payment["transactionDate"] === "number" ? payment["transactionDate"] : null;
      const days = (from: number, to: number) => Math.trunc((to - from) / 86_400_000);
      if (transactionDate !== null) {
        if (date > transactionDate) errors.put(E.chequeAfterReceipt.code, E.chequeAfterReceipt.message);
        if (days(date, transactionDate) > 90) errors.put(E.chequeManualReceiptAge.code, E.chequeManualReceiptAge.message);
      } else {
        if (days(date, now) > 90) errors.put(E.chequeAge.code, E.chequeAge.message);
        if (date > now) errors.put(E.chequeFuture.code, E.chequeFuture.message);
      }
    } else if (date > now) errors.put(E.neftFuture.code, E.neftFuture.message);
  }
  if (ONLINE_MODES.includes(mode)) {
    if (typeof payment["transactionNumber"] !== "string" || payment["transactionNumber"] === "") errors.put(E.txnNumber.code, E.txnNumber.message);
    if (instrumentNumber === "") errors.put(E.cardInstrumentNumber.code, E.cardInstrumentNumber.message);
  }
}

/** PaymentValidator.validatePaymentDetailAgainstBill. */
function validateAgainstBill(mode: PaymentMode, detail: Record<string, unknown>, now: number, errors: ErrorMap): void {
  const bill = detail["bill"] as Record<string, unknown>;
  const id = String(bill["id"]);
  const total = amount(bill["totalAmount"]) ?? 0;
  const paid = amount(detail["totalAmountPaid"]) ?? 0;
  const advanceAllowed = bill["isAdvanceAllowed"] === true;
  if ((amount(detail["totalDue"]) ?? 0) !== total) errors.put(E.amountMismatch.code, fillOne(E.amountMismatch.message, id));
  if (!advanceAllowed && !wholeNonNegative(total)) errors.put(E.billAmount.code, fillOne(E.billAmount.message, id));
  const minimum = amount(bill["minimumAmountToBePaid"]);
  if (minimum !== undefined && paid < minimum) errors.put(E.belowMinimum.code, E.belowMinimum.message);
  if (bill["partPaymentAllowed"] !== true && paid < total) errors.put(E.partial.code, E.partial.message);
  if (!advanceAllowed && paid > total) errors.put(E.advance.code, E.advance.message);
  const notAllowed = Array.isArray(bill["collectionModesNotAllowed"]) ? bill["collectionModesNotAllowed"] : [];
  if (notAllowed.includes(mode)) errors.put(E.modeNotAllowed.code, E.modeNotAllowed.message.replace("{mode}", mode).replace("{bill}", id));
  if (!wholeNonNegative(paid)) errors.put(E.amountPaid.code, fillOne(E.amountPaid.message, String(detail["billId"])));
  if (paid === 0 && total > 0) errors.put(E.amountPaid.code, fillOne(E.amountPaid.message, String(detail["billId"])));
  if (!Number.isInteger(money(total))) errors.put(E.fractionalDue.code, E.fractionalDue.message);
  if (!Number.isInteger(money(paid))) errors.put(E.fractionalPaid.code, E.fractionalPaid.message);
  for (const bd of recordsAt(bill, "billDetails")) {
    const expiry = amount(bd["expiryDate"]);
    if (expiry === undefined || now >= expiry) errors.put(E.expired.code, E.expired.message);
  }
}

/** `payments/_validate`: create's checks; the partly enriched payment, nothing stored. */
export const validatePayment: OperationHandler<CollectionSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const { payment } = preparePayment(req, ctx, slice);
    return { status: 200, body: { ResponseInfo: collectionInfo(req), Payments: [payment] } };
  });

/** PaymentService.createUser: a citizen pays as themself; an employee's payment gets the citizen of its mobile number (created if needed). */
function payerIdFor(ctx: MockContext, req: OperationRequest, payment: Record<string, unknown>, user: UserInfo): string | null {
  if (user.type === "CITIZEN") return user.uuid;
  const mobile = typeof payment["mobileNumber"] === "string" ? payment["mobileNumber"] : null;
  if (mobile === null) return null;
  const tenantId = String(payment["tenantId"]);
  const found = findCitizens(ctx, tenantId, (u) => u.userName === mobile)[0];
  if (found) return found.uuid;
  const created = createCitizen(ctx, req, {
    name: typeof payment["paidBy"] === "string" ? payment["paidBy"] : null,
    mobileNumber: mobile,
    userName: mobile,
    tenantId,
    permanentAddress: typeof payment["payerAddress"] === "string" ? payment["payerAddress"] : null,
  });
  return created?.uuid ?? null;
}

/** The full Payment field set DIGIT answers (nulls written). */
export function paymentShape(p: Record<string, unknown>): Record<string, unknown> {
  const keys = [
    "id", "tenantId", "totalDue", "totalAmountPaid", "transactionNumber", "transactionDate", "paymentMode", "instrumentDate", "instrumentNumber",
    "instrumentStatus", "ifscCode", "auditDetails", "additionalDetails", "paymentDetails", "paidBy", "mobileNumber", "payerName", "payerAddress",
    "payerEmail", "payerId", "paymentStatus", "fileStoreId",
  ];
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = p[k] ?? null;
  out["paymentDetails"] = recordsAt(p, "paymentDetails").map((d) => {
    const dk = ["id", "paymentId", "tenantId", "totalDue", "totalAmountPaid", "receiptNumber", "manualReceiptNumber", "manualReceiptDate", "receiptDate", "receiptType", "businessService", "billId", "bill", "additionalDetails", "auditDetails"];
    const o: Record<string, unknown> = {};
    for (const k of dk) o[k] = d[k] ?? null;
    return o;
  });
  return out;
}

/**
 * `payments/_create`: validated as `_validate`, then receipt numbers (idgen `receipt.id`), statuses by mode,
 * a generated transaction number for CASH, the bills apportioned, the payer, the payment stored, and billing's
 * back-update applied (demands collected, bill PAID).
 */
export const createPayment: OperationHandler<CollectionSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const { payment, mode, user } = preparePayment(req, ctx, slice);
    const tenantId = String(payment["tenantId"]);
    const details = recordsAt(payment, "paymentDetails");
    // Checks the database makes on insert: a transaction number for every mode but CASH, one payment per bill id.
    if (mode !== "CASH" && (typeof payment["transactionNumber"] !== "string" || payment["transactionNumber"] === "")) {
      fail(E.creationFailed.code, 'ERROR: null value in column "transactionnumber" violates not-null constraint');
    }
    const billIds = new Set(details.map((d) => String(d["billId"])));
    const paidAnywhere = Object.values(slice.payments).some((r) => recordsAt(r.payment, "paymentDetails").some((d) => billIds.has(String(d["billId"]))));
    if (paidAnywhere) fail(E.creationFailed.code, 'ERROR: duplicate key value violates unique constraint "uk_egcl_paymentdetail"');

    // Valid: enrich (idgen calls write idgen's counters from here on).
    const now = ctx.now();
    const online = ONLINE_MODES.includes(mode);
    payment["paymentStatus"] = online ? "DEPOSITED" : "NEW";
    for (const detail of details) {
      detail["id"] = ctx.uuid();
      detail["receiptNumber"] = generateId(ctx, req, "receipt.id", String(detail["tenantId"]), "[cy:MM]/[fy:yyyy-yy]/[SEQ_COLL_RCPT_NUM]");
      (detail["bill"] as Record<string, unknown>)["amountPaid"] = detail["totalAmountPaid"];
    }
    if (mode === "CASH") {
      const city = tenantId.includes(".") ? tenantId.split(".")[1]! : tenantId;
      payment["transactionNumber"] = generateId(ctx, req, "collection.transactionno", tenantId, `${city}[d{10}]`);
    }
    payment["instrumentStatus"] = online ? "REMITTED" : "APPROVED";
    payment["transactionDate"] = now;
    if (INSTRUMENT_DATE_IS_TRANSACTION_DATE.includes(mode)) payment["instrumentDate"] = now;
    const heads = masterRecords(ctx, tenantId, TAX_HEAD_MASTER);
    for (const detail of details) {
      const bill = detail["bill"] as Record<string, unknown>;
      apportionBill(bill, amount(detail["totalAmountPaid"]) ?? 0, advanceTaxHead(heads, String(bill["businessService"])), () => ctx.uuid());
    }
    payment["payerId"] = payerIdFor(ctx, req, payment, user);
    const answered = paymentShape(payment);
    slice.seq += 1;
    slice.payments[String(payment["id"])] = { payment: structuredClone(answered), seq: slice.seq };
    // billing's Kafka consumer (egov.collection.payment-create), applied at once.
    backUpdateDemands(ctx, String(payment["id"]), paidBillsOf(answered), false, user.uuid ?? "");
    return { status: 200, body: { ResponseInfo: collectionInfo(req), Payments: [answered] } };
  });
