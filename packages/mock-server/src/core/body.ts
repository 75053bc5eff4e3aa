/**
 * Request body decoding: JSON, form-urlencoded and (rarely) multipart through the web `Request.formData()`.
 * Returns either the decoded body or a DIGIT error result (400/413/415).
 */
import type { BodyEncoding } from "@digit-kit/sdk/routes";
import { dict, getOwn } from "./dict.js";
import { digitFail, ErrorCodes } from "./errors.js";
import type { OperationResult, UploadedFile } from "./types.js";

export type RawBody = Uint8Array | string | Record<string, unknown> | null | undefined;

/**
 * Set (non-enumerable) on the `{value}` wrapper of a bare JSON value (array, string, number...) sent to a route
 * whose body is any JSON (enc `_decrypt`), so a handler can tell it from a real `{"value": ...}` object.
 */
export const BARE_JSON = Symbol.for("digit-kit.bareJson");

export interface DecodedBody {
  body: Record<string, unknown>;
  files: UploadedFile[];
}

export interface BodyLimits {
  maxBytes: number;
  maxArrayItems: number;
  /**
   * Keys of one object. A single object with hundreds of thousands of keys costs V8 seconds to parse, walk and copy
   * (dictionary-mode objects), stalling every other client of the mock; no DIGIT payload comes near this.
   */
  maxObjectKeys: number;
  maxDepth: number;
}

export const defaultBodyLimits: BodyLimits = { maxBytes: 5 * 1024 * 1024, maxArrayItems: 10_000, maxObjectKeys: 10_000, maxDepth: 64 };

/**
 * Multipart bodies (filestore uploads) may be larger: DIGIT accepts 5 MB per file and 30 MB per request
 * (egov-filestore/src/main/resources/application.properties:70-71), checked by the filestore handler; this
 * transport limit leaves room for the multipart framing.
 */
export const MULTIPART_MAX_BYTES = 31 * 1024 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: false });

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

function byteLength(raw: RawBody): number {
  if (raw == null) return 0;
  if (typeof raw === "string") return Buffer.byteLength(raw);
  if (raw instanceof Uint8Array) return raw.byteLength;
  return 0;
}

/** Decode `raw` for a route whose wire encoding is `encoding`. */
export async function decodeBody(
  raw: RawBody,
  contentType: string | undefined,
  encoding: BodyEncoding,
  limits: BodyLimits,
  /** The route's body schema is not an object (e.g. enc `_decrypt` takes any JSON): wrap it as `{value}`. */
  anyJson = false,
): Promise<DecodedBody | OperationResult> {
  const size = byteLength(raw);
  const type = mediaType(contentType);
  const maxBytes = type === "multipart/form-data" ? Math.max(limits.maxBytes, MULTIPART_MAX_BYTES) : limits.maxBytes;
  if (size > maxBytes) {
    return digitFail(413, ErrorCodes.payloadTooLarge, `Request body is ${size} bytes; the mock accepts at most ${maxBytes} bytes.`);
  }
  const empty = raw == null || size === 0 && !(typeof raw === "object" && !(raw instanceof Uint8Array));
  if (raw != null && typeof raw === "object" && !(raw instanceof Uint8Array)) {
    return checkShape(raw, limits) ?? { body: raw, files: [] };
  }
  if (empty) return { body: {}, files: [] };
  const text = typeof raw === "string" ? raw : decoder.decode(raw as Uint8Array);

  if (type === "application/x-www-form-urlencoded") {
    const body = dict<unknown>();
    for (const [k, v] of new URLSearchParams(text)) appendField(body, k, v);
    return { body, files: [] };
  }
  if (type === "multipart/form-data") {
    if (encoding !== "multipart") return unsupported(type, encoding);
    return decodeMultipart(raw as Uint8Array | string, contentType!);
  }
  const jsonish = type === "" || type === "application/json" || type.endsWith("+json") || type === "text/json";
  if (!jsonish || encoding === "multipart" || encoding === "form") return unsupported(type, encoding);
  // Checked on the text, before parsing: parsing an object of 300k keys alone blocks the mock for seconds.
  const tooBig = scanShape(text, limits);
  if (tooBig) return tooBig;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return digitFail(400, ErrorCodes.invalidRequestBody, `Request body is not valid JSON: ${(err as Error).message}.`);
  }
  if (anyJson && (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))) {
    const wrapped: Record<string, unknown> = { value: parsed };
    Object.defineProperty(wrapped, BARE_JSON, { value: true });
    return checkShape(wrapped, limits) ?? { body: wrapped, files: [] };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return digitFail(400, ErrorCodes.invalidRequestBody, "Request body must be a JSON object ({\"RequestInfo\": {...}, ...}).");
  }
  return { body: parsed as Record<string, unknown>, files: [] };
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COLON = 58;
const COMMA = 44;

/**
 * `checkShape` on JSON text, in one pass over the characters: nesting depth, array items (commas + 1) and object
 * keys (colons) per container. Invalid JSON is left to JSON.parse (the counts may then be off, never the verdict
 * of a valid document).
 */
function scanShape(text: string, limits: BodyLimits): OperationResult | null {
  const counts: number[] = [];
  const isArray: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: to the next quote not escaped by an odd number of backslashes.
      for (;;) {
        const end = text.indexOf('"', i + 1);
        if (end === -1) return null;
        let slashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === BACKSLASH; j--) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      counts.push(0);
      isArray.push(c === OPEN_ARRAY);
      if (counts.length - 1 > limits.maxDepth) {
        return digitFail(400, ErrorCodes.invalidRequest, `Request body nests deeper than ${limits.maxDepth} levels.`);
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      counts.pop();
      isArray.pop();
    } else if (c === COLON && counts.length > 0 && !isArray[isArray.length - 1]) {
      const n = (counts[counts.length - 1] = counts[counts.length - 1]! + 1);
      if (n > limits.maxObjectKeys) {
        return digitFail(400, ErrorCodes.invalidRequest, `Request body has an object with more than ${limits.maxObjectKeys} keys; the mock accepts at most ${limits.maxObjectKeys}.`);
      }
    } else if (c === COMMA && counts.length > 0 && isArray[isArray.length - 1]) {
      const n = (counts[counts.length - 1] = counts[counts.length - 1]! + 1);
      if (n + 1 > limits.maxArrayItems) {
        return digitFail(400, ErrorCodes.invalidRequest, `Request body has an array of more than ${limits.maxArrayItems} items; the mock accepts at most ${limits.maxArrayItems}.`);
      }
    }
  }
  return null;
}

/** Repeated form fields join with commas, as Spring binds them to a list. */
function appendField(body: Record<string, unknown>, key: string, value: string): void {
  const had = getOwn(body, key);
  body[key] = had === undefined ? value : `${String(had)},${value}`;
}

function unsupported(type: string, encoding: BodyEncoding): OperationResult {
  const want = encoding === "form" ? "application/x-www-form-urlencoded" : encoding === "multipart" ? "multipart/form-data" : "application/json";
  return digitFail(415, ErrorCodes.unsupportedMediaType, `Content-Type "${type || "(none)"}" is not supported here; send ${want}.`);
}

/** Reject bodies with arrays or objects larger than the limits or nesting deeper than the limit (iteratively: no stack blow-up). */
function checkShape(body: Record<string, unknown>, limits: BodyLimits): OperationResult | null {
  const stack: [unknown, number][] = [[body, 0]];
  let visited = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (++visited > 2_000_000) break;
    if (depth > limits.maxDepth) {
      return digitFail(400, ErrorCodes.invalidRequest, `Request body nests deeper than ${limits.maxDepth} levels.`);
    }
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayItems) {
        return digitFail(400, ErrorCodes.invalidRequest, `Request body has an array of ${v.length} items; the mock accepts at most ${limits.maxArrayItems}.`);
      }
      for (const x of v) if (x !== null && typeof x === "object") stack.push([x, depth + 1]);
    } else {
      // for-in, not Object.values: no array of every value is built (3x faster on a large object).
      let keys = 0;
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (++keys > limits.maxObjectKeys) {
          return digitFail(400, ErrorCodes.invalidRequest, `Request body has an object with more than ${limits.maxObjectKeys} keys; the mock accepts at most ${limits.maxObjectKeys}.`);
        }
        const x = o[k];
        if (x !== null && typeof x === "object") stack.push([x, depth + 1]);
      }
    }
  }
  return null;
}

async function decodeMultipart(raw: Uint8Array | string, contentType: string): Promise<DecodedBody | OperationResult> {
  let form: FormData;
  try {
    form = await new Request("http://mock.invalid/", { method: "POST", headers: { "content-type": contentType }, body: raw as BodyInit }).formData();
  } catch (err) {
    return digitFail(400, ErrorCodes.invalidRequestBody, `Multipart body could not be parsed: ${(err as Error).message}.`);
  }
  return fromFormData(form);
}

/** Turn a FormData into fields + files (used by the msw/fetch transport, which already has a FormData). */
export async function fromFormData(form: FormData): Promise<DecodedBody> {
  const body = dict<unknown>();
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") appendField(body, field, value);
    else {
      files.push({
        field,
        fileName: value.name || "file",
        contentType: value.type || "application/octet-stream",
        data: new Uint8Array(await value.arrayBuffer()),
      });
    }
  }
  return { body, files };
}
