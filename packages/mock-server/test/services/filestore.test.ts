import { describe, expect, it } from "vitest";
import { filestoreService } from "../../src/services/filestore/index.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role } from "./helpers.js";

function setup() {
  const ctx = fakeContext();
  const h = new Harness(filestoreService, ctx);
  const me = caller(ctx, [role("EMPLOYEE")]);
  const upload = (tenantId: string, text: string, tag = "receipt") =>
    h.call("filestore.upload", {
      caller: me,
      body: { tenantId, module: "PGR", tag },
      files: [{ field: "file", fileName: "a.txt", contentType: "text/plain", data: new TextEncoder().encode(text) }],
    });
  const idOf = (res: ReturnType<typeof upload>) => (bodyOf(res)["files"] as { fileStoreId: string }[])[0]?.fileStoreId ?? "";
  return { h, me, upload, idOf };
}

describe("filestore", () => {
  it("uploads (201), lists urls pointing at the download route, and downloads the bytes", () => {
    const { h, upload, idOf } = setup();
    const res = upload("pb.amritsar", "hello");
    expect(res.status).toBe(201);
    const id = idOf(res);
    const urls = bodyOf(h.call("filestore.getUrl", { query: { tenantId: "pb.amritsar", fileStoreIds: `${id},missing` } }));
    const entries = urls["fileStoreIds"] as { id: string; url: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.url).toBe(`/filestore/v1/files/id?tenantId=pb.amritsar&fileStoreId=${id}`);
    expect(urls[id]).toBe(entries[0]?.url);
    const file = h.call("filestore.download", { query: { tenantId: "pb", fileStoreId: id } });
    expect(file.raw?.contentType).toBe("text/plain");
    expect(new TextDecoder().decode(file.raw?.data)).toBe("hello");
  });

  it("answers metadata and search by tag", () => {
    const { h, upload, idOf } = setup();
    const id = idOf(upload("pb", "abc", "doc"));
    upload("pb", "other", "photo");
    const meta = bodyOf(h.call("filestore.getMetadata", { query: { tenantId: "pb", fileStoreId: id } }));
    expect(meta).toMatchObject({ fileName: "a.txt", contentType: "text/plain", size: 3, tenantId: "pb", module: "PGR", tag: "doc" });
    const tagged = bodyOf(h.call("filestore.searchByTag", { query: { tenantId: "pb", tag: "doc" } }))["files"] as { fileStoreId: string }[];
    expect(tagged.map((f) => f.fileStoreId)).toEqual([id]);
  });

  it("answers 404 for unknown ids or another state's files, and 400 without a file part", () => {
    const { h, upload, idOf, me } = setup();
    const id = idOf(upload("pb", "x"));
    const missing = h.call("filestore.download", { query: { tenantId: "pb", fileStoreId: "nope" } });
    expect(missing.status).toBe(404);
    expect(errorCodes(missing)).toEqual(["FILE_NOT_FOUND"]);
    expect(h.call("filestore.getMetadata", { query: { tenantId: "mh", fileStoreId: id } }).status).toBe(404);
    const empty = h.call("filestore.upload", { caller: me, body: { tenantId: "pb" } });
    expect(errorCodes(empty)).toEqual(["EG_FILESTORE_INVALID_INPUT"]);
  });
});
