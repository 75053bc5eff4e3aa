/**
 * StorageValidator (egov-filestore/src/main/java/org/egov/filestore/validator/StorageValidator.java:29-71): the
 * lower-cased extension must be a key of `allowed.formats.map`, the type Tika detects in the bytes must be one
 * the extension allows, and so must the part's declared Content-Type.
 */

/** `allowed.formats.map` (egov-filestore/src/main/resources/application.properties:44), in its order. */
export const ALLOWED_FORMATS: ReadonlyMap<string, readonly string[]> = new Map([
  ["jpg", ["image/jpg", "image/jpeg"]],
  ["jpeg", ["image/jpeg", "image/jpg"]],
  ["png", ["image/png"]],
  ["pdf", ["application/pdf"]],
  ["odt", ["application/vnd.oasis.opendocument.text"]],
  ["ods", ["application/vnd.oasis.opendocument.spreadsheet"]],
  ["docx", ["application/x-tika-msoffice", "application/x-tika-ooxml", "application/vnd.oasis.opendocument.text"]],
  ["doc", ["application/x-tika-msoffice", "application/x-tika-ooxml", "application/vnd.oasis.opendocument.text"]],
  ["dxf", ["text/plain"]],
  ["csv", ["text/plain"]],
  ["txt", ["text/plain"]],
  ["xlsx", ["application/x-tika-ooxml", "application/x-tika-msoffice"]],
  ["xls", ["application/x-tika-ooxml", "application/x-tika-msoffice"]],
]);

/** `image.formats` (application.properties:38): thumbnails are made, and signed URLs come four to a file. */
export const IMAGE_FORMATS: ReadonlySet<string> = new Set(["png", "jpeg", "jpg"]);

const KEY_SET = `[${[...ALLOWED_FORMATS.keys()].join(", ")}]`;

export const ValidationMessages = {
  extension: (ext: string) => `Inalvid input provided for file : ${ext}, please upload any of the allowed formats : ${KEY_SET}`,
  content: `Inalvid input provided for file, the extension does not match the file format. Please upload any of the allowed formats : ${KEY_SET}`,
  contentType: "Invalid Content Type",
} as const;

/** Commons IO `FilenameUtils.getExtension`: after the last dot, unless a path separator follows it. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const separator = Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\"));
  return dot === -1 || separator > dot ? "" : fileName.slice(dot + 1);
}

const startsWith = (data: Uint8Array, bytes: number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);
const ascii = (data: Uint8Array, from: number, length: number) => Buffer.from(data.subarray(from, from + length)).toString("latin1");

/**
 * The type Tika would detect, approximated from magic numbers (the mock has no Tika): PDF, PNG, JPEG, ZIP-based
 * office documents (OOXML, OpenDocument), OLE2 office documents, XML/HTML, and plain text; else
 * `application/octet-stream`.
 */
export function detectType(data: Uint8Array): string {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46])) return "application/pdf";
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47])) return "image/png";
  if (startsWith(data, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0])) return "application/x-tika-msoffice";
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    const head = ascii(data, 30, 80);
    if (head.startsWith("mimetypeapplication/vnd.oasis.opendocument.text")) return "application/vnd.oasis.opendocument.text";
    if (head.startsWith("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) return "application/vnd.oasis.opendocument.spreadsheet";
    return "application/x-tika-ooxml";
  }
  const sample = data.subarray(0, 8192);
  const text = ascii(sample, 0, sample.length).replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart().toLowerCase();
  if (text.startsWith("<?xml")) return "application/xml";
  if (text.startsWith("<!doctype html") || text.startsWith("<html")) return "text/html";
  let control = 0;
  for (const b of sample) {
    if (b === 0) return "application/octet-stream";
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control += 1;
  }
  return control * 10 > sample.length ? "application/octet-stream" : "text/plain";
}

/** DIGIT's message when the file fails, else null. Office formats accept any ZIP or OLE2 container. */
export function validateFile(fileName: string, contentType: string | null, data: Uint8Array): string | null {
  const ext = extensionOf(fileName).toLowerCase();
  const allowed = ALLOWED_FORMATS.get(ext);
  if (allowed === undefined) return ValidationMessages.extension(ext);
  let detected = detectType(data);
  // Tika tells OOXML, OLE2 and OpenDocument apart by reading inside the container; the mock only sees its magic.
  const office = ["application/x-tika-ooxml", "application/x-tika-msoffice", "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet"];
  if (office.includes(detected) && allowed.some((t) => office.includes(t))) detected = allowed[0] as string;
  if (!allowed.includes(detected)) return ValidationMessages.content;
  if (contentType === null || !allowed.includes(contentType)) return ValidationMessages.contentType;
  return null;
}
