import { describe, expect, it } from "vitest";
import type { StoredUser } from "../src/core/types.js";
import { initialUserSlice, type UserSlice } from "../src/services/user/slice.js";
import { issueToken, resolveToken, revokeToken } from "../src/services/user/tokens.js";

const HOUR = 3_600_000;
const user = { uuid: "u-1", active: true } as StoredUser;

function sliceWith(liveTokens: number, now: number): { slice: UserSlice; first: string } {
  const slice = initialUserSlice();
  slice.users[user.uuid] = user;
  let n = 0;
  const uuid = () => `t-${(n += 1)}`;
  let first = "";
  for (let i = 0; i < liveTokens; i++) {
    const t = issueToken(slice, user, 3600, now, uuid).accessToken;
    if (i === 0) first = t;
  }
  return { slice, first };
}

/** Counts every operation on the token maps; enumerating them (`ownKeys`) is the scan this test forbids. */
function counted(slice: UserSlice): { slice: UserSlice; ops: () => number; scans: () => number } {
  let ops = 0;
  let scans = 0;
  const watch = <T extends object>(o: T): T =>
    new Proxy(o, {
      get: (t, p, r) => ((ops += 1), Reflect.get(t, p, r)),
      set: (t, p, v, r) => ((ops += 1), Reflect.set(t, p, v, r)),
      has: (t, p) => ((ops += 1), Reflect.has(t, p)),
      deleteProperty: (t, p) => ((ops += 1), Reflect.deleteProperty(t, p)),
      getOwnPropertyDescriptor: (t, p) => ((ops += 1), Reflect.getOwnPropertyDescriptor(t, p)),
      ownKeys: (t) => ((scans += 1), Reflect.ownKeys(t)),
    });
  return { slice: { ...slice, tokens: watch(slice.tokens), refreshTokens: watch(slice.refreshTokens) }, ops: () => ops, scans: () => scans };
}

describe("token index", () => {
  it("issues and resolves without looking at the other live tokens (same cost with 100 or 10,000 of them)", () => {
    const now = Date.UTC(2026, 0, 1);
    const cost = (live: number) => {
      const { slice, first } = sliceWith(live, now);
      const watched = counted(slice);
      let n = 0;
      const issued = issueToken(watched.slice, user, 3600, now + 1000, () => `new-${(n += 1)}`);
      expect(resolveToken(watched.slice, issued.accessToken, now + 2000)).toBe(user);
      expect(resolveToken(watched.slice, first, now + 2000)).toBe(user);
      expect(resolveToken(watched.slice, "no-such-token", now + 2000)).toBeNull();
      return { ops: watched.ops(), scans: watched.scans() };
    };
    const small = cost(100);
    const large = cost(10_000);
    expect(large.scans).toBe(0);
    expect(large.ops).toBe(small.ops);
    expect(large.ops).toBeLessThan(20);
  });

  it("purges expired tokens lazily, a bucket at a time, when a token is issued", () => {
    const now = Date.UTC(2026, 0, 1);
    const { slice, first } = sliceWith(1_000, now);
    expect(Object.keys(slice.tokens)).toHaveLength(1_000);
    // Expired tokens resolve to nothing at once...
    expect(resolveToken(slice, first, now + 3600 * 1000)).toBeNull();
    // ...and leave the state when a later login finds their bucket over.
    issueToken(slice, user, 3600, now + 2 * HOUR + 1, () => "later");
    expect(Object.keys(slice.tokens)).toEqual(["later"]);
    // Refresh tokens live twice as long and go later.
    expect(Object.keys(slice.refreshTokens)).toHaveLength(1_001);
    issueToken(slice, user, 3600, now + 4 * HOUR, () => "latest");
    expect(Object.keys(slice.refreshTokens)).toEqual(["later", "latest"]);
  });

  it("revokes an access token with its refresh token; prototype keys are not tokens", () => {
    const now = Date.UTC(2026, 0, 1);
    const { slice, first } = sliceWith(2, now);
    const refresh = slice.tokens[first]!.refreshToken;
    expect(revokeToken(slice, first, now)).toBe(true);
    expect(slice.tokens[first]).toBeUndefined();
    expect(slice.refreshTokens[refresh]).toBeUndefined();
    expect(revokeToken(slice, first, now)).toBe(false);
    for (const key of ["__proto__", "constructor", "toString"]) {
      expect(resolveToken(slice, key, now)).toBeNull();
      expect(revokeToken(slice, key, now)).toBe(false);
    }
  });
});
