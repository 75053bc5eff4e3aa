/**
 * The MDMS lookup index (services/mdms/store.ts) through the engine: it must agree with the data after a
 * rolled-back write, a snapshot restore and a reset, since it lives in the journaled slice but not in snapshots.
 */
import { describe, expect, it } from "vitest";
import { createEngine } from "../src/create-engine.js";
import type { MdmsDataRecord, MdmsSlice } from "../src/core/types.js";
import { putRecord } from "../src/services/mdms/store.js";

const RI = { apiId: "test", ver: "1.0", msgId: "m" };
const SCHEMA = "idx.Thing";
const definition = { type: "object", required: ["code"], "x-unique": ["code"], properties: { code: { type: "string" } } };

function engine() {
  const e = createEngine();
  const admin = e.ctx.users.byUserName("ADMIN", "pg")!;
  const caller = { user: admin, token: "" };
  expect(e.invoke("mdms.createSchema", { RequestInfo: RI, SchemaDefinition: { tenantId: "pg", code: SCHEMA, definition } }, { caller }).status).toBe(202);
  const create = (code: string) => e.invoke("mdms.create", { RequestInfo: RI, Mdms: { tenantId: "pg", schemaCode: SCHEMA, data: { code } } }, { caller });
  const codes = (criteria: Record<string, unknown> = {}) =>
    ((e.invoke("mdms.search", { RequestInfo: RI, MdmsCriteria: { tenantId: "pg", schemaCode: SCHEMA, limit: 100, ...criteria } }, { caller }).body as { mdms: { data: { code: string } }[] }).mdms).map((r) => r.data.code);
  return { e, create, codes };
}

function fakeRecord(code: string): MdmsDataRecord {
  const audit = { createdBy: "x", createdTime: 0, lastModifiedBy: "x", lastModifiedTime: 0 };
  return { id: `id-${code}`, tenantId: "pg", schemaCode: SCHEMA, uniqueIdentifier: code, data: { code }, isActive: true, auditDetails: audit, visibleFrom: 0 };
}

describe("MDMS index", () => {
  it("rolls back with the data when a write fails", () => {
    const { e, create, codes } = engine();
    expect(create("A").status).toBe(202);
    expect(() =>
      e.state.write(() => {
        putRecord(e.state.current<MdmsSlice>("mdms"), fakeRecord("GHOST"));
        throw new Error("handler bug");
      }),
    ).toThrow("handler bug");
    expect(codes()).toEqual(["A"]);
    expect(codes({ uniqueIdentifiers: ["GHOST"] })).toEqual([]);
    // The unique key is free again, and the next record takes the next position.
    expect(create("GHOST").status).toBe(202);
    expect(create("B").status).toBe(202);
    expect(codes()).toEqual(["B", "GHOST", "A"]);
    expect((create("GHOST").body as { Errors: { code: string }[] }).Errors[0]?.code).toBe("DUPLICATE_RECORD");
  });

  it("is rebuilt from the data after restore and reset, and is not part of snapshots", () => {
    const { e, create, codes } = engine();
    create("A");
    const snap = e.state.snapshot();
    expect(Object.keys(snap.slices["mdms"] as object).sort()).toEqual(["data", "schemas"]);
    create("B");
    e.state.restore(snap);
    expect(codes()).toEqual(["A"]);
    expect(create("B").status).toBe(202);
    expect((create("A").body as { Errors: { code: string }[] }).Errors[0]?.code).toBe("DUPLICATE_RECORD");
    expect(codes({ uniqueIdentifiers: ["B"] })).toEqual(["B"]);
    e.state.reset();
    expect(codes()).toEqual([]);
  });

  it("answers a page and a unique-key check without reading unrelated records", () => {
    const { e, create, codes } = engine();
    for (let i = 0; i < 50; i++) create(`C${i}`);
    const slice = e.state.raw<MdmsSlice>("mdms");
    const bucket = slice.data["pg"]![SCHEMA]!;
    // Trap every record read: a page of 2 and a duplicate check must touch only what they return.
    let reads = 0;
    for (const id of Object.keys(bucket)) {
      const record = bucket[id]!;
      bucket[id] = new Proxy(record, { get: (t, p) => ((reads += p === "data" ? 1 : 0), Reflect.get(t, p)) });
    }
    expect(codes({ limit: 2 })).toEqual(["C49", "C48"]);
    expect(reads).toBe(2);
    reads = 0;
    expect(codes({ uniqueIdentifiers: ["C7"], limit: 2 })).toEqual(["C7"]);
    expect(reads).toBe(1);
  });
});
