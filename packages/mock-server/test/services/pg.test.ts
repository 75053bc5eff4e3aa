import { describe, expect, it } from "vitest";
import { BASE, createUser, login, requestInfo, testClock, type Json } from "../helpers.js";
import { chain, CITY, codes, collected, consumer, STATE, type Chain } from "./payments-helpers.js";

async function billOf(c: Chain, amount: number, service = "PT", head = "PT_TAX"): Promise<Json> {
  const code = consumer("PG");
  await c.createDemand(code, [{ taxHeadMasterCode: head, taxAmount: amount }], {}, service);
  return c.bill(code, service);
}

function txn(bill: Json, amount: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Transaction: {
      tenantId: CITY,
      txnAmount: String(amount),
      billId: bill.id,
      consumerCode: bill.consumerCode,
      productInfo: "Property tax",
      gateway: "PAYU",
      callbackUrl: "https://ui.example.org/payment/callback?step=3",
      taxAndPayments: [{ billId: bill.id, amountPaid: amount }],
      user: { name: "Kit Citizen", mobileNumber: "9876543210", tenantId: CITY },
      ...extra,
    },
  };
}

const create = (c: Chain, body: Record<string, unknown>, token?: string) => c.post("pg.createTransaction", "/pg-service/transaction/v1/_create", body, {}, token);
const settle = (c: Chain, query: Record<string, string>, token?: string) => c.post("pg.updateTransaction", "/pg-service/transaction/v1/_update", {}, query, token);

describe("pg gateways", () => {
  it("lists every registered gateway in DIGIT's order, and reads no body", async () => {
    const c = await chain();
    const res = await c.post("pg.searchGateways", "/pg-service/gateway/v1/_search");
    expect(res.body).toEqual(["PAYTM", "PAYU", "PHONEPE", "AXIS"]);
    const internal = await c.mock.internalFetch(`${BASE}/pg-service/gateway/v1/_search`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(internal.status).toBe(200);
  });
});

describe("pg transactions", () => {
  it("creates a PENDING transaction: idgen txn id, callback URL with eg_pg_txnid, the citizen payer, redirect to the mock gateway", async () => {
    const c = await chain();
    const bill = await billOf(c, 500);
    const res = await create(c, txn(bill, 500));
    expect(res.status).toBe(200);
    expect(res.body.ResponseInfo).toMatchObject({ status: "SUCCESSFUL", resMsgId: "uief87324" });
    const t = res.body.Transaction;
    expect(t.txnId).toMatch(/^PB_PG_\d{4}_\d{2}_\d{2}_\d{6}_\d{2}$/);
    // DIGIT's redirectUrl is the gateway's absolute URI (TransactionService.java:90-91); the mock's page is named
    // at the host the request was sent to (mock.fetch sends the URL's Host, as an HTTP client does).
    expect(t).toMatchObject({ txnStatus: "PENDING", txnStatusMsg: "Transaction initiated", txnAmount: "500", redirectUrl: `${BASE}/pg-service/mock-gateway/${t.txnId}` });
    expect(t.callbackUrl).toBe(`https://ui.example.org/payment/callback?step=3&eg_pg_txnid=${t.txnId}`);
    const citizen = c.mock.ctx.users.byUuid(t.user.uuid)!;
    expect(citizen).toMatchObject({ type: "CITIZEN", userName: "Kit Citizen", mobileNumber: "9876543210", tenantId: STATE });
    // The search answers the stored form: the amount with two decimals, no callback or redirect URL.
    const found = await c.post("pg.searchTransactions", "/pg-service/transaction/v1/_search", {}, { txnId: t.txnId });
    expect(found.body.Transaction[0]).toMatchObject({ txnAmount: "500.00", callbackUrl: null, redirectUrl: null, taxAndPayments: [{ billId: bill.id, amountPaid: 500 }] });
    // Behind a proxy the redirect URL is absolute.
    const bill2 = await billOf(c, 10);
    const proxied = await c.mock.fetch(`${BASE}/pg-service/transaction/v1/_create`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-host": "digit.example.org", "x-forwarded-proto": "https" },
      body: JSON.stringify({ RequestInfo: requestInfo(c.token), ...txn(bill2, 10) }),
    });
    const p = (await proxied.json()).Transaction;
    expect(p.redirectUrl).toBe(`https://digit.example.org/pg-service/mock-gateway/${p.txnId}`);
  });

  it("validates as DIGIT: gateway, logged-in user, amounts, transactions of the bill, collection's checks passed on", async () => {
    const c = await chain();
    const bill = await billOf(c, 500);
    expect(codes(await create(c, txn(bill, 500, { gateway: "PAYTM" })))).toEqual(["INVALID_PAYMENT_GATEWAY"]);
    expect(codes(await create(c, txn(bill, 500, { taxAndPayments: [{ billId: bill.id, amountPaid: 400 }] })))).toEqual(["TXN_CREATE_INVALID_TXN_AMT"]);
    expect((await create(c, txn(bill, 500, { callbackUrl: "not a url" }))).status).toBe(400);
    // pg needs the logged-in user's uuid, name, userName, mobileNumber and tenantId (TransactionValidator.java:154-159).
    // egov-user refuses a user without a mobile number (User.java:115,162-163), but an _updatenovalidate that leaves
    // the name out clears it (UserRepository.java:294): such a user logs in and pg refuses them.
    const roles = [{ code: "SUPERUSER", name: "Super User", tenantId: STATE }];
    const nameless = await createUser(c.mock.fetch, c.token, { userName: "KIT_NO_NAME", name: "No Name", mobileNumber: "9800000001", password: "Secret@123", type: "EMPLOYEE", tenantId: STATE, active: true, roles });
    expect(nameless.status).toBe(200);
    const cleared = await c.post("", "/user/users/_updatenovalidate", { user: { uuid: nameless.body.user[0].uuid, tenantId: STATE, roles } });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    const token = await login(c.mock.fetch, BASE, { username: "KIT_NO_NAME", password: "Secret@123", tenantId: STATE, userType: "EMPLOYEE" });
    expect(codes(await create(c, txn(bill, 500), token))).toEqual(["INVALID_USER_DETAILS"]);
    // collection's _validate refuses a part payment of a TL bill, and pg passes its error on.
    const tl = await billOf(c, 300, "TL", "TL_TAX");
    const partial = await create(c, txn(tl, 100));
    expect(partial.body.Errors).toEqual([expect.objectContaining({ code: "INVALID_PAYMENTDETAIL", message: "The amount to be paid is less than amount due" })]);
    expect((await create(c, txn(bill, 500))).status).toBe(200);
    expect(codes(await create(c, txn(bill, 500)))).toEqual(["TXN_ABRUPTLY_DISCARDED"]);
  });

  it("settles through the fake gateway: SUCCESS registers the payment, a second settle is refused by collection", async () => {
    const c = await chain();
    const bill = await billOf(c, 500);
    const t = (await create(c, txn(bill, 500))).body.Transaction;
    const page = await c.get(t.redirectUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.body).toContain(`/pg-service/mock-gateway/${t.txnId}/_pay?status=SUCCESS`);
    expect(page.body).toContain("500.00");
    const back = await c.get(`/pg-service/mock-gateway/${t.txnId}/_pay?status=SUCCESS`);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(t.callbackUrl);
    // The gateway's own key (PAYU's `txnid`, any case) identifies the transaction too.
    const res = await settle(c, { TXNID: t.txnId });
    expect(res.body.Transaction[0]).toMatchObject({ txnStatus: "SUCCESS", txnStatusMsg: "Transaction successful", gatewayStatusCode: "SUCCESS", txnAmount: "500.00" });
    const payments = await c.post("collection.searchModulePayments", "/collection-services/payments/PT/_search", {}, { tenantId: CITY, transactionNumber: t.txnId });
    expect(payments.body.Payments[0]).toMatchObject({ paymentMode: "ONLINE", paymentStatus: "DEPOSITED", instrumentStatus: "REMITTED", instrumentNumber: t.txnId });
    // pg sends the transaction's creation time; collection replaces an online payment's instrument date by its transaction date.
    expect(payments.body.Payments[0].instrumentDate).toBe(payments.body.Payments[0].transactionDate);
    expect(payments.body.Payments[0].additionalDetails).toEqual({ taxAndPayments: [{ billId: bill.id, amountPaid: 500 }] });
    expect(collected(await c.demand(bill.consumerCode))).toBe(500);
    expect(codes(await settle(c, { eg_pg_txnid: t.txnId }))).toEqual(["BILL_ALREADY_PAID"]);
    expect((await c.post("pg.searchTransactions", "/pg-service/transaction/v1/_search", {}, { txnId: t.txnId })).body.Transaction[0].txnStatus).toBe("SUCCESS");
    expect(codes(await create(c, txn(bill, 500)))).toEqual(["TXN_CREATE_BILL_ALREADY_PAID"]);
  });

  it("settles a zero amount at once, without a gateway", async () => {
    const c = await chain();
    const bill = await billOf(c, 0);
    expect(bill.totalAmount).toBe(0);
    const res = await create(c, txn(bill, 0));
    expect(res.body.Transaction).toMatchObject({ txnStatus: "SUCCESS", redirectUrl: null });
    const payments = await c.post("collection.searchModulePayments", "/collection-services/payments/PT/_search", {}, { tenantId: CITY, transactionNumber: res.body.Transaction.txnId });
    expect(payments.body.Payments).toHaveLength(1);
  });

  it("answers at most five transactions, newest first; write lag hides new ones from searches", async () => {
    const clock = testClock(Date.now());
    const c = await chain({ now: clock.now, options: { writeLagMs: 1000 } });
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const bill = await billOf(c, 10 + i);
      ids.push((await create(c, txn(bill, 10 + i))).body.Transaction.txnId);
      clock.advance(10);
    }
    expect((await c.post("pg.searchTransactions", "/pg-service/transaction/v1/_search", {}, { tenantId: CITY })).body.Transaction.length).toBeLessThan(6);
    clock.advance(2000);
    const all = await c.post("pg.searchTransactions", "/pg-service/transaction/v1/_search", {}, { tenantId: CITY, limit: 50 });
    expect(all.body.Transaction.map((t: { txnId: string }) => t.txnId)).toEqual(ids.slice(1).reverse());
    expect(codes(await c.post("pg.searchTransactions", "/pg-service/transaction/v1/_search", {}, { txnStatus: "success" }))).toEqual(["typeMismatch.transactionCriteria.txnStatus"]);
  });

  it("settles a GET without a body (warning), refused under --strict", async () => {
    const lenient = await chain();
    const bill = await billOf(lenient, 20);
    const t = (await create(lenient, txn(bill, 20))).body.Transaction;
    await lenient.get(`/pg-service/mock-gateway/${t.txnId}/_pay?status=FAILURE`);
    const res = await lenient.get(`/pg-service/transaction/v1/_update?eg_pg_txnid=${t.txnId}`, { "auth-token": lenient.token });
    expect(res.status).toBe(200);
    expect(res.body.Transaction[0]).toMatchObject({ txnStatus: "FAILURE", txnStatusMsg: "Transaction failed at gateway" });
    expect(res.headers.get("x-digit-mock-warning")).toMatch(/MissingJsonException/);
    const strict = await chain({ options: { strict: true } });
    const res2 = await strict.get(`/pg-service/transaction/v1/_update?eg_pg_txnid=${t.txnId}`, { "auth-token": strict.token });
    expect(res2.status).toBe(400);
    expect(res2.body.Errors[0].code).toBe("MissingJsonException");
  });

  it("serves the gateway page safely: unknown ids, bad outcomes, auto-redirect", async () => {
    const c = await chain();
    expect((await c.get("/pg-service/mock-gateway/__proto__")).status).toBe(404);
    expect((await c.get("/pg-service/mock-gateway/%3Cscript%3E")).body).not.toContain("<script>");
    const bill = await billOf(c, 5);
    const t = (await create(c, txn(bill, 5, { productInfo: "<b>tax</b>" }))).body.Transaction;
    const page = await c.get(`/pg-service/mock-gateway/${t.txnId}?auto=SUCCESS`);
    expect(page.body).toContain('http-equiv="refresh"');
    expect(page.body).toContain("&lt;b&gt;tax&lt;/b&gt;");
    expect((await c.get(`/pg-service/mock-gateway/${t.txnId}/_pay?status=MAYBE`)).status).toBe(400);
    expect(codes(await settle(c, {}))).toEqual(["MISSING_UPDATE_TXN_ID"]);
    expect(codes(await settle(c, { eg_pg_txnid: "__proto__" }))).toEqual(["TXN_UPDATE_NOT_FOUND"]);
  });

  it("lets a citizen pay their bill end to end with the citizen role's grants", async () => {
    const c = await chain();
    const bill = await billOf(c, 120);
    const citizen = await c.citizen("9855555555", "Meera Iyer");
    const fetched = await c.fetchBill(bill.consumerCode, "PT", citizen);
    expect(fetched.body.Bill[0].id).toBe(bill.id);
    const t = (await create(c, txn(bill, 120, { user: { name: "Meera Iyer", mobileNumber: "9855555555", tenantId: CITY } }), citizen)).body.Transaction;
    await c.get(`/pg-service/mock-gateway/${t.txnId}/_pay?status=SUCCESS`);
    expect((await settle(c, { eg_pg_txnid: t.txnId }, citizen)).body.Transaction[0].txnStatus).toBe("SUCCESS");
    const mine = await c.post("collection.searchPayments", "/collection-services/payments/_search", {}, { tenantId: CITY, consumerCodes: bill.consumerCode }, citizen);
    const me = c.mock.ctx.users.all().find((u) => u.userName === "9855555555")!;
    expect(mine.body.Payments[0]).toMatchObject({ payerId: me.uuid, paymentMode: "ONLINE" });
  });
});
