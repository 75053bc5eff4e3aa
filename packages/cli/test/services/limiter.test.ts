import { describe, expect, it } from "vitest";
import { AdaptiveLimiter, callLimited, isOverload } from "../../src/services/limiter.js";

describe("AdaptiveLimiter (AIMD)", () => {
  it("doubles per round trip while latency is flat, up to the maximum", () => {
    const l = new AdaptiveLimiter({ max: 40, initial: 4, now: () => 0 });
    const round = () => {
      const n = l.limit;
      for (let i = 0; i < n; i++) l.observe("ok", 20);
    };
    round();
    expect(l.limit).toBe(8);
    round();
    expect(l.limit).toBe(16);
    round();
    round();
    expect(l.limit).toBe(40);
    expect(l.peak).toBe(40);
  });

  it("halves on 429/5xx once per round trip, then grows by one per round trip", () => {
    let now = 0;
    const l = new AdaptiveLimiter({ max: 64, initial: 32, now: () => now });
    l.observe("ok", 20);
    l.observe("overload", 20);
    l.observe("overload", 20); // same round trip: counted once
    expect(l.limit).toBe(16);
    now += 25;
    l.observe("overload", 20);
    expect(l.limit).toBe(8);
    expect(l.decreases).toBe(2);
    for (let i = 0; i < 8; i++) l.observe("ok", 20); // congestion avoidance: +1 per window of 8
    expect(l.limit).toBe(9);
  });

  it("stops growing while latency is well above the best seen, and never halves for latency alone", () => {
    const l = new AdaptiveLimiter({ max: 64, initial: 16, now: () => 1000 });
    l.observe("ok", 20);
    expect(l.limit).toBe(17);
    for (let i = 0; i < 10; i++) l.observe("ok", 200); // smoothed latency climbs past 2 × 20 + 10 ms
    expect(l.limit).toBeGreaterThanOrEqual(17);
    const held = l.limit;
    l.observe("ok", 200);
    expect(l.limit).toBe(held);
    expect(l.holds).toBeGreaterThan(0);
    expect(l.decreases).toBe(0);
  });

  it("never lets more than the limit run at once", async () => {
    const l = new AdaptiveLimiter({ max: 3, initial: 3 });
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        callLimited(l, async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 1));
          running -= 1;
        }),
      ),
    );
    expect(most).toBeLessThanOrEqual(3);
  });

  it("hands freed slots to waiters first come, first served", async () => {
    const l = new AdaptiveLimiter({ max: 1, initial: 1 });
    const order: number[] = [];
    const releaseFirst = await l.acquire();
    const waiting = [1, 2, 3].map((n) =>
      l.acquire().then((release) => {
        order.push(n);
        release("ok", 1);
      }),
    );
    releaseFirst("ok", 1);
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });
});

describe("callLimited", () => {
  it("retries an overloaded call and halves the limit; other errors pass straight through", async () => {
    const l = new AdaptiveLimiter({ max: 16, initial: 16 });
    let calls = 0;
    const value = await callLimited(l, async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error("busy"), { status: 429 });
      return "done";
    });
    expect(value).toBe("done");
    expect(calls).toBe(2);
    expect(l.decreases).toBe(1);
    await expect(callLimited(l, async () => Promise.reject(Object.assign(new Error("bad"), { status: 400 })))).rejects.toThrow("bad");
  });

  it("classifies overload signals", () => {
    expect(isOverload({ status: 503 })).toBe(true);
    expect(isOverload({ status: 429 })).toBe(true);
    expect(isOverload({ name: "DigitTimeoutError" })).toBe(true);
    expect(isOverload({ name: "DigitConnectionError" })).toBe(true);
    expect(isOverload({ status: 400, name: "DigitValidationError" })).toBe(false);
  });
});
