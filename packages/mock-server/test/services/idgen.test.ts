import { describe, expect, it } from "vitest";
import type { MdmsSlice } from "../../src/core/types.js";
import { idgenService } from "../../src/services/idgen/index.js";
import { financialYear, formatDate, replaceTenantTokens } from "../../src/services/idgen/format.js";
import { bodyOf, caller, fakeContext, Harness, role } from "./helpers.js";

function setup(strict = false) {
  const ctx = fakeContext({ strict });
  const h = new Harness(idgenService, ctx);
  const me = caller(ctx, [role("EMPLOYEE")]);
  const gen = (idRequests: unknown[], extra: Record<string, unknown> = {}) => h.call("idgen.generate", { caller: me, body: { idRequests, ...extra } });
  const ids = (idRequests: unknown[]) => {
    const res = gen(idRequests);
    expect(bodyOf(res)["Errors"]).toBeUndefined();
    return (bodyOf(res)["idResponses"] as { id: string }[]).map((r) => r.id);
  };
  const failure = (idRequests: unknown[]) => {
    const res = gen(idRequests);
    expect(res.status).toBe(200);
    return (bodyOf(res)["Errors"] as { message: string }[])[0]?.message;
  };
  return { ctx, h, gen, ids, failure };
}

function seedMdms(ctx: ReturnType<typeof fakeContext>, tenantId: string, schemaCode: string, data: Record<string, unknown>) {
  const slice = ctx.slices["mdms"] as MdmsSlice;
  const audit = { createdBy: "t", createdTime: 0, lastModifiedBy: "t", lastModifiedTime: 0 };
  ((slice.data[tenantId] ??= {})[schemaCode] ??= {})[String(data["idname"] ?? data["code"])] = {
    id: String(Math.random()), tenantId, schemaCode, uniqueIdentifier: "u", data, isActive: true, auditDetails: audit, visibleFrom: 0,
  };
}

const at = (iso: string) => Date.parse(iso);

describe("idgen formats", () => {
  it("expands global sequences (6 digits), calendar dates in IST and counts > 1", () => {
    const { ctx, ids } = setup();
    ctx.clock.now = at("2024-05-10T20:00:00Z"); // 01:30 on 11 May in IST
    expect(ids([{ idName: "", tenantId: "pb.amritsar", format: "PG-PGR-[cy:yyyy-MM-dd]-[SEQ_ACK_NUM]", count: 2 }])).toEqual([
      "PG-PGR-2024-05-11-000001",
      "PG-PGR-2024-05-11-000002",
    ]);
    expect(ids([{ idName: "", tenantId: "pb.jalandhar", format: "[cy:yyyy]/[cy:MMM]/[cy:dd]-[seq_ack_num]" }])).toEqual(["2024/May/11-000003"]);
  });

  it("gives a sequence repeated in one format one value per id", () => {
    const { ids } = setup();
    expect(ids([{ idName: "", tenantId: "pb", format: "[SEQ_ACK_NUM]-[SEQ_ACK_NUM]", count: 2 }])).toEqual(["000001-000001", "000002-000002"]);
  });

  it("computes the financial year across the March/April boundary, as Integer values", () => {
    const { ctx, ids } = setup();
    const format = "PT-[fy:yyyy-yy]-[SEQ_EG_PT_ACK]";
    ctx.clock.now = at("2024-03-31T12:00:00Z");
    expect(ids([{ idName: "", tenantId: "pb", format }])).toEqual(["PT-2023-24-000001"]);
    ctx.clock.now = at("2024-03-31T19:00:00Z"); // already 1 April in IST
    expect(ids([{ idName: "", tenantId: "pb", format }])).toEqual(["PT-2024-25-000002"]);
    expect(financialYear("fy:yyyy", at("2026-05-01T00:00:00Z"))).toBe("2026-0");
    expect(financialYear("fy:yyyy-yy", at("2009-05-01T00:00:00Z"))).toBe("2009-10");
  });

  it("renders the tenant tokens literally and case-sensitively", () => {
    const { ids } = setup();
    expect(ids([{ idName: "", tenantId: "pb.amritsar", format: "[TENANT_ID]/[tenant_id]/[tenantid]" }])).toEqual(["PB_AMRITSAR/pb_amritsar/pb.amritsar"]);
    expect(replaceTenantTokens("[Tenant_Id]", "pb.a")).toBe("[Tenant_Id]");
  });

  it("takes [city] from the tenant record's city.code and fails without one", () => {
    const { ctx, ids, failure } = setup();
    expect(failure([{ idName: "", tenantId: "pb.amritsar", format: "[city]" }])).toBe("Failed to get citycode from MDMS");
    seedMdms(ctx, "pb", "tenant.tenants", { code: "pb.amritsar", city: { code: "AM01" } });
    expect(ids([{ idName: "", tenantId: "pb.amritsar", format: "[city]-[city:anything]" }])).toEqual(["AM01-AM01"]);
  });

  it("lets an MDMS common-masters.IdFormat win over the request's format", () => {
    const { ctx, ids } = setup();
    seedMdms(ctx, "pb", "common-masters.IdFormat", { idname: "bill.id", format: "BILL-[SEQ_ACK_NUM]" });
    expect(ids([{ idName: "bill.id", tenantId: "pb.amritsar", format: "IGNORED-[SEQ_ACK_NUM]" }])).toEqual(["BILL-000001"]);
  });

  it("answers a missing format with HTTP 200 and DIGIT's Errors, in lenient and strict mode alike", () => {
    for (const strict of [false, true]) {
      const { gen } = setup(strict);
      const res = gen([{ idName: "nothing.here", tenantId: "pb" }]);
      expect(res.status).toBe(200);
      expect(bodyOf(res)).toEqual({
        ResponseInfo: { apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: "FAILED" },
        Errors: [{ code: "400 BAD_REQUEST", message: "No Format is available in the MDMS for the given name and tenant", description: null, params: {} }],
      });
    }
  });

  it("answers bean-validation failures with HTTP 400 and params as an object", () => {
    const { gen } = setup();
    const res = gen([{ tenantId: "pb", format: "X" }]);
    expect(res.status).toBe(400);
    expect((bodyOf(res)["Errors"] as unknown[])[0]).toEqual({ code: "400 BAD_REQUEST", message: "Invalid input", description: null, params: { "idRequests[0].idName": "must not be null" } });
  });

  it("renders any other token as random digits and refuses short tokens as Java's substring does, without consuming sequences", () => {
    const { ids, failure } = setup();
    expect(ids([{ idName: "", tenantId: "pb", format: "[d{4}]-[a{3}]-[xxxx]" }])[0]).toMatch(/^\d{4}-\d{3}-\d{2}$/);
    expect(failure([{ idName: "", tenantId: "pb", format: "[SEQ_ACK_NUM]-[cy]" }])).toBe("begin 0, end 3, length 2");
    expect(failure([{ idName: "", tenantId: "pb", format: "[abc]" }])).toBe("begin 0, end 4, length 3");
    expect(failure([{ idName: "", tenantId: "pb", format: "[cy:yyyy-bb]" }])).toBe("Error while generating current year in provided format. Given format invalid.");
    expect(ids([{ idName: "", tenantId: "pb", format: "[SEQ_ACK_NUM]" }])).toEqual(["000001"]);
  });

  it("gives no ids for count 0, idResponses null for no requests, and echoes RequestInfo in responseInfo", () => {
    const { gen } = setup();
    expect(bodyOf(gen([{ idName: "", tenantId: "pb", format: "X", count: 0 }]))["idResponses"]).toEqual([]);
    const empty = gen([], { RequestInfo: { apiId: "Rainmaker", ver: ".01", ts: 123, msgId: "m" } });
    expect(bodyOf(empty)).toEqual({ responseInfo: { apiId: "Rainmaker", ver: ".01", ts: 123, resMsgId: "uief87324", msgId: "m", status: "SUCCESSFUL" }, idResponses: null });
  });

  it("creates unknown sequences with a warning, and refuses them as DIGIT does under --strict", () => {
    const lenient = setup();
    expect(lenient.ids([{ idName: "", tenantId: "pb", format: "[SEQ_MY_THING]" }])).toEqual(["000001"]);
    const strict = setup(true);
    expect(strict.failure([{ idName: "", tenantId: "pb", format: "[SEQ_MY_THING]" }])).toBe("Error occurred while auto creating seq in DB");
    expect(strict.failure([{ idName: "", tenantId: "pb", format: "[seq:X]" }])).toBe("Error in retrieving seq number from DB");
  });

  it("formats Java date patterns in IST", () => {
    const t = at("2024-05-10T20:00:00Z");
    expect(formatDate("yyyy-MM-dd HH:mm:ss.SSS", t)).toBe("2024-05-11 01:30:00.000");
    expect(formatDate("EEE, d MMMM yy 'at' h a z", t)).toBe("Sat, 11 May 24 at 1 AM IST");
    expect(() => formatDate("bb", t)).toThrow(/Illegal pattern character 'b'/);
  });
});
