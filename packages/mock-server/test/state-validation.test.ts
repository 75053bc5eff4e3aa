/**
 * Snapshots are checked in full before anything is replaced; restored state is prototype-free; the public
 * view round-trips without losing what it shows or breaking logins.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDigitMock, createMockServer, StateFileError, StateValidationError, type ServiceModule, type StateSnapshot } from "../src/index.js";
import { StateContainer } from "../src/core/state.js";
import { createUser, login, loginRaw, post, requestInfo } from "./helpers.js";

const snap = (slices: Record<string, unknown>): StateSnapshot => ({ format: "digit-kit-mock-state", version: 1, slices });

describe("restore refuses malformed snapshots with a 400 naming the problem", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["a slice of the wrong kind", { user: "everyone" }, /slices\.user: expected an object, got string/],
    ["a map of the wrong kind", { user: { nextId: 1, users: [], tokens: {}, refreshTokens: {} } }, /slices\.user\.users: expected object .* got array/],
    ["map entries of the wrong kind", { user: { nextId: 1, users: { x: 5 }, tokens: {}, refreshTokens: {} } }, /slices\.user\.users\.x: expected object like the other entries, got number/],
    ["a counter of the wrong kind", { user: { nextId: "one", users: {}, tokens: {}, refreshTokens: {} } }, /slices\.user\.nextId: expected number/],
    ["an unknown slice", { nosuch: {} }, /slices\.nosuch: no service module has this key/],
    ["a __proto__ key", JSON.parse('{"mdms": {"schemas": {"__proto__": {"x": 1}}, "data": {}}}') as Record<string, unknown>, /slices\.mdms\.schemas\.__proto__: the key __proto__ is not allowed/],
  ];
  for (const [what, slices, message] of cases) {
    it(`refuses ${what}; state and logins are unchanged`, async () => {
      const mock = createDigitMock();
      const before = JSON.stringify(mock.state.snapshot());
      const err = await mock.control.restore(snap(slices)).then(
        () => null,
        (e: unknown) => e as { status: number; message: string; body: { Errors: { code: string; message: string }[] } },
      );
      expect(err?.status).toBe(400);
      expect(err?.body.Errors[0]!.code).toBe("INVALID_MOCK_STATE");
      expect(err?.message).toMatch(message);
      expect(JSON.stringify(mock.state.snapshot())).toBe(before);
      expect((await loginRaw(mock.fetch, "http://digit.test", { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" })).status).toBe(200);
    });
  }

  it("refuses a document that is not a snapshot, and values JSON cannot hold (in process)", () => {
    const mock = createDigitMock();
    expect(() => mock.state.restore({ nope: true } as unknown as StateSnapshot)).toThrow(StateValidationError);
    const cyclic: Record<string, unknown> = { nextId: 1, users: {}, tokens: {}, refreshTokens: {} };
    cyclic["self"] = cyclic;
    expect(() => mock.state.restore(snap({ user: cyclic }))).toThrow(/slices\.user\.self: refers back to itself/);
    expect(() => mock.state.restore(snap({ user: { nextId: new Date(), users: {}, tokens: {}, refreshTokens: {} } }))).toThrow(/a Date is not JSON/);
    expect(() => mock.state.restore(snap({ user: { nextId: Number.NaN, users: {}, tokens: {}, refreshTokens: {} } }))).toThrow(/NaN is not a JSON number/);
  });

  it("fills keys an older snapshot lacks from the module's initial state", async () => {
    const mock = createDigitMock();
    const full = mock.state.snapshot();
    const user = { ...(full.slices["user"] as Record<string, unknown>) };
    delete user["refreshTokens"];
    mock.state.restore({ ...full, slices: { ...full.slices, user } });
    expect(mock.engine.state.raw<Record<string, unknown>>("user")["refreshTokens"]).toEqual({});
    expect((await loginRaw(mock.fetch, "http://digit.test", { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" })).status).toBe(200);
  });
});

describe("module hooks", () => {
  interface Vault {
    items: Record<string, { name: string; secretKey: string }>;
  }
  const vault: ServiceModule<Vault> = {
    key: "vault",
    initialState: () => ({ items: {} }),
    handlers: {},
    validateState: (value) => {
      const items = (value as Partial<Vault>).items ?? {};
      return Object.entries(items).flatMap(([id, item]) => (typeof item.secretKey === "string" ? [] : [`items.${id}.secretKey: missing`]));
    },
    publicState: (slice) => ({ items: Object.fromEntries(Object.entries(slice.items).map(([id, item]) => [id, { name: item.name }])) }),
  };

  it("uses a module's validateState instead of the generic check, and its publicState for the view", () => {
    const state = new StateContainer([vault]);
    state.restore(snap({ vault: { items: { a: { name: "A", secretKey: "k-a" } } } }));
    expect(() => state.restore(snap({ vault: { items: { b: { name: "B" } } } }))).toThrow(/slices\.vault: items\.b\.secretKey: missing/);
    const view = state.publicSnapshot();
    expect(view.redacted).toBe(true);
    expect(JSON.stringify(view)).not.toContain("k-a");
    // The view restores into a mock that holds the secret: the key is kept, what the view shows is applied.
    const shown = view.slices["vault"] as Vault;
    shown.items["a"]!.name = "A, renamed";
    state.restore(view);
    expect(state.raw<Vault>("vault").items["a"]).toEqual({ name: "A, renamed", secretKey: "k-a" });
  });

  it("hands modules prototype-free copies and stores them so", () => {
    const seen: unknown[] = [];
    const state = new StateContainer([{ ...vault, validateState: (v) => (seen.push(v), []) }]);
    state.restore(snap({ vault: { items: { constructor: { name: "C", secretKey: "k" } } } }));
    const items = state.raw<Vault>("vault").items;
    expect(Object.getPrototypeOf(items)).toBeNull();
    expect(Object.getPrototypeOf(items["constructor"])).toBeNull();
    expect(Object.getPrototypeOf(seen[0])).toBeNull();
    expect((items as Record<string, unknown>)["toString"]).toBeUndefined();
  });
});

describe("round trips", () => {
  it("snapshot → restore → snapshot is lossless, and restored maps have no prototype", () => {
    const mock = createDigitMock();
    const a = mock.state.snapshot();
    mock.state.restore(JSON.parse(JSON.stringify(a)) as StateSnapshot);
    expect(mock.state.snapshot()).toEqual(a);
    const users = mock.engine.state.raw<{ users: Record<string, unknown> }>("user").users;
    expect(Object.getPrototypeOf(users)).toBeNull();
    expect(users["constructor"]).toBeUndefined();
  });

  it("GET /_mock/state → POST /_mock/restore keeps every login and session working and loses nothing it shows", async () => {
    const mock = createDigitMock();
    const admin = await login(mock.fetch);
    // DIGIT-valid user: a mobile number, egov.user.pwd.pattern (one of @#$%), and active to be able to log in.
    const created = await createUser(mock.fetch, admin, { userName: "ROUNDTRIP", name: "Round Trip", mobileNumber: "9999999999", active: true, type: "EMPLOYEE", tenantId: "pg", password: "Round@Trip1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] });
    expect(created.status).toBe(200);
    const view = await mock.control.state();
    expect(JSON.stringify(view)).not.toContain("Round@Trip1");
    expect(JSON.stringify(view)).not.toContain(admin);
    await mock.control.restore(view);
    expect(await mock.control.state()).toEqual(view);
    // The session from before the round trip still works; both users can log in.
    expect((await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(admin), tenantId: "pg", userName: "ROUNDTRIP" })).body.user).toHaveLength(1);
    await login(mock.fetch, undefined, { username: "ROUNDTRIP", password: "Round@Trip1", tenantId: "pg", userType: "EMPLOYEE" });
    await login(mock.fetch);
  });

  it("the view shows passwords as [REDACTED], and a user restored elsewhere comes back without a password", async () => {
    const source = createDigitMock();
    const admin = await login(source.fetch);
    const created = await createUser(source.fetch, admin, { userName: "MOVER", name: "Mover", mobileNumber: "9999999998", active: true, type: "EMPLOYEE", tenantId: "pg", password: "Move@Me12", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] });
    expect(created.status).toBe(200);
    const view = await source.control.state();
    const users = Object.values((view.slices["user"] as { users: Record<string, { userName: string; password?: string }> }).users);
    expect(users.find((u) => u.userName === "MOVER")?.password).toBe("[REDACTED]");
    expect(Object.keys(view.slices["user"] as object)).not.toContain("tokens");

    const target = createDigitMock();
    await target.control.restore(view);
    const moved = Object.values(target.engine.state.raw<{ users: Record<string, { userName: string; password?: string }> }>("user").users).find((u) => u.userName === "MOVER");
    expect(moved).toBeDefined();
    expect(moved?.password).toBeUndefined();
    await expect(login(target.fetch, undefined, { username: "MOVER", password: "[REDACTED]", tenantId: "pg", userType: "EMPLOYEE" })).rejects.toThrow();
  });
});

describe("--state files", () => {
  it("refuses to start on a malformed state file, names the file and the problem, and leaves it alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digit-mock-badstate-"));
    const file = join(dir, "state.json");
    const text = JSON.stringify(snap({ user: { nextId: 1, users: "nobody", tokens: {}, refreshTokens: {} } }));
    writeFileSync(file, text);
    const started = createMockServer({ port: 0, statePath: file });
    await expect(started).rejects.toThrow(StateFileError);
    await expect(started).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*slices\\.user\\.users: expected object`));
    expect(readFileSync(file, "utf8")).toBe(text);
    rmSync(dir, { recursive: true, force: true });
  });
});
