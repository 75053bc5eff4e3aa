/**
 * pdf-service: `_create` renders a one-page placeholder PDF into the filestore slice (so the returned
 * filestoreIds resolve through filestore), `_createnosave` answers the PDF bytes.
 */
import type { OperationHandler, OperationRequest, ServiceModule } from "../../core/types.js";
import type { MockContext } from "../../core/types.js";
import { storeFiles, type FilestoreSlice } from "../filestore/index.js";
import { handle, ok, reject } from "../shared/respond.js";
import { str } from "../shared/values.js";
import { emptySearch, fixed } from "./echo.js";
import type { NoState } from "./echo.js";

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

function params(req: OperationRequest): { tenantId: string; key: string } {
  const tenantId = str(req.query["tenantId"]);
  const key = str(req.query["key"]);
  if (tenantId === undefined || key === undefined) reject("INVALID_REQUEST", "Query parameters tenantId and key (the PDF template) are required.", ["tenantId", "key"]);
  return { tenantId, key };
}

function filestoreOf(ctx: MockContext): FilestoreSlice | undefined {
  try {
    const slice = ctx.slice<FilestoreSlice | undefined>("filestore");
    return slice?.files === undefined ? undefined : slice;
  } catch {
    return undefined;
  }
}

const create: OperationHandler<NoState> = (req, ctx) =>
  handle(req, ctx.now(), () => {
    const { tenantId, key } = params(req);
    const now = ctx.now();
    const filestore = filestoreOf(ctx);
    const ids: string[] = [];
    if (filestore !== undefined) {
      const data = placeholderPdf(key);
      const [file] = storeFiles(ctx, filestore, [{ tenantId, module: "pdfgen", tag: key, fileName: `${key}-${now}.pdf`, contentType: "application/pdf", data }]);
      if (file) ids.push(file.id);
    }
    return ok(req, now, req.route.successStatus, {
      message: "Success",
      filestoreIds: ids,
      jobid: `${key}${now}`,
      createdtime: now,
      endtime: now,
      tenantid: tenantId,
      totalcount: 1,
      key,
    });
  });

const createNoSave: OperationHandler<NoState> = (req, ctx) =>
  handle(req, ctx.now(), () => {
    const { key } = params(req);
    return { status: req.route.successStatus, raw: { contentType: "application/pdf", data: placeholderPdf(key) } };
  });

const search: OperationHandler<NoState> = (req, ctx) =>
  handle(req, ctx.now(), () =>
    ok(req, ctx.now(), 200, {
      message: "Success",
      filestoreIds: [],
      ...(str(req.query["jobid"]) === undefined ? {} : { jobid: str(req.query["jobid"]) }),
      ...(str(req.query["tenantid"]) === undefined ? {} : { tenantid: str(req.query["tenantid"]) }),
      totalcount: 0,
    }),
  );

export const pdfService: ServiceModule<NoState> = {
  key: "pdf",
  initialState: () => ({}),
  handlers: {
    "pdf.create": create,
    "pdf.createNoSave": createNoSave,
    "pdf.search": search,
    "pdf.getUnregisteredCodes": emptySearch("unregisteredLocalisationCodes"),
    "pdf.clearUnregisteredCodes": emptySearch("unregisteredLocalisationCodes"),
    "pdf.getBulkRecords": fixed(() => ({ groupBillrecords: [] })),
    "pdf.deleteBulkRecords": fixed(() => ({ Message: "Deleted" })),
    "pdf.cancelProcess": fixed(() => ({ Message: "Cancelled" })),
  },
};
