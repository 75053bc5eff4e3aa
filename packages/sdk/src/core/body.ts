/** A multipart body: field → string, number, Blob/File, or a list of them (several `file` parts). */
export type MultipartFields = Record<string, string | number | boolean | Blob | readonly (string | Blob)[] | undefined>;

/** Form-urlencoded body (the OAuth token endpoint). */
export function toForm(fields: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) form.append(k, String(v));
  return form;
}

/**
 * An extension for a Blob's type, for Blobs without a name: DIGIT's filestore refuses a file whose name has no
 * extension it allows (jpg, jpeg, png, pdf, odt, ods, docx, doc, dxf, csv, txt, xlsx, xls).
 */
const EXTENSIONS: Record<string, string> = {
  "text/plain": "txt",
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/jpg": "jpg",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-excel": "xls",
};

function fileName(blob: Blob): string {
  const name = (blob as { name?: string }).name;
  if (name) return name;
  const ext = EXTENSIONS[blob.type.split(";")[0]!.trim().toLowerCase()];
  return ext ? `file.${ext}` : "file";
}

/** multipart/form-data body; `tenantId` defaults to the client's tenant (filestore requires it). */
export function toMultipart(body: FormData | MultipartFields, tenantId: string): FormData {
  let form: FormData;
  if (body instanceof FormData) {
    form = body;
  } else {
    form = new FormData();
    for (const [k, v] of Object.entries(body)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item instanceof Blob) form.append(k, item, fileName(item));
        else form.append(k, String(item));
      }
    }
  }
  if (!form.has("tenantId")) form.append("tenantId", tenantId);
  return form;
}
