import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localizationService, tenantHierarchy } from "../../src/services/localization/index.js";
import { bodyOf, caller, errorCodes, FIXTURES, fakeContext, hasFixtures, Harness, role } from "./helpers.js";

function setup(writeLagMs = 0, strict = false) {
  const ctx = fakeContext({ writeLagMs, strict });
  const h = new Harness(localizationService, ctx);
  const me = caller(ctx, [role("LOC_ADMIN")]);
  const write = (op: string, tenantId: string, messages: unknown[]) => h.call(op, { caller: me, body: { tenantId, messages } });
  const search = (query: Record<string, string>) => h.call("localization.search", { caller: me, query });
  const texts = (query: Record<string, string>) =>
    Object.fromEntries((bodyOf(search(query))["messages"] as { code: string; message: string }[]).map((m) => [m.code, m.message]));
  return { ctx, h, me, write, search, texts };
}

const msg = (code: string, message: string, module = "rainmaker-pgr", locale = "en_IN") => ({ code, message, module, locale });

describe("localization", () => {
  it("upserts by tenant+locale+module+code and searches by module and codes, ordered by code", () => {
    const { write, texts, search } = setup();
    expect(write("localization.upsert", "pb", [msg("B", "two"), msg("A", "one")]).status).toBe(200);
    expect(write("localization.upsert", "pb", [msg("C", "three", "rainmaker-common")]).status).toBe(200);
    write("localization.upsert", "pb", [msg("A", "uno")]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({ A: "uno", B: "two", C: "three" });
    expect((bodyOf(search({ tenantId: "pb", locale: "en_IN" }))["messages"] as { code: string }[]).map((m) => m.code)).toEqual(["A", "B", "C"]);
    expect(texts({ tenantId: "pb", locale: "en_IN", module: "rainmaker-common,other" })).toEqual({ C: "three" });
    expect(texts({ tenantId: "pb", locale: "en_IN", codes: "B" })).toEqual({ B: "two" });
    expect(texts({ tenantId: "pb", locale: "hi_IN" })).toEqual({});
    expect(Object.keys(bodyOf(search({ tenantId: "pb", locale: "en_IN" })))).toEqual(["messages"]);
  });

  it("answers a missing locale or tenantId with the tracer's missing-parameter error", () => {
    const { search } = setup();
    const res = search({ tenantId: "pb" });
    expect(res.status).toBe(400);
    expect(bodyOf(res)).toEqual({
      ResponseInfo: null,
      Errors: [{ id: null, parentId: null, code: "", message: "Required request parameter 'locale' for method parameter type String is not present", description: null, params: ["locale"] }],
    });
    expect((bodyOf(search({ locale: "en_IN" }))["Errors"] as { params: string[] }[])[0]?.params).toEqual(["tenantId"]);
  });

  it("answers from the first tenant level with a matching message, without merging levels", () => {
    const { write, texts } = setup();
    write("localization.upsert", "pb", [msg("A", "state A"), msg("B", "state B")]);
    write("localization.upsert", "pb.amritsar", [msg("B", "city B")]);
    expect(texts({ tenantId: "pb.amritsar", locale: "en_IN" })).toEqual({ B: "city B" });
    expect(texts({ tenantId: "pb.amritsar", locale: "en_IN", codes: "A" })).toEqual({ A: "state A" });
    expect(texts({ tenantId: "pb.amritsar", locale: "en_IN", module: "other" })).toEqual({});
  });

  it("walks every dot-prefix and then default", () => {
    const { write, texts } = setup();
    expect(tenantHierarchy("pb.amritsar.ward1")).toEqual(["pb.amritsar.ward1", "pb.amritsar", "pb", "default"]);
    expect(tenantHierarchy("default")).toEqual(["default", "default"]);
    write("localization.upsert", "default", [msg("D", "base", "base-module")]);
    expect(texts({ tenantId: "pb.amritsar.ward1", locale: "en_IN", module: "base-module" })).toEqual({ D: "base" });
    write("localization.upsert", "pb.amritsar", [msg("D", "city", "base-module")]);
    expect(texts({ tenantId: "pb.amritsar.ward1", locale: "en_IN", module: "base-module" })).toEqual({ D: "city" });
  });

  it("create refuses duplicates in localization's envelope; update skips unknown codes; delete ignores missing ones", () => {
    const { write, h, me, texts } = setup();
    expect(write("localization.create", "pb", [msg("A", "one")]).status).toBe(200);
    const dup = write("localization.create", "pb", [msg("A", "again")]);
    expect(dup.status).toBe(400);
    expect(bodyOf(dup)).toEqual({
      responseInfo: { apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: null },
      error: {
        code: 400,
        message: null,
        description: null,
        fields: [{ code: "core.DUPLICATE_MESSAGE_IDENTITY", message: "Combination of tenant, locale, module and code should be unique.", field: "core.DUPLICATE_MESSAGE_IDENTITY" }],
      },
    });
    const upd = h.call("localization.update", {
      caller: me,
      body: { tenantId: "pb", locale: "en_IN", module: "rainmaker-pgr", messages: [{ code: "A", message: "changed" }, { code: "Z", message: "nope" }] },
    });
    expect(upd.status).toBe(200);
    expect(bodyOf(upd)["messages"]).toEqual([msg("A", "changed"), msg("Z", "nope")]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({ A: "changed" });
    const ids = [{ code: "A", module: "rainmaker-pgr", locale: "en_IN" }];
    const del = h.call("localization.delete", { caller: me, body: { tenantId: "pb", messages: ids } });
    expect(bodyOf(del)).toEqual({ successful: true });
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({});
    const again = h.call("localization.delete", { caller: me, body: { tenantId: "pb", messages: ids } });
    expect(bodyOf(again)).toEqual({ successful: true });
  });

  it("refuses unknown codes on update and missing messages on delete only under --strict", () => {
    const { h, me } = setup(0, true);
    const upd = h.call("localization.update", { caller: me, body: { tenantId: "pb", locale: "en_IN", module: "m", messages: [{ code: "Z", message: "x" }] } });
    expect(errorCodes(upd)).toEqual(["MESSAGE_NOT_FOUND"]);
    const del = h.call("localization.delete", { caller: me, body: { tenantId: "pb", messages: [{ code: "Z", module: "m", locale: "en_IN" }] } });
    expect(errorCodes(del)).toEqual(["MESSAGE_NOT_FOUND"]);
  });

  it("refuses malformed messages with bean-validation fields, storing none of the batch", () => {
    const { write, texts } = setup();
    const res = write("localization.upsert", "pb", [msg("OK", "fine"), { code: "X", message: "" }]);
    expect(res.status).toBe(400);
    expect((bodyOf(res)["error"] as { fields: unknown[] }).fields).toEqual([
      { code: "NotEmpty", message: "must not be empty", field: "messages[1].message" },
      { code: "NotEmpty", message: "must not be empty", field: "messages[1].module" },
      { code: "NotEmpty", message: "must not be empty", field: "messages[1].locale" },
    ]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({});
  });

  it("upsert keys existing rows on the first message's locale and module, as DIGIT does", () => {
    const { write, texts, h } = setup();
    write("localization.upsert", "pb", [msg("A", "pgr A", "pgr"), msg("C", "pgr C", "pgr")]);
    write("localization.upsert", "pb", [msg("B", "common B", "common")]);
    // B exists in "common" but the lookup uses "pgr": B is inserted again, a duplicate identity.
    const dup = write("localization.upsert", "pb", [msg("A", "x", "pgr"), msg("B", "y", "common")]);
    expect((bodyOf(dup)["error"] as { fields: { code: string }[] }).fields[0]?.code).toBe("core.DUPLICATE_MESSAGE_IDENTITY");
    // A code found in the first module takes the text of whichever request message carries it.
    expect(write("localization.upsert", "pb", [msg("A", "a2", "pgr"), msg("C", "from common", "common")]).status).toBe(200);
    expect(texts({ tenantId: "pb", locale: "en_IN", module: "pgr" })).toEqual({ A: "a2", C: "from common" });
    expect(texts({ tenantId: "pb", locale: "en_IN", module: "common" })).toEqual({ B: "common B" });
    const repeated = write("localization.upsert", "pb", [msg("N", "1", "pgr"), msg("N", "2", "other")]);
    expect(errorCodes(repeated)).toEqual(["DUPLICATE_RECORDS"]);
    expect(h.slice.messages["pb"]?.["en_IN|other|N"]).toBeUndefined();
  });

  it("needs RequestInfo.userInfo.id to write, except for delete", () => {
    const { h } = setup();
    const res = h.call("localization.create", { caller: null, body: { tenantId: "pb", messages: [msg("A", "a")] } });
    expect((bodyOf(res)["error"] as { fields: { code: string }[] }).fields[0]?.code).toBe("core.NOT_AUTHENTICATED");
    const del = h.call("localization.delete", { caller: null, body: { tenantId: "pb", messages: [{ code: "A", module: "m", locale: "en_IN" }] } });
    expect(del.status).toBe(200);
  });

  it("keeps tenants like __proto__ and constructor as ordinary keys", () => {
    const { write, texts } = setup();
    for (const tenantId of ["__proto__", "constructor", "toString"]) {
      expect(texts({ tenantId, locale: "en_IN" })).toEqual({});
      expect(write("localization.create", tenantId, [msg("P", tenantId)]).status).toBe(200);
      expect(texts({ tenantId, locale: "en_IN" })).toEqual({ P: tenantId });
    }
    expect(({} as Record<string, unknown>)["rainmaker-pgr"]).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect("en_IN|rainmaker-pgr|P" in Object.prototype).toBe(false);
  });

  it("searches v2 by messageSearchCriteria", () => {
    const { write, h, me } = setup();
    write("localization.upsert", "pb", [msg("A", "one"), msg("B", "two")]);
    const res = h.call("localization.searchV2", { caller: me, body: { messageSearchCriteria: { tenantId: "pb.amritsar", locale: "en_IN", codes: ["B"] } } });
    expect(bodyOf(res)).toEqual({ messages: [msg("B", "two")] });
    expect(h.call("localization.searchV2", { caller: me, body: {} }).status).toBe(400);
  });

  it("hides new messages during the write lag; updates of visible ones show at once", () => {
    const { ctx, write, texts } = setup(200);
    write("localization.upsert", "pb", [msg("A", "one")]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({});
    ctx.clock.now += 200;
    write("localization.upsert", "pb", [msg("A", "uno")]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({ A: "uno" });
  });

  it("answers cache-bust with DIGIT's CacheBustResponse", () => {
    const { h, me } = setup();
    expect(bodyOf(h.call("localization.cacheBust", { caller: me }))).toEqual({ responseInfo: null, isSuccessful: true, successful: true });
  });
});

describe.skipIf(!hasFixtures)("localization with the DIGIT fixtures", () => {
  it("upserts the rainmaker-pgr bundle and finds it from a city", () => {
    const { write, search } = setup();
    const messages = JSON.parse(readFileSync(join(FIXTURES, "localization/en_IN/rainmaker-pgr.json"), "utf8")) as unknown[];
    expect(write("localization.upsert", "pb", messages).status).toBe(200);
    const found = bodyOf(search({ tenantId: "pb.amritsar", locale: "en_IN", module: "rainmaker-pgr" }))["messages"] as unknown[];
    expect(found.length).toBe(new Set(messages.map((m) => (m as { code: string }).code)).size);
  });
});
