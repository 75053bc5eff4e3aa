/**
 * pdf-service (Node): PDFs rendered from a template key, stored in filestore, found again by job id.
 * Its answers are `{ResponseInfo: <the request's RequestInfo>, message, ...}`, never DIGIT's `Errors[]`.
 * Against a real DIGIT the template key must exist there: `DIGIT_PDF_KEY` (default `consolidatedreceipt`) with
 * its data array under `DIGIT_PDF_DATA_KEY` (default `Payments`).
 */
import { describe, expect } from "vitest";
import { behaviour, type Conformance } from "../src/index.js";

const PDF = "pdf-service/src";
const KEY = process.env["DIGIT_PDF_KEY"] ?? "consolidatedreceipt";
const DATA = process.env["DIGIT_PDF_DATA_KEY"] ?? "Payments";

const objects = (c: Conformance, n: number) => Array.from({ length: n }, () => ({ id: c.unique("PDF"), tenantId: c.city }));

describe("pdf-service", () => {
  behaviour("_create without tenantId answers 400 {message, ResponseInfo}", `${PDF}/index.js:1155`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_create", { [DATA]: objects(c, 1) }, { query: { key: KEY } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(" tenantId is missing,");
    expect(res.body).toHaveProperty("ResponseInfo");
    expect(res.body).not.toHaveProperty("Errors");
  });

  behaviour("_create renders one PDF per data object by default and answers 201", `${PDF}/index.js:244`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_create", { [DATA]: objects(c, 2) }, { query: { key: KEY, tenantId: c.city } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.filestoreIds).toHaveLength(2);
    expect(res.body.totalcount).toBe(2);
    expect(res.body.key).toBe(KEY);
    expect(String(res.body.jobid).startsWith(KEY)).toBe(true);
    expect(res.body).toHaveProperty("documentType");
    expect(res.body).toHaveProperty("moduleName");
    expect(res.body.ResponseInfo.msgId).toBeDefined();
  });

  behaviour("_search finds the job's files by jobid and tenantid", `${PDF}/queries.js:77`, async (c) => {
    const created = await c.digit.post("/pdf-service/v1/_create", { [DATA]: objects(c, 2) }, { query: { key: KEY, tenantId: c.city } });
    expect(created.status, created.text).toBe(201);
    await c.eventually(async () => {
      const res = await c.digit.post("/pdf-service/v1/_search", {}, { query: { tenantid: c.city, jobid: created.body.jobid } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.message).toBe("Success");
      expect(res.body.searchresult).toHaveLength(2);
      expect(res.body.searchresult.flatMap((r: { filestoreids: string[] }) => r.filestoreids).sort()).toEqual([...created.body.filestoreIds].sort());
      expect(res.body.searchresult[0]).toMatchObject({ jobid: created.body.jobid, tenantid: c.city, key: KEY, totalcount: 1 });
    });
  });

  behaviour("_search needs jobid or entityid", `${PDF}/index.js:507`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_search", {}, { query: { tenantid: c.city } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("jobid and entityid both can not be empty");
  });

  behaviour("_search that matches nothing answers 404", `${PDF}/queries.js:94`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_search", {}, { query: { tenantid: c.city, jobid: c.unique("NOJOB") } });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe("no matching result found");
  });

  behaviour("_search without tenantid fails", `${PDF}/queries.js:161`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_search", {}, { query: { jobid: c.unique("NOJOB") } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^some unknown error while searching: /);
  });

  behaviour("_createnosave answers 201 with the PDF as an attachment", `${PDF}/index.js:457`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_createnosave", { [DATA]: objects(c, 1) }, { query: { key: KEY, tenantId: c.city } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment;filename=${KEY}-\\d+\\.pdf$`));
    expect(res.text.startsWith("%PDF")).toBe(true);
  });

  behaviour("_getBulkPdfRecordsDetails with no records answers 500", `${PDF}/index.js:628`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_getBulkPdfRecordsDetails", {}, { query: { jobId: c.unique("NOJOB") } });
    expect(res.status).toBe(500);
    expect(res.body.message).toMatch(/^Group bill pdf records details are not present for the employee/);
  });

  behaviour("_cancelProcess needs jobId", `${PDF}/index.js:706`, async (c) => {
    const res = await c.digit.post("/pdf-service/v1/_cancelProcess", {});
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("jobid or userid can not be empty");
  });
});
