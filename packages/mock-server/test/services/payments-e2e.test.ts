/**
 * The payments chain end to end over the in-process mock, through the SDK (as docs/sdk.md shows it):
 * demand → bill → partial payment → bill for the remainder → full payment; and a payment through the gateway.
 */
import { createDigitClient } from "@digit-kit/sdk";
import { describe, expect, it } from "vitest";
import { createDigitMock } from "../../src/index.js";

const CITY = "pg.citya";

async function client() {
  const mock = createDigitMock();
  const digit = createDigitClient({ baseUrl: "http://digit.test", tenantId: "pg", fetch: mock.fetch, retry: false });
  await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
  const { TaxPeriods } = await digit.billing.searchTaxPeriods({}, { query: { tenantId: CITY, service: ["PT"] } });
  const now = Date.now();
  const period = TaxPeriods!.find((p) => p.fromDate! <= now && now <= p.toDate!)!;
  return { mock, digit, period };
}

describe("the payments chain through the SDK", () => {
  it("demand → bill → partial payment → bill for the remainder → full payment: bill PAID, demand collected", async () => {
    const { digit, period } = await client();
    const consumerCode = "PT-E2E-1";
    const { Demands } = await digit.billing.createDemand({
      Demands: [
        {
          tenantId: CITY,
          consumerCode,
          consumerType: "PROPERTY",
          businessService: "PT",
          taxPeriodFrom: period.fromDate!,
          taxPeriodTo: period.toDate!,
          demandDetails: [
            { taxHeadMasterCode: "PT_TAX", taxAmount: 800 },
            { taxHeadMasterCode: "PT_FIRE_CESS", taxAmount: 200 },
          ],
        },
      ],
    });
    const fetch = () => digit.billing.fetchBill({}, { query: { tenantId: CITY, businessService: "PT", consumerCode: [consumerCode] } });
    const first = (await fetch()).Bill![0]!;
    expect(first).toMatchObject({ totalAmount: 1000, status: "ACTIVE" });

    const payment = (amount: number, billId: string) =>
      digit.collection.createPayment({
        Payment: { tenantId: CITY, totalAmountPaid: amount, paymentMode: "CASH", paidBy: "Asha Rao", mobileNumber: "9812345678", paymentDetails: [{ billId, totalAmountPaid: amount }] },
      });
    const partial = (await payment(400, first.id!)).Payments![0]!;
    const adjusted = partial.paymentDetails![0]!.bill!.billDetails![0]!.billAccountDetails!.map((a) => [a.taxHeadCode, a.adjustedAmount]);
    expect(adjusted.sort()).toEqual([
      ["PT_FIRE_CESS", 200],
      ["PT_TAX", 200],
    ]);

    const remainder = (await fetch()).Bill![0]!;
    expect(remainder.id).not.toBe(first.id);
    expect(remainder.totalAmount).toBe(600);
    await payment(600, remainder.id!);

    const { Bill } = await digit.billing.searchBills({}, { query: { tenantId: CITY, billId: [first.id!, remainder.id!] } });
    expect(Bill!.map((b) => b.status)).toEqual(["PAID"]);
    const paidBills = await Promise.all(
      [first.id!, remainder.id!].map(async (id) => (await digit.billing.searchBills({}, { query: { tenantId: CITY, billId: [id] } })).Bill![0]!.status),
    );
    expect(paidBills).toEqual(["PAID", "PAID"]);
    const demand = (await digit.billing.searchDemands({}, { query: { tenantId: CITY, demandId: [Demands![0]!.id!] } })).Demands![0]!;
    expect(demand.isPaymentCompleted).toBe(true);
    expect(demand.demandDetails.map((d) => d.collectionAmount)).toEqual([800, 200]);
    expect((await fetch()).Bill).toEqual([]);
    const receipts = await digit.collection.searchModulePayments({}, { params: { moduleName: "PT" }, query: { tenantId: CITY, consumerCodes: [consumerCode] } });
    expect(receipts.Payments!.map((p) => p.totalAmountPaid)).toEqual([600, 400]);
  });

  it("gateway: create transaction → fake gateway page → callback _update → payment exists, transaction SUCCESS", async () => {
    const { mock, digit, period } = await client();
    const consumerCode = "PT-E2E-2";
    await digit.billing.createDemand({
      Demands: [{ tenantId: CITY, consumerCode, consumerType: "PROPERTY", businessService: "PT", taxPeriodFrom: period.fromDate!, taxPeriodTo: period.toDate!, demandDetails: [{ taxHeadMasterCode: "PT_TAX", taxAmount: 250 }] }],
    });
    const bill = (await digit.billing.fetchBill({}, { query: { tenantId: CITY, businessService: "PT", consumerCode: [consumerCode] } })).Bill![0]!;
    const { Transaction } = await digit.pg.createTransaction({
      Transaction: {
        tenantId: CITY,
        txnAmount: "250",
        billId: bill.id!,
        consumerCode,
        productInfo: "Property tax",
        gateway: "PAYU",
        callbackUrl: "https://ui.example.org/payment/callback",
        taxAndPayments: [{ billId: bill.id!, amountPaid: 250 }],
        user: { name: "Asha Rao", mobileNumber: "9812345678", tenantId: CITY },
      },
    });
    expect(Transaction).toMatchObject({ txnStatus: "PENDING" });

    // The browser: the gateway page, then its Success link, which sends it back to the callback URL.
    const page = await mock.fetch(new URL(Transaction!.redirectUrl!, "http://digit.test"));
    const html = await page.text();
    const success = /href="([^"]+)">Success</.exec(html)![1]!.replace(/&amp;/g, "&");
    const back = await mock.fetch(new URL(success, "http://digit.test"), { redirect: "manual" });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get("location")!);
    expect(callback.searchParams.get("eg_pg_txnid")).toBe(Transaction!.txnId);

    // The callback page settles the transaction with the parameters it received.
    const settled = await digit.pg.updateTransaction({}, { query: Object.fromEntries(callback.searchParams) });
    expect(settled.Transaction![0]).toMatchObject({ txnStatus: "SUCCESS", txnStatusMsg: "Transaction successful" });
    const found = await digit.pg.searchTransactions({}, { query: { tenantId: CITY, txnId: Transaction!.txnId! } });
    expect(found.Transaction![0]!.txnStatus).toBe("SUCCESS");
    const payments = await digit.collection.searchModulePayments({}, { params: { moduleName: "PT" }, query: { tenantId: CITY, transactionNumber: Transaction!.txnId! } });
    expect(payments.Payments![0]).toMatchObject({ paymentMode: "ONLINE", totalAmountPaid: 250, paymentStatus: "DEPOSITED" });
    const demand = (await digit.billing.searchDemands({}, { query: { tenantId: CITY, consumerCode: [consumerCode], businessService: "PT" } })).Demands![0]!;
    expect(demand.demandDetails[0]!.collectionAmount).toBe(250);
    const billNow = (await digit.billing.searchBills({}, { query: { tenantId: CITY, billId: [bill.id!] } })).Bill![0]!;
    expect(billNow.status).toBe("PAID");
  });
});
