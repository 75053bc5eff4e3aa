/**
 * Helpers for the payments-chain tests (billing, collection, pg): an in-process mock (the three services call
 * each other, idgen and egov-user through ctx.call, so they are tested through the engine), raw DIGIT calls
 * whose answers are checked against the canonical spec, and the steps of the chain.
 */
import { expect } from "vitest";
import { createDigitMock, type DigitMock } from "../../src/index.js";
import type { OperationResult } from "../../src/core/types.js";
import { BASE, login, requestInfo, type Json } from "../helpers.js";
import { hasCanonical, specProblems } from "./spec-conformance.js";

export const CITY = "pg.citya";
export const STATE = "pg";

export interface Call {
  status: number;
  body: Json;
  headers: Headers;
}

export interface Chain {
  mock: DigitMock;
  token: string;
  /** POST as `token` (the admin by default); the answer must match the canonical spec of `operationId`. */
  post(operationId: string, path: string, body?: Record<string, unknown>, query?: Record<string, string | number | boolean>, token?: string): Promise<Call>;
  /** GET a path (or an absolute URL, e.g. a transaction's redirectUrl). */
  get(path: string, headers?: Record<string, string>): Promise<Call>;
  period(service?: string): { from: number; to: number };
  createDemand(consumerCode: string, details: Record<string, unknown>[], extra?: Record<string, unknown>, service?: string): Promise<Json>;
  fetchBill(consumerCode: string, service?: string, token?: string): Promise<Call>;
  bill(consumerCode: string, service?: string): Promise<Json>;
  pay(billId: string, amount: number, payment?: Record<string, unknown>, token?: string): Promise<Call>;
  demand(consumerCode: string, service?: string): Promise<Json>;
  /** A new citizen's token, from citizen/_create (registration with login, as DIGIT's default). */
  citizen(mobileNumber: string, name?: string): Promise<string>;
}

export function codes(call: Call): string[] {
  return ((call.body?.Errors ?? []) as Json[]).map((e: Json) => e.code);
}

export function collected(demand: Json): number {
  return (demand.demandDetails as Json[]).reduce((s: number, d: Json) => s + Number(d.collectionAmount), 0);
}

let consumerSeq = 0;
export function consumer(prefix = "KIT"): string {
  consumerSeq += 1;
  return `${prefix}-${consumerSeq}`;
}

export async function chain(options: Parameters<typeof createDigitMock>[0] = {}): Promise<Chain> {
  const mock = createDigitMock(options);
  const token = await login(mock.fetch);
  const now = () => mock.ctx.now();
  const call = async (operationId: string, res: Response): Promise<Call> => {
    const text = await res.text();
    let body: Json = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    if (hasCanonical && operationId && (res.headers.get("content-type") ?? "").includes("json")) {
      const problems = specProblems(operationId, { status: res.status, body } as OperationResult);
      expect(problems, `${operationId} ${res.status} answer vs the canonical spec`).toEqual([]);
    }
    return { status: res.status, body, headers: res.headers };
  };
  const self: Chain = {
    mock,
    token,
    async post(operationId, path, body = {}, query = {}, as = token) {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      const res = await mock.fetch(`${BASE}${path}${qs ? `?${qs}` : ""}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ RequestInfo: requestInfo(as), ...body }),
      });
      return call(operationId, res);
    },
    async get(path, headers = {}) {
      const res = await mock.fetch(/^https?:\/\//.test(path) ? path : `${BASE}${path}`, { method: "GET", headers, redirect: "manual" });
      return call("", res);
    },
    period(service = "PT") {
      const t = now();
      const record = mock.ctx.mdms
        .records(CITY, "BillingService.TaxPeriod")
        .map((r) => r.data)
        .find((p) => p["service"] === service && (p["fromDate"] as number) <= t && t <= (p["toDate"] as number));
      if (!record) throw new Error(`no ${service} tax period covers ${new Date(t).toISOString()}`);
      return { from: record["fromDate"] as number, to: record["toDate"] as number };
    },
    async createDemand(consumerCode, details, extra = {}, service = "PT") {
      const p = self.period(service);
      const res = await self.post("billing.createDemand", "/billing-service/demand/_create", {
        Demands: [{ tenantId: CITY, consumerCode, consumerType: "PROPERTY", businessService: service, taxPeriodFrom: p.from, taxPeriodTo: p.to, demandDetails: details, ...extra }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.Demands[0];
    },
    fetchBill(consumerCode, service = "PT", as = token) {
      return self.post("billing.fetchBill", "/billing-service/bill/v2/_fetchbill", {}, { tenantId: CITY, businessService: service, consumerCode }, as);
    },
    async bill(consumerCode, service = "PT") {
      const res = await self.fetchBill(consumerCode, service);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.Bill).toHaveLength(1);
      return res.body.Bill[0];
    },
    pay(billId, amount, payment = {}, as = token) {
      return self.post(
        "collection.createPayment",
        "/collection-services/payments/_create",
        { Payment: { tenantId: CITY, totalAmountPaid: amount, paymentMode: "CASH", paidBy: "Kit Tester", mobileNumber: "9876543210", paymentDetails: [{ billId, totalAmountPaid: amount }], ...payment } },
        {},
        as,
      );
    },
    async demand(consumerCode, service = "PT") {
      const res = await self.post("billing.searchDemands", "/billing-service/demand/_search", {}, { tenantId: CITY, consumerCode, businessService: service });
      expect(res.status).toBe(200);
      return res.body.Demands[0];
    },
    async citizen(mobileNumber, name = "Kit Citizen") {
      // egov-user's citizen registration (UserController.java:48-59, UserService.java:286-309): the userName is the
      // mobile number (digits), an OTP reference is required (otp.validation.register.mandatory=true) and, with
      // citizen.registration.withlogin.enabled=true, the answer is the token response: citizens log in by OTP,
      // not by a password (citizen.login.password.otp.enabled=true, egov-user application.properties:37-49).
      const created = await self.post("", "/user/citizen/_create", { user: { name, userName: mobileNumber, tenantId: STATE, otpReference: "123456" } });
      if (created.status !== 200) throw new Error(`citizen/_create: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body.access_token as string;
    },
  };
  return self;
}
