/**
 * collection-services: payments against billing's bills (create, validation rules, searches, workflow) and
 * what billing shows after a payment (its Kafka consumer's back-update).
 */
import { describe, expect } from "vitest";
import { behaviour, type Conformance, type Json } from "../src/index.js";
import {
  billFor,
  codes,
  collected,
  createDemand,
  currentPeriod,
  fetchBill,
  FULL_SERVICE,
  FULL_TAXHEAD,
  pay,
  PART_SERVICE,
  postPayment,
  searchBills,
  searchDemand,
} from "./support/payments.js";

const CS = "collection-services/src/main/java/org/egov/collection";
const BS = "billing-service/src/main/java/org/egov/demand";

/** A fresh demand of `amount` and its bill. */
async function freshBill(c: Conformance, amount: number, service = PART_SERVICE, taxHead?: string): Promise<{ consumerCode: string; bill: Json; demand: Json }> {
  const period = await currentPeriod(c, service);
  const consumerCode = c.unique("KITP");
  const demand = await createDemand(c, { consumerCode, period, amount, service, ...(taxHead ? { taxHead } : {}) });
  const bill = await billFor(c, consumerCode, service);
  return { consumerCode, bill, demand };
}

describe("collection-services", () => {
  behaviour(
    "a cash payment of a whole bill: receipt number, NEW/APPROVED, generated transaction number, apportioned bill",
    [`${CS}/util/PaymentEnricher.java:157`, `${CS}/web/controller/PaymentController.java:124`],
    async (c) => {
      const { bill } = await freshBill(c, 500);
      const res = await postPayment(c, { billId: bill.id, amount: 500 });
      expect(res.status).toBe(200);
      expect(res.body.ResponseInfo.status).toBe("200 OK");
      const payment = res.body.Payments[0];
      expect(payment).toMatchObject({ paymentStatus: "NEW", instrumentStatus: "APPROVED", paymentMode: "CASH", tenantId: c.city });
      expect(typeof payment.transactionNumber).toBe("string");
      expect(payment.transactionNumber.length).toBeGreaterThan(0);
      expect(Number(payment.totalDue)).toBe(500);
      const detail = payment.paymentDetails[0];
      expect(detail.receiptNumber).toMatch(/^\d{2}\/\d{4}-\d{2}\/\d+$/);
      expect(detail).toMatchObject({ billId: bill.id, businessService: PART_SERVICE, receiptType: "BILLBASED" });
      expect(Number(detail.bill.billDetails[0].billAccountDetails[0].adjustedAmount)).toBe(500);
      expect(Number(detail.bill.billDetails[0].amountPaid)).toBe(500);
    },
  );

  behaviour("a bill can be paid once", `${CS}/util/PaymentValidator.java:146`, async (c) => {
    const { bill } = await freshBill(c, 200);
    await pay(c, { billId: bill.id, amount: 200 });
    const again = await postPayment(c, { billId: bill.id, amount: 200 });
    expect(again.status).toBe(400);
    expect(codes(again)).toContain("BILL_ALREADY_PAID");
  });

  behaviour("a cheque payment needs instrument date and number", `${CS}/util/PaymentValidator.java:168`, async (c) => {
    const { bill } = await freshBill(c, 200);
    const res = await postPayment(c, { billId: bill.id, amount: 200, mode: "CHEQUE" });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(expect.arrayContaining(["INVALID_INST_DATE", "INVALID_INST_NUMBER"]));
  });

  behaviour("an online payment needs a transaction number", `${CS}/util/PaymentValidator.java:191`, async (c) => {
    const { bill } = await freshBill(c, 200);
    const res = await postPayment(c, { billId: bill.id, amount: 200, mode: "ONLINE", payment: { instrumentNumber: "KIT-1" } });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("INVALID_TXN_NUMBER");
  });

  behaviour("a partial payment is refused where the business service does not allow it", `${CS}/util/PaymentValidator.java:390`, async (c) => {
    const { bill } = await freshBill(c, 500, FULL_SERVICE, FULL_TAXHEAD);
    const res = await postPayment(c, { billId: bill.id, amount: 200 });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("INVALID_PAYMENTDETAIL");
  });

  behaviour("paying more than the bill is refused when advance is not allowed", `${CS}/util/PaymentValidator.java:395`, async (c) => {
    const { bill } = await freshBill(c, 500, FULL_SERVICE, FULL_TAXHEAD);
    const res = await postPayment(c, { billId: bill.id, amount: 700 });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("INVALID_PAYMENTDETAIL");
  });

  behaviour("OFFLINE_NEFT is a payment mode", `${CS}/model/enums/PaymentModeEnum.java:11`, async (c) => {
    const { bill } = await freshBill(c, 200);
    const res = await postPayment(c, {
      billId: bill.id,
      amount: 200,
      mode: "OFFLINE_NEFT",
      payment: { instrumentDate: Date.now() - 86_400_000, instrumentNumber: "NEFT-1", transactionNumber: "NEFT-1" },
    });
    expect(res.status).toBe(200);
    expect(res.body.Payments[0]).toMatchObject({ paymentMode: "OFFLINE_NEFT", paymentStatus: "NEW", instrumentStatus: "APPROVED" });
  });

  behaviour("mobileNumber is optional on a payment", `${CS}/model/Payment.java:88`, async (c) => {
    const { bill } = await freshBill(c, 200);
    const res = await postPayment(c, { billId: bill.id, amount: 200, payment: { mobileNumber: undefined } });
    expect(res.status).toBe(200);
  });

  behaviour("an unknown bill id is refused", `${CS}/util/PaymentEnricher.java:90`, async (c) => {
    const res = await postPayment(c, { billId: "00000000-0000-4000-8000-0000000b111d", amount: 1 });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("INVALID_BILL_ID");
  });

  behaviour(
    "demand → bill → partial payment → bill for the remainder → full payment: bill PAID, demand collected",
    [`${BS}/service/ReceiptServiceV2.java:193`, `${BS}/service/DemandService.java:279`, `${BS}/util/Util.java:224`],
    async (c) => {
      const { consumerCode, bill } = await freshBill(c, 500);
      await pay(c, { billId: bill.id, amount: 300 });
      const remainder = await c.eventually(async () => {
        const next = await billFor(c, consumerCode);
        expect(next.id).not.toBe(bill.id);
        return next;
      });
      expect(Number(remainder.totalAmount)).toBe(200);
      const old = await c.digit.post("/billing-service/bill/v2/_search", {}, { query: { tenantId: c.city, billId: bill.id } });
      expect(old.body.Bill[0].status).toBe("PAID");
      const partial = (await searchDemand(c, consumerCode))[0];
      expect(collected(partial)).toBe(300);
      expect(partial.isPaymentCompleted).toBe(false);

      await pay(c, { billId: remainder.id, amount: 200 });
      await c.eventually(async () => {
        const demand = (await searchDemand(c, consumerCode))[0];
        expect(collected(demand)).toBe(500);
        expect(demand.isPaymentCompleted).toBe(true);
      });
      const last = await c.digit.post("/billing-service/bill/v2/_search", {}, { query: { tenantId: c.city, billId: remainder.id } });
      expect(last.body.Bill[0].status).toBe("PAID");
      const none = await fetchBill(c, consumerCode);
      expect(none.status).toBe(201);
      expect(none.body.Bill).toEqual([]);
    },
  );

  behaviour("an employee must search payments through /payments/{module}/_search", `${CS}/util/PaymentValidator.java:450`, async (c) => {
    const res = await c.digit.post("/collection-services/payments/_search", {}, { query: { tenantId: c.city } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["EGCL_URI_EXCEPTION"]);
  });

  behaviour("/payments/{module}/_search finds the payments of a consumer code", `${CS}/web/controller/PaymentController.java:93`, async (c) => {
    const { consumerCode, bill } = await freshBill(c, 200);
    const payment = await pay(c, { billId: bill.id, amount: 200 });
    const res = await c.eventually(async () => {
      const found = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_search`, {}, { query: { tenantId: c.city, consumerCodes: consumerCode } });
      expect(found.body.Payments).toHaveLength(1);
      return found;
    });
    expect(res.status).toBe(200);
    expect(res.body.Payments[0].id).toBe(payment.id);
    const byReceipt = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_search`, {}, { query: { tenantId: c.city, receiptNumbers: payment.paymentDetails[0].receiptNumber } });
    expect(byReceipt.body.Payments.map((p: Json) => p.id)).toEqual([payment.id]);
  });

  behaviour("a count search needs tenantId and businessServices and answers {Count, ResponseInfo}", `${CS}/web/controller/PaymentController.java:100`, async (c) => {
    const missing = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_search`, {}, { query: { tenantId: c.city, isCountRequest: true } });
    expect(missing.status).toBe(400);
    expect(codes(missing)).toEqual(["EGCL_PAYMENT_COUNT_ERROR"]);
    const res = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_search`, {}, { query: { tenantId: c.city, isCountRequest: true, businessServices: PART_SERVICE } });
    expect(res.status).toBe(200);
    expect(typeof res.body.Count).toBe("number");
    expect(res.body).toHaveProperty("ResponseInfo");
    expect(res.body).not.toHaveProperty("Payments");
  });

  behaviour(
    "cancelling a payment reverts the demand's collection; the next fetch bills the full amount again",
    [`${CS}/service/PaymentWorkflowService.java:128`, `${BS}/service/ReceiptServiceV2.java:213`],
    async (c) => {
      const { consumerCode, bill } = await freshBill(c, 500);
      const payment = await pay(c, { billId: bill.id, amount: 500 });
      await c.eventually(async () => expect(collected((await searchDemand(c, consumerCode))[0])).toBe(500));
      const res = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_workflow`, {
        PaymentWorkflows: [{ paymentId: payment.id, action: "CANCEL", tenantId: c.city, reason: "Conformance test" }],
      });
      expect(res.status).toBe(200);
      const cancelled = res.body.Payments[0];
      expect(cancelled).toMatchObject({ id: payment.id, paymentStatus: "CANCELLED", instrumentStatus: "CANCELLED" });
      expect(cancelled.paymentDetails[0].bill.status).toBe("CANCELLED");
      await c.eventually(async () => {
        const demand = (await searchDemand(c, consumerCode))[0];
        expect(collected(demand)).toBe(0);
        expect(demand.isPaymentCompleted).toBe(false);
      });
      const next = await billFor(c, consumerCode);
      expect(next.id).not.toBe(bill.id);
      expect(Number(next.totalAmount)).toBe(500);
      const bills = await searchBills(c, consumerCode);
      expect(bills.body.Bill[0].id).toBe(next.id);
    },
  );

  behaviour("a cancelled payment's bill cannot be paid again (one payment per bill id)", `${CS}/util/PaymentValidator.java:146`, async (c) => {
    const { bill } = await freshBill(c, 100);
    const payment = await pay(c, { billId: bill.id, amount: 100 });
    const cancel = await c.digit.post(`/collection-services/payments/${PART_SERVICE}/_workflow`, {
      PaymentWorkflows: [{ paymentId: payment.id, action: "CANCEL", tenantId: c.city, reason: "Conformance test" }],
    });
    expect(cancel.status).toBe(200);
    const again = await postPayment(c, { billId: bill.id, amount: 100 });
    expect(again.status).toBe(400);
  });
});
