import type { Bundle } from "@digit-kit/bundle";
import { describe, expect, it } from "vitest";
import { upsertBatches } from "../../src/commands/localization/push.js";
import { planLocalization } from "../../src/services/resources/localization.js";
import { createMockGateway } from "./mock-gateway.js";

const msg = (code: string, message: string, module = "rainmaker-pgr", locale = "en_IN") => ({ code, message, module, locale });

/** A bundle holding only localization messages (what planLocalization reads). */
function bundleOf(tenantId: string, messages: ReturnType<typeof msg>[]): Bundle {
  return { localization: messages.map((m) => ({ ...m, tenantId, origin: { file: "localization.yaml", pointer: "/" } })) } as unknown as Bundle;
}

describe("localization plan against DIGIT's non-merging search (mock)", () => {
  it("writes a group's unchanged messages with its changes, so the tenant's own level stays complete", async () => {
    const { gateway } = createMockGateway();
    await gateway.upsertMessages("pg", [msg("A", "state A"), msg("B", "state B")]);
    // The city shows the state's messages until it has any of its own in the module.
    const city = bundleOf("pg.citya", [msg("A", "state A"), msg("B", "city B")]);
    const items = await planLocalization({ gateway, bundle: city });
    expect(items.map((i) => [i.key, i.action])).toEqual([
      ["rainmaker-pgr:A@en_IN", "unchanged"],
      ["rainmaker-pgr:B@en_IN", "update"],
    ]);
    for (const item of items) await item.run?.();
    const live = await gateway.searchMessages("pg.citya", "en_IN", "rainmaker-pgr");
    expect(Object.fromEntries(live.map((m) => [m.code, m.message]))).toEqual({ A: "state A", B: "city B" });
    expect((await planLocalization({ gateway, bundle: city })).every((i) => i.action === "unchanged")).toBe(true);
  });
});

describe("localization push batches", () => {
  it("sends one locale and module per upsert, each code once (last text wins), in chunks", () => {
    const batches = upsertBatches(
      [msg("A", "1"), msg("B", "2", "common"), msg("A", "3"), msg("C", "4", "rainmaker-pgr", "hi_IN"), msg("D", "5")],
      1,
    );
    expect(batches).toEqual([[msg("A", "3")], [msg("D", "5")], [msg("B", "2", "common")], [msg("C", "4", "rainmaker-pgr", "hi_IN")]]);
  });
});
