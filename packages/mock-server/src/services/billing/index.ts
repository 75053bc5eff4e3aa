/**
 * billing-service: demands, bills and the BillingService masters behind them (module `BillingService` in MDMS:
 * BusinessService, TaxHeadMaster, TaxPeriod). See docs/mock-server.md, "The payments chain".
 */
import type { OperationHandler, ServiceModule } from "../../core/types.js";
import { actorOf, newAudit } from "../shared/audit.js";
import { recordAt } from "../shared/values.js";
import { cancelBill, createBill, fetchBill, generateBill, searchBills } from "./bills.js";
import { billingInfo, createDemand, searchDemands, updateDemand } from "./demands.js";
import { E } from "./errors.js";
import {
  BUSINESS_SERVICE_MASTER,
  masterRecords,
  num,
  presentBusinessService,
  presentTaxHead,
  presentTaxPeriod,
  TAX_HEAD_MASTER,
  TAX_PERIOD_MASTER,
  text,
  type MasterRecord,
} from "./masters.js";
import { initialBillingState, type BillingSlice } from "./model.js";
import { fail, QueryBinder, run } from "./wire.js";

/** The masters of a search (`INVALID TENANTID` without a tenant: DIGIT's MDMS call fails). */
function mastersFor(tenantId: string | undefined, ctx: Parameters<OperationHandler<BillingSlice>>[1], schemaCode: string): MasterRecord[] {
  if (tenantId === undefined || tenantId === "") fail(E.mdmsTenant.code, E.mdmsTenant.message);
  return masterRecords(ctx, tenantId, schemaCode) ?? [];
}

/**
 * `taxheads/_search`: a filter over the MDMS list. `service` is not applied (DIGIT builds that filter but never
 * uses it); bean violations are ignored (the controller takes a BindingResult).
 */
const searchTaxHeads: OperationHandler<BillingSlice> = (req, ctx) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "taxHeadMasterCriteria");
    const tenantId = q.string("tenantId");
    const category = q.string("category");
    const name = q.string("name");
    const codes = q.set("code");
    const ids = q.set("id");
    const isDebit = q.string("isDebit");
    const isActualDemand = q.string("isActualDemand");
    const heads = mastersFor(tenantId, ctx, TAX_HEAD_MASTER)
      .filter((h) => category === undefined || h["category"] === category)
      .filter((h) => name === undefined || h["name"] === name)
      .filter((h) => !codes?.length || codes.includes(text(h["code"]) ?? ""))
      .filter((h) => !ids?.length || ids.includes(text(h["id"]) ?? ""))
      .filter((h) => isDebit === undefined || String(h["isDebit"]) === isDebit)
      .filter((h) => isActualDemand === undefined || String(h["isActualDemand"]) === isActualDemand)
      .map(presentTaxHead);
    return { status: 200, body: { ResponseInfo: billingInfo(req, "200 OK"), TaxHeadMasters: heads } };
  });

/** `taxperiods/_search`: `date` compares against a member TaxPeriod does not have, so it matches nothing (as in DIGIT). */
const searchTaxPeriods: OperationHandler<BillingSlice> = (req, ctx) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "taxPeriodCriteria");
    const tenantId = q.string("tenantId");
    const services = q.set("service");
    const ids = q.set("id");
    const code = q.string("code");
    const fromDate = q.long("fromDate");
    const toDate = q.long("toDate");
    const date = q.long("date");
    const periodCycle = q.enumOf("periodCycle", ["MONTH", "QUARTER", "HALFYEAR", "ANNUAL"], "org.egov.demand.model.enums.PeriodCycle");
    q.throwIfAny();
    const periods = mastersFor(tenantId, ctx, TAX_PERIOD_MASTER)
      .filter((p) => periodCycle === undefined || p["periodCycle"] === periodCycle)
      .filter((p) => code === undefined || p["code"] === code)
      .filter((p) => !services?.length || services.includes(text(p["service"]) ?? ""))
      .filter((p) => !ids?.length || ids.includes(text(p["id"]) ?? ""))
      .filter((p) => fromDate === undefined || (num(p["fromDate"]) ?? -Infinity) >= fromDate)
      .filter((p) => toDate === undefined || (num(p["toDate"]) ?? Infinity) <= toDate)
      .filter(() => date === undefined)
      .map(presentTaxPeriod);
    return { status: 200, body: { ResponseInfo: billingInfo(req, "200 OK"), TaxPeriods: periods } };
  });

/** `businessservices/_search`: `businessService` matches the MDMS `code`. */
const searchBusinessServices: OperationHandler<BillingSlice> = (req, ctx) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "businessServiceDetailCriteria");
    const tenantId = q.string("tenantId");
    const codes = q.set("businessService");
    const ids = q.set("id");
    const list = mastersFor(tenantId, ctx, BUSINESS_SERVICE_MASTER)
      .filter((b) => !codes?.length || codes.includes(text(b["code"]) ?? ""))
      .filter((b) => !ids?.length || ids.includes(text(b["id"]) ?? ""))
      .map(presentBusinessService);
    return { status: 200, body: { ResponseInfo: billingInfo(req, "200 OK"), BusinessServiceDetails: list } };
  });

/** `amendment/_create` (201). Amendments are not stateful in the mock: the request is answered with an id. */
const createAmendment: OperationHandler<BillingSlice> = (req, ctx) =>
  run(req, ctx, () => {
    const amendment = recordAt(req.body, "Amendment");
    const answered = { ...structuredClone(amendment), id: ctx.uuid(), status: "ACTIVE", auditDetails: newAudit(actorOf(req), ctx.now()) };
    return { status: req.route.successStatus, body: { ResponseInfo: billingInfo(req, "201 CREATED"), Amendments: [answered] } };
  });

/** `amendment/_search`: tenantId and businessService are required (bean validation); the mock keeps no amendments. */
const searchAmendments: OperationHandler<BillingSlice> = (req, ctx) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "amendmentCriteria");
    q.string("tenantId", { notNull: true });
    q.string("businessService", { notNull: true });
    q.long("offset");
    q.long("limit");
    q.throwIfAny();
    return { status: 200, body: { ResponseInfo: billingInfo(req, "200 OK"), Amendments: [] } };
  });

const updateAmendment: OperationHandler<BillingSlice> = (req, ctx) => run(req, ctx, () => ({ status: 200, body: { ResponseInfo: billingInfo(req, "200 OK"), Amendments: [] } }));

/** `demand/_migratetov1`: an operator tool answering a bare map; `batchSizeInput` is a required parameter. */
const migrateDemands: OperationHandler<BillingSlice> = (req, ctx) =>
  run(req, ctx, () => {
    if (req.query["batchSizeInput"] === undefined) fail("", "Required Integer parameter 'batchSizeInput' is not present", ["batchSizeInput"]);
    return { status: 200, body: {} };
  });

export const billingService: ServiceModule<BillingSlice> = {
  key: "billing",
  initialState: initialBillingState,
  handlers: {
    "billing.createDemand": createDemand,
    "billing.updateDemand": updateDemand,
    "billing.searchDemands": searchDemands,
    "billing.migrateDemands": migrateDemands,
    "billing.fetchBill": fetchBill,
    "billing.generateBill": generateBill,
    "billing.searchBills": searchBills,
    "billing.cancelBill": cancelBill,
    "billing.createBill": createBill,
    "billing.searchTaxHeads": searchTaxHeads,
    "billing.searchTaxPeriods": searchTaxPeriods,
    "billing.searchBusinessServices": searchBusinessServices,
    "billing.createAmendment": createAmendment,
    "billing.searchAmendments": searchAmendments,
    "billing.updateAmendment": updateAmendment,
  },
};

export { backUpdateDemands, paidBillsOf, type PaidBill } from "./backupdate.js";
export { BILLING_SLICE, type BillingSlice } from "./model.js";
