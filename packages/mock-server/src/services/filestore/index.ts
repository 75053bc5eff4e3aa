/**
 * egov-filestore: multipart upload, signed-URL lookup (pointing back at the mock's own download route),
 * metadata, search by tag and raw download. Bytes are kept base64-encoded in the state slice.
 */
import type { OperationHandler, OperationRequest, ServiceModule } from "../../core/types.js";
import { handle, reject } from "../shared/respond.js";
import { stateOf } from "../shared/tenancy.js";
import { list, str } from "../shared/values.js";

export interface StoredFile {
  id: string;
  tenantId: string;
  module: string | null;
  tag: string | null;
  fileName: string;
  contentType: string;
  size: number;
  createdTime: number;
  /** Base64 of the bytes (the slice must stay JSON-serialisable). */
  data: string;
}

export interface FilestoreSlice {
  files: Record<string, StoredFile>;
}

/** Path of the download route; the transport may make it absolute. */
export const DOWNLOAD_PATH = "/filestore/v1/files/id";

function field(req: OperationRequest, name: string): string | undefined {
  return str(req.body[name]) ?? str(req.query[name]);
}

function requireTenant(req: OperationRequest): string {
  const tenantId = field(req, "tenantId");
  if (tenantId === undefined) reject("EG_FILESTORE_INVALID_INPUT", "Query parameter tenantId is required.", ["tenantId"]);
  return tenantId;
}

/** Files are shared within a state tenant, like DIGIT's state-level buckets. */
function visible(file: StoredFile | undefined, tenantId: string): file is StoredFile {
  return file !== undefined && stateOf(file.tenantId) === stateOf(tenantId);
}

/**
 * DIGIT answers an unknown fileStoreId with 404 (`ArtifactNotFoundException`); the mock uses 404 with
 * code `FILE_NOT_FOUND`.
 */
function requireFile(slice: FilestoreSlice, req: OperationRequest): StoredFile {
  const tenantId = requireTenant(req);
  const id = field(req, "fileStoreId");
  if (id === undefined) reject("EG_FILESTORE_INVALID_INPUT", "Query parameter fileStoreId is required.", ["fileStoreId"]);
  const file = slice.files[id];
  if (!visible(file, tenantId)) reject("FILE_NOT_FOUND", `No file ${id} exists for tenant ${tenantId}.`, [id], 404);
  return file;
}

const upload: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = requireTenant(req);
    const parts = req.files.filter((f) => f.field === "file" || f.field === "files");
    const files = parts.length > 0 ? parts : req.files;
    if (files.length === 0) reject("EG_FILESTORE_INVALID_INPUT", "The multipart body has no file part; send the file in the 'file' field.", ["file"]);
    const module = field(req, "module") ?? null;
    const tag = field(req, "tag") ?? null;
    const stored = files.map((f) => {
      const file: StoredFile = {
        id: ctx.uuid(),
        tenantId,
        module,
        tag,
        fileName: f.fileName,
        contentType: f.contentType || "application/octet-stream",
        size: f.data.byteLength,
        createdTime: ctx.now(),
        data: Buffer.from(f.data).toString("base64"),
      };
      return file;
    });
    for (const file of stored) slice.files[file.id] = file;
    return { status: req.route.successStatus, body: { files: stored.map((f) => ({ fileStoreId: f.id, tenantId: f.tenantId })) } };
  });

const downloadUrl = (file: StoredFile) =>
  `${DOWNLOAD_PATH}?tenantId=${encodeURIComponent(file.tenantId)}&fileStoreId=${encodeURIComponent(file.id)}`;

/** `{fileStoreIds: [{id, url, tenantId}], <id>: url}`; unknown ids are left out, as DIGIT does. */
const getUrl: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = requireTenant(req);
    const ids = list(field(req, "fileStoreIds"));
    if (ids.length === 0) reject("EG_FILESTORE_INVALID_INPUT", "Query parameter fileStoreIds (comma list) is required.", ["fileStoreIds"]);
    const found = ids.map((id) => slice.files[id]).filter((f): f is StoredFile => visible(f, tenantId));
    const body: Record<string, unknown> = {
      fileStoreIds: found.map((f) => ({ id: f.id, url: downloadUrl(f), tenantId: f.tenantId })),
    };
    for (const f of found) body[f.id] = downloadUrl(f);
    return { status: 200, body };
  });

const searchByTag: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = requireTenant(req);
    const tag = field(req, "tag");
    if (tag === undefined) reject("EG_FILESTORE_INVALID_INPUT", "Query parameter tag is required.", ["tag"]);
    const files = Object.values(slice.files).filter((f) => visible(f, tenantId) && f.tag === tag);
    return { status: 200, body: { files: files.map((f) => ({ fileStoreId: f.id, tenantId: f.tenantId })) } };
  });

const getMetadata: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const f = requireFile(slice, req);
    return {
      status: 200,
      body: { fileStoreId: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size, tenantId: f.tenantId, module: f.module, tag: f.tag, createdTime: f.createdTime },
    };
  });

const download: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const f = requireFile(slice, req);
    return {
      status: 200,
      raw: { contentType: f.contentType, data: new Uint8Array(Buffer.from(f.data, "base64")) },
      headers: { "content-disposition": `attachment; filename="${f.fileName.replace(/"/g, "")}"` },
    };
  });

export const filestoreService: ServiceModule<FilestoreSlice> = {
  key: "filestore",
  initialState: () => ({ files: {} }),
  handlers: {
    "filestore.upload": upload,
    "filestore.getUrl": getUrl,
    "filestore.searchByTag": searchByTag,
    "filestore.getMetadata": getMetadata,
    "filestore.download": download,
  },
};
