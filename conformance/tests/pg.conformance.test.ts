/**
 * egov-pg-service: gateways, transactions and the settle step that registers the payment in collection.
 * DIGIT offers no test gateway, so the round trips through a gateway page run on the mock only (its fake
 * gateway at /pg-service/mock-gateway/{txnId}); validation and lookups run anywhere.
 */
import { describe, expect } from "vitest";
import { behaviour, type Answer, type Conformance, type Json } from "../src/index.js";
import { billFor, codes, collected, createDemand, currentPeriod, PART_SERVICE, PAYER_MOBILE, searchDemand } from "./support/payments.js";

const PG = "egov-pg-service/src/main/java/org/egov/pg";
const CALLBACK = "https://example.org/kit/payment-callback";

async function freshBill(c: Conformance, amount: number): Promise<{ consumerCode: string; bill: Json }> {
  const period = await currentPeriod(c, PART_SERVICE);
  const consumerCode = c.unique("KITG");
  await createDemand(c, { consumerCode, period, amount });
  return { consumerCode, bill: await billFor(c, consumerCode) };
}

function transactionOf(c: Conformance, bill: Json, amount: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenantId: c.city,
    txnAmount: String(amount),
    billId: bill.id,
    consumerCode: bill.consumerCode,
    productInfo: "DIGIT Kit conformance",
    gateway: "PAYU",
    callbackUrl: CALLBACK,
    taxAndPayments: [{ billId: bill.id, amountPaid: amount }],
    user: { name: "Kit Citizen", mobileNumber: PAYER_MOBILE, tenantId: c.city },
    ...extra,
  };
}

function createTxn(c: Conformance, bill: Json, amount: number, extra: Record<string, unknown> = {}): Promise<Answer> {
  return c.digit.post("/pg-service/transaction/v1/_create", { Transaction: transactionOf(c, bill, amount, extra) });
}

/** GET through the target without following redirects. */
async function visit(c: Conformance, url: string): Promise<Response> {
  return c.target.fetch(new URL(url, c.target.baseUrl).toString(), { method: "GET", redirect: "manual" });
}

/** The fake gateway's page, then its Success or Failure link: answers where the gateway sends the browser. */
async function payAtGateway(c: Conformance, redirectUrl: string, outcome: "Success" | "Failure"): Promise<string> {
  const page = await visit(c, redirectUrl);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toMatch(/text\/html/);
  const html = await page.text();
  const link = new RegExp(`<a[^>]*href="([^"]+)"[^>]*>${outcome}<`).exec(html)?.[1];
  expect(link, `a ${outcome} link on the gateway page`).toBeDefined();
  const back = await visit(c, new URL(link!.replace(/&amp;/g, "&"), new URL(redirectUrl, c.target.baseUrl)).toString());
  expect(back.status).toBe(302);
  return back.headers.get("location") ?? "";
}

function settle(c: Conformance, txnId: string, extra: Record<string, string> = {}): Promise<Answer> {
  return c.digit.post("/pg-service/transaction/v1/_update", {}, { query: { eg_pg_txnid: txnId, ...extra } });
}

describe("egov-pg-service", () => {
  behaviour("gateway/v1/_search answers the registered gateways as a bare array of names", `${PG}/web/controllers/TransactionsApiController.java:106`, async (c) => {
    const res = await c.digit.post("/pg-service/gateway/v1/_search", {});
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((g: unknown) => typeof g === "string")).toBe(true);
  });

  behaviour(
    "gateway/v1/_search reads no request body: an empty object will do",
    `${PG}/web/controllers/TransactionsApiController.java:106`,
    async (c) => {
      const res = await c.digit.post("/pg-service/gateway/v1/_search", {}, { door: "internal", raw: true });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
    },
    { internal: true },
  );

  behaviour(
    "transaction/v1/_create: PENDING, a redirect URL, the callback URL carrying eg_pg_txnid; no moduleId or module needed",
    [`${PG}/service/EnrichmentService.java:43`, `${PG}/models/Transaction.java:58`],
    async (c) => {
      const { bill } = await freshBill(c, 500);
      const res = await createTxn(c, bill, 500);
      expect(res.status).toBe(200);
      expect(res.body.ResponseInfo.status).toBe("SUCCESSFUL");
      const txn = res.body.Transaction;
      expect(txn).toMatchObject({ txnStatus: "PENDING", txnStatusMsg: "Transaction initiated", billId: bill.id, gateway: "PAYU" });
      expect(txn.txnId).toMatch(/^PB_PG_\d{4}_\d{2}_\d{2}_\d{6}_\d{2}$/);
      expect(txn.callbackUrl).toBe(`${CALLBACK}?eg_pg_txnid=${txn.txnId}`);
      expect(typeof txn.redirectUrl).toBe("string");
      expect(txn.additionalDetails.taxAndPayments).toEqual([{ billId: bill.id, amountPaid: 500 }]);
      expect(typeof txn.user.uuid).toBe("string");
    },
    { mockOnly: true },
  );

  behaviour("a transaction amount other than the sum of taxAndPayments is refused", `${PG}/validator/TransactionValidator.java:162`, async (c) => {
    const { bill } = await freshBill(c, 500);
    const res = await createTxn(c, bill, 500, { taxAndPayments: [{ billId: bill.id, amountPaid: 400 }] });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("TXN_CREATE_INVALID_TXN_AMT");
  });

  behaviour(
    "a second transaction for a bill with a PENDING one is refused",
    `${PG}/validator/TransactionValidator.java:134`,
    async (c) => {
      const { bill } = await freshBill(c, 500);
      expect((await createTxn(c, bill, 500)).status).toBe(200);
      const again = await createTxn(c, bill, 500);
      expect(again.status).toBe(400);
      expect(codes(again)).toContain("TXN_ABRUPTLY_DISCARDED");
    },
    { mockOnly: true },
  );

  behaviour("transaction/v1/_update without a transaction id is refused", `${PG}/validator/TransactionValidator.java:77`, async (c) => {
    const res = await c.digit.post("/pg-service/transaction/v1/_update", {});
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["MISSING_UPDATE_TXN_ID"]);
  });

  behaviour("transaction/v1/_update of an unknown transaction is refused", `${PG}/validator/TransactionValidator.java:88`, async (c) => {
    const res = await settle(c, "PB_PG_KIT_NO_SUCH_TXN");
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["TXN_UPDATE_NOT_FOUND"]);
  });

  behaviour("transaction/v1/_search answers `ResponseInfo` (capital R)", `${PG}/web/models/TransactionResponse.java:23`, async (c) => {
    const res = await c.digit.post("/pg-service/transaction/v1/_search", {}, { query: { txnId: "PB_PG_KIT_NO_SUCH_TXN" } });
    expect(res.status).toBe(200);
    expect(res.body).toHaveProperty("ResponseInfo");
    expect(res.body).not.toHaveProperty("responseInfo");
    expect(res.body.Transaction).toEqual([]);
  });

  behaviour(
    "gateway round trip: create → gateway page → Success → _update settles SUCCESS and registers an ONLINE payment",
    [`${PG}/service/TransactionService.java:137`, `${PG}/service/PaymentsService.java:40`, `${PG}/validator/TransactionValidator.java:102`],
    async (c) => {
      const { consumerCode, bill } = await freshBill(c, 500);
      const created = (await createTxn(c, bill, 500)).body.Transaction;
      const location = await payAtGateway(c, created.redirectUrl, "Success");
      expect(location.startsWith(`${CALLBACK}?eg_pg_txnid=${created.txnId}`)).toBe(true);

      const res = await settle(c, created.txnId);
      expect(res.status).toBe(200);
      expect(res.body.ResponseInfo.status).toBe("SUCCESSFUL");
      expect(res.body.Transaction[0]).toMatchObject({ txnId: created.txnId, txnStatus: "SUCCESS", txnStatusMsg: "Transaction successful" });

      const found = await c.digit.post("/pg-service/transaction/v1/_search", {}, { query: { txnId: created.txnId } });
      expect(found.body.Transaction).toHaveLength(1);
      expect(found.body.Transaction[0]).toMatchObject({ txnStatus: "SUCCESS", txnAmount: "500.00", billId: bill.id });

      const payments = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_search`, {}, { query: { tenantId: c.city, transactionNumber: created.txnId } });
      expect(payments.body.Payments).toHaveLength(1);
      expect(payments.body.Payments[0]).toMatchObject({ paymentMode: "ONLINE", paymentStatus: "DEPOSITED", instrumentStatus: "REMITTED", transactionNumber: created.txnId, instrumentNumber: created.txnId });
      expect(collected((await searchDemand(c, consumerCode))[0])).toBe(500);

      const again = await settle(c, created.txnId);
      expect(again.status).toBe(400);
      expect(codes(again)).toContain("BILL_ALREADY_PAID");
    },
    { mockOnly: true },
  );

  behaviour(
    "gateway round trip: Failure settles FAILURE, registers no payment, and the bill can be paid again",
    `${PG}/validator/TransactionValidator.java:120`,
    async (c) => {
      const { bill } = await freshBill(c, 300);
      const created = (await createTxn(c, bill, 300)).body.Transaction;
      await payAtGateway(c, created.redirectUrl, "Failure");
      const res = await settle(c, created.txnId);
      expect(res.status).toBe(200);
      expect(res.body.Transaction[0]).toMatchObject({ txnStatus: "FAILURE", txnStatusMsg: "Transaction failed at gateway" });
      const payments = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_search`, {}, { query: { tenantId: c.city, transactionNumber: created.txnId } });
      expect(payments.body.Payments).toEqual([]);
      const retry = await createTxn(c, bill, 300);
      expect(retry.status).toBe(200);
    },
    { mockOnly: true },
  );

  behaviour(
    "a transaction never paid at the gateway settles as FAILURE",
    `${PG}/validator/TransactionValidator.java:120`,
    async (c) => {
      const { bill } = await freshBill(c, 100);
      const created = (await createTxn(c, bill, 100)).body.Transaction;
      const res = await settle(c, created.txnId);
      expect(res.status).toBe(200);
      expect(res.body.Transaction[0].txnStatus).toBe("FAILURE");
    },
    { mockOnly: true },
  );
});
