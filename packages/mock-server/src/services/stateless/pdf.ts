/**
 * pdf-service (Node, pdf-service/src/index.js and queries.js): `_create` renders one placeholder PDF per data
 * object (or one per 80 with `isconsolidated=true`) into the filestore slice and records the job, so `_search`
 * finds it by jobid or entityid; `_createnosave` answers the PDF bytes. Every answer's `ResponseInfo` is the
 * request's RequestInfo as sent, and errors are `{ResponseInfo, message}`, never DIGIT's Errors[] envelope.
 *
 * The mock has no template configs: every key is accepted, the data array is the first array in the body
 * besides RequestInfo (DIGIT reads the template's baseKeyPath), and an object's entity id is its `id` (DIGIT
 * reads the template's entityIdPath).
 */
import type { MockContext, OperationHandler, OperationRequest, OperationResult, ServiceModule } from "../../core/types.js";
import { storeFiles, type FilestoreSlice } from "../filestore/index.js";
import { emptyMap, own, put } from "../shared/keyed.js";
import { isRecord, list } from "../shared/values.js";
import * as M from "./pdf-messages.js";

/** One row of DIGIT's `egov_pdf_gen` table. */
export interface PdfJobRow {
  jobid: string;
  id: string;
  entityid: string | null;
  isconsolidated: boolean;
  filestoreids: string[];
  tenantid: string;
  createdtime: number;
  endtime: number;
  totalcount: number;
  key: string;
  documentType: string;
  moduleName: string;
  createdby: string | null;
}

export interface PdfSlice {
  /** Job rows by jobid. */
  jobs: Record<string, PdfJobRow[]>;
}

/** `MAX_NUMBER_PAGES` (pdf-service/src/EnvironmentVariables.js): objects per file of a consolidated PDF. */
const OBJECTS_PER_FILE = 80;

/** A minimal valid single-page PDF naming the template key. */
export function placeholderPdf(key: string): Uint8Array {
  const text = `DIGIT mock PDF: ${key}`.replace(/[()\\]/g, "");
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const requestInfoOf = (req: OperationRequest): unknown => req.body["RequestInfo"];

/** pdf-service's JSON answer: `ResponseInfo` is the request's RequestInfo echoed as sent. */
function answer(req: OperationRequest, status: number, payload: Record<string, unknown>): OperationResult {
  const ri = requestInfoOf(req);
  return { status, body: { ...(ri === undefined ? {} : { ResponseInfo: ri }), ...payload } };
}

/** index.js validateRequest (:1150-1177): the concatenated message, or null. */
function validationMessage(req: OperationRequest, key: string | undefined, tenantId: string | undefined): string | null {
  let message = "";
  if (key === undefined || key.trim() === "") message += M.KEY_MISSING;
  if (tenantId === undefined || tenantId.trim() === "") message += M.TENANT_MISSING;
  const ri = requestInfoOf(req);
  if (ri === undefined) message += M.REQUEST_INFO_MISSING;
  if (isRecord(ri) && ri["userInfo"] === undefined) message += M.USER_INFO_MISSING;
  return message === "" ? null : message;
}

/** The data objects to render, or the error message pdf-service answers. */
function dataObjects(req: OperationRequest): Record<string, unknown>[] | string {
  const ri = requestInfoOf(req);
  if (!isRecord(ri) || typeof ri["msgId"] !== "string") return `${M.CREATE_FAILED}Cannot read properties of undefined (reading 'split')`;
  const array = Object.entries(req.body).find(([k, v]) => k !== "RequestInfo" && Array.isArray(v) && v.length > 0);
  if (array === undefined) return `${M.CREATE_FAILED}${M.NO_DATA_ARRAY}`;
  return (array[1] as unknown[]).map((o) => (isRecord(o) ? o : {}));
}

/** `isconsolidated` / `isConsolidated` (index.js getIsConsolidatedFromReq, :1042-1050). */
function consolidated(req: OperationRequest, fallback: boolean): boolean {
  const value = req.query["isConsolidated"] ?? req.query["isconsolidated"];
  if (value === undefined) return fallback;
  return value.toLowerCase() === "true";
}

function filestoreOf(ctx: MockContext): FilestoreSlice | undefined {
  try {
    const slice = ctx.slice<FilestoreSlice | undefined>("filestore");
    return slice?.files === undefined ? undefined : slice;
  } catch {
    return undefined;
  }
}

/** Stores one PDF in filestore (module pdfgen, tag 00040-2017-QR, as utils/fileStoreAPICall.js:16) and answers its id. */
function store(ctx: MockContext, tenantId: string, key: string, now: number): string {
  const filestore = filestoreOf(ctx);
  if (filestore === undefined) return ctx.uuid();
  const data = placeholderPdf(key);
  const [file] = storeFiles(ctx, filestore, [{ tenantId, module: "pdfgen", tag: "00040-2017-QR", fileName: `${key}-${now}.pdf`, contentType: "application/pdf", data }]);
  return file!.id;
}

const create: OperationHandler<PdfSlice> = (req, ctx, slice) => {
  const key = req.query["key"];
  const tenantId = req.query["tenantId"];
  const invalid = validationMessage(req, key, tenantId);
  if (invalid !== null) return answer(req, 400, { message: invalid });
  const objects = dataObjects(req);
  if (typeof objects === "string") return answer(req, 400, { message: objects });
  const now = ctx.now();
  const jobid = `${key}${now}`;
  const ri = requestInfoOf(req) as Record<string, unknown>;
  const createdby = isRecord(ri["userInfo"]) && typeof ri["userInfo"]["uuid"] === "string" ? ri["userInfo"]["uuid"] : null;
  const base = { jobid, tenantid: tenantId as string, createdtime: now, endtime: now, key: key as string, documentType: "", moduleName: "", createdby };
  const rows: PdfJobRow[] = [];
  if (consolidated(req, false)) {
    const files: string[] = [];
    for (let i = 0; i < objects.length; i += OBJECTS_PER_FILE) files.push(store(ctx, tenantId as string, key as string, now));
    rows.push({ ...base, id: ctx.uuid(), entityid: null, isconsolidated: true, filestoreids: files, totalcount: objects.length });
  } else {
    for (const o of objects) {
      const entityid = typeof o["id"] === "string" || typeof o["id"] === "number" ? String(o["id"]) : null;
      rows.push({ ...base, id: ctx.uuid(), entityid, isconsolidated: false, filestoreids: [store(ctx, tenantId as string, key as string, now)], totalcount: 1 });
    }
  }
  slice.jobs ??= emptyMap();
  put(slice.jobs, jobid, [...(own(slice.jobs, jobid) ?? []), ...rows]);
  return answer(req, req.route.successStatus, {
    message: "Success",
    filestoreIds: rows.flatMap((r) => r.filestoreids),
    jobid,
    createdtime: now,
    endtime: now,
    tenantid: tenantId,
    totalcount: objects.length,
    key,
    documentType: "",
    moduleName: "",
  });
};

const createNoSave: OperationHandler<PdfSlice> = (req, ctx) => {
  const key = req.query["key"];
  const invalid = validationMessage(req, key, req.query["tenantId"]);
  if (invalid !== null) return answer(req, 400, { message: invalid });
  const objects = dataObjects(req);
  if (typeof objects === "string") return { status: 400, body: { message: objects } };
  return {
    status: req.route.successStatus,
    raw: { contentType: "application/pdf", data: placeholderPdf(key as string) },
    headers: { "content-disposition": `attachment;filename=${key}-${ctx.now()}.pdf` },
  };
};

/** queries.js getFileStoreIds (:28-100): the latest row per entity of the matching jobs; rows without an entity id never match. */
const search: OperationHandler<PdfSlice> = (req, _ctx, slice) => {
  const q = req.query;
  const jobids = list(q["jobid"]);
  const entityid = q["entityid"];
  const blank = (v: string | undefined) => v === undefined || v.trim() === "";
  if (blank(q["jobid"]) && blank(entityid)) return answer(req, 400, { message: M.SEARCH_NEEDS_ID });
  const tenantId = q["tenantid"];
  if (tenantId === undefined) return answer(req, 400, { message: `${M.SEARCH_FAILED}Cannot read properties of undefined (reading 'includes')` });
  const flag = q["isconsolidated"];
  const wantConsolidated = flag === "true" || flag === "True" ? true : flag === "false" ? false : undefined;
  const rows = Object.values(slice.jobs ?? {})
    .flat()
    .filter(
      (r) =>
        (jobids.length === 0 || jobids.includes(r.jobid)) &&
        (entityid === undefined || entityid.trim() === "" || r.entityid === entityid) &&
        (tenantId.trim() === "" || r.tenantid === tenantId) &&
        (wantConsolidated === undefined || r.isconsolidated === wantConsolidated),
    );
  const latest = new Map<string, number>();
  for (const r of rows) if (r.entityid !== null) latest.set(r.entityid, Math.max(latest.get(r.entityid) ?? 0, r.endtime));
  const found = rows.filter((r) => r.entityid !== null && r.endtime === latest.get(r.entityid));
  if (found.length === 0) return answer(req, 404, { message: M.NOTHING_FOUND });
  return answer(req, 200, {
    message: "Success",
    searchresult: found.map((r) => ({
      filestoreids: [...r.filestoreids],
      jobid: r.jobid,
      tenantid: r.tenantid,
      createdtime: r.createdtime,
      endtime: r.endtime,
      totalcount: r.totalcount,
      key: r.key,
      documentType: r.documentType,
      moduleName: r.moduleName,
    })),
  });
};

const userInfoOf = (req: OperationRequest): Record<string, unknown> | undefined => {
  const ri = requestInfoOf(req);
  return isRecord(ri) && isRecord(ri["userInfo"]) ? ri["userInfo"] : undefined;
};

/** The mock runs no bulk (group bill) PDF jobs, so there are never records (index.js:616-651). */
const getBulkRecords: OperationHandler<PdfSlice> = (req) => {
  const user = userInfoOf(req);
  if (user === undefined) return answer(req, 400, { message: M.BULK_DETAILS_FAILED });
  return answer(req, 500, { message: `${M.NO_BULK_RECORDS}${String(user["name"])}` });
};

const deleteBulkRecords: OperationHandler<PdfSlice> = (req) => answer(req, 200, { Message: M.BULK_CLEARED });

const cancelProcess: OperationHandler<PdfSlice> = (req) => {
  const user = userInfoOf(req);
  // index.js reads requestInfo.userInfo.uuid before its try: Express answers 500.
  if (user === undefined) return { status: 500, body: { message: "Cannot read properties of undefined (reading 'uuid')" } };
  const jobId = req.query["jobId"];
  if (!jobId || !user["uuid"]) return answer(req, 400, { message: M.CANCEL_NEEDS_JOB });
  return answer(req, 400, { errorMessage: [{ message: `No process with jobId: ${jobId} present for ${String(user["userName"])}` }] });
};

const unregisteredCodes: OperationHandler<PdfSlice> = (req) => answer(req, 200, { unregisteredLocalisationCodes: [] });

export const pdfService: ServiceModule<PdfSlice> = {
  key: "pdf",
  initialState: () => ({ jobs: {} }),
  handlers: {
    "pdf.create": create,
    "pdf.createNoSave": createNoSave,
    "pdf.search": search,
    "pdf.getUnregisteredCodes": unregisteredCodes,
    "pdf.clearUnregisteredCodes": unregisteredCodes,
    "pdf.getBulkRecords": getBulkRecords,
    "pdf.deleteBulkRecords": deleteBulkRecords,
    "pdf.cancelProcess": cancelProcess,
  },
};
