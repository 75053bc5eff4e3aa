import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { UploadedFile } from "../../src/core/types.js";
import { configureFilestore, contentDisposition, diskBlobStore, filestoreService, moveLegacyBytes, publicState, type FilestoreSlice } from "../../src/services/filestore/index.js";
import { detectType, validateFile } from "../../src/services/filestore/validate.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role } from "./helpers.js";

const text = (s: string) => new TextEncoder().encode(s);
const part = (fileName = "a.txt", data = text("hello"), contentType = "text/plain", field = "file"): UploadedFile => ({ field, fileName, contentType, data });

function setup() {
  const ctx = fakeContext();
  const h = new Harness(filestoreService, ctx);
  const me = caller(ctx, [role("EMPLOYEE")]);
  const uploadParts = (tenantId: string, files: UploadedFile[], fields: Record<string, string> = { module: "PGR" }) =>
    h.call("filestore.upload", { caller: me, rawBody: { tenantId, ...fields }, files });
  const upload = (tenantId: string, data = "hello", tag = "receipt", fileName = "a.txt") => uploadParts(tenantId, [part(fileName, text(data))], { module: "PGR", tag });
  const idOf = (res: ReturnType<typeof upload>) => (bodyOf(res)["files"] as { fileStoreId: string }[])[0]?.fileStoreId ?? "";
  const get = (op: string, query: Record<string, string>) => h.call(op, { query });
  return { ctx, h, me, upload, uploadParts, idOf, get };
}

describe("filestore", () => {
  it("uploads (201), lists urls pointing at the download route, and downloads the bytes", () => {
    const { get, upload, idOf } = setup();
    const res = upload("pb.amritsar", "hello");
    expect(res.status).toBe(201);
    expect(bodyOf(res)).toEqual({ files: [{ fileStoreId: idOf(res), tenantId: "pb.amritsar" }] });
    const id = idOf(res);
    const urls = bodyOf(get("filestore.getUrl", { tenantId: "pb.amritsar", fileStoreIds: `${id},missing` }));
    expect(urls["fileStoreIds"]).toEqual([{ id, url: `http://localhost/filestore/v1/files/id?tenantId=pb.amritsar&fileStoreId=${id}` }]);
    expect(urls[id]).toBe(`http://localhost/filestore/v1/files/id?tenantId=pb.amritsar&fileStoreId=${id}`);
    expect(bodyOf(get("filestore.getUrl", { tenantId: "pb.amritsar", fileStoreIds: "" }))).toEqual({});
    const file = get("filestore.download", { tenantId: "pb.amritsar", fileStoreId: id });
    expect(file.raw?.contentType).toBe("text/plain");
    expect(new TextDecoder().decode(file.raw?.data)).toBe("hello");
    expect(file.headers?.["content-disposition"]).toMatch(/^attachment; filename="\d{13}[A-Za-z]{10}\.txt"$/);
  });

  it("answers metadata and search by tag in DIGIT's shapes", () => {
    const { get, upload, idOf } = setup();
    const id = idOf(upload("pb", "abc", "doc"));
    upload("pb", "other", "photo");
    const meta = bodyOf(get("filestore.getMetadata", { tenantId: "pb", fileStoreId: id }));
    expect(Object.keys(meta)).toEqual(["contentType", "fileName", "resource", "tenantId", "fileSize"]);
    expect(meta).toMatchObject({ contentType: "text/plain", resource: null, tenantId: "pb", fileSize: "3 bytes" });
    expect(meta["fileName"]).toMatch(/^egov-rainmaker-1\/pb\/PGR\/[A-Z][a-z]+\/\d{1,2}\/\d{13}[A-Za-z]{10}\.txt$/);
    expect(bodyOf(get("filestore.searchByTag", { tenantId: "pb", tag: "doc" }))).toEqual({
      files: [{ url: `/filestore/v1/files/id?fileStoreId=${id}&tenantId=pb`, contentType: "text/plain" }],
    });
  });

  it("answers 400 NOT_FOUND for unknown ids, another tenant's files and ids like __proto__", () => {
    const { get, upload, idOf } = setup();
    const id = idOf(upload("pb", "x"));
    for (const query of [
      { tenantId: "pb", fileStoreId: "nope" },
      { tenantId: "pb.amritsar", fileStoreId: id },
      { tenantId: "pb", fileStoreId: "__proto__" },
      { tenantId: "pb", fileStoreId: "constructor" },
    ]) {
      for (const op of ["filestore.download", "filestore.getMetadata"]) {
        const res = get(op, query);
        expect(res.status).toBe(400);
        expect((bodyOf(res)["Errors"] as unknown[])[0]).toEqual({ id: null, parentId: null, code: "NOT_FOUND", message: "Invalid filestoreid or tenantid", description: null, params: null });
      }
    }
    expect(bodyOf(get("filestore.getUrl", { tenantId: "pb", fileStoreIds: "__proto__,toString" }))).toEqual({ fileStoreIds: [] });
    expect((bodyOf(get("filestore.getMetadata", { tenantId: "pb" }))["Errors"] as { params: string[] }[])[0]?.params).toEqual(["fileStoreId"]);
  });

  it("requires module and a part named file, and checks extension, bytes and Content-Type as DIGIT does", () => {
    const { uploadParts } = setup();
    const missing = uploadParts("pb", [part()], {});
    expect((bodyOf(missing)["Errors"] as { code: string; params: string[] }[])[0]).toMatchObject({ code: "", params: ["module"] });
    expect(uploadParts("pb", [part("a.txt", text("x"), "text/plain", "files")]).status).toBe(400);
    const refuse = (p: UploadedFile) => (bodyOf(uploadParts("pb", [p]))["Errors"] as { code: string; message: string }[])[0];
    expect(refuse(part("a.exe", text("MZ"), "application/octet-stream"))).toMatchObject({ code: "EG_FILESTORE_INVALID_INPUT", message: expect.stringContaining("Inalvid input provided for file : exe") });
    expect(refuse(part("a.csv", text("a,b"), "text/csv"))).toMatchObject({ code: "EG_FILESTORE_INVALID_INPUT", message: "Invalid Content Type" });
    expect(refuse(part("a.pdf", text("not a pdf"), "application/pdf"))?.message).toContain("the extension does not match the file format");
    expect(refuse(part("noext", text("x")))?.message).toContain("Inalvid input provided for file : ,");
    expect(uploadParts("pb", [part("A.PDF", text("%PDF-1.4 ..."), "application/pdf")]).status).toBe(201);
    expect(uploadParts("pb", [part("a.csv", text("a,b\n1,2\n"))]).status).toBe(201);
    expect(errorCodes(uploadParts("pb", [part()], { module: "PGR", requestInfo: "{not json" }))).toEqual(["INVALID_REQ_INFO"]);
    expect(uploadParts("pb", [part()], { module: "PGR", requestInfo: '{"apiId":"x"}' }).status).toBe(201);
  });

  it("refuses a file over 5 MB and uploads past the quota, storing nothing", () => {
    const { ctx, h, uploadParts } = setup();
    const big = uploadParts("pb", [part("big.txt", new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61))]);
    expect(big.status).toBe(400);
    expect((bodyOf(big)["Errors"] as { id: string }[])[0]?.id).toBe("MaxUploadSizeExceededException");
    configureFilestore(ctx, { quotaBytes: 10 });
    expect(uploadParts("pb", [part("a.txt", text("0123456789"))]).status).toBe(201);
    const over = uploadParts("pb", [part("b.txt", text("x"))]);
    expect(over.status).toBe(413);
    expect(errorCodes(over)).toEqual(["FILESTORE_QUOTA_EXCEEDED"]);
    expect(Object.keys(h.slice.files)).toHaveLength(1);
  });

  it("uploads and downloads names with non-ASCII characters or CR/LF; the header stays one safe line", () => {
    const { get, uploadParts, idOf } = setup();
    for (const fileName of ["résumé ✓.txt", "evil\r\nSet-Cookie: x=1.txt", 'quote".txt']) {
      const id = idOf(uploadParts("pb", [part(fileName, text("bytes"))]));
      const res = get("filestore.download", { tenantId: "pb", fileStoreId: id });
      expect(new TextDecoder().decode(res.raw?.data)).toBe("bytes");
      expect(res.headers?.["content-disposition"]).toMatch(/^attachment; filename="[\x20-\x7e]+"$/);
    }
    expect(contentDisposition("résumé ✓.txt")).toBe(`attachment; filename="r_sum_ _.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%9C%93.txt`);
    expect(contentDisposition("a\r\nb.txt")).toBe(`attachment; filename="a__b.txt"; filename*=UTF-8''a%0D%0Ab.txt`);
    expect(contentDisposition("plain.txt")).toBe('attachment; filename="plain.txt"');
    expect(contentDisposition("it's (1).txt")).toBe(`attachment; filename="it's (1).txt"`);
    expect(contentDisposition('q"\\.txt')).toBe(`attachment; filename="q__.txt"; filename*=UTF-8''q%22%5C.txt`);
  });

  it("keeps file bytes out of the state slice", () => {
    const { h, upload } = setup();
    upload("pb", "secret bytes here");
    const state = JSON.stringify(h.slice);
    expect(state).not.toContain("secret bytes here");
    expect(state).not.toContain(Buffer.from("secret bytes here").toString("base64"));
    expect(state).not.toContain('"data"');
  });
});

describe("filestore blob stores", () => {
  it("writes blobs to disk before answering and moves the bytes of legacy states out of JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "fs-test-"));
    try {
      const { ctx, h, upload, idOf, get } = setup();
      const store = diskBlobStore(join(dir, "files"));
      configureFilestore(ctx, { store });
      const id = idOf(upload("pb", "on disk"));
      expect(readdirSync(join(dir, "files"))).toEqual([id]);
      expect(new TextDecoder().decode(get("filestore.download", { tenantId: "pb", fileStoreId: id }).raw?.data)).toBe("on disk");
      const legacy: FilestoreSlice = {
        files: { old: { id: "old", tenantId: "pb", module: "PGR", tag: null, fileName: "o.txt", contentType: "text/plain", size: 3, createdTime: 0, data: Buffer.from("old").toString("base64") } },
      };
      expect(JSON.stringify(publicState(legacy))).not.toContain('"data"');
      expect(moveLegacyBytes(legacy, store)).toBe(true);
      expect(legacy.files["old"]?.data).toBeUndefined();
      expect(new TextDecoder().decode(store.get("old"))).toBe("old");
      expect(store.get("../etc/passwd")).toBeUndefined();
      expect(() => store.put("../x", text("x"))).toThrow(/Refusing blob id/);
      store.prune(new Set([id]));
      expect(readdirSync(join(dir, "files"))).toEqual([id]);
      h.slice.files = {};
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("approximates Tika's detection from magic numbers", () => {
    expect(detectType(text("%PDF-1.7"))).toBe("application/pdf");
    expect(detectType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe("image/png");
    expect(detectType(text("<?xml version='1.0'?><a/>"))).toBe("application/xml");
    expect(detectType(new Uint8Array([0x41, 0x00, 0x42]))).toBe("application/octet-stream");
    expect(detectType(text("name,age\nA,1\n"))).toBe("text/plain");
    expect(validateFile("a.docx", "application/x-tika-ooxml", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBeNull();
  });
});
