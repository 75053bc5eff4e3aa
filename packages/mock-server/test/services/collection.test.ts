import { describe, expect, it } from "vitest";
import { validName } from "../../src/services/collection/payments.js";
import { testClock } from "../helpers.js";
import { chain, CITY, codes, collected, consumer, STATE } from "./payments-helpers.js";

describe("collection payments", () => {
  it("creates a cash payment: receipt and transaction numbers, statuses, payer, audit by user id, bill apportioned", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 500 }]);
    const bill = await c.bill(code);
    const res = await c.pay(bill.id, 500, { paymentMode: "cash" });
    expect(res.status).toBe(200);
    expect(res.body.ResponseInfo).toMatchObject({ status: "200 OK", resMsgId: "uief87324" });
    const payment = res.body.Payments[0];
    const admin = c.mock.ctx.users.byUserName("ADMIN", STATE)!;
    expect(payment).toMatchObject({ paymentMode: "CASH", paymentStatus: "NEW", instrumentStatus: "APPROVED", totalDue: 500, fileStoreId: null });
    expect(payment.transactionNumber).toMatch(/^citya\d{10}$/);
    expect(payment.instrumentDate).toBe(payment.transactionDate);
    expect(payment.auditDetails.createdBy).toBe(String(admin.id));
    const payer = c.mock.ctx.users.byUuid(payment.payerId)!;
    expect(payer).toMatchObject({ type: "CITIZEN", userName: "9876543210", tenantId: STATE, name: "Kit Tester" });
    const detail = payment.paymentDetails[0];
    expect(detail.receiptNumber).toMatch(/^\d{2}\/\d{4}-\d{2}\/\d{6}$/);
    expect(detail).toMatchObject({ receiptType: "BILLBASED", businessService: "PT", totalDue: 500, tenantId: CITY });
    expect(detail.bill).toMatchObject({ paidBy: "Kit Tester", partPaymentAllowed: true, isAdvanceAllowed: false, amountPaid: 500, consumerCode: code });
    expect(detail.bill.billDetails[0]).toMatchObject({ amountPaid: 500 });
    expect(detail.bill.billDetails[0].billAccountDetails[0]).toMatchObject({ taxHeadCode: "PT_TAX", adjustedAmount: 500 });
    // A second payment from the same mobile number finds that citizen again.
    await c.createDemand(`${code}-2`, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 5 }]);
    const again = await c.pay((await c.bill(`${code}-2`)).id, 5);
    expect(again.body.Payments[0].payerId).toBe(payment.payerId);
  });

  it("settles a rebate first, then the taxes, as the apportioner does; demands collect the adjusted amounts", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [
      { taxHeadMasterCode: "PT_TAX", taxAmount: 400 },
      { taxHeadMasterCode: "PT_FIRE_CESS", taxAmount: 100 },
      { taxHeadMasterCode: "PT_TIME_REBATE", taxAmount: -50 },
    ]);
    const bill = await c.bill(code);
    expect(bill.totalAmount).toBe(450);
    const res = await c.pay(bill.id, 200);
    const adjusted = Object.fromEntries(res.body.Payments[0].paymentDetails[0].bill.billDetails[0].billAccountDetails.map((a: { taxHeadCode: string; adjustedAmount: number }) => [a.taxHeadCode, a.adjustedAmount]));
    expect(adjusted).toEqual({ PT_TIME_REBATE: -50, PT_FIRE_CESS: 100, PT_TAX: 150 });
    const demand = await c.demand(code);
    const byHead = Object.fromEntries(demand.demandDetails.map((d: { taxHeadMasterCode: string; collectionAmount: number }) => [d.taxHeadMasterCode, d.collectionAmount]));
    expect(byHead).toEqual({ PT_TAX: 150, PT_FIRE_CESS: 100, PT_TIME_REBATE: -50 });
    const next = await c.bill(code);
    expect(next.totalAmount).toBe(250);
    expect(next.billDetails[0].billAccountDetails.map((a: { taxHeadCode: string; amount: number }) => [a.taxHeadCode, a.amount]).sort()).toEqual([
      ["PT_FIRE_CESS", 0],
      ["PT_TAX", 250],
      ["PT_TIME_REBATE", 0],
    ]);
  });

  it("checks the payment beans: modes, names, mobile numbers", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 10 }]);
    const bill = await c.bill(code);
    expect(codes(await c.pay(bill.id, 10, { paymentMode: "BARTER" }))).toEqual(["NotNull.paymentRequest.payment.paymentMode"]);
    expect(codes(await c.pay(bill.id, 10, { paidBy: "Kit 2" }))).toEqual(["Pattern.paymentRequest.payment.paidBy"]);
    expect(codes(await c.pay(bill.id, 10, { mobileNumber: "1234567890" }))).toEqual(["Pattern.paymentRequest.payment.mobileNumber"]);
    // The automaton answers as DIGIT's pattern does (checked here on short names, where the regex is quick).
    // DIGIT writes the separators as [_\\-'`\\. ]; `.` needs no escape in a class.
    const pattern = /^[a-zA-Z]+(([_\-'`. ][a-zA-Z ])?[a-zA-Z]*)*$/;
    const alphabet = ["a", "B", " ", "-", "'", "`", ".", "_", "1"];
    let names = [""];
    for (let length = 1; length <= 4; length += 1) {
      names = names.flatMap((prefix) => alphabet.map((ch) => prefix + ch));
      for (const name of names) if (validName(name) !== pattern.test(name)) expect.fail(`validName(${JSON.stringify(name)})`);
    }
    expect(validName("D'Souza-Rao Jr")).toBe(true);
    expect(validName("D'Souza-Rao Jr.")).toBe(false);
    expect(validName("a".repeat(60) + "!")).toBe(false);
  });

  it("applies the business service's rules: modes not allowed, whole amounts, part payment, expiry, duplicate bill ids", async () => {
    const clock = testClock(Date.now());
    const c = await chain({ now: clock.now });
    const tl = consumer("TL");
    await c.createDemand(tl, [{ taxHeadMasterCode: "TL_TAX", taxAmount: 300 }], {}, "TL");
    const tlBill = await c.bill(tl, "TL");
    const dd = await c.pay(tlBill.id, 300, { paymentMode: "DD", instrumentDate: clock.now() - 1000, instrumentNumber: "DD-1", transactionNumber: "DD-1" });
    expect(dd.body.Errors).toEqual([expect.objectContaining({ code: "INVALID_PAYMENTDETAIL", message: `The paymentMode: DD is not allowed for the bill: ${tlBill.id}` })]);
    const partial = await c.pay(tlBill.id, 100);
    expect(partial.body.Errors).toEqual([expect.objectContaining({ code: "INVALID_PAYMENTDETAIL", message: "The amount to be paid is less than amount due" })]);
    // Several INVALID_PAYMENTDETAIL findings collapse into one entry, the last message winning (DIGIT's error map).
    const fractional = await c.pay(tlBill.id, 100.5);
    expect(fractional.body.Errors).toEqual([expect.objectContaining({ code: "INVALID_PAYMENTDETAIL", message: "The amount paid cannot be fractional" })]);
    const twice = await c.post("collection.createPayment", "/collection-services/payments/_create", {
      Payment: { tenantId: CITY, totalAmountPaid: 600, paymentMode: "CASH", paidBy: "Kit", paymentDetails: [{ billId: tlBill.id, totalAmountPaid: 300 }, { billId: tlBill.id, totalAmountPaid: 300 }] },
    });
    expect(codes(twice)).toEqual(["DUPLICATE_BILLID"]);
    clock.advance(2 * 86_400_000);
    expect(codes(await c.pay(tlBill.id, 300))).toEqual(["BILL_EXPIRED"]);
  });

  it("passes billing's errors on (an employee naming a state tenant)", async () => {
    const c = await chain();
    const res = await c.pay("any-bill", 1, { tenantId: STATE });
    expect(codes(res)).toEqual(["EG_BS_INVALID_TENANTID"]);
  });

  it("validates without storing: _validate answers the enriched payment", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 40 }]);
    const bill = await c.bill(code);
    const res = await c.post("collection.validatePayment", "/collection-services/payments/_validate", {
      Payment: { tenantId: CITY, totalAmountPaid: 40, paymentMode: "ONLINE", paidBy: "Kit", transactionNumber: "T1", instrumentNumber: "T1", paymentDetails: [{ billId: bill.id, totalAmountPaid: 40 }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.Payments[0]).toMatchObject({ totalDue: 40, paymentDetails: [{ billId: bill.id, businessService: "PT", receiptType: "BILLBASED" }] });
    expect(res.body.Payments[0].paymentDetails[0].receiptNumber).toBeUndefined();
    const found = await c.post("collection.searchModulePayments", "/collection-services/payments/PT/_search", {}, { tenantId: CITY, billIds: bill.id });
    expect(found.body.Payments).toEqual([]);
  });

  it("registers online payments DEPOSITED/REMITTED; the database refuses a bill paid before and a missing transaction number", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 40 }]);
    const bill = await c.bill(code);
    const noTxn = await c.pay(bill.id, 40, { paymentMode: "OFFLINE_NEFT", instrumentDate: Date.now() - 1000, instrumentNumber: "N-1" });
    expect(codes(noTxn)).toEqual(["PAYMENT_CREATION_FAILED"]);
    const online = await c.pay(bill.id, 40, { paymentMode: "ONLINE", transactionNumber: "GW-1", instrumentNumber: "GW-1" });
    expect(online.body.Payments[0]).toMatchObject({ paymentStatus: "DEPOSITED", instrumentStatus: "REMITTED" });
    // An online payment is not cancellable (its instrument is REMITTED, not APPROVED).
    const cancel = await c.post("collection.updateModulePaymentWorkflow", "/collection-services/payments/PT/_workflow", {
      PaymentWorkflows: [{ paymentId: online.body.Payments[0].id, action: "CANCEL", tenantId: CITY }],
    });
    expect(codes(cancel)).toEqual(["RECEIPT_WORKFLOW_INVALID_RECEIPT"]);
  });
});

describe("collection searches", () => {
  it("answers employees on the module path only, citizens on both; limit 30 by default, at most 100; newest first", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 30 }]);
    const first = await c.bill(code);
    const p1 = (await c.pay(first.id, 10)).body.Payments[0];
    const p2 = (await c.pay((await c.bill(code)).id, 20)).body.Payments[0];
    const employee = await c.post("collection.searchPayments", "/collection-services/payments/_search", {}, { tenantId: CITY, consumerCodes: code });
    expect(codes(employee)).toEqual(["EGCL_URI_EXCEPTION"]);
    const module = await c.post("collection.searchModulePayments", "/collection-services/payments/PT/_search", {}, { tenantId: CITY, consumerCodes: code });
    expect(module.body.Payments.map((p: { id: string }) => p.id)).toEqual([p2.id, p1.id]);
    expect(module.body.Payments[0].paymentDetails[0]).toMatchObject({ paymentId: p2.id, bill: { payerName: null, paidBy: null, mobileNumber: null, totalAmount: 20 } });
    const paged = await c.post("collection.searchModulePayments", "/collection-services/payments/PT/_search", {}, { tenantId: CITY, consumerCodes: code, limit: 1, offset: 1 });
    expect(paged.body.Payments.map((p: { id: string }) => p.id)).toEqual([p1.id]);
    const otherModule = await c.post("collection.searchModulePayments", "/collection-services/payments/TL/_search", {}, { tenantId: CITY, consumerCodes: code });
    expect(otherModule.body.Payments).toEqual([]);
    const citizen = await c.citizen("9844444444");
    const asCitizen = await c.post("collection.searchPayments", "/collection-services/payments/_search", {}, { tenantId: CITY, consumerCodes: code }, citizen);
    expect(asCitizen.status).toBe(200);
    const byState = await c.post("collection.searchModulePayments", "/collection-services/payments/PT/_search", {}, { tenantId: STATE, receiptNumbers: p1.paymentDetails[0].receiptNumber });
    expect(byState.body.Payments.map((p: { id: string }) => p.id)).toEqual([p1.id]);
    const count = await c.post("collection.searchModulePayments", "/collection-services/payments/PT/_search", {}, { tenantId: CITY, businessServices: "PT", isCountRequest: true });
    expect(count.body.Count).toBeGreaterThanOrEqual(2);
    const plain = await c.post("collection.plainSearchPayments", "/collection-services/payments/_plainsearch", {}, { limit: 1 });
    expect(plain.body.Payments).toHaveLength(1);
  });
});

describe("collection workflow", () => {
  it("cancels only the latest payment of a consumer code and reverts the demand; REMIT does not touch the demand", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 100 }]);
    const p1 = (await c.pay((await c.bill(code)).id, 60)).body.Payments[0];
    const p2 = (await c.pay((await c.bill(code)).id, 40)).body.Payments[0];
    expect(collected(await c.demand(code))).toBe(100);
    expect((await c.demand(code)).isPaymentCompleted).toBe(true);
    const workflow = (paymentId: string, action: string) =>
      c.post("collection.updateModulePaymentWorkflow", "/collection-services/payments/PT/_workflow", { PaymentWorkflows: [{ paymentId, action, tenantId: CITY, reason: "kit", additionalDetails: { note: "n" } }] });
    expect(codes(await workflow(p1.id, "CANCEL"))).toEqual(["RECEIPT_WORKFLOW_ACTION_NOT_APPLICABLE"]);
    const remit = await workflow(p2.id, "REMIT");
    expect(remit.body.Payments[0]).toMatchObject({ paymentStatus: "DEPOSITED", instrumentStatus: "REMITTED" });
    expect(collected(await c.demand(code))).toBe(100);
    // p2 is no longer APPROVED, so p1 is now the latest cancellable payment.
    const cancel = await workflow(p1.id, "CANCEL");
    expect(cancel.body.Payments[0]).toMatchObject({ paymentStatus: "CANCELLED", instrumentStatus: "CANCELLED" });
    expect(cancel.body.Payments[0].paymentDetails[0].bill).toMatchObject({ status: "CANCELLED", isCancelled: true, reasonForCancellation: "kit", additionalDetails: { note: "n" } });
    const demand = await c.demand(code);
    expect(collected(demand)).toBe(40);
    expect(demand.isPaymentCompleted).toBe(false);
    expect((await c.bill(code)).totalAmount).toBe(60);
    expect(codes(await workflow(p1.id, "DISHONOUR"))).toEqual(["RECEIPT_WORKFLOW_INVALID_RECEIPT"]);
    const mixed = await c.post("collection.updateModulePaymentWorkflow", "/collection-services/payments/PT/_workflow", {
      PaymentWorkflows: [
        { paymentId: p1.id, action: "CANCEL", tenantId: CITY },
        { paymentId: p2.id, action: "REMIT", tenantId: CITY },
      ],
    });
    expect(codes(mixed)).toEqual(["PAYMENT_WORKFLOW_SINGLE_ACTION_ALLOWED"]);
  });

  it("dishonours a cheque: its demand collection is reverted", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 100 }]);
    const cheque = await c.pay((await c.bill(code)).id, 100, { paymentMode: "CHEQUE", instrumentDate: Date.now() - 86_400_000, instrumentNumber: "CHQ-1", transactionNumber: "CHQ-1" });
    expect(cheque.status).toBe(200);
    const res = await c.post("collection.updateModulePaymentWorkflow", "/collection-services/payments/PT/_workflow", {
      PaymentWorkflows: [{ paymentId: cheque.body.Payments[0].id, action: "DISHONOUR", tenantId: CITY }],
    });
    expect(res.body.Payments[0]).toMatchObject({ paymentStatus: "DISHONOURED", instrumentStatus: "DISHONOURED" });
    expect(collected(await c.demand(code))).toBe(0);
  });

  it("answers preexistpayments/_update with an empty 200", async () => {
    const c = await chain();
    const res = await c.mock.fetch("http://digit.test/collection-services/preexistpayments/_update", { method: "POST", headers: { "auth-token": c.token } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
