/**
 * billing-service: demands, bills (fetch, search, cancel) and the masters behind them, as DIGIT's code answers.
 */
import { describe, expect } from "vitest";
import { behaviour } from "../src/index.js";
import {
  billFor,
  codes,
  createDemand,
  currentPeriod,
  fetchBill,
  FULL_SERVICE,
  PART_SERVICE,
  PART_TAXHEAD,
  postDemand,
  searchBills,
  searchDemand,
} from "./support/payments.js";

const BS = "billing-service/src/main/java/org/egov/demand";

describe("billing-service", () => {
  behaviour(
    "demand/_create answers 201 with ids, ACTIVE status and collectionAmount defaulted to 0",
    [`${BS}/web/controller/DemandController.java:100`, `${BS}/service/DemandService.java:191`],
    async (c) => {
      const period = await currentPeriod(c, PART_SERVICE);
      const res = await postDemand(c, { consumerCode: c.unique("KITD"), period, amount: 500 });
      expect(res.status).toBe(201);
      expect(res.body.ResponseInfo.status).toBe("201 CREATED");
      const demand = res.body.Demands[0];
      expect(typeof demand.id).toBe("string");
      expect(demand.status).toBe("ACTIVE");
      expect(demand.isPaymentCompleted).toBe(false);
      const detail = demand.demandDetails[0];
      expect(typeof detail.id).toBe("string");
      expect(detail.demandId).toBe(demand.id);
      expect(detail.tenantId).toBe(c.city);
      expect(Number(detail.collectionAmount)).toBe(0);
    },
  );

  behaviour("a second ACTIVE demand for the same consumer code and period is refused", `${BS}/web/validator/DemandValidatorV1.java:299`, async (c) => {
    const period = await currentPeriod(c, PART_SERVICE);
    const consumerCode = c.unique("KITD");
    await createDemand(c, { consumerCode, period });
    const again = await postDemand(c, { consumerCode, period });
    expect(again.status).toBe(400);
    expect(codes(again)).toContain("EG_BS_DUPLICATE_CONSUMERCODE");
  });

  behaviour(
    "an unknown business service is refused with both master errors",
    `${BS}/web/validator/DemandValidatorV1.java:211`,
    async (c) => {
      const period = await currentPeriod(c, PART_SERVICE);
      const res = await postDemand(c, { consumerCode: c.unique("KITD"), period, service: "KIT_NO_SUCH_SERVICE" });
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(expect.arrayContaining(["EG_BS_BUSINESSSERVICE_NOTFOUND", "EG_BS_TAXPERIODS_BUINESSSERVICE"]));
    },
  );

  behaviour("a demand outside every tax period of its service is refused", `${BS}/web/validator/DemandValidatorV1.java:238`, async (c) => {
    const res = await postDemand(c, { consumerCode: c.unique("KITD"), period: { from: 0, to: 1000 } });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("EG_BS_TAXPERIODS_DEMAND");
  });

  behaviour("a collection amount above the tax amount is refused", `${BS}/web/validator/DemandValidatorV1.java:407`, async (c) => {
    const period = await currentPeriod(c, PART_SERVICE);
    const res = await postDemand(c, { consumerCode: c.unique("KITD"), period, amount: 500, detail: { collectionAmount: 600 } });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("EG_DEMAND_DEATIL_INVALID");
  });

  behaviour("demand/_search needs a criterion besides tenantId (error code `businessService`)", `${BS}/web/validator/DemandValidatorV1.java:571`, async (c) => {
    const res = await c.digit.post("/billing-service/demand/_search", {}, { query: { tenantId: c.city } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["businessService"]);
  });

  behaviour("an employee may not search demands at a state-level tenant", `${BS}/util/Util.java:242`, async (c) => {
    const res = await c.digit.post("/billing-service/demand/_search", {}, { query: { tenantId: c.state, consumerCode: "KIT-ANY" } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["EG_BS_INVALID_TENANTID"]);
  });

  behaviour("a created demand is found by consumer code and business service", `${BS}/repository/querybuilder/DemandQueryBuilder.java:156`, async (c) => {
    const period = await currentPeriod(c, PART_SERVICE);
    const consumerCode = c.unique("KITD");
    const created = await createDemand(c, { consumerCode, period, amount: 500 });
    const demands = await c.eventually(async () => {
      const found = await searchDemand(c, consumerCode);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(demands[0].id).toBe(created.id);
    expect(Number(demands[0].demandDetails[0].taxAmount)).toBe(500);
  });

  behaviour("demand/_update without any demand id is refused", `${BS}/web/validator/DemandValidatorV1.java:522`, async (c) => {
    const period = await currentPeriod(c, PART_SERVICE);
    const res = await c.digit.post("/billing-service/demand/_update", {
      Demands: [{ tenantId: c.city, consumerCode: c.unique("KITD"), consumerType: "KIT", businessService: PART_SERVICE, taxPeriodFrom: period.from, taxPeriodTo: period.to, demandDetails: [{ taxHeadMasterCode: PART_TAXHEAD, taxAmount: 10 }] }],
    });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["EG_BS_DEMANDS_UNDIDENTIFIABLE"]);
  });

  behaviour("demand/_update of an unknown demand id is refused", `${BS}/web/validator/DemandValidatorV1.java:553`, async (c) => {
    const period = await currentPeriod(c, PART_SERVICE);
    const res = await c.digit.post("/billing-service/demand/_update", {
      Demands: [{ id: "00000000-0000-4000-8000-00000000d00d", tenantId: c.city, consumerCode: c.unique("KITD"), consumerType: "KIT", businessService: PART_SERVICE, taxPeriodFrom: period.from, taxPeriodTo: period.to, demandDetails: [{ taxHeadMasterCode: PART_TAXHEAD, taxAmount: 10 }] }],
    });
    expect(res.status).toBe(400);
    expect(codes(res)).toContain("EG_BS_DEMANDS_NOT_FOUND");
  });

  behaviour(
    "bill/v2/_fetchbill generates a bill (201, `ResposneInfo` null), then answers the same bill from search",
    [`${BS}/web/controller/BillControllerv2.java:66`, `${BS}/service/BillServicev2.java:261`, `${BS}/web/contract/BillResponseV2.java:25`],
    async (c) => {
      const period = await currentPeriod(c, PART_SERVICE);
      const consumerCode = c.unique("KITD");
      const demand = await createDemand(c, { consumerCode, period, amount: 500 });
      const first = await fetchBill(c, consumerCode);
      expect(first.status).toBe(201);
      expect(first.body).toHaveProperty("ResposneInfo", null);
      expect(first.body).not.toHaveProperty("ResponseInfo");
      const bill = first.body.Bill[0];
      expect(bill).toMatchObject({ status: "ACTIVE", consumerCode, businessService: PART_SERVICE, tenantId: c.city });
      expect(Number(bill.totalAmount)).toBe(500);
      expect(bill.billNumber).toMatch(/^BILLNO-/);
      expect(bill.billDetails).toHaveLength(1);
      expect(bill.billDetails[0].demandId).toBe(demand.id);
      expect(bill.billDetails[0].billAccountDetails).toHaveLength(1);
      expect(bill.billDetails[0].billAccountDetails[0]).toMatchObject({ taxHeadCode: PART_TAXHEAD });
      expect(Number(bill.billDetails[0].billAccountDetails[0].amount)).toBe(500);
      expect(Number(bill.billDetails[0].billAccountDetails[0].adjustedAmount)).toBe(0);
      const second = await c.eventually(async () => {
        const res = await fetchBill(c, consumerCode);
        expect(res.body.Bill[0].id).toBe(bill.id);
        return res;
      });
      expect(second.status).toBe(201);
      expect(second.body.ResposneInfo).toMatchObject({ status: "200 OK" });
    },
  );

  behaviour("bill/v2/_fetchbill for a consumer code without demands answers 201 with no bills", `${BS}/service/BillServicev2.java:386`, async (c) => {
    const res = await fetchBill(c, c.unique("KITNONE"));
    expect(res.status).toBe(201);
    expect(res.body.Bill).toEqual([]);
  });

  behaviour("bill/v2/_fetchbill requires businessService", `${BS}/model/GenerateBillCriteria.java:79`, async (c) => {
    const res = await c.digit.post("/billing-service/bill/v2/_fetchbill", {}, { query: { tenantId: c.city, consumerCode: "KIT-ANY" } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["NotNull.generateBillCriteria.businessService"]);
  });

  behaviour("bill/v2/_generate is deprecated and always refused", `${BS}/web/controller/BillControllerv2.java:70`, async (c) => {
    const res = await c.digit.post("/billing-service/bill/v2/_generate", {}, { query: { tenantId: c.city, businessService: PART_SERVICE, consumerCode: "KIT-ANY" } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["EG_BS_API_ERROR"]);
  });

  behaviour("bill/v2/_search needs a criterion besides tenantId", `${BS}/web/validator/BillValidator.java:56`, async (c) => {
    const res = await c.digit.post("/billing-service/bill/v2/_search", {}, { query: { tenantId: c.city } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["EGBS_MANDATORY_FIELDS_ERROR"]);
  });

  behaviour("bill/v2/_search by consumer code needs the service too", `${BS}/web/validator/BillValidator.java:61`, async (c) => {
    const res = await c.digit.post("/billing-service/bill/v2/_search", {}, { query: { tenantId: c.city, consumerCode: "KIT-ANY" } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["BILL_SEARCH_CONSUMERCODE_BUSINESSSERVICE"]);
  });

  behaviour("bill/v2/_search answers `ResposneInfo` (sic) and the latest bill of the consumer code", `${BS}/web/controller/BillControllerv2.java:49`, async (c) => {
    const period = await currentPeriod(c, PART_SERVICE);
    const consumerCode = c.unique("KITD");
    await createDemand(c, { consumerCode, period, amount: 300 });
    const bill = await billFor(c, consumerCode);
    const res = await c.eventually(async () => {
      const found = await searchBills(c, consumerCode);
      expect(found.body.Bill).toHaveLength(1);
      return found;
    });
    expect(res.status).toBe(200);
    expect(res.body.ResposneInfo).toMatchObject({ status: "200 OK" });
    expect(res.body.Bill[0].id).toBe(bill.id);
  });

  behaviour(
    "updating a demand expires its bill; the next fetch generates a new bill with the new amount",
    [`${BS}/service/DemandService.java:273`, `${BS}/repository/BillRepositoryV2.java:196`],
    async (c) => {
      const period = await currentPeriod(c, PART_SERVICE);
      const consumerCode = c.unique("KITD");
      const demand = await createDemand(c, { consumerCode, period, amount: 500 });
      const bill = await billFor(c, consumerCode);
      const changed = { ...demand, demandDetails: [{ ...demand.demandDetails[0], taxAmount: 600 }] };
      const updated = await c.digit.post("/billing-service/demand/_update", { Demands: [changed] });
      expect(updated.status).toBe(201);
      expect(updated.body.ResponseInfo.status).toBe("201 CREATED");
      await c.eventually(async () => {
        const found = await c.digit.post("/billing-service/bill/v2/_search", {}, { query: { tenantId: c.city, billId: bill.id } });
        expect(found.body.Bill[0].status).toBe("EXPIRED");
      });
      const next = await billFor(c, consumerCode);
      expect(next.id).not.toBe(bill.id);
      expect(Number(next.totalAmount)).toBe(600);
    },
  );

  behaviour(
    "bill/v2/_cancelbill needs a reason and reasonMessage in additionalDetails",
    `${BS}/web/validator/BillValidator.java:68`,
    async (c) => {
      const res = await c.digit.post("/billing-service/bill/v2/_cancelbill", {
        UpdateBillCriteria: { tenantId: c.city, consumerCodes: ["KIT-ANY"], businessService: PART_SERVICE, statusToBeUpdated: "CANCELLED", additionalDetails: {} },
      });
      expect(res.status).toBe(400);
      expect(codes(res).sort()).toEqual(["EG_BS_CANCELL_REASON_CODE_NOT", "EG_BS_CANCELL_REASON_MSG_NOT"]);
    },
  );

  behaviour(
    "bill/v2/_cancelbill answers {ResponseInfo, Message}: 200 once, then 400 with no Errors",
    `${BS}/web/controller/BillControllerv2.java:87`,
    async (c) => {
      const period = await currentPeriod(c, PART_SERVICE);
      const consumerCode = c.unique("KITD");
      await createDemand(c, { consumerCode, period, amount: 100 });
      const bill = await billFor(c, consumerCode);
      const body = {
        UpdateBillCriteria: { tenantId: c.city, consumerCodes: [consumerCode], businessService: PART_SERVICE, statusToBeUpdated: "CANCELLED", additionalDetails: { reason: "KIT", reasonMessage: "Conformance test" } },
      };
      const res = await c.digit.post("/billing-service/bill/v2/_cancelbill", body);
      expect(res.status).toBe(200);
      expect(res.body.Message).toBe("Successfully cancelled 1 Active bills for given consumer codes");
      expect(res.body).not.toHaveProperty("Bill");
      const again = await c.digit.post("/billing-service/bill/v2/_cancelbill", body);
      expect(again.status).toBe(400);
      expect(again.body.Message).toBe("No Active bills found for cancellation for the given criteria");
      expect(again.body).not.toHaveProperty("Errors");
      const found = await c.digit.post("/billing-service/bill/v2/_search", {}, { query: { tenantId: c.city, billId: bill.id } });
      expect(found.body.Bill[0]).toMatchObject({ status: "CANCELLED", additionalDetails: { reason: "KIT", reasonMessage: "Conformance test" } });
    },
  );

  behaviour("taxheads/_search answers MDMS tax heads with the key `auditDetail`", `${BS}/model/TaxHeadMaster.java:45`, async (c) => {
    const res = await c.digit.post("/billing-service/taxheads/_search", {}, { query: { tenantId: c.city, service: PART_SERVICE } });
    expect(res.status).toBe(200);
    const head = (res.body.TaxHeadMasters as { code: string }[]).find((t) => t.code === PART_TAXHEAD);
    expect(head).toBeDefined();
    expect(head).toHaveProperty("auditDetail");
    expect(head).not.toHaveProperty("auditDetails");
  });

  behaviour("businessservices/_search answers the MDMS business services", `${BS}/web/controller/BusinessServiceDetailController.java:66`, async (c) => {
    const res = await c.digit.post("/billing-service/businessservices/_search", {}, { query: { tenantId: c.city, businessService: `${PART_SERVICE},${FULL_SERVICE}` } });
    expect(res.status).toBe(200);
    const list = res.body.BusinessServiceDetails as { code: string; partPaymentAllowed: boolean }[];
    expect(list.find((b) => b.code === PART_SERVICE)?.partPaymentAllowed).toBe(true);
    expect(list.find((b) => b.code === FULL_SERVICE)?.partPaymentAllowed).toBe(false);
  });

  behaviour("amendment/_search requires businessService", `${BS}/amendment/model/AmendmentCriteria.java:76`, async (c) => {
    const res = await c.digit.post("/billing-service/amendment/_search", {}, { query: { tenantId: c.city } });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["NotNull.amendmentCriteria.businessService"]);
  });
});
