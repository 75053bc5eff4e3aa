import { describe, expect, it } from "vitest";
import type { MdmsSlice } from "../../src/core/types.js";
import { idgenService } from "../../src/services/idgen/index.js";
import { financialYear, formatDate } from "../../src/services/idgen/format.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role } from "./helpers.js";

function setup(strict = false) {
  const ctx = fakeContext({ strict });
  const h = new Harness(idgenService, ctx);
  const me = caller(ctx, [role("EMPLOYEE")]);
  const gen = (idRequests: unknown[]) => h.call("idgen.generate", { caller: me, body: { idRequests } });
  const ids = (idRequests: unknown[]) => (bodyOf(gen(idRequests))["idResponses"] as { id: string }[]).map((r) => r.id);
  return { ctx, h, gen, ids };
}

function seedMdms(ctx: ReturnType<typeof fakeContext>, schemaCode: string, data: Record<string, unknown>) {
  const slice = ctx.slices["mdms"] as MdmsSlice;
  const audit = { createdBy: "t", createdTime: 0, lastModifiedBy: "t", lastModifiedTime: 0 };
  ((slice.data["pb"] ??= {})[schemaCode] ??= {})[String(data["idname"] ?? data["code"])] = {
    id: String(Math.random()), tenantId: "pb", schemaCode, uniqueIdentifier: "u", data, isActive: true, auditDetails: audit, visibleFrom: 0,
  };
}

const at = (iso: string) => Date.parse(iso);

describe("idgen formats", () => {
  it("expands sequences (6 digits), calendar dates in IST and counts > 1", () => {
    const { ctx, ids } = setup();
    ctx.clock.now = at("2024-05-10T20:00:00Z"); // 01:30 on 11 May in IST
    expect(ids([{ idName: "pgr.servicerequestid", tenantId: "pb.amritsar", format: "PG-PGR-[cy:yyyy-MM-dd]-[SEQ_EG_PGR_ID]", count: 2 }])).toEqual([
      "PG-PGR-2024-05-11-000001",
      "PG-PGR-2024-05-11-000002",
    ]);
    expect(ids([{ idName: "x", tenantId: "pb.amritsar", format: "[cy:yyyy]/[cy:MM]/[cy:dd]-[seq:SEQ_EG_PGR_ID]" }])).toEqual(["2024/05/11-000003"]);
    expect(ids([{ idName: "x", tenantId: "pb.jalandhar", format: "[SEQ_EG_PGR_ID]" }])).toEqual(["000001"]);
  });

  it("computes the financial year across the March/April boundary", () => {
    const { ctx, ids } = setup();
    const format = "PT-[fy:yyyy-yy]-[SEQ_PT]";
    ctx.clock.now = at("2024-03-31T12:00:00Z");
    expect(ids([{ idName: "pt", tenantId: "pb", format }])).toEqual(["PT-2023-24-000001"]);
    ctx.clock.now = at("2024-03-31T19:00:00Z"); // already 1 April in IST
    expect(ids([{ idName: "pt", tenantId: "pb", format }])).toEqual(["PT-2024-25-000002"]);
    expect(financialYear(at("2025-01-15T00:00:00Z"))).toEqual({ first: 2024, second: 2025 });
    expect(formatDate("yyyy-yy", at("2025-01-15T00:00:00Z"), financialYear(at("2025-01-15T00:00:00Z")))).toBe("2024-25");
  });

  it("uses the city code from the tenant record, else the upper-cased city part, and TENANT_ID", () => {
    const { ctx, ids } = setup();
    expect(ids([{ idName: "x", tenantId: "pb.amritsar", format: "[city]-[TENANT_ID]" }])).toEqual(["AMRITSAR-pb.amritsar"]);
    seedMdms(ctx, "tenant.tenants", { code: "pb.amritsar", city: { code: "AM01", districtCode: "D7" } });
    expect(ids([{ idName: "x", tenantId: "pb.amritsar", format: "[city]-[city:city.districtCode]" }])).toEqual(["AM01-D7"]);
  });

  it("takes the format from common-masters.IdFormat, falling back to the state tenant", () => {
    const { ctx, ids } = setup(true);
    seedMdms(ctx, "common-masters.IdFormat", { idname: "bill.id", format: "BILL-[SEQ_BILL]" });
    expect(ids([{ idName: "bill.id", tenantId: "pb.amritsar" }])).toEqual(["BILL-000001"]);
  });

  it("refuses an unknown idName in strict mode and uses the default format in lenient mode", () => {
    const strict = setup(true);
    const refused = strict.gen([{ idName: "nothing.here", tenantId: "pb" }]);
    expect(refused.status).toBe(400);
    expect(errorCodes(refused)).toEqual(["IDGEN_FORMAT_NOT_FOUND"]);
    const lenient = setup();
    expect(lenient.ids([{ idName: "nothing.here", tenantId: "pb" }])).toEqual(["NOTHING-HERE-2024-000001"]);
  });

  it("refuses unknown placeholders without consuming sequence values", () => {
    const { gen, ids } = setup();
    const bad = gen([{ idName: "x", tenantId: "pb", format: "[SEQ_A]-[bogus]" }]);
    expect(errorCodes(bad)).toEqual(["INVALID_ID_FORMAT"]);
    expect(ids([{ idName: "x", tenantId: "pb", format: "[SEQ_A]" }])).toEqual(["000001"]);
    expect(ids([{ idName: "x", tenantId: "pb", format: "[d{4}]-[a{3}]" }])[0]).toMatch(/^\d{4}-[A-Z]{3}$/);
  });
});
