/**
 * egov-filestore: multipart upload and its checks, lookups by id and tag, and the error answers.
 * DIGIT has no delete API: uploads use the module `digitkit-conf` so they can be found.
 */
import { describe, expect } from "vitest";
import { answer, behaviour, type Answer, type DigitConnection } from "../src/index.js";

const FS = "egov-filestore/src/main/java/org/egov/filestore";
const MODULE = "digitkit-conf";

interface Part {
  name?: string;
  fileName: string;
  type: string;
  data: string | Uint8Array;
}


/** `POST /filestore/v1/files` as multipart; `fields` without `module` leave it out. */
async function upload(digit: DigitConnection, fields: Record<string, string>, parts: Part[], token: string | null = digit.token): Promise<Answer> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of parts) form.append(p.name ?? "file", new Blob([p.data as BlobPart], { type: p.type }), p.fileName);
  const res = await digit.target.fetch(digit.url("/filestore/v1/files"), { method: "POST", body: form, headers: token ? { "auth-token": token } : {} });
  return answer(res);
}

const text = (fileName = "a.txt", data = "hello"): Part => ({ fileName, type: "text/plain", data });

async function uploaded(digit: DigitConnection, tenantId: string, tag?: string, part: Part = text()): Promise<string> {
  const res = await upload(digit, { tenantId, module: MODULE, ...(tag ? { tag } : {}) }, [part]);
  expect(res.status).toBe(201);
  return res.body.files[0].fileStoreId as string;
}

describe("filestore", () => {
  behaviour("an upload answers 201 with {files: [{fileStoreId, tenantId}]}", `${FS}/web/controller/StorageController.java:95`, async ({ digit, state }) => {
    const res = await upload(digit, { tenantId: state, module: MODULE }, [text()]);
    expect(res.status).toBe(201);
    expect(res.body.files).toHaveLength(1);
    expect(Object.keys(res.body.files[0]).sort()).toEqual(["fileStoreId", "tenantId"]);
    expect(res.body.files[0].tenantId).toBe(state);
  });

  behaviour(
    "the gateway lets an upload through without a token (mixed mode)",
    "gateway/src/main/resources/application.properties:42",
    async ({ anonymous, state }) => {
      const res = await upload(anonymous(), { tenantId: state, module: MODULE }, [text()], null);
      expect(res.status).toBe(201);
    },
  );

  behaviour(
    "an upload without module is refused with the tracer's missing-parameter error",
    [`${FS}/web/controller/StorageController.java:100`, "libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:151"],
    async ({ digit, state }) => {
      const res = await upload(digit, { tenantId: state }, [text()]);
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].params).toEqual(["module"]);
    },
  );

  behaviour(
    "an extension outside allowed.formats.map is refused with EG_FILESTORE_INVALID_INPUT",
    [`${FS}/validator/StorageValidator.java:37`, "egov-filestore/src/main/resources/application.properties:44"],
    async ({ digit, state }) => {
      const res = await upload(digit, { tenantId: state, module: MODULE }, [{ fileName: "a.exe", type: "application/octet-stream", data: "MZ" }]);
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].code).toBe("EG_FILESTORE_INVALID_INPUT");
    },
  );

  behaviour(
    "the part's Content-Type must be one the extension allows: a .csv sent as text/csv is refused",
    `${FS}/validator/StorageValidator.java:64`,
    async ({ digit, state }) => {
      const res = await upload(digit, { tenantId: state, module: MODULE }, [{ fileName: "a.csv", type: "text/csv", data: "a,b\n1,2\n" }]);
      expect(res.status).toBe(400);
      expect(res.body.Errors[0]).toMatchObject({ code: "EG_FILESTORE_INVALID_INPUT", message: "Invalid Content Type" });
    },
  );

  behaviour(
    "metadata answers contentType, fileName, resource (null), tenantId and fileSize as \"<n> bytes\"",
    [`${FS}/domain/model/Resource.java:11`, `${FS}/persistence/repository/ArtifactRepository.java:121`],
    async ({ digit, state }) => {
      const id = await uploaded(digit, state);
      const res = await digit.get("/filestore/v1/files/metadata", { query: { tenantId: state, fileStoreId: id } });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(["contentType", "fileName", "fileSize", "resource", "tenantId"]);
      expect(res.body).toMatchObject({ contentType: "text/plain", resource: null, tenantId: state, fileSize: "5 bytes" });
      expect(res.body.fileName).toMatch(/\.txt$/);
    },
  );

  behaviour(
    "an unknown fileStoreId is a 400 NOT_FOUND \"Invalid filestoreid or tenantid\"",
    `${FS}/persistence/repository/ArtifactRepository.java:105`,
    async ({ digit, state }) => {
      for (const path of ["/filestore/v1/files/metadata", "/filestore/v1/files/id"]) {
        const res = await digit.get(path, { query: { tenantId: state, fileStoreId: "6d1f9c2e-0000-4000-8000-000000000000" } });
        expect(res.status).toBe(400);
        expect(res.body.Errors[0]).toMatchObject({ code: "NOT_FOUND", message: "Invalid filestoreid or tenantid" });
      }
    },
  );

  behaviour(
    "ids like __proto__ and constructor are just unknown ids",
    `${FS}/persistence/repository/ArtifactRepository.java:103`,
    async ({ digit, state }) => {
      for (const fileStoreId of ["__proto__", "constructor", "hasOwnProperty"]) {
        const res = await digit.get("/filestore/v1/files/metadata", { query: { tenantId: state, fileStoreId } });
        expect(res.status).toBe(400);
        expect(res.body.Errors[0].code).toBe("NOT_FOUND");
        const urls = await digit.get("/filestore/v1/files/url", { query: { tenantId: state, fileStoreIds: fileStoreId } });
        expect(urls.status).toBe(200);
        expect(urls.body.fileStoreIds).toEqual([]);
      }
    },
  );

  behaviour(
    "lookups match the tenant exactly: a file uploaded at the state is not found from its city",
    `${FS}/persistence/repository/ArtifactRepository.java:104`,
    async ({ digit, state, city }) => {
      const id = await uploaded(digit, state);
      const res = await digit.get("/filestore/v1/files/metadata", { query: { tenantId: city, fileStoreId: id } });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].code).toBe("NOT_FOUND");
    },
  );

  behaviour(
    "url answers a key per found id plus fileStoreIds items of exactly {id, url}; unknown ids are left out",
    `${FS}/web/controller/StorageController.java:118`,
    async ({ digit, state }) => {
      const id = await uploaded(digit, state);
      const res = await digit.get("/filestore/v1/files/url", { query: { tenantId: state, fileStoreIds: `${id},6d1f9c2e-0000-4000-8000-000000000001` } });
      expect(res.status).toBe(200);
      expect(res.body.fileStoreIds).toHaveLength(1);
      expect(Object.keys(res.body.fileStoreIds[0]).sort()).toEqual(["id", "url"]);
      expect(res.body.fileStoreIds[0].id).toBe(id);
      expect(typeof res.body[id]).toBe("string");
      expect(Object.keys(res.body).sort()).toEqual([id, "fileStoreIds"].sort());
    },
  );

  behaviour("url with an empty fileStoreIds answers {}", `${FS}/web/controller/StorageController.java:124`, async ({ digit, state }) => {
    const res = await digit.get("/filestore/v1/files/url", { query: { tenantId: state, fileStoreIds: "" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  behaviour(
    "url is not open at the gateway: without a token it is refused",
    "gateway/src/main/resources/application.properties:42",
    async ({ anonymous, state }) => {
      const res = await anonymous().get("/filestore/v1/files/url", { query: { tenantId: state, fileStoreIds: "x" }, token: null });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    },
  );

  behaviour(
    "tag search answers {files: [{url, contentType}]} with relative download links",
    [`${FS}/web/contract/ResponseFactory.java:20`, `${FS}/web/controller/StorageController.java:87`],
    async ({ digit, state, unique }) => {
      const tag = unique("tag");
      const id = await uploaded(digit, state, tag);
      const res = await digit.get("/filestore/v1/files/tag", { query: { tenantId: state, tag } });
      expect(res.status).toBe(200);
      expect(res.body.files).toEqual([{ url: `/filestore/v1/files/id?fileStoreId=${id}&tenantId=${state}`, contentType: "text/plain" }]);
    },
  );

  behaviour(
    "download answers the bytes with the stored content type as an attachment",
    `${FS}/web/controller/StorageController.java:55`,
    async ({ digit, state }) => {
      const id = await uploaded(digit, state, undefined, text("notes.txt", "file body\n"));
      const res = await digit.target.fetch(digit.url("/filestore/v1/files/id", { tenantId: state, fileStoreId: id }), { headers: { "auth-token": digit.token } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"\r\n]+\.txt"/);
      expect(await res.text()).toBe("file body\n");
    },
  );

  behaviour(
    "a file name with non-ASCII characters or CR/LF uploads and downloads; the header never carries raw CR/LF",
    [`${FS}/domain/service/StorageService.java:154`, `${FS}/web/controller/StorageController.java:66`],
    async ({ digit, state }) => {
      for (const fileName of ["résumé ✓.txt", "evil\r\nSet-Cookie: x=1.txt"]) {
        const id = await uploaded(digit, state, undefined, text(fileName, "bytes"));
        const res = await digit.target.fetch(digit.url("/filestore/v1/files/id", { tenantId: state, fileStoreId: id }), { headers: { "auth-token": digit.token } });
        expect(res.status).toBe(200);
        expect(res.headers.get("set-cookie")).toBeNull();
        expect(res.headers.get("content-disposition")).not.toMatch(/[\r\n]/);
        expect(await res.text()).toBe("bytes");
      }
    },
  );

  behaviour(
    "a file over the 5 MB max-file-size is refused with a 400",
    "egov-filestore/src/main/resources/application.properties:70",
    async ({ digit, state }) => {
      const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61);
      const res = await upload(digit, { tenantId: state, module: MODULE }, [{ fileName: "big.txt", type: "text/plain", data: big }]);
      expect(res.status).toBe(400);
    },
  );
});
