import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localizationService } from "../../src/services/localization/index.js";
import { bodyOf, caller, errorCodes, FIXTURES, fakeContext, hasFixtures, Harness, role } from "./helpers.js";

function setup(writeLagMs = 0) {
  const ctx = fakeContext({ writeLagMs });
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
  it("upserts by tenant+locale+module+code and searches by module and codes", () => {
    const { write, texts } = setup();
    expect(write("localization.upsert", "pb", [msg("A", "one"), msg("B", "two"), msg("C", "three", "rainmaker-common")]).status).toBe(200);
    write("localization.upsert", "pb", [msg("A", "uno")]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({ A: "uno", B: "two", C: "three" });
    expect(texts({ tenantId: "pb", locale: "en_IN", module: "rainmaker-common,other" })).toEqual({ C: "three" });
    expect(texts({ tenantId: "pb", locale: "en_IN", codes: "B" })).toEqual({ B: "two" });
    expect(texts({ tenantId: "pb", locale: "hi_IN" })).toEqual({});
  });

  it("requires the locale on search", () => {
    const { search } = setup();
    const res = search({ tenantId: "pb" });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(["INVALID_SEARCH_CRITERIA"]);
  });

  it("falls back from a city to its state for codes the city lacks", () => {
    const { write, texts } = setup();
    write("localization.upsert", "pb", [msg("A", "state A"), msg("B", "state B")]);
    write("localization.upsert", "pb.amritsar", [msg("B", "city B")]);
    expect(texts({ tenantId: "pb.amritsar", locale: "en_IN" })).toEqual({ A: "state A", B: "city B" });
  });

  it("create refuses duplicates, update requires existence, delete removes", () => {
    const { write, h, me, texts } = setup();
    expect(write("localization.create", "pb", [msg("A", "one")]).status).toBe(200);
    expect(errorCodes(write("localization.create", "pb", [msg("A", "again")]))).toEqual(["DUPLICATE_MESSAGE"]);
    expect(errorCodes(write("localization.update", "pb", [msg("Z", "nope")]))).toEqual(["MESSAGE_NOT_FOUND"]);
    expect(write("localization.update", "pb", [msg("A", "changed")]).status).toBe(200);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({ A: "changed" });
    const del = h.call("localization.delete", { caller: me, body: { tenantId: "pb", messageIdentities: [{ code: "A", module: "rainmaker-pgr", locale: "en_IN" }] } });
    expect(bodyOf(del)["successful"]).toBe(true);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({});
    const again = h.call("localization.delete", { caller: me, body: { tenantId: "pb", messageIdentities: [{ code: "A", module: "rainmaker-pgr", locale: "en_IN" }] } });
    expect(errorCodes(again)).toEqual(["MESSAGE_NOT_FOUND"]);
  });

  it("refuses malformed messages without storing any of the batch", () => {
    const { write, texts } = setup();
    const res = write("localization.upsert", "pb", [msg("OK", "fine"), { code: "X", message: "m" }]);
    expect(errorCodes(res)).toEqual(["INVALID_MESSAGE"]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({});
  });

  it("hides new messages during the write lag; updates of visible ones show at once", () => {
    const { ctx, write, texts } = setup(200);
    write("localization.upsert", "pb", [msg("A", "one")]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({});
    ctx.clock.now += 200;
    write("localization.upsert", "pb", [msg("A", "uno")]);
    expect(texts({ tenantId: "pb", locale: "en_IN" })).toEqual({ A: "uno" });
  });

  it("answers cache-bust", () => {
    const { h, me } = setup();
    expect(bodyOf(h.call("localization.cacheBust", { caller: me }))["success"]).toBe(true);
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
