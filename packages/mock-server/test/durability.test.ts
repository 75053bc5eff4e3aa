/**
 * `--state`: no acknowledged write is lost. Real processes killed with SIGKILL mid-burst, a state path that
 * stops accepting writes, the journal's replay rules, and the in-process guarantee that an answered write
 * is already on disk.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, createMockServer, StateFileError, type MockServer, type ServiceModule, type StateSnapshot } from "../src/index.js";
import { DurableState, journalPathOf, loadStateFiles } from "../src/core/durable-state.js";
import { StateContainer } from "../src/core/state.js";
import { createUser, login, post, requestInfo } from "./helpers.js";
import { startStandalone, type Standalone } from "./standalone.js";

const dirs: string[] = [];
/** A temp directory, removed after the test (state files hold passwords). */
const tmp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const posix = process.platform !== "win32";

const servers: MockServer[] = [];
const children: Standalone[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(children.splice(0).map((c) => c.kill9()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// DIGIT-valid: egov-user wants a mobile number and a password matching egov.user.pwd.pattern (one of @#$%).
const newUser = (userName: string) => ({ userName, name: "Burst User", mobileNumber: "9999999999", type: "EMPLOYEE", tenantId: "pg", password: "Burst@Pass1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] });

/** User names present in a state (full snapshot or public view). */
function userNames(snapshot: StateSnapshot | undefined): Set<string> {
  const users = (snapshot?.slices["user"] as { users?: Record<string, { userName: string }> } | undefined)?.users ?? {};
  return new Set(Object.values(users).map((u) => u.userName));
}

interface BurstResult {
  acked: string[];
  refused: { status: number; code: string; message: string }[];
  /** Why the burst stopped, when a request failed outright (the kill, or anything else). */
  stoppedBy?: string;
}

/**
 * `concurrency` clients creating users until the server stops answering (or `total` are sent). A user counts
 * as acknowledged only on a 2xx answer. `onAck` runs after each acknowledgement (the test kills from there).
 */
async function burst(
  url: string,
  token: string,
  prefix: string,
  opts: { concurrency: number; total: number; onAck?: (n: number) => void; maxRefused?: number },
): Promise<BurstResult> {
  const acked: string[] = [];
  const refused: BurstResult["refused"] = [];
  let next = 0;
  let down = false;
  let stoppedBy: string | undefined;
  const worker = async () => {
    while (!down && next < opts.total && refused.length < (opts.maxRefused ?? Infinity)) {
      const name = `${prefix}-${next++}`;
      try {
        const r = await createUser(fetch, token, newUser(name), url);
        if (r.status >= 200 && r.status < 300) {
          acked.push(name);
          opts.onAck?.(acked.length);
        } else refused.push({ status: r.status, code: r.body?.Errors?.[0]?.code, message: r.body?.Errors?.[0]?.message });
      } catch (err) {
        down = true;
        stoppedBy ??= `${String(err)} ${String((err as { cause?: unknown }).cause ?? "")}`;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { acked, refused, ...(stoppedBy ? { stoppedBy } : {}) };
}

describe("kill -9 during a write burst", () => {
  it("keeps every acknowledged write, over several rounds, and leaves no temp files", async () => {
    const dir = tmp("digit-mock-kill-");
    const state = join(dir, "state.json");
    const all: string[] = [];
    for (let round = 0; round < 3; round++) {
      const mock = await startStandalone(["--state", state]);
      children.push(mock);
      // Everything acknowledged in earlier rounds survived the previous kill.
      const before = userNames(await stateOf(mock));
      for (const name of all) expect(before.has(name), `${name} (acknowledged before a kill) is missing`).toBe(true);
      const token = await login(fetch, mock.url);
      const killAt = 40 + round * 60;
      let killing: Promise<void> | null = null;
      const r = await burst(mock.url, token, `KILL${round}`, { concurrency: 12, total: 100_000, onAck: (n) => n === killAt && (killing = mock.kill9()) });
      await killing;
      expect(r.acked.length, `round ${round} stopped early: ${r.stoppedBy}\n${mock.output().slice(-2000)}`).toBeGreaterThanOrEqual(killAt);
      expect(r.refused).toEqual([]);
      all.push(...r.acked);
      children.splice(children.indexOf(mock), 1);
    }
    const last = await startStandalone(["--state", state]);
    children.push(last);
    const names = userNames(await stateOf(last));
    const lost = all.filter((n) => !names.has(n));
    expect(lost).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // A reset is durable too.
    expect((await fetch(`${last.url}/_mock/reset`, { method: "POST", headers: { "x-mock-control-token": last.controlToken } })).status).toBe(200);
    await last.kill9();
    const afterReset = await startStandalone(["--state", state]);
    children.push(afterReset);
    const left = userNames(await stateOf(afterReset));
    expect(all.filter((n) => left.has(n))).toEqual([]);
    expect(left.has("ADMIN")).toBe(true);
    // A clean stop folds the journal into the state file; only the (here empty) upload directory stays beside it.
    expect(await afterReset.stop()).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["state.json", "state.json.files"]);
    expect(readdirSync(join(dir, "state.json.files"))).toEqual([]);
  }, 180_000);
});

async function stateOf(mock: Standalone): Promise<StateSnapshot> {
  const res = await fetch(`${mock.url}/_mock/state`, { headers: { "x-mock-control-token": mock.controlToken } });
  expect(res.status).toBe(200);
  return (await res.json()) as StateSnapshot;
}

describe.runIf(posix)("a state path that stops accepting writes", () => {
  it("answers 5xx naming the file and the OS error instead of acknowledging, and loses nothing acknowledged", async () => {
    const dir = tmp("digit-mock-full-");
    const state = join(dir, "state.json");
    // Under a file-size limit (ulimit -f, 512-byte blocks) just above the seeded state file, the journal soon
    // grows past it and appends fail with EFBIG.
    const blocks = Math.ceil((Buffer.byteLength(createEngine().state.serialize()) + 32 * 1024) / 512);
    const limited = await startStandalone(["--state", state], { shell: `ulimit -f ${blocks}` });
    children.push(limited);
    const token = await login(fetch, limited.url);
    const r = await burst(limited.url, token, "FULL", { concurrency: 4, total: 3_000, maxRefused: 10 });
    expect(r.refused.length).toBeGreaterThan(0);
    const first = r.refused[0]!;
    expect(first.status).toBe(500);
    expect(first.code).toBe("MOCK_STATE_NOT_SAVED");
    expect(first.message).toContain(journalPathOf(state));
    expect(first.message).toContain("EFBIG");
    // Later writes are refused up front; reads still work.
    expect(r.refused.slice(1).every((x) => x.status === 503 || x.status === 500)).toBe(true);
    expect((await post(fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "ADMIN" }, { base: limited.url })).status).toBe(200);
    expect(limited.output()).toContain("EFBIG");
    await limited.kill9();
    children.splice(children.indexOf(limited), 1);
    const after = await startStandalone(["--state", state]);
    children.push(after);
    const names = userNames(await stateOf(after));
    expect(r.acked.filter((n) => !names.has(n))).toEqual([]);
  }, 90_000);

  it("refuses to start when the state file cannot be written", async () => {
    const dir = tmp("digit-mock-badpath-");
    writeFileSync(join(dir, "file"), "");
    const state = join(dir, "file", "state.json");
    const start = createMockServer({ port: 0, statePath: state });
    await expect(start).rejects.toThrow(StateFileError);
    await expect(start).rejects.toThrow(/ENOTDIR/);
    await expect(start).rejects.toThrow(state);
  });
});

describe("in process", () => {
  it("has every answered write on disk before the answer arrives", async () => {
    const dir = tmp("digit-mock-ack-");
    const state = join(dir, "state.json");
    const server = await createMockServer({ port: 0, statePath: state });
    servers.push(server);
    const token = await login(fetch, server.url);
    const names = Array.from({ length: 30 }, (_, i) => `ACK-${i}`);
    await Promise.all(
      names.map(async (n) => {
        const r = await createUser(fetch, token, newUser(n), server.url);
        expect(r.status).toBe(200);
        // Read the files as a restart after a crash right now would.
        expect(userNames(loadStateFiles(state).snapshot).has(n)).toBe(true);
      }),
    );
  });

  it("removes temp files a crashed save left behind", async () => {
    const dir = tmp("digit-mock-stale-");
    const state = join(dir, "state.json");
    writeFileSync(`${state}.99999999.tmp`, "");
    writeFileSync(`${state}.control-token.99999998.tmp`, "x");
    const server = await createMockServer({ port: 0, statePath: state });
    servers.push(server);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("the journal", () => {
  interface Demo {
    list: number[];
    byId: Record<string, { name: string; tags: string[]; nested?: Record<string, unknown> }>;
    counter: number;
  }
  const demo: ServiceModule<Demo> = {
    key: "demo",
    initialState: () => ({ list: [3, 1, 2], byId: { a: { name: "A", tags: ["x"] } }, counter: 0 }),
    handlers: {},
  };

  const setup = () => {
    const dir = tmp("digit-mock-journal-");
    const path = join(dir, "state.json");
    const state = new StateContainer([demo]);
    const durable = new DurableState(state, path, 0);
    return { dir, path, state, durable };
  };

  it("replays to exactly the state in memory, whatever the writes did", async () => {
    const { path, state, durable } = setup();
    const s = () => state.current<Demo>("demo");
    state.write(() => {
      s().counter += 1;
      s().list.push(9);
    });
    state.write(() => {
      s().list.sort((x, y) => x - y);
      s().list.splice(0, 1);
      s().byId["b"] = { name: "B", tags: [] };
      s().byId["b"]!.tags.push("new");
    });
    state.write(() => {
      // Move an object, then change it through the reference read at its old place.
      const a = s().byId["a"]!;
      s().byId["moved"] = a;
      delete s().byId["a"];
      a.name = "A moved";
      a.tags.push("y");
      s().byId["b"]!.nested = { "__proto__-like": 1, constructor: { deep: [1, { x: 2 }] } };
    });
    state.write(() => {
      (s().byId["b"]!.nested!["constructor"] as { deep: unknown[] }).deep.push("z");
      delete s().byId["b"]!.nested!["__proto__-like"];
    });
    expect(() =>
      state.write(() => {
        s().counter = 999;
        throw new Error("rolled back: never journaled");
      }),
    ).toThrow();
    await state.sync();
    const replayed = loadStateFiles(path);
    expect(replayed.replayed).toBe(4);
    expect(JSON.parse(JSON.stringify(replayed.snapshot!.slices))).toEqual(JSON.parse(JSON.stringify(state.snapshot().slices)));
    await durable.close();
  });

  it("groups the writes of one event-loop turn into one journal append (group commit)", async () => {
    const { path, state, durable } = setup();
    const appends = durable.stats.appends;
    for (let i = 0; i < 50; i++) state.write(() => void (state.current<Demo>("demo").counter = i));
    const waits = Array.from({ length: 50 }, () => state.sync());
    await Promise.all(waits);
    expect(durable.stats.appends - appends).toBe(1);
    expect(readFileSync(journalPathOf(path), "utf8").trim().split("\n")).toHaveLength(50);
    await durable.close();
  });

  it("ignores a torn last line, but refuses a bad line before the end and a journal from another state file", async () => {
    const { path, state, durable } = setup();
    state.write(() => void (state.current<Demo>("demo").counter = 1));
    state.write(() => void (state.current<Demo>("demo").counter = 2));
    await state.sync();
    const journal = journalPathOf(path);
    const good = readFileSync(journal, "utf8");
    // Torn: the last write stopped half-way (no newline).
    appendFileSync(journal, '{"seq":3,"ops":[["s","demo",["counter"],3');
    const torn = loadStateFiles(path);
    expect(torn.tornTail).toBe(true);
    expect((torn.snapshot!.slices["demo"] as Demo).counter).toBe(2);
    // A broken line followed by a good one is corruption, not a torn write.
    writeFileSync(journal, `${good.split("\n")[0]}\n{oops\n${good.split("\n")[1]}\n`);
    expect(() => loadStateFiles(path)).toThrow(/line 2 is not valid JSON/);
    // A gap in the transaction numbers: this journal does not follow this state file.
    writeFileSync(journal, '{"seq":7,"ops":[]}\n');
    expect(() => loadStateFiles(path)).toThrow(/transaction 7, expected 1/);
    writeFileSync(journal, good);
    await durable.close();
  });

  it("skips lines the state file already holds (a crash between saving the file and emptying the journal)", async () => {
    const { path, state, durable } = setup();
    state.write(() => void (state.current<Demo>("demo").counter = 5));
    await state.sync();
    const line = readFileSync(journalPathOf(path), "utf8");
    await durable.close();
    // The file now holds transaction 1; put its line back as if the journal had not been emptied.
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(journalPathOf(path), line.replace("5", "4"));
    const loaded = loadStateFiles(path);
    expect(loaded.replayed).toBe(0);
    expect((loaded.snapshot!.slices["demo"] as Demo).counter).toBe(5);
  });
});
