/**
 * A permit's life through the service's HTTP API, with DIGIT played by the in-process mock:
 * apply → fee demand → pay (counter cash or the payment gateway) → the service moves it on → the officer
 * approves (a certificate lands in filestore) or rejects; and what the service and DIGIT refuse.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DigitClient } from "@digit-kit/sdk";
import { CITY, setup, type Json } from "./setup.js";

const NUMBER = /^PG-PMT-\d{4}-\d{2}-\d{2}-\d{6}$/;

let env: Awaited<ReturnType<typeof setup>>;
let asha: DigitClient;
let ravi: DigitClient;
let officer: DigitClient;

beforeAll(async () => {
  env = await setup();
  asha = await env.citizen("9876543210", "Asha Rao");
  ravi = await env.citizen("9876543211", "Ravi Kumar");
  officer = await env.officer();
});

const apply = (as: DigitClient, permit: Json) =>
  env.call("/permit-service/v1/_create", as, { Permit: { tenantId: CITY, address: { locality: "SUN04", street: "Mall Road 12" }, ...permit } });
const act = (as: DigitClient, applicationNumber: string, action: string, comment?: string) =>
  env.call("/permit-service/v1/_update", as, { Permit: { tenantId: CITY, applicationNumber }, Workflow: { action, comment } });

/** The counter: the officer takes the bill's amount in cash (collection-services). */
async function payAtCounter(applicationNumber: string): Promise<string> {
  const { Bill } = await officer.billing.fetchBill({}, { query: { tenantId: CITY, businessService: "PERMIT", consumerCode: [applicationNumber] } });
  const bill = Bill![0]!;
  const { Payments } = await officer.collection.createPayment({
    Payment: {
      tenantId: CITY,
      totalAmountPaid: bill.totalAmount!,
      paymentMode: "CASH",
      paidBy: "Asha Rao",
      mobileNumber: "9876543210",
      paymentDetails: [{ billId: bill.id!, totalAmountPaid: bill.totalAmount! }],
    },
  });
  return Payments![0]!.paymentDetails![0]!.receiptNumber!;
}

describe("permit types", () => {
  it("lists the active MDMS permit types with their fee, named in the asked language", async () => {
    const en = await env.call("/permit-service/v1/types?tenantId=pg.citya", null, {}, "GET");
    expect(en.status).toBe(200);
    expect(en.body.PermitTypes.map((t: Json) => [t.code, t.name, t.fee])).toEqual([
      ["EVENT_STAGE", "Temporary event stage", 2500],
      ["SHOP_SIGNBOARD", "Shop signboard", 500],
      ["STREET_VENDING", "Street vending", 1200],
    ]);
    const hi = await env.call("/permit-service/v1/types?tenantId=pg.citya&locale=hi_IN", null, {}, "GET");
    expect(hi.body.PermitTypes.find((t: Json) => t.code === "SHOP_SIGNBOARD").name).toBe("दुकान का साइनबोर्ड");
  });
});

describe("apply → fee → pay → approve", () => {
  it("a citizen applies; the fee is billed; paid at the counter; the officer approves and a certificate is issued", async () => {
    const filed = await apply(asha, { permitType: "SHOP_SIGNBOARD", description: "Illuminated sign, 2 m" });
    expect(filed.status).toBe(201);
    const permit = filed.body.Permits[0];
    expect(permit).toMatchObject({ tenantId: CITY, permitType: "SHOP_SIGNBOARD", status: "PENDING_PAYMENT", fee: 500, applicant: { name: "Asha Rao", mobileNumber: "9876543210" } });
    expect(permit.applicationNumber).toMatch(NUMBER);

    // DIGIT holds the rest: the workflow instance and the demand.
    const { ProcessInstances } = await officer.workflow.searchProcesses({}, { query: { tenantId: CITY, businessIds: [permit.applicationNumber] } } as Json);
    expect((ProcessInstances as Json[])[0]).toMatchObject({ businessService: "PERMIT", action: "APPLY", state: { applicationStatus: "PENDING_PAYMENT" } });
    const { Bill } = await asha.billing.fetchBill({}, { query: { tenantId: CITY, businessService: "PERMIT", consumerCode: [permit.applicationNumber] } });
    expect(Bill![0]).toMatchObject({ totalAmount: 500, status: "ACTIVE" });

    // Not paid yet: the service refuses to move it on, and the officer cannot skip the payment.
    expect(env.codes(await act(asha, permit.applicationNumber, "PAY"))).toEqual(["PERMIT_FEE_NOT_PAID"]);
    expect(env.codes(await act(officer, permit.applicationNumber, "APPROVE"))[0]).toMatch(/^INVALID[ _]ACTION$/);

    const receipt = await payAtCounter(permit.applicationNumber);
    const paid = await act(asha, permit.applicationNumber, "PAY");
    expect(paid.status).toBe(200);
    expect(paid.body.Permits[0]).toMatchObject({ status: "PENDING_APPROVAL", receiptNumber: receipt });

    // The citizen cannot approve their own permit: the workflow refuses the role.
    expect(env.codes(await act(asha, permit.applicationNumber, "APPROVE"))[0]).toMatch(/^INVALID[ _]ROLE$/);

    const approved = await act(officer, permit.applicationNumber, "APPROVE", "Site inspected");
    expect(approved.status).toBe(200);
    const done = approved.body.Permits[0];
    expect(done).toMatchObject({ status: "APPROVED" });
    expect(done.validTo - done.validFrom).toBe(365 * 86_400_000);
    const certificate = (await asha.filestore.download({ query: { tenantId: CITY, fileStoreId: done.certificateFileStoreId } })) as Blob;
    expect(await certificate.text()).toContain(`PERMIT ${permit.applicationNumber}`);
    expect(await certificate.text()).toContain(`Fee receipt: ${receipt}`);

    // A terminal state takes no more actions.
    expect(env.codes(await act(officer, permit.applicationNumber, "REJECT"))[0]).toMatch(/^INVALID[ _]ACTION$/);
  });

  it("street vending needs a document the citizen uploaded to filestore; paid online through the payment gateway; rejected", async () => {
    expect(env.codes(await apply(asha, { permitType: "STREET_VENDING" }))).toEqual(["PERMIT_DOCUMENT_REQUIRED"]);
    expect(env.codes(await apply(asha, { permitType: "STREET_VENDING", documents: [{ documentType: "ID_PROOF", fileStoreId: "no-such-file" }] }))).toEqual([
      "PERMIT_INVALID_DOCUMENT",
    ]);
    const { files } = await asha.filestore.upload({ file: new File(["vendor id card"], "id.txt", { type: "text/plain" }), tenantId: CITY, module: "permit" });
    const filed = await apply(asha, { permitType: "STREET_VENDING", documents: [{ documentType: "ID_PROOF", fileStoreId: files![0]!.fileStoreId }] });
    expect(filed.status).toBe(201);
    const { applicationNumber, fee } = filed.body.Permits[0];
    expect(fee).toBe(1200);

    // Online: egov-pg-service → the mock's gateway page → the callback settles the transaction → collection has the payment.
    const bill = (await asha.billing.fetchBill({}, { query: { tenantId: CITY, businessService: "PERMIT", consumerCode: [applicationNumber] } })).Bill![0]!;
    const { Transaction } = await asha.pg.createTransaction({
      Transaction: {
        tenantId: CITY,
        txnAmount: String(bill.totalAmount),
        billId: bill.id!,
        consumerCode: applicationNumber,
        productInfo: "Permit fee",
        gateway: "PAYU",
        callbackUrl: "https://permits.example.org/payment/callback",
        taxAndPayments: [{ billId: bill.id!, amountPaid: bill.totalAmount! }],
        user: { name: "Asha Rao", mobileNumber: "9876543210", tenantId: CITY },
      },
    });
    const page = await (await env.mock.fetch(new URL(Transaction!.redirectUrl!, "http://digit.test"))).text();
    const success = /href="([^"]+)">Success</.exec(page)![1]!.replace(/&amp;/g, "&");
    const back = await env.mock.fetch(new URL(success, "http://digit.test"), { redirect: "manual" });
    const callback = new URL(back.headers.get("location")!);
    await asha.pg.updateTransaction({}, { query: Object.fromEntries(callback.searchParams) });

    const paid = await act(asha, applicationNumber, "PAY");
    expect(paid.body.Permits[0]).toMatchObject({ status: "PENDING_APPROVAL" });
    const rejected = await act(officer, applicationNumber, "REJECT", "Vending zone full");
    expect(rejected.body.Permits[0]).toMatchObject({ status: "REJECTED", certificateFileStoreId: null });
  });
});

describe("what the service refuses", () => {
  it("no token, a bad token, an employee applying, an unknown or withdrawn type, a state tenant, a missing locality", async () => {
    const anonymous = await env.call("/permit-service/v1/_create", null, { Permit: { tenantId: CITY, permitType: "SHOP_SIGNBOARD", address: { locality: "X" } } });
    expect([anonymous.status, env.codes(anonymous)]).toEqual([401, ["PERMIT_UNAUTHENTICATED"]]);
    const forged = await env.service.fetch(
      new Request("http://permit.test/permit-service/v1/_search", { method: "POST", body: JSON.stringify({ RequestInfo: { authToken: "not-a-token" } }) }),
    );
    expect(forged.status).toBe(401);

    const byOfficer = await apply(officer, { permitType: "SHOP_SIGNBOARD" });
    expect([byOfficer.status, env.codes(byOfficer)]).toEqual([403, ["PERMIT_CITIZEN_ONLY"]]);
    expect(env.codes(await apply(asha, { permitType: "FIREWORKS" }))).toEqual(["PERMIT_INVALID_TYPE"]);
    expect(env.codes(await apply(asha, { permitType: "CONSTRUCTION_HOARDING" }))).toEqual(["PERMIT_INVALID_TYPE"]);
    expect(env.codes(await apply(asha, { permitType: "SHOP_SIGNBOARD", tenantId: "pg" }))).toEqual(["PERMIT_INVALID_TENANT"]);
    expect(env.codes(await apply(asha, { permitType: "SHOP_SIGNBOARD", address: {} }))).toEqual(["PERMIT_INVALID_REQUEST"]);
    expect(env.codes(await act(asha, "PG-PMT-2026-01-01-999999", "PAY"))).toEqual(["PERMIT_NOT_FOUND"]);
  });

  it("a citizen sees and acts on their own applications only; the officer sees all", async () => {
    const mine = (await apply(ravi, { permitType: "EVENT_STAGE" })).body.Permits[0];
    const search = async (as: DigitClient, query = "") => (await env.call(`/permit-service/v1/_search?tenantId=${CITY}${query}`, as)).body.Permits.map((p: Json) => p.applicationNumber);
    expect(await search(ravi)).toEqual([mine.applicationNumber]);
    expect(await search(asha)).not.toContain(mine.applicationNumber);
    expect(await search(officer)).toContain(mine.applicationNumber);
    expect(await search(officer, "&status=PENDING_PAYMENT")).toEqual([mine.applicationNumber]);
    expect(env.codes(await act(asha, mine.applicationNumber, "PAY"))).toEqual(["PERMIT_NOT_FOUND"]);
    expect(env.codes(await act(ravi, mine.applicationNumber, "WITHDRAW"))).toEqual(["PERMIT_INVALID_ACTION"]);
  });
});
