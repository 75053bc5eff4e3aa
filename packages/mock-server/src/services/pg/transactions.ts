/**
 * egov-pg-service transactions: `transaction/v1/_create`, `_search`, `_update` (POST and GET) and
 * `gateway/v1/_search` (egov-pg-service/src/main/java/org/egov/pg/service/TransactionService.java,
 * validator/TransactionValidator.java, service/EnrichmentService.java, service/PaymentsService.java).
 *
 * DIGIT talks to a real payment provider; the mock has its own fake gateway (gateway.ts): `redirectUrl` points at
 * its page, and `_update` asks it, instead of a provider, how the payment went.
 */
import { MockHttpError } from "../../core/errors.js";
import { strictOnly } from "../../core/warnings.js";
import type { MockContext, OperationHandler, OperationRequest, OperationResult } from "../../core/types.js";
import { generateId } from "../billing/bills.js";
import { createCitizen, findCitizens } from "../billing/users.js";
import { amount, echoResponseInfo, ErrorMap, fail, failAfterWrite, ok, passOn, passOnAfterWrite, QueryBinder, requestInfoOf, run, userInfoOf } from "../billing/wire.js";
import { UNHANDLED } from "../billing/errors.js";
import { isRecord, recordAt, recordsAt } from "../shared/values.js";
import { E, STATUS_MESSAGES } from "./errors.js";
import { ACTIVE_GATEWAYS, GATEWAYS, TXN_ID_KEYS, type PgSlice, type TransactionRecord, type TxnStatus } from "./model.js";

/** `egov.idgen.ack.name` / `egov.idgen.ack.format` (application.properties:50-51). */
export const TXN_ID_NAME = "pg.txnid";
export const TXN_ID_FORMAT = "PB_PG_[cy:yyyy_MM_dd]_[SEQ_EG_PG_TXN]_[d{2}]";
/** Transactions a search answers at most (TransactionQueryBuilder: fixed limit 5, newest first). */
export const SEARCH_LIMIT = 5;

export function pgInfo(req: OperationRequest): Record<string, unknown> {
  return echoResponseInfo(req, "SUCCESSFUL", "uief87324");
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `new BigDecimal(text)`, failing as DIGIT does (unhandled NumberFormatException) on anything else. */
function decimal(text: string): number {
  if (!DECIMAL.test(text.trim())) fail(UNHANDLED, `NumberFormatException: Character array is missing "exponent" mark 'e' or 'E'. (txnAmount "${text}")`);
  return Number(text.trim());
}

/** The amount as the numeric(15,2) column answers it in searches. */
const twoDecimals = (n: number) => n.toFixed(2);

/** UriComponentsBuilder.fromHttpUrl(url).queryParam("eg_pg_txnid", id). */
function withTxnId(url: string, txnId: string): string {
  const hash = url.indexOf("#");
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? "" : url.slice(hash);
  return `${base}${base.includes("?") ? "&" : "?"}eg_pg_txnid=${encodeURIComponent(txnId)}${fragment}`;
}

/** Where the payer is sent: the mock's gateway page, absolute when the request named its host. */
function gatewayPageUrl(req: OperationRequest, txnId: string): string {
  const path = `/pg-service/mock-gateway/${encodeURIComponent(txnId)}`;
  const host = req.headers["x-forwarded-host"] ?? req.headers["host"];
  if (!host) return path;
  const proto = (req.headers["x-forwarded-proto"] ?? "http").split(",")[0]!.trim();
  return `${proto}://${host.split(",")[0]!.trim()}${path}`;
}

/** Transactions newest first (all of them, visible or not: validation reads the store itself). */
function newestFirst(slice: PgSlice): TransactionRecord[] {
  return Object.values(slice.transactions).sort((a, b) => b.auditDetails.createdTime - a.auditDetails.createdTime || b.seq - a.seq);
}

/** A transaction as the search (TransactionRowMapper) answers it. */
export function presentStored(t: TransactionRecord): Record<string, unknown> {
  const details = isRecord(t.additionalDetails) ? t.additionalDetails : null;
  return {
    tenantId: t.tenantId,
    txnAmount: twoDecimals(t.txnAmount),
    billId: t.billId,
    module: null,
    consumerCode: t.consumerCode,
    taxAndPayments: details && Array.isArray(details["taxAndPayments"]) ? details["taxAndPayments"] : null,
    productInfo: t.productInfo,
    gateway: t.gateway,
    callbackUrl: null,
    txnId: t.txnId,
    user: t.user,
    redirectUrl: null,
    txnStatus: t.txnStatus,
    txnStatusMsg: t.txnStatusMsg,
    gatewayTxnId: t.gatewayTxnId,
    gatewayPaymentMode: t.gatewayPaymentMode,
    gatewayStatusCode: t.gatewayStatusCode,
    gatewayStatusMsg: t.gatewayStatusMsg,
    receipt: t.receipt,
    auditDetails: t.auditDetails,
    additionalDetails: t.additionalDetails,
  };
}

/** PaymentsService.getPaymentFromTransaction: the collection payment a transaction stands for (mode ONLINE). */
function paymentOf(t: { tenantId: string; txnAmount: string; taxAndPayments: Record<string, unknown>[]; user: Record<string, unknown> }, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    paymentDetails: t.taxAndPayments.map((tp) => ({ tenantId: t.tenantId, billId: tp["billId"], totalAmountPaid: tp["amountPaid"] })),
    tenantId: t.tenantId,
    totalAmountPaid: Number(t.txnAmount),
    paymentMode: "ONLINE",
    paidBy: t.user["name"] ?? null,
    mobileNumber: t.user["mobileNumber"] ?? null,
    instrumentDate: extra["instrumentDate"],
    instrumentNumber: "PROV_PAYMENT_VALIDATION",
    transactionNumber: "PROV_PAYMENT_VALIDATION",
    payerName: t.user["name"] ?? null,
    ...extra,
  };
}

/** `transaction/v1/_create`. */
export const createTransaction: OperationHandler<PgSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const txn = recordAt(req.body, "Transaction");
    // Bean validation the request schema leaves to the handler (the schema lets searches answer these null).
    const nulls = ["callbackUrl"].filter((field) => txn[field] === null);
    if (nulls.length > 0) {
      throw new MockHttpError(
        400,
        nulls.map((field) => ({ code: `NotNull.transactionRequest.transaction.${field}`, message: "must not be null", description: "must not be null", params: null })),
      );
    }
    const tenantId = String(txn["tenantId"]);
    const billId = String(txn["billId"]);
    const taxAndPayments = recordsAt(txn, "taxAndPayments");
    const payer = recordAt(txn, "user");
    const gateway = String(txn["gateway"]);
    const txnAmountText = String(txn["txnAmount"]);
    // TransactionValidator.validateCreateTxn: one error map.
    const errors = new ErrorMap();
    const caller = userInfoOf(req);
    if (!caller || !caller.uuid || !caller.name || caller.userName === null || caller.tenantId === null || caller.mobileNumber === null) errors.put(E.userDetails.code, E.userDetails.message);
    if (!ACTIVE_GATEWAYS.includes(gateway)) errors.put(E.gateway.code, E.gateway.message);
    for (const previous of newestFirst(slice).filter((t) => t.billId === billId).slice(0, SEARCH_LIMIT)) {
      if (previous.txnStatus === "PENDING") errors.put(E.pending.code, E.pending.message);
      if (previous.txnStatus === "SUCCESS") errors.put(E.paid.code, E.paid.message);
    }
    const total = taxAndPayments.reduce((s, tp) => s + (amount(tp["amountPaid"]) ?? 0), 0);
    const txnAmount = decimal(txnAmountText);
    if (Math.round(total * 100) !== Math.round(txnAmount * 100)) errors.put(E.amount.code, E.amount.message);
    errors.throwIfAny();
    // PaymentsService.validatePayment: collection's payments/_validate; its errors reach the client as they are.
    const validation = ctx.call(
      "collection.validatePayment",
      { RequestInfo: requestInfoOf(req), Payment: paymentOf({ tenantId, txnAmount: txnAmountText, taxAndPayments, user: payer }, { instrumentDate: ctx.now() }) },
      { caller: req.caller },
    );
    if (!ok(validation)) passOn(validation);
    if (!isRecord(validation.body) || recordsAt(validation.body, "Payments").length === 0) fail(E.validationFailed.code, E.validationFailed.message);
    const callbackUrl = String(txn["callbackUrl"]);
    if (!/^https?:\/\/[^\s/?#]+/i.test(callbackUrl)) fail(UNHANDLED, `IllegalArgumentException: [${callbackUrl}] is not a valid HTTP URL`);

    // EnrichmentService.enrichCreateTransaction (the bank-account lookup in egf-master is not modelled).
    const txnId = generateId(ctx, req, TXN_ID_NAME, tenantId, TXN_ID_FORMAT);
    const user = citizenFor(ctx, req, payer, tenantId);
    const now = ctx.now();
    const additionalDetails = isRecord(txn["additionalDetails"]) ? { ...txn["additionalDetails"], taxAndPayments } : { taxAndPayments };
    const record: TransactionRecord = {
      txnId,
      tenantId,
      txnAmount,
      billId,
      module: typeof txn["module"] === "string" ? txn["module"] : null,
      consumerCode: String(txn["consumerCode"]),
      productInfo: String(txn["productInfo"]),
      gateway,
      callbackUrl: withTxnId(callbackUrl, txnId),
      redirectUrl: null,
      user,
      txnStatus: "PENDING",
      txnStatusMsg: STATUS_MESSAGES.initiated,
      gatewayTxnId: null,
      gatewayPaymentMode: null,
      gatewayStatusCode: null,
      gatewayStatusMsg: null,
      receipt: null,
      additionalDetails,
      auditDetails: { createdBy: caller?.uuid ?? null, createdTime: now, lastModifiedBy: null, lastModifiedTime: null },
      visibleFrom: now + ctx.options.writeLagMs,
      seq: (slice.seq += 1),
    };
    if (txnAmount === 0) {
      // Nothing to pay: SUCCESS at once and the payment registered in collection, no gateway.
      record.txnStatus = "SUCCESS";
      const registered = ctx.call(
        "collection.createPayment",
        {
          RequestInfo: requestInfoOf(req),
          Payment: paymentOf({ tenantId, txnAmount: txnAmountText, taxAndPayments, user }, { instrumentDate: now, instrumentNumber: txnId, transactionNumber: txnId, additionalDetails }),
        },
        { caller: req.caller },
      );
      if (!ok(registered)) passOnAfterWrite(registered);
    } else record.redirectUrl = gatewayPageUrl(req, txnId);
    slice.transactions[txnId] = record;
    const answer = {
      ...presentStored(record),
      txnAmount: txn["txnAmount"],
      module: record.module,
      taxAndPayments,
      callbackUrl: record.callbackUrl,
      redirectUrl: record.redirectUrl,
    };
    return { status: 200, body: { ResponseInfo: pgInfo(req), Transaction: answer } };
  });

/**
 * UserService.createOrSearchUser: the CITIZEN of that name and mobile number at the state tenant, else a new
 * one whose userName is the name (as DIGIT does; when egov-user refuses that userName, DIGIT fails with a
 * NullPointerException, the mock falls back to a generated userName).
 */
function citizenFor(ctx: MockContext, req: OperationRequest, payer: Record<string, unknown>, tenantId: string): TransactionRecord["user"] {
  const name = typeof payer["name"] === "string" ? payer["name"] : null;
  const mobile = typeof payer["mobileNumber"] === "string" ? payer["mobileNumber"] : null;
  const found = findCitizens(ctx, tenantId, (u) => u.name === name && u.mobileNumber === mobile)[0];
  const user =
    found ??
    createCitizen(ctx, req, { name, mobileNumber: mobile, userName: name ?? ctx.uuid(), tenantId }) ??
    createCitizen(ctx, req, { name, mobileNumber: mobile, userName: ctx.uuid(), tenantId });
  if (!user || !user.uuid || !user.name || !user.userName || !user.tenantId || !user.mobileNumber) failAfterWrite(E.userDetails.code, E.userDetails.message);
  return { uuid: user.uuid, userName: user.userName, mobileNumber: user.mobileNumber, emailId: user.emailId ?? null, name: user.name, tenantId: user.tenantId };
}

/** `transaction/v1/_search`: exact filters, newest first, at most 5; write lag hides fresh transactions. */
export const searchTransactions: OperationHandler<PgSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "transactionCriteria");
    const tenantId = q.string("tenantId");
    const txnId = q.string("txnId");
    const billId = q.string("billId");
    const userUuid = q.string("userUuid");
    const receipt = q.string("receipt");
    const consumerCode = q.string("consumerCode");
    const txnStatus = q.enumOf("txnStatus", ["SUCCESS", "FAILURE", "PENDING"], "org.egov.pg.models.Transaction$TxnStatusEnum");
    q.long("createdTime");
    q.int("limit");
    q.int("offset");
    q.throwIfAny();
    const now = ctx.now();
    const list = newestFirst(slice)
      .filter((t) => t.visibleFrom <= now)
      .filter((t) => tenantId === undefined || t.tenantId === tenantId)
      .filter((t) => txnId === undefined || t.txnId === txnId)
      .filter((t) => billId === undefined || t.billId === billId)
      .filter((t) => userUuid === undefined || t.user.uuid === userUuid)
      .filter((t) => receipt === undefined || t.receipt === receipt)
      .filter((t) => consumerCode === undefined || t.consumerCode === consumerCode)
      .filter((t) => txnStatus === undefined || t.txnStatus === txnStatus)
      .slice(0, SEARCH_LIMIT)
      .map(presentStored);
    return { status: 200, body: { ResponseInfo: pgInfo(req), Transaction: list } };
  });

/** GatewayService.getTxnId: the first of DIGIT's known keys present in the callback parameters, any case. */
function txnIdOf(query: Record<string, string>): string | undefined {
  const lower = new Map(Object.entries(query).map(([k, v]) => [k.toLowerCase(), v]));
  for (const key of TXN_ID_KEYS) {
    const value = lower.get(key.toLowerCase());
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * TransactionService.updateTransaction: the gateway's live status decides. SUCCESS with the stored amount
 * registers the payment in collection (its refusal, e.g. BILL_ALREADY_PAID on a repeated settle, reaches the
 * client as it is and leaves the transaction unchanged); anything else is FAILURE.
 */
function settle(req: OperationRequest, ctx: MockContext, slice: PgSlice): OperationResult {
  const txnId = txnIdOf(req.query);
  if (txnId === undefined) fail(E.missingTxnId.code, E.missingTxnId.message);
  const current = Object.prototype.hasOwnProperty.call(slice.transactions, txnId) ? slice.transactions[txnId] : undefined;
  if (!current) fail(E.notFound.code, E.notFound.message);
  const now = ctx.now();
  const caller = userInfoOf(req);
  let status: TxnStatus;
  let message: string;
  let gatewayFields: Pick<TransactionRecord, "gatewayTxnId" | "gatewayPaymentMode" | "gatewayStatusCode" | "gatewayStatusMsg">;
  let lastModified = { lastModifiedBy: current.auditDetails.lastModifiedBy, lastModifiedTime: current.auditDetails.lastModifiedTime };
  if (current.txnAmount === 0) {
    status = current.txnStatus;
    message = current.txnStatusMsg;
    gatewayFields = current;
  } else {
    const outcome = Object.prototype.hasOwnProperty.call(slice.gateway, txnId) ? slice.gateway[txnId] : undefined;
    const paid = outcome?.status === "SUCCESS";
    status = paid ? "SUCCESS" : "FAILURE";
    message = current.txnStatusMsg;
    gatewayFields = {
      gatewayTxnId: outcome ? `MOCK${txnId.replace(/[^A-Za-z0-9]/g, "")}` : null,
      gatewayPaymentMode: outcome ? "MOCK" : null,
      gatewayStatusCode: outcome ? outcome.status : "NOT_PAID",
      gatewayStatusMsg: outcome ? (paid ? "Paid at the mock gateway" : "Declined at the mock gateway") : "No payment at the mock gateway",
    };
    lastModified = { lastModifiedBy: caller?.uuid ?? null, lastModifiedTime: now };
  }
  // TransactionValidator.shouldGenerateReceipt (the gateway reports the stored amount, so it always matches).
  let register = false;
  if (current.txnStatus === "SUCCESS" && current.receipt) register = false;
  else if (status === "SUCCESS") {
    message = STATUS_MESSAGES.success;
    register = true;
  } else {
    status = "FAILURE";
    message = STATUS_MESSAGES.gatewayFailure;
  }
  if (register) {
    const details = isRecord(current.additionalDetails) ? current.additionalDetails : {};
    const taxAndPayments = Array.isArray(details["taxAndPayments"]) ? details["taxAndPayments"].filter(isRecord) : [];
    const result = ctx.call(
      "collection.createPayment",
      {
        RequestInfo: requestInfoOf(req),
        Payment: paymentOf(
          { tenantId: current.tenantId, txnAmount: String(current.txnAmount), taxAndPayments, user: current.user },
          { instrumentDate: current.auditDetails.createdTime, instrumentNumber: txnId, transactionNumber: txnId, additionalDetails: current.additionalDetails },
        ),
      },
      { caller: req.caller },
    );
    if (!ok(result)) passOn(result);
    if (!isRecord(result.body) || recordsAt(result.body, "Payments").length === 0) failAfterWrite(E.registrationFailed.code, E.registrationFailed.message);
  }
  Object.assign(current, gatewayFields, { txnStatus: status, txnStatusMsg: message, auditDetails: { ...current.auditDetails, ...lastModified } });
  return { status: 200, body: { ResponseInfo: pgInfo(req), Transaction: [presentStored(current)] } };
}

/** `POST transaction/v1/_update`: the query string is the gateway's callback. */
export const updateTransaction: OperationHandler<PgSlice> = (req, ctx, slice) => run(req, ctx, () => settle(req, ctx, slice));

/**
 * `GET transaction/v1/_update`: DIGIT maps GET on the same handler, which still requires a JSON body with
 * RequestInfo. The mock settles a bodiless GET as the POST does (lenient) and refuses it under --strict.
 */
export const updateTransactionCallback: OperationHandler<PgSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    if (!isRecord(req.body["RequestInfo"])) strictOnly(req, ctx, { code: E.missingBody.code, message: `${E.missingBody.message} (DIGIT's GET _update needs the same {RequestInfo} body as the POST)` });
    return settle(req, ctx, slice);
  });

/** `gateway/v1/_search`: every registered gateway, active or not, as a bare array (no body read). */
export const searchGateways: OperationHandler<PgSlice> = () => ({ status: 200, body: [...GATEWAYS] });
