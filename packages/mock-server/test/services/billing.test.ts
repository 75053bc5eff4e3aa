import { describe, expect, it } from "vitest";
import { testClock } from "../helpers.js";
import { chain, CITY, codes, consumer, STATE } from "./payments-helpers.js";

describe("billing demands", () => {
  it("creates a demand as DIGIT answers it: 201, ids, defaults, stored and searchable", async () => {
    const c = await chain();
    const code = consumer();
    const p = c.period();
    const res = await c.post("billing.createDemand", "/billing-service/demand/_create", {
      Demands: [{ tenantId: CITY, consumerCode: code, consumerType: "PROPERTY", businessService: "PT", taxPeriodFrom: p.from, taxPeriodTo: p.to, demandDetails: [{ taxHeadMasterCode: "PT_TAX", taxAmount: 500 }] }],
    });
    expect(res.status).toBe(201);
    expect(res.body.ResponseInfo).toMatchObject({ status: "201 CREATED", resMsgId: null, apiId: "Rainmaker" });
    expect(res.body.CollectedReceipt).toBeNull();
    const d = res.body.Demands[0];
    expect(d).toMatchObject({ status: "ACTIVE", isPaymentCompleted: false, minimumAmountPayable: 0, payer: null });
    expect(d.demandDetails[0]).toMatchObject({ demandId: d.id, tenantId: CITY, collectionAmount: 0, taxAmount: 500 });
    const found = await c.demand(code);
    expect(found.id).toBe(d.id);
    expect(found.fixedBillExpiryDate).toBeNull();
    expect(found.billExpiryTime).toBe(0);
  });

  it("validates masters, periods, amounts and duplicates into one error map", async () => {
    const c = await chain();
    const p = c.period();
    const demand = (extra: Record<string, unknown>) => ({ tenantId: CITY, consumerCode: consumer(), consumerType: "X", businessService: "PT", taxPeriodFrom: p.from, taxPeriodTo: p.to, demandDetails: [{ taxHeadMasterCode: "PT_TAX", taxAmount: 100 }], ...extra });
    const heads = await c.post("billing.createDemand", "/billing-service/demand/_create", { Demands: [demand({ demandDetails: [{ taxHeadMasterCode: "NO_SUCH_HEAD", taxAmount: 10 }] })] });
    expect(codes(heads)).toEqual(["EG_BS_TAXHEADS_NOTFOUND"]);
    expect(heads.body.Errors[0].message).toBe("No TaxHead masters found for give codes [NO_SUCH_HEAD]");
    const negative = await c.post("billing.createDemand", "/billing-service/demand/_create", { Demands: [demand({ demandDetails: [{ taxHeadMasterCode: "PT_TIME_REBATE", taxAmount: -50, collectionAmount: -10 }] })] });
    expect(codes(negative)).toEqual(["EG_DEMAND_DEATIL_INVALID"]);
    const both = await c.post("billing.createDemand", "/billing-service/demand/_create", { Demands: [demand({ taxPeriodFrom: 1, taxPeriodTo: 2, demandDetails: [{ taxHeadMasterCode: "PT_TAX", taxAmount: 10, collectionAmount: 20 }] })] });
    expect(codes(both).sort()).toEqual(["EG_BS_TAXPERIODS_DEMAND", "EG_DEMAND_DEATIL_INVALID"]);
    const empty = await c.post("billing.createDemand", "/billing-service/demand/_create", { Demands: [] });
    expect(empty.status).toBe(400);
  });

  it("refuses demands where MDMS has no BillingService masters (DIGIT's JsonPath read fails)", async () => {
    const c = await chain({ options: { rbac: false } });
    const p = c.period();
    const res = await c.post("billing.createDemand", "/billing-service/demand/_create", {
      Demands: [{ tenantId: "zz.nowhere", consumerCode: consumer(), consumerType: "X", businessService: "PT", taxPeriodFrom: p.from, taxPeriodTo: p.to, demandDetails: [{ taxHeadMasterCode: "PT_TAX", taxAmount: 1 }] }],
    });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].message).toMatch(/BillingService/);
  });

  it("replaces a payer uuid by the user, refuses employees and unknown uuids, finds or creates a citizen from name and mobile", async () => {
    const c = await chain();
    await c.citizen("9811111111", "Asha Rao");
    const asha = c.mock.ctx.users.all().find((u) => u.mobileNumber === "9811111111")!;
    const admin = c.mock.ctx.users.byUserName("ADMIN", STATE)!;
    const code = consumer();
    const withPayer = await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 10 }], { payer: { uuid: asha.uuid } });
    expect(withPayer.payer).toMatchObject({ uuid: asha.uuid, name: "Asha Rao", mobileNumber: "9811111111", type: "CITIZEN" });
    expect((await c.demand(code)).payer).toMatchObject({ uuid: asha.uuid, name: "Asha Rao" });
    const p = c.period();
    const base = { tenantId: CITY, consumerType: "X", businessService: "PT", taxPeriodFrom: p.from, taxPeriodTo: p.to, demandDetails: [{ taxHeadMasterCode: "PT_TAX", taxAmount: 1 }] };
    const employee = await c.post("billing.createDemand", "/billing-service/demand/_create", { Demands: [{ ...base, consumerCode: consumer(), payer: { uuid: admin.uuid } }] });
    expect(codes(employee)).toEqual(["EG_BS_EMPLOYEE_UUID_NOTALLOWED"]);
    const unknown = await c.post("billing.createDemand", "/billing-service/demand/_create", { Demands: [{ ...base, consumerCode: consumer(), payer: { uuid: "no-such-user" } }] });
    expect(codes(unknown)).toEqual(["EG_BS_USER_UUID_NOTFOUND"]);
    const before = c.mock.ctx.users.all().length;
    const created = await c.post("billing.createDemand", "/billing-service/demand/_create", { Demands: [{ ...base, consumerCode: consumer(), payer: { name: "Ravi Kumar", mobileNumber: "9822222222" } }] });
    expect(created.status).toBe(201);
    expect(c.mock.ctx.users.all().length).toBe(before + 1);
    const ravi = c.mock.ctx.users.byUuid(created.body.Demands[0].payer.uuid)!;
    expect(ravi).toMatchObject({ type: "CITIZEN", tenantId: STATE, name: "Ravi Kumar", mobileNumber: "9822222222" });
  });

  it("updates as DIGIT does: ids required, new details start uncollected, omitted details stay, a status change cancels", async () => {
    const c = await chain();
    const code = consumer();
    const d = await c.createDemand(code, [
      { taxHeadMasterCode: "PT_TAX", taxAmount: 300 },
      { taxHeadMasterCode: "PT_FIRE_CESS", taxAmount: 30 },
    ]);
    const res = await c.post("billing.updateDemand", "/billing-service/demand/_update", {
      Demands: [{ ...d, consumerCode: "RENAMED", status: "cancelled", demandDetails: [{ ...d.demandDetails[0], taxAmount: 350 }, { taxHeadMasterCode: "PT_TIME_PENALTY", taxAmount: 20, collectionAmount: 20 }] }],
    });
    expect(res.status).toBe(201);
    expect(res.body.Demands[0].status).toBe("CANCELLED");
    const stored = await c.demand(code);
    expect(stored.consumerCode).toBe(code);
    expect(stored.status).toBe("CANCELLED");
    const byHead = Object.fromEntries(stored.demandDetails.map((x: { taxHeadMasterCode: string; taxAmount: number; collectionAmount: number }) => [x.taxHeadMasterCode, [x.taxAmount, x.collectionAmount]]));
    expect(byHead).toEqual({ PT_TAX: [350, 0], PT_FIRE_CESS: [30, 0], PT_TIME_PENALTY: [20, 0] });
    // A cancelled demand bills nothing.
    expect((await c.fetchBill(code)).body.Bill).toEqual([]);
    const unknownDetail = await c.post("billing.updateDemand", "/billing-service/demand/_update", { Demands: [{ ...d, demandDetails: [{ ...d.demandDetails[0], id: "nope" }] }] });
    expect(codes(unknownDetail)).toEqual(["EG_BS_DEMAND_DETAIL_NOTFOUND"]);
  });

  it("searches by the query only: periods, status, payer mobile; ordered by taxPeriodFrom", async () => {
    const c = await chain();
    const code = consumer();
    const now = c.period();
    const earlier = c.mock.ctx.mdms.records(CITY, "BillingService.TaxPeriod").map((r) => r.data).find((x) => x["code"] === "PTAN2020")!;
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 1 }]);
    const old = await c.post("billing.createDemand", "/billing-service/demand/_create", {
      Demands: [{ tenantId: CITY, consumerCode: code, consumerType: "X", businessService: "PT", taxPeriodFrom: earlier["fromDate"], taxPeriodTo: earlier["toDate"], demandDetails: [{ taxHeadMasterCode: "PT_TAX", taxAmount: 2 }] }],
    });
    expect(old.status).toBe(201);
    const all = await c.post("billing.searchDemands", "/billing-service/demand/_search", {}, { tenantId: CITY, consumerCode: code });
    expect(all.body.Demands.map((x: { taxPeriodFrom: number }) => x.taxPeriodFrom)).toEqual([earlier["fromDate"], now.from]);
    const recent = await c.post("billing.searchDemands", "/billing-service/demand/_search", {}, { tenantId: CITY, consumerCode: code, periodFrom: now.from });
    expect(recent.body.Demands).toHaveLength(1);
    const bad = await c.post("billing.searchDemands", "/billing-service/demand/_search", {}, { tenantId: CITY, consumerCode: code, periodFrom: "soon" });
    expect(codes(bad)).toEqual(["typeMismatch.demandCriteria.periodFrom"]);
    const typeOnly = await c.post("billing.searchDemands", "/billing-service/demand/_search", {}, { tenantId: CITY, type: "CURRENT" });
    expect(typeOnly.status).toBe(200);
    const nobody = await c.post("billing.searchDemands", "/billing-service/demand/_search", {}, { tenantId: CITY, mobileNumber: "9000000001" });
    expect(nobody.body.Demands).toEqual([]);
    const proto = await c.post("billing.searchDemands", "/billing-service/demand/_search", {}, { tenantId: CITY, demandId: "__proto__" });
    expect(proto.body.Demands).toEqual([]);
    const protoUpdate = await c.post("billing.updateDemand", "/billing-service/demand/_update", { Demands: [{ ...all.body.Demands[0], id: "__proto__" }] });
    expect(codes(protoUpdate).sort()).toEqual(["EG_BS_DEMANDS_NOT_FOUND", "EG_BS_DEMAND_DETAIL_NOTFOUND"]);
  });
});

describe("billing bills", () => {
  it("generates one bill per consumer code, one account detail per tax head, and numbers it through idgen", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [
      { taxHeadMasterCode: "PT_TAX", taxAmount: 400 },
      { taxHeadMasterCode: "PT_TAX", taxAmount: 100, collectionAmount: 40 },
      { taxHeadMasterCode: "PT_TIME_REBATE", taxAmount: -50 },
    ]);
    const res = await c.fetchBill(code);
    expect(res.status).toBe(201);
    expect(res.body.ResposneInfo).toBeNull();
    const bill = res.body.Bill[0];
    expect(bill.billNumber).toMatch(/^BILLNO-PT-\d{6}$/);
    expect(bill.totalAmount).toBe(410);
    const accounts = bill.billDetails[0].billAccountDetails;
    expect(accounts.map((a: { taxHeadCode: string; amount: number; order: number }) => [a.taxHeadCode, a.amount, a.order]).sort()).toEqual([
      ["PT_TAX", 460, 2],
      ["PT_TIME_REBATE", -50, 0],
    ]);
    expect(bill.billDetails[0].expiryDate).toBeGreaterThan(Date.now());
    const again = await c.fetchBill(code);
    expect(again.body.Bill[0].id).toBe(bill.id);
    expect(again.body.ResposneInfo.status).toBe("200 OK");
  });

  it("expires a bill at the end of its day and generates a new one on the next fetch", async () => {
    const clock = testClock(Date.now());
    const c = await chain({ now: clock.now });
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 70 }]);
    const first = await c.bill(code);
    clock.advance(36 * 3_600_000);
    const second = await c.bill(code);
    expect(second.id).not.toBe(first.id);
    const old = await c.post("billing.searchBills", "/billing-service/bill/v2/_search", {}, { tenantId: CITY, billId: first.id });
    expect(old.body.Bill[0].status).toBe("EXPIRED");
  });

  it("checks the fetch criteria and the employee state-tenant rule; a citizen may use the state tenant", async () => {
    const c = await chain();
    const none = await c.post("billing.fetchBill", "/billing-service/bill/v2/_fetchbill", {}, { tenantId: CITY, businessService: "PT" });
    expect(codes(none)).toEqual(["BILL_GEN_MANDATORY_FIELDS_MISSING"]);
    const mobile = await c.post("billing.fetchBill", "/billing-service/bill/v2/_fetchbill", {}, { tenantId: CITY, businessService: "PT", mobileNumber: "12345" });
    expect(codes(mobile)).toEqual(["Pattern.generateBillCriteria.mobileNumber"]);
    const state = await c.post("billing.fetchBill", "/billing-service/bill/v2/_fetchbill", {}, { tenantId: STATE, businessService: "PT", consumerCode: "X" });
    expect(codes(state)).toEqual(["EG_BS_INVALID_TENANTID"]);
    const citizen = await c.citizen("9833333333");
    const asCitizen = await c.post("billing.fetchBill", "/billing-service/bill/v2/_fetchbill", {}, { tenantId: STATE, businessService: "PT", consumerCode: "X" }, citizen);
    expect(asCitizen.status).toBe(201);
  });

  it("searches bills: one per consumer code (latest, or oldest with retrieveOldest), status and period filters", async () => {
    const c = await chain();
    const code = consumer();
    const d = await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 10 }]);
    const first = await c.bill(code);
    await c.post("billing.updateDemand", "/billing-service/demand/_update", { Demands: [{ ...d, demandDetails: [{ ...d.demandDetails[0], taxAmount: 20 }] }] });
    const second = await c.bill(code);
    const search = (query: Record<string, string | number | boolean>) => c.post("billing.searchBills", "/billing-service/bill/v2/_search", {}, { tenantId: CITY, consumerCode: code, service: "PT", ...query });
    expect((await search({})).body.Bill.map((b: { id: string }) => b.id)).toEqual([second.id]);
    expect((await search({ retrieveOldest: true })).body.Bill.map((b: { id: string }) => b.id)).toEqual([first.id]);
    expect((await search({ status: "EXPIRED" })).body.Bill.map((b: { id: string }) => b.id)).toEqual([first.id]);
    expect(codes(await search({ status: "expired" }))).toEqual(["typeMismatch.billSearchCriteria.status"]);
    expect((await search({ fromPeriod: 1 })).body.Bill).toEqual([]);
    expect((await search({ size: 0, offset: 5 })).body.Bill).toHaveLength(1);
  });

  it("cancels only the latest ACTIVE bill of one consumer code, keeping its additionalDetails", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 10 }]);
    const bill = await c.bill(code);
    const criteria = (consumerCodes: string[]) => ({ UpdateBillCriteria: { tenantId: CITY, consumerCodes, businessService: "PT", statusToBeUpdated: "CANCELLED", additionalDetails: { reason: "R", reasonMessage: "M" } } });
    const two = await c.post("billing.cancelBill", "/billing-service/bill/v2/_cancelbill", criteria([code, "OTHER"]));
    expect(codes(two)).toEqual(["EG_BS_CANCEL_BILL_ERROR"]);
    const empty = await c.post("billing.cancelBill", "/billing-service/bill/v2/_cancelbill", { UpdateBillCriteria: { ...criteria([code]).UpdateBillCriteria, additionalDetails: { reason: "", reasonMessage: "" } } });
    expect(empty.body.Errors.map((e: { message: string }) => e.message).sort()).toEqual(["Cancell Reason code cannot be empty", "Cancell Reason message cannot be empty"]);
    const ok = await c.post("billing.cancelBill", "/billing-service/bill/v2/_cancelbill", criteria([code]));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ResponseInfo: { status: "200 OK" }, Message: "Successfully cancelled 1 Active bills for given consumer codes" });
    const again = await c.post("billing.cancelBill", "/billing-service/bill/v2/_cancelbill", criteria([code]));
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ ResponseInfo: { status: "400 BAD_REQUEST" }, Message: "No Active bills found for cancellation for the given criteria" });
    // A cancelled bill is not ACTIVE: the next fetch generates a new one from the still unpaid demand.
    expect((await c.bill(code)).id).not.toBe(bill.id);
  });

  it("refuses to cancel a paid bill", async () => {
    const c = await chain();
    const code = consumer();
    await c.createDemand(code, [{ taxHeadMasterCode: "PT_TAX", taxAmount: 10 }]);
    const bill = await c.bill(code);
    expect((await c.pay(bill.id, 4)).status).toBe(200);
    const res = await c.post("billing.cancelBill", "/billing-service/bill/v2/_cancelbill", {
      UpdateBillCriteria: { tenantId: CITY, consumerCodes: [code], businessService: "PT", statusToBeUpdated: "CANCELLED", additionalDetails: { reason: "R", reasonMessage: "M" } },
    });
    expect(res.status).toBe(400);
    expect(res.body.Message).toBe("You cannot cancel the bill in the workflow");
  });

  it("answers bill/v2/_create with ids and plain bill numbers, storing nothing", async () => {
    const c = await chain();
    const res = await c.post("billing.createBill", "/billing-service/bill/v2/_create", { Bills: [{ tenantId: CITY, consumerCode: "X", businessService: "PT", billDetails: [{ amount: 5, billAccountDetails: [{ taxHeadCode: "PT_TAX", amount: 5 }] }] }] });
    expect(res.status).toBe(201);
    expect(res.body.ResposneInfo).toBeNull();
    expect(res.body.Bill[0].billNumber).toBe("1");
    expect(res.body.Bill[0].billDetails[0].billAccountDetails[0].billDetailId).toBe(res.body.Bill[0].billDetails[0].id);
    const found = await c.post("billing.searchBills", "/billing-service/bill/v2/_search", {}, { tenantId: CITY, billId: res.body.Bill[0].id });
    expect(found.body.Bill).toEqual([]);
  });
});

describe("billing masters", () => {
  it("answers tax heads, tax periods and business services from MDMS", async () => {
    const c = await chain();
    const heads = await c.post("billing.searchTaxHeads", "/billing-service/taxheads/_search", {}, { tenantId: CITY, category: "REBATE" });
    expect(heads.body.TaxHeadMasters.map((h: { code: string }) => h.code)).toEqual(["PT_TIME_REBATE"]);
    expect(heads.body.TaxHeadMasters[0]).toMatchObject({ isDebit: true, order: 0, auditDetail: null });
    const periods = await c.post("billing.searchTaxPeriods", "/billing-service/taxperiods/_search", {}, { tenantId: CITY, service: "TL", code: "TLAN2024" });
    expect(periods.body.TaxPeriods).toHaveLength(1);
    expect(periods.body.TaxPeriods[0]).toMatchObject({ financialYear: "2024-25", periodCycle: "ANNUAL" });
    const cycle = await c.post("billing.searchTaxPeriods", "/billing-service/taxperiods/_search", {}, { tenantId: CITY, periodCycle: "YEARLY" });
    expect(codes(cycle)).toEqual(["typeMismatch.taxPeriodCriteria.periodCycle"]);
    const services = await c.post("billing.searchBusinessServices", "/billing-service/businessservices/_search", {}, { tenantId: CITY });
    expect(services.body.BusinessServiceDetails.map((b: { code: string }) => b.code).sort()).toEqual(["PT", "TL"]);
    const noTenant = await c.post("billing.searchTaxHeads", "/billing-service/taxheads/_search", {});
    expect(codes(noTenant)).toEqual(["INVALID TENANTID"]);
  });
});
