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

describe("filestore bytes on disk", () => {
  const upload = async (s: MockServer, token: string, text: string) => {
    const form = new FormData();
    form.append("tenantId", "pg");
    form.append("module", "PGR");
    form.append("file", new Blob([text], { type: "text/plain" }), "note.txt");
    const res = await fetch(`${s.url}/filestore/v1/files`, { method: "POST", body: form, headers: { "auth-token": token } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { files: { fileStoreId: string }[] }).files[0]!.fileStoreId;
  };
  const download = (s: MockServer, id: string) => fetch(`${s.url}/filestore/v1/files/id?tenantId=pg&fileStoreId=${id}`);

  it("writes uploads next to the state file, keeps them out of the JSON, and serves them after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digit-mock-state-"));
    const file = join(dir, "state.json");
    const first = await start(file);
    const token = await login(fetch, first.url);
    const id = await upload(first, token, "persisted file bytes");
    expect(readdirSync(`${file}.files`)).toEqual([id]);
    const state = await (await fetch(`${first.url}/_mock/state`, { headers: { "x-mock-control-token": first.controlToken } })).text();
    expect(state).toContain(id);
    expect(state).not.toContain("persisted file bytes");
    expect(state).not.toContain(Buffer.from("persisted file bytes").toString("base64"));
    await first.close();
    expect(readFileSync(file, "utf8")).not.toContain(Buffer.from("persisted file bytes").toString("base64"));
    const second = await start(file);
    expect(await (await download(second, id)).text()).toBe("persisted file bytes");
  });

  it("moves the bytes of a state file from before the blob store out of the JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digit-mock-state-"));
    const file = join(dir, "state.json");
    const first = await start(file);
    await first.close();
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as { slices: { filestore: { files: Record<string, unknown> } } };
    snapshot.slices.filestore.files["legacy-1"] = { id: "legacy-1", tenantId: "pg", module: "PGR", tag: null, fileName: "old.txt", contentType: "text/plain", size: 17, createdTime: 0, data: Buffer.from("legacy bytes here").toString("base64") };
    writeFileSync(file, JSON.stringify(snapshot));
    const second = await start(file);
    expect(await (await download(second, "legacy-1")).text()).toBe("legacy bytes here");
    const view = await fetch(`${second.url}/_mock/state`, { headers: { "x-mock-control-token": second.controlToken } });
    expect(view.status).toBe(200);
    expect(await view.text()).not.toContain(Buffer.from("legacy bytes here").toString("base64"));
    await second.close();
    expect(readFileSync(file, "utf8")).not.toContain(Buffer.from("legacy bytes here").toString("base64"));
  });

  it("uses a temporary directory without --state and removes it on close", async () => {
    const s = await createMockServer({ port: 0 });
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith("digit-mock-files-")));
    const token = await login(fetch, s.url);
    const id = await upload(s, token, "temp bytes");
    expect(await (await download(s, id)).text()).toBe("temp bytes");
    const mine = readdirSync(tmpdir()).filter((n) => n.startsWith("digit-mock-files-") && readdirSync(join(tmpdir(), n)).includes(id));
    expect(mine).toHaveLength(1);
    await s.close();
    expect(existsSync(join(tmpdir(), mine[0]!))).toBe(false);
    expect(before.has(mine[0]!)).toBe(true);
  });
});
