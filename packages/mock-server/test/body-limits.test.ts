/** Body limits are checked on the JSON text, before parsing (core/body.ts scanShape), and agree with the parsed check. */
import { describe, expect, it } from "vitest";
import { decodeBody, defaultBodyLimits } from "../src/core/body.js";

const limits = { ...defaultBodyLimits, maxArrayItems: 3, maxObjectKeys: 3, maxDepth: 3 };
const decode = (value: unknown, l = limits) => decodeBody(typeof value === "string" ? value : JSON.stringify(value), "application/json", "json", l);
const message = (r: Awaited<ReturnType<typeof decode>>) => ("status" in r ? (r.body as { Errors: { message: string }[] }).Errors[0]!.message : "ok");

describe("body limits", () => {
  it("refuses too many keys, items or levels before parsing, from text or from an object", async () => {
    expect(message(await decode({ a: 1, b: 2, c: 3 }))).toBe("ok");
    expect(message(await decode({ a: 1, b: 2, c: 3, d: 4 }))).toMatch(/more than 3 keys/);
    expect(message(await decode({ list: [1, 2, 3] }))).toBe("ok");
    expect(message(await decode({ list: [1, 2, 3, 4] }))).toMatch(/more than 3 items/);
    expect(message(await decode({ a: { b: { c: {} } } }))).toBe("ok");
    expect(message(await decode({ a: { b: { c: { d: {} } } } }))).toMatch(/deeper than 3/);
    // Punctuation inside strings, escaped quotes and backslashes do not count.
    expect(message(await decode({ a: 'x:y,{[', b: 'say \\"hi\\": ,,,', c: "end\\\\" }))).toBe("ok");
    expect(message(await decode({ list: ["a,b,c,d,e"], o: { "k:1": 1, "k:2": 2 } }))).toBe("ok");
    // Objects handed over in-process are checked after the fact, with the same limits.
    const r = await decodeBody({ a: 1, b: 2, c: 3, d: 4 }, "application/json", "json", limits);
    expect(message(r)).toMatch(/more than 3 keys/);
  });

  it("answers a 300k-key object with 400 without parsing it", async () => {
    const keys = Array.from({ length: 300_000 }, (_, i) => `"k${i}":"v"`).join(",");
    const t = performance.now();
    const r = await decode(`{"RequestInfo":{},"Mdms":{"data":{${keys}}}}`, defaultBodyLimits);
    expect(message(r)).toMatch(/more than 10000 keys/);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
