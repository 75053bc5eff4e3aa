/**
 * The per-service examples of docs/sdk.md, compiled: if a generated type changes under them, this fails.
 */
import { describe, expectTypeOf, it } from "vitest";
import { createDigitClient } from "../src/index.js";

const digit = createDigitClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb", auth: { token: "t" } });

describe("docs/sdk.md service examples compile", () => {
  it("all 17 services", async () => {
    // user
    const { user: users } = await digit.user.search({ tenantId: "pb", userName: "ADMIN" });
    // access
    await digit.access.searchRoles({}, { query: { code: ["SUPERUSER"] } });
    // mdmsV1
    const { MdmsRes } = await digit.mdmsV1.search({
      MdmsCriteria: { tenantId: "pb", moduleDetails: [{ moduleName: "tenant", masterDetails: [{ name: "tenants" }] }] },
    });
    // mdms
    const { mdms } = await digit.mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department", limit: 100 } });
    // workflow
    await digit.workflow.transition({
      ProcessInstances: [{ tenantId: "pb.amritsar", businessService: "PGR", businessId: "PB-PGR-2026-01-01-000001", action: "ASSIGN", moduleName: "rainmaker-pgr" }],
    });
    // localization
    await digit.localization.search({ query: { locale: "en_IN", module: "rainmaker-pgr" } });
    // idgen
    const { idResponses } = await digit.idgen.generate({ idRequests: [{ idName: "pgr.servicerequestid", tenantId: "pb.amritsar", count: 1 }] });
    // filestore
    const { files } = await digit.filestore.upload({ file: new Blob(["hello"], { type: "text/plain" }), module: "PGR" });
    const pdfBlob = await digit.filestore.download({ query: { fileStoreId: files![0]!.fileStoreId! } });
    // enc
    await digit.enc.encrypt({ encryptionRequests: [{ tenantId: "pb", type: "Normal", value: ["9999999999"] }] });
    // boundary
    await digit.boundary.search({}, { query: { codes: ["WARD_1"] } });
    // hrms
    await digit.hrms.count({}, { query: { tenantId: "pb.amritsar" } });
    // userEvent
    await digit.userEvent.search({}, { query: { eventTypes: ["SYSTEMGENERATED"] } });
    // urlShortener
    const short = await digit.urlShortener.shorten({ url: "https://example.org/a/very/long/url" });
    // pdf
    const pdf = await digit.pdf.createNoSave({}, { query: { key: "consolidatedreceipt" } });
    // billing
    await digit.billing.searchBills({}, { query: { consumerCode: ["PB-PGR-1"], service: "PGR" } });
    // collection
    await digit.collection.searchPayments({}, { query: { consumerCodes: ["PB-PGR-1"] } });
    // pg
    await digit.pg.searchTransactions({}, { query: { txnId: "PB_PG_2026_01_01_000001" } });
    // pgr
    const { ServiceWrappers } = await digit.pgr.create({
      service: { tenantId: "pb.amritsar", serviceCode: "StreetLightNotWorking", source: "web", address: { locality: { code: "SUN01" } } },
      workflow: { action: "APPLY" },
    });
    await digit.pgr.search({}, { query: { tenantId: "pb.amritsar", applicationStatus: ["PENDINGFORASSIGNMENT"], limit: 50 } });
    const { count } = await digit.pgr.count({}, { query: { tenantId: "pb.amritsar" } });

    expectTypeOf(users).not.toBeAny();
    expectTypeOf(MdmsRes).not.toBeAny();
    expectTypeOf(mdms).not.toBeAny();
    expectTypeOf(idResponses).not.toBeAny();
    expectTypeOf(files).not.toBeAny();
    expectTypeOf(short).toEqualTypeOf<string>();
    expectTypeOf(ServiceWrappers).not.toBeAny();
    expectTypeOf(count).toEqualTypeOf<number | undefined>();
    expectTypeOf(pdf).toEqualTypeOf<Blob>();
    expectTypeOf(pdfBlob).toEqualTypeOf<Blob>();
  });
});
