import { describe, expect, it } from "vitest";
import { createDigitMock } from "../src/index.js";
import { StateContainer } from "../src/core/state.js";
import type { ServiceModule } from "../src/core/types.js";
import { BASE, createUser, login, post, requestInfo } from "./helpers.js";

interface Demo {
  list: number[];
  byId: Record<string, { name: string; tags: string[] }>;
  counter: number;
}
const demo: ServiceModule<Demo> = {
  key: "demo",
  initialState: () => ({ list: [3, 1, 2], byId: { a: { name: "A", tags: ["x"] } }, counter: 0 }),
  handlers: {},
};

describe("StateContainer transactions", () => {
  it("rolls back every kind of mutation when the write throws", () => {
    const state = new StateContainer([demo]);
    const before = state.snapshot();
    expect(() =>
      state.write(() => {
        const s = state.current<Demo>("demo");
        s.counter += 5;
        s.list.push(9, 10);
        s.list.sort((a, b) => a - b);
        s.list.splice(0, 1);
        s.byId["b"] = { name: "B", tags: [] };
        s.byId["b"].tags.push("new");
        s.byId["a"]!.tags.push("y");
        s.byId["c"] = { name: "C", tags: s.byId["a"]!.tags };
        delete s.byId["a"];
        throw new Error("fail mid-way");
      }),
    ).toThrow("fail mid-way");
    expect(state.snapshot()).toEqual(before);
  });

  it("commits, bumps the slice version, and never stores proxies", () => {
    const state = new StateContainer([demo]);
    const v0 = state.version("demo");
    state.write(() => {
      const s = state.current<Demo>("demo");
      s.byId["copy"] = { name: "copy", tags: s.byId["a"]!.tags };
    });
    expect(state.version("demo")).toBe(v0 + 1);
    const raw = state.raw<Demo>("demo");
    expect(() => structuredClone(raw)).not.toThrow();
    expect(raw.byId["copy"]!.tags).toBe(raw.byId["a"]!.tags);
  });

  it("does not bump versions for writes that change nothing", () => {
    const state = new StateContainer([demo]);
    const v0 = state.version("demo");
    state.write(() => state.current<Demo>("demo").list.length);
    expect(state.version("demo")).toBe(v0);
  });

  it("snapshot is a deep copy; restore and reset replace the state", () => {
    const state = new StateContainer([demo]);
    state.markSeeded();
    const snap = state.snapshot();
    state.write(() => {
      state.current<Demo>("demo").counter = 42;
    });
    expect((snap.slices["demo"] as Demo).counter).toBe(0);
    state.restore(snap);
    expect(state.raw<Demo>("demo").counter).toBe(0);
    state.write(() => {
      state.current<Demo>("demo").counter = 7;
    });
    state.reset();
    expect(state.raw<Demo>("demo").counter).toBe(0);
    expect(() => state.restore({ nope: true })).toThrow(/not a DIGIT Kit mock state snapshot/);
  });
});

describe("control API", () => {
  it("resets, snapshots and restores, and shows state without secrets", async () => {
    const mock = createDigitMock();
    const token = await login(mock.fetch);
    await mock.control.snapshot("clean");
    await createUser(mock.fetch, token, { userName: "TEMPUSER", name: "Temp User", type: "EMPLOYEE", tenantId: "pg", mobileNumber: "9876543210", active: true, password: "TempPass@1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] });
    const find = async () => (await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "TEMPUSER" })).body.user.length;
    expect(await find()).toBe(1);

    const stateRes = await mock.fetch(`${BASE}/_mock/state`, { headers: { "x-mock-control-token": mock.controlToken } });
    const text = await stateRes.text();
    expect(stateRes.status).toBe(200);
    expect(text).toContain("TEMPUSER");
    expect(text).not.toContain("TempPass@1");
    expect(text).not.toContain("eGov@123");
    expect(text).not.toContain(token);

    await mock.control.restore("clean");
    // The token was issued before the snapshot, so it still works after restoring it.
    expect(await find()).toBe(0);
    await expect(mock.control.restore("missing")).rejects.toMatchObject({ status: 400 });

    await createUser(mock.fetch, token, { userName: "TEMPUSER2", name: "Temp User", type: "EMPLOYEE", tenantId: "pg", mobileNumber: "9876543210", active: true, password: "TempPass@1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] });
    await mock.control.reset();
    // Reset returns to the seeded state: the login token is gone too.
    expect((await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" })).status).toBe(401);
    const fresh = await login(mock.fetch);
    expect((await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(fresh), tenantId: "pg", userName: "TEMPUSER2" })).body.user).toEqual([]);
  });

  it("sets faults at runtime and validates them", async () => {
    const mock = createDigitMock();
    const set = await mock.control.setFaults({ errors: [{ route: "user.search", rate: 1, status: 500 }], writeLagMs: 10 });
    expect(set).toMatchObject({ writeLagMs: 10, errors: [{ route: "user.search", rate: 1, status: 500 }] });
    expect(await mock.control.faults()).toMatchObject({ writeLagMs: 10 });
    const bad = mock.control.setFaults({ errors: [{ rate: 2 }] });
    await expect(bad).rejects.toMatchObject({ status: 400, message: expect.stringContaining("rate") });
    const auth = { headers: { "x-mock-control-token": mock.controlToken } };
    expect((await post(mock.fetch, "/_mock/unknown", {}, auth)).status).toBe(404);
  });
});
