/** egov-enc-service: encrypt/decrypt any JSON value leaf by leaf, sign/verify, key rotation. */
import type { DigitErrorItem, OperationHandler, ServiceModule } from "../../core/types.js";
import { digitError, handle, reject, rejectAll } from "../shared/respond.js";
import { isRecord, recordsAt, str } from "../shared/values.js";
import type { EncSlice } from "./crypto.js";
import { activeKey, addKey, CipherError, decryptText, encryptText, sign, verify } from "./crypto.js";

export type { EncSlice } from "./crypto.js";

/** Encrypts every primitive leaf (numbers and booleans as their string form, like DIGIT); null stays null. */
function encryptValue(value: unknown, encrypt: (plain: string) => string): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => encryptValue(v, encrypt));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encryptValue(v, encrypt)]));
  return encrypt(String(value));
}

function decryptValue(value: unknown, decrypt: (text: string) => string): unknown {
  if (typeof value === "string") return decrypt(value);
  if (Array.isArray(value)) return value.map((v) => decryptValue(v, decrypt));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decryptValue(v, decrypt)]));
  return value;
}

/** Body `{encryptionRequests: [{tenantId, type, value}]}` → a bare array of encrypted values, one per request. */
const encrypt: OperationHandler<EncSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = recordsAt(req.body, "encryptionRequests");
    if (items.length === 0) reject("INVALID_REQUEST", "encryptionRequests must hold at least one {tenantId, type, value}.", ["encryptionRequests"]);
    const errors: DigitErrorItem[] = items.flatMap((item, i) =>
      str(item["tenantId"]) === undefined ? [digitError("INVALID_REQUEST", `encryptionRequests[${i}].tenantId is required.`, [String(i)])] : [],
    );
    rejectAll(errors);
    const out = items.map((item) => {
      const key = activeKey(slice, str(item["tenantId"]) as string, ctx.now());
      return encryptValue(item["value"], (plain) => encryptText(key, plain));
    });
    return { status: 200, body: out };
  });

/** The body is the encrypted structure itself (DIGIT posts the bare array or object); same shape back, decrypted. */
const decrypt: OperationHandler<EncSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const raw: unknown = req.body;
    // The transport may wrap a bare JSON array; accept `{value: ...}` too. RequestInfo is never part of the data.
    let data: unknown = raw;
    if (isRecord(raw)) {
      const { RequestInfo: _info, ...rest } = raw;
      data = "value" in rest && Object.keys(rest).length === 1 ? rest["value"] : rest;
    }
    try {
      return { status: 200, body: decryptValue(data, (text) => decryptText(slice, text)) };
    } catch (error) {
      if (error instanceof CipherError) reject("DECRYPTION_FAILED", `Cannot decrypt: ${error.message}.`);
      throw error;
    }
  });

const signHandler: OperationHandler<EncSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.body["tenantId"]);
    const value = req.body["value"];
    if (tenantId === undefined || typeof value !== "string") reject("INVALID_REQUEST", "_sign needs {tenantId, value} with a string value.");
    return { status: 200, body: { value, signature: sign(activeKey(slice, tenantId, ctx.now()), value) } };
  });

const verifyHandler: OperationHandler<EncSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const value = req.body["value"];
    const signature = req.body["signature"];
    if (typeof value !== "string" || typeof signature !== "string") reject("INVALID_REQUEST", "_verify needs {value, signature} strings.");
    return { status: 200, body: { verified: verify(slice, value, signature) } };
  });

const rotateKey: OperationHandler<EncSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.body["tenantId"]);
    if (tenantId === undefined) reject("INVALID_REQUEST", "_rotatekey needs {tenantId}.", ["tenantId"]);
    addKey(slice, tenantId, ctx.now());
    return { status: 200, body: { acknowledged: true } };
  });

const rotateAllKeys: OperationHandler<EncSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    for (const tenantId of Object.keys(slice.keys)) addKey(slice, tenantId, ctx.now());
    return { status: 200, body: { acknowledged: true } };
  });

export const encService: ServiceModule<EncSlice> = {
  key: "enc",
  initialState: () => ({ keys: {} }),
  handlers: {
    "enc.encrypt": encrypt,
    "enc.decrypt": decrypt,
    "enc.sign": signHandler,
    "enc.verify": verifyHandler,
    "enc.rotateKey": rotateKey,
    "enc.rotateAllKeys": rotateAllKeys,
  },
};
