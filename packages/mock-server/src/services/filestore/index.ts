/**
 * egov-filestore: multipart upload, signed-URL lookup (pointing back at the mock's own download route),
 * metadata, search by tag and download, as egov-filestore/src/main/java/org/egov/filestore/web/controller/
 * StorageController.java answers them. The slice keeps metadata only; the bytes live in the engine's blob store
 * (blobs.ts), never in the JSON state.
 */
import { MockHttpError } from "../../core/errors.js";
import type { MockContext, OperationHandler, OperationRequest, OperationResult, ServiceModule } from "../../core/types.js";
import { requestOrigin } from "../shared/origin.js";
import { ownGet, ownSet } from "../shared/own.js";
import { handle } from "../shared/respond.js";
import { customException, missingParameter, unhandledException } from "../shared/tracer.js";
import { filestoreSettings, type BlobStore } from "./blobs.js";
import { FilestoreErrors, QUOTA_EXCEEDED } from "./errors.js";
import { extensionOf, IMAGE_FORMATS, validateFile } from "./validate.js";

export { configureFilestore, diskBlobStore, memoryBlobStore, type BlobStore, type FilestoreSettings } from "./blobs.js";

export interface StoredFile {
  id: string;
  tenantId: string;
  module: string | null;
  tag: string | null;
  /** The name the client uploaded. */
  fileName: string;
  /** DIGIT's object name: `<bucket>/<tenant>/<module>/<Month>/<day>/<millis><10 letters>.<ext>` (metadata's fileName). */
  storageName?: string;
  contentType: string;
  size: number;
  createdTime: number;
  /** Legacy: base64 bytes in states written before the blob store; moved out on load (moveLegacyBytes). */
  data?: string;
}

export interface FilestoreSlice {
  /** Files by fileStoreId (read through services/shared/own.ts). */
  files: Record<string, StoredFile>;
}

/** Path of the download route. */
export const DOWNLOAD_PATH = "/filestore/v1/files/id";
/** `fixed.bucketname` (egov-filestore/src/main/resources/application.properties:66). */
const BUCKET = "egov-rainmaker-1";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A request parameter from the multipart form or the query string; "" counts as present, as in Spring. */
function param(req: OperationRequest, name: string): string | undefined {
  const fromBody = req.body[name];
  if (typeof fromBody === "string") return fromBody;
  return req.query[name];
}

/** StorageService.mapFilesToArtifact (StorageService.java:147-160): the object name DIGIT stores and reports. */
function storageName(ctx: MockContext, tenantId: string, module: string, fileName: string): string {
  const now = new Date(ctx.now());
  let letters = "";
  for (let i = 0; i < 10; i += 1) letters += LETTERS.charAt(Math.floor(Math.random() * LETTERS.length));
  return `${BUCKET}/${tenantId}/${module}/${MONTHS[now.getUTCMonth()]}/${now.getUTCDate()}/${ctx.now()}${letters}.${extensionOf(fileName)}`;
}

/** The last path segment of the stored name: what DIGIT's download names the file. */
function downloadName(file: StoredFile): string {
  const name = file.storageName ?? file.fileName;
  return name.slice(name.lastIndexOf("/") + 1);
}

/**
 * `Content-Disposition: attachment` per RFC 6266: plain `filename="…"` for printable ASCII (DIGIT's own names
 * always are), else an ASCII fallback plus `filename*=UTF-8''…`. Never a raw CR or LF.
 */
export function contentDisposition(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name) && !/["\\]/.test(name)) return `attachment; filename="${name}"`;
  const wellFormed = name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  const fallback = wellFormed.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(wellFormed).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Bytes the state's files hold. */
const storedBytes = (slice: FilestoreSlice) => Object.values(slice.files).reduce((n, f) => n + (typeof f.size === "number" ? f.size : 0), 0);

export interface NewFile {
  tenantId: string;
  module: string;
  tag: string | null;
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

/**
 * Refuses (413, a mock limit) when `incoming` more bytes would exceed the quota. A memory store first drops
 * blobs no file of the current state names (left by resets and restores).
 */
function checkQuota(ctx: MockContext, slice: FilestoreSlice, incoming: number): void {
  const { store, quotaBytes } = filestoreSettings(ctx);
  const held = storedBytes(slice);
  if (store.kind === "memory" && store.bytes() + incoming > quotaBytes) store.prune(new Set(Object.keys(slice.files)));
  if (held + incoming > quotaBytes) {
    throw new MockHttpError(413, [
      {
        code: QUOTA_EXCEEDED,
        message: `The mock's filestore holds ${held} bytes; ${incoming} more would exceed its quota of ${quotaBytes} bytes. Reset the mock (POST /_mock/reset) or raise the quota (--filestore-quota).`,
        description: "A limit of the mock, not of DIGIT.",
      },
    ]);
  }
}

/**
 * Stores files: bytes first (durably, for a disk store), then the metadata. Throws MockHttpError 413 over the
 * quota. pdf-service's `_create` stores its PDFs through this too.
 */
export function storeFiles(ctx: MockContext, slice: FilestoreSlice, files: NewFile[]): StoredFile[] {
  checkQuota(
    ctx,
    slice,
    files.reduce((n, f) => n + f.data.byteLength, 0),
  );
  const { store } = filestoreSettings(ctx);
  const stored = files.map((f) => {
    const id = ctx.uuid();
    store.put(id, f.data);
    return {
      id,
      tenantId: f.tenantId,
      module: f.module,
      tag: f.tag,
      fileName: f.fileName,
      storageName: storageName(ctx, f.tenantId, f.module, f.fileName),
      contentType: f.contentType,
      size: f.data.byteLength,
      createdTime: ctx.now(),
    } satisfies StoredFile;
  });
  for (const file of stored) ownSet(slice.files, file.id, file);
  return stored;
}

/** A file's bytes: the blob store, else a legacy state's base64 copy. */
function bytesOf(store: BlobStore, file: StoredFile): Uint8Array | undefined {
  return store.get(file.id) ?? (typeof file.data === "string" ? new Uint8Array(Buffer.from(file.data, "base64")) : undefined);
}

/** Moves the base64 bytes of files from older state files into the blob store; true when any moved. */
export function moveLegacyBytes(slice: FilestoreSlice, store: BlobStore): boolean {
  let moved = false;
  for (const file of Object.values(slice.files)) {
    if (typeof file.data !== "string") continue;
    store.put(file.id, new Uint8Array(Buffer.from(file.data, "base64")));
    delete file.data;
    moved = true;
  }
  return moved;
}

/** The slice without file bytes (a legacy state's `data`), for the control API. */
export function publicState(slice: FilestoreSlice): FilestoreSlice {
  const files: Record<string, StoredFile> = {};
  for (const file of Object.values(slice.files)) {
    const { data: _bytes, ...rest } = file;
    ownSet(files, file.id, rest);
  }
  return { files };
}

/** `@RequestParam tenantId, fileStoreId` then an exact (fileStoreId, tenantId) lookup (ArtifactRepository.java:103-106). */
function findFile(req: OperationRequest, slice: FilestoreSlice): StoredFile | OperationResult {
  const tenantId = param(req, "tenantId");
  if (tenantId === undefined) return missingParameter("tenantId");
  const id = param(req, "fileStoreId");
  if (id === undefined) return missingParameter("fileStoreId");
  const file = ownGet(slice.files, id);
  if (file === undefined || file.tenantId !== tenantId) {
    if (file !== undefined) req.warnings.push(`${FilestoreErrors.notFound.code}: file ${id} belongs to tenant ${file.tenantId}; DIGIT matches the tenant exactly.`);
    return customException(FilestoreErrors.notFound.code, FilestoreErrors.notFound.message);
  }
  return file;
}

const isResult = (v: StoredFile | OperationResult): v is OperationResult => "status" in v;

/** `POST /filestore/v1/files` (StorageController.java:95-107): parts named `file`, tenantId and module required. */
const upload: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const settings = filestoreSettings(ctx);
    // Spring checks the multipart limits while parsing, before any parameter.
    const requestBytes = req.files.reduce((n, f) => n + f.data.byteLength, 0);
    if (req.files.some((f) => f.data.byteLength > settings.maxFileBytes) || requestBytes > settings.maxRequestBytes) {
      return unhandledException("MaxUploadSizeExceededException", "Maximum upload size exceeded");
    }
    const parts = req.files.filter((f) => f.field === "file");
    if (parts.length === 0) return unhandledException("MissingServletRequestPartException", "Required part 'file' is not present.");
    const tenantId = param(req, "tenantId");
    if (tenantId === undefined) return missingParameter("tenantId");
    const module = param(req, "module");
    if (module === undefined) return missingParameter("module");
    const tag = param(req, "tag") ?? null;
    const requestInfo = param(req, "requestInfo");
    if (requestInfo !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(requestInfo);
      } catch {
        parsed = undefined;
      }
      if (parsed === undefined || (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed)))) {
        return customException(FilestoreErrors.invalidRequestInfo.code, FilestoreErrors.invalidRequestInfo.message);
      }
    }
    for (const part of parts) {
      const problem = validateFile(part.fileName, part.contentType || null, part.data);
      if (problem !== null) return customException(FilestoreErrors.invalidInput, problem);
    }
    const stored = storeFiles(
      ctx,
      slice,
      parts.map((p) => ({ tenantId, module, tag, fileName: p.fileName, contentType: p.contentType, data: p.data })),
    );
    return { status: req.route.successStatus, body: { files: stored.map((f) => ({ fileStoreId: f.id, tenantId: f.tenantId })) } };
  });

function downloadUrl(req: OperationRequest, file: StoredFile): string {
  return `${requestOrigin(req)}${DOWNLOAD_PATH}?tenantId=${encodeURIComponent(file.tenantId)}&fileStoreId=${encodeURIComponent(file.id)}`;
}

/**
 * `GET /filestore/v1/files/url` (StorageController.java:118-137): `{<id>: url, fileStoreIds: [{id, url}]}`;
 * unknown ids are left out, an empty list answers `{}`. DIGIT's URLs are pre-signed S3 links; the mock's point at
 * its own download route. Images get four comma-joined links (original, large, medium, small), as DIGIT's do.
 */
const getUrl: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = param(req, "tenantId");
    if (tenantId === undefined) return missingParameter("tenantId");
    const raw = param(req, "fileStoreIds");
    if (raw === undefined) return missingParameter("fileStoreIds", "List");
    if (raw === "") return { status: 200, body: {} };
    const ids = [...new Set(raw.split(",").map((id) => id.trim()))];
    const found = ids.map((id) => ownGet(slice.files, id)).filter((f): f is StoredFile => f !== undefined && f.tenantId === tenantId);
    const entries = found.map((f) => {
      const url = downloadUrl(req, f);
      const image = IMAGE_FORMATS.has(extensionOf(f.storageName ?? f.fileName));
      return { id: f.id, url: image ? [url, `${url}&size=large`, `${url}&size=medium`, `${url}&size=small`].join(",") : url };
    });
    const body: Record<string, unknown> = {};
    for (const e of entries) ownSet(body, e.id, e.url);
    body["fileStoreIds"] = entries;
    return { status: 200, body };
  });

/** `GET /filestore/v1/files/tag` (StorageController.java:87-93, ResponseFactory.java:13-29). */
const searchByTag: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = param(req, "tenantId");
    if (tenantId === undefined) return missingParameter("tenantId");
    const tag = param(req, "tag");
    if (tag === undefined) return missingParameter("tag");
    const files = Object.values(slice.files).filter((f) => f.tenantId === tenantId && f.tag === tag);
    return {
      status: 200,
      body: {
        files: files.map((f) => ({ url: `/filestore/v1/files/id?fileStoreId=${f.id}&tenantId=${f.tenantId}`, contentType: f.contentType })),
      },
    };
  });

/** `GET /filestore/v1/files/metadata` (StorageController.java:72-85): the domain Resource without its bytes. */
const getMetadata: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const f = findFile(req, slice);
    if (isResult(f)) return f;
    return {
      status: 200,
      body: { contentType: f.contentType, fileName: f.storageName ?? f.fileName, resource: null, tenantId: f.tenantId, fileSize: `${f.size} bytes` },
    };
  });

/** `GET /filestore/v1/files/id` (StorageController.java:55-70): the bytes as an attachment named as stored. */
const download: OperationHandler<FilestoreSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const f = findFile(req, slice);
    if (isResult(f)) return f;
    const data = bytesOf(filestoreSettings(ctx).store, f);
    if (data === undefined) {
      return customException(FilestoreErrors.download, `The bytes of file ${f.id} are not in this mock's file store (a state restored from elsewhere, or pruned).`);
    }
    return { status: 200, raw: { contentType: f.contentType, data }, headers: { "content-disposition": contentDisposition(downloadName(f)) } };
  });

export const filestoreService: ServiceModule<FilestoreSlice> = {
  key: "filestore",
  publicState,
  initialState: () => ({ files: {} }),
  handlers: {
    "filestore.upload": upload,
    "filestore.getUrl": getUrl,
    "filestore.searchByTag": searchByTag,
    "filestore.getMetadata": getMetadata,
    "filestore.download": download,
  },
};
