/**
 * Shared steps of the payments chain (billing-service → collection-services → egov-pg-service) for the
 * conformance files. A real DIGIT needs BillingService masters for the business services used here; pick them
 * with DIGIT_BILLING_SERVICE / DIGIT_BILLING_TAXHEAD (part payment allowed, default PT / PT_TAX, as in the
 * mock's built-in seed) and DIGIT_BILLING_SERVICE_FULL / DIGIT_BILLING_TAXHEAD_FULL (part payment not allowed,
 * default TL / TL_TAX). Tax periods are found through billing's own taxperiods search.
 */
import type { Answer, Conformance, Json } from "../../src/index.js";

export const PART_SERVICE = process.env["DIGIT_BILLING_SERVICE"] ?? "PT";
export const PART_TAXHEAD = process.env["DIGIT_BILLING_TAXHEAD"] ?? "PT_TAX";
export const FULL_SERVICE = process.env["DIGIT_BILLING_SERVICE_FULL"] ?? "TL";
export const FULL_TAXHEAD = process.env["DIGIT_BILLING_TAXHEAD_FULL"] ?? "TL_TAX";
/** A payer mobile number DIGIT's pattern `^[6-9][0-9]{9}$` accepts. */
export const PAYER_MOBILE = "9876543210";

export interface Period {
  from: number;
  to: number;
}

/** The tax period of `service` at the city that covers today (billing's `taxperiods/_search`). */
export async function currentPeriod(c: Conformance, service: string): Promise<Period> {
  const res = await c.digit.post("/billing-service/taxperiods/_search", {}, { query: { tenantId: c.city, service } });
  if (res.status !== 200) throw new Error(`taxperiods/_search for ${service} at ${c.city}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  const now = Date.now();
  const periods = (res.body?.TaxPeriods ?? []) as Json[];
  const found = periods.find((p: Json) => p.service === service && p.fromDate <= now && now <= p.toDate);
  if (!found) throw new Error(`No BillingService.TaxPeriod of ${service} at ${c.city} covers today (got ${periods.length} periods).`);
  return { from: found.fromDate, to: found.toDate };
}

export interface DemandInput {
  consumerCode: string;
  service?: string;
  taxHead?: string;
  amount?: number;
  period: Period;
  detail?: Record<string, unknown>;
  demand?: Record<string, unknown>;
}

/** One demand as billing's `demand/_create` takes it (no collectionAmount: DIGIT defaults it to 0). */
export function demandOf(c: Conformance, input: DemandInput): Record<string, unknown> {
  return {
    tenantId: c.city,
    consumerCode: input.consumerCode,
    consumerType: "KIT",
    businessService: input.service ?? PART_SERVICE,
    taxPeriodFrom: input.period.from,
    taxPeriodTo: input.period.to,
    demandDetails: [{ taxHeadMasterCode: input.taxHead ?? PART_TAXHEAD, taxAmount: input.amount ?? 500, ...input.detail }],
    ...input.demand,
  };
}

export function postDemand(c: Conformance, input: DemandInput): Promise<Answer> {
  return c.digit.post("/billing-service/demand/_create", { Demands: [demandOf(c, input)] });
}

/** Creates a demand and answers it (fails the test on an error answer). */
export async function createDemand(c: Conformance, input: DemandInput): Promise<Json> {
  const res = await postDemand(c, input);
  if (res.status !== 201) throw new Error(`demand/_create: HTTP ${res.status} ${res.text.slice(0, 500)}`);
  return res.body.Demands[0];
}

export function fetchBill(c: Conformance, consumerCode: string, service = PART_SERVICE): Promise<Answer> {
  return c.digit.post("/billing-service/bill/v2/_fetchbill", {}, { query: { tenantId: c.city, businessService: service, consumerCode } });
}

/** The bill `_fetchbill` answers for the consumer code (fails the test when there is none). */
export async function billFor(c: Conformance, consumerCode: string, service = PART_SERVICE): Promise<Json> {
  const res = await fetchBill(c, consumerCode, service);
  if (res.status !== 201 || !Array.isArray(res.body?.Bill) || res.body.Bill.length !== 1) {
    throw new Error(`bill/v2/_fetchbill for ${consumerCode}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
  }
  return res.body.Bill[0];
}

export interface PaymentInput {
  billId: string;
  amount: number;
  mode?: string;
  payment?: Record<string, unknown>;
}

/** A counter payment of one bill as collection's `payments/_create` takes it. */
export function paymentOf(c: Conformance, input: PaymentInput): Record<string, unknown> {
  return {
    tenantId: c.city,
    totalAmountPaid: input.amount,
    paymentMode: input.mode ?? "CASH",
    paidBy: "Kit Tester",
    payerName: "Kit Tester",
    mobileNumber: PAYER_MOBILE,
    paymentDetails: [{ billId: input.billId, totalAmountPaid: input.amount }],
    ...input.payment,
  };
}

export function postPayment(c: Conformance, input: PaymentInput): Promise<Answer> {
  return c.digit.post("/collection-services/payments/_create", { Payment: paymentOf(c, input) });
}

export async function pay(c: Conformance, input: PaymentInput): Promise<Json> {
  const res = await postPayment(c, input);
  if (res.status !== 200) throw new Error(`payments/_create: HTTP ${res.status} ${res.text.slice(0, 500)}`);
  return res.body.Payments[0];
}

export async function searchDemand(c: Conformance, consumerCode: string, service = PART_SERVICE): Promise<Json> {
  const res = await c.digit.post("/billing-service/demand/_search", {}, { query: { tenantId: c.city, consumerCode, businessService: service } });
  if (res.status !== 200) throw new Error(`demand/_search: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  return res.body.Demands;
}

export async function searchBills(c: Conformance, consumerCode: string, service = PART_SERVICE): Promise<Answer> {
  return c.digit.post("/billing-service/bill/v2/_search", {}, { query: { tenantId: c.city, consumerCode, service } });
}

/** Error codes of a DIGIT error envelope. */
export function codes(res: Answer): string[] {
  return ((res.body?.Errors ?? []) as Json[]).map((e: Json) => e.code);
}

/** Sum of a demand's collected amounts. */
export function collected(demand: Json): number {
  return (demand.demandDetails as Json[]).reduce((sum: number, d: Json) => sum + Number(d.collectionAmount), 0);
}
