/** A multipart body: field → string, number, Blob/File, or a list of them (several `file` parts). */
export type MultipartFields = Record<string, string | number | boolean | Blob | readonly (string | Blob)[] | undefined>;

/** Form-urlencoded body (the OAuth token endpoint). */
export function toForm(fields: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) form.append(k, String(v));
  return form;
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
        if (item instanceof Blob) form.append(k, item, (item as { name?: string }).name || "file");
        else form.append(k, String(item));
      }
    }
  }
  if (!form.has("tenantId")) form.append("tenantId", tenantId);
  return form;
}
