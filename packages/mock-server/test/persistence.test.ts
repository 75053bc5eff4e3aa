import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../src/index.js";
import { writeFileAtomic, type AtomicFs } from "../src/core/persist.js";
import { openSync, writeSync, fsyncSync, closeSync, renameSync, unlinkSync } from "node:fs";
import { createUser, login, post, requestInfo } from "./helpers.js";

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const start = async (statePath: string) => {
  const s = await createMockServer({ port: 0, statePath });
  servers.push(s);
  return s;
};

describe("--state persistence", () => {
  it("keeps data across a restart with the same state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digit-mock-state-"));
    const file = join(dir, "state.json");
    const first = await start(file);
    const token = await login(fetch, first.url);
    const created = await createUser(fetch, token, { userName: "PERSISTED", name: "Persisted User", type: "EMPLOYEE", tenantId: "pg", mobileNumber: "9876543210", active: true, password: "Persist@1", roles: [{ code: "EMPLOYEE", tenantId: "pg" }] }, first.url);
    expect(created.status).toBe(200);
    await first.close();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain("PERSISTED");

    const second = await start(file);
    // Tokens persist too, so the old session still works after a restart.
    const found = await post(fetch, "/user/_search", { RequestInfo: requestInfo(token), tenantId: "pg", userName: "PERSISTED" }, { base: second.url });
    expect(found.status).toBe(200);
    expect(found.body.user).toHaveLength(1);
    expect((await login(fetch, second.url, { username: "PERSISTED", password: "Persist@1", tenantId: "pg", userType: "EMPLOYEE" })).length).toBeGreaterThan(0);
  });

  it("refuses to start on a corrupt state file and names the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digit-mock-state-"));
    const file = join(dir, "state.json");
    writeFileSync(file, '{"format":"digit-kit-mock-state","version":1,"slices":{"user":');
    await expect(createMockServer({ port: 0, statePath: file })).rejects.toThrow(file);
    writeFileSync(file, '{"hello":"world"}');
    await expect(createMockServer({ port: 0, statePath: file })).rejects.toThrow(/not a DIGIT Kit mock state snapshot/);
    // The corrupt file is left alone for the user to inspect.
    expect(readFileSync(file, "utf8")).toBe('{"hello":"world"}');
  });
});

describe("writeFileAtomic", () => {
  it("never replaces the good file with a truncated one when the write fails mid-way", () => {
    const dir = mkdtempSync(join(tmpdir(), "digit-mock-atomic-"));
    const file = join(dir, "state.json");
    writeFileAtomic(file, '{"good":true}');
    const crashing: AtomicFs = {
      openSync,
      writeSync: (fd, data) => {
        writeSync(fd, data.slice(0, 5));
        throw new Error("disk full");
      },
      fsyncSync,
      closeSync,
      renameSync,
      unlinkSync,
    };
    expect(() => writeFileAtomic(file, '{"good":false,"much":"longer"}', crashing)).toThrow("disk full");
    expect(readFileSync(file, "utf8")).toBe('{"good":true}');
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("ignores a leftover temp file from a crashed save when loading", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digit-mock-atomic-"));
    const file = join(dir, "state.json");
    const s = await start(file);
    await s.close();
    const good = readFileSync(file, "utf8");
    writeFileSync(`${file}.99999.tmp`, good.slice(0, 20));
    const again = await start(file);
    expect((await fetch(`${again.url}/health`)).status).toBe(200);
  });
});
