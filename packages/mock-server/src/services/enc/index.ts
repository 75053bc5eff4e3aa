/**
 * egov-enc-service: encrypt/decrypt any JSON value leaf by leaf, sign/verify, key rotation
 * (egov-enc-service/src/main/java/org/egov/enc). Bodies carry no RequestInfo; failures answer as errors.ts says.
 */
import { BARE_JSON } from "../../core/body.js";
import type { MockContext, OperationHandler, OperationRequest, ServiceModule } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { ownGet } from "../shared/own.js";
import type { EncSlice, TenantKey } from "./crypto.js";
import { activeKey, addKey, CipherError, decryptText, encryptText, hasActiveKey, parseWire, sign, verify } from "./crypto.js";
import { bootError, EncErrors } from "./errors.js";

export type { EncSlice } from "./crypto.js";

/** `type.to.method.map` (egov-enc-service/src/main/resources/application.properties:48). */
export const ENCRYPTION_TYPES: Readonly<Record<string, "SYM" | "ASY">> = { Normal: "SYM", Imp: "ASY" };

/** Java's `value.toString()` of a JSON leaf. */
const leafText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** ProcessJSONUtil.processJSON (:41-117): every non-null leaf is encrypted or decrypted; null stays null. */
function processJson(value: unknown, leaf: (text: string) => string): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => processJson(v, leaf));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, processJson(v, leaf)]));
  return leaf(leafText(value));
}

/**
 * Tenants with keys: DIGIT generates them at start for the state tenant's `tenant.tenants` codes and every
 * dot-prefix of them (KeyManagementService.java:117-130). The mock knows every tenant of its tenant directory.
 */
function hasKeys(ctx: MockContext, tenantId: string | null): tenantId is string {
  if (tenantId === null) return false;
  if (ctx.tenants.isKnown(tenantId)) return true;
  return ctx.tenants.list().some((t) => t.startsWith(`${tenantId}.`));
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);

/** Body `{encryptionRequests: [{tenantId, type, value}]}` → a bare array, one encrypted value per request. */
const encrypt: OperationHandler<EncSlice> = (req, ctx, slice) => {
  const items = req.body["encryptionRequests"];
  if (!Array.isArray(items)) return bootError(req, ctx.now(), 400, "encryptionRequests must not be null");
  // Checked per item in order (EncryptionService.java:31-41); nothing is written before all pass.
  for (const raw of items) {
    const item = isRecord(raw) ? raw : {};
    const tenantId = str(item["tenantId"]);
    if (!hasKeys(ctx, tenantId)) return bootError(req, ctx.now(), 500, EncErrors.tenantNotFound(tenantId));
    const type = str(item["type"]);
    if (type === null || !Object.hasOwn(ENCRYPTION_TYPES, type)) return bootError(req, ctx.now(), 500, EncErrors.invalidType(type));
  }
  const out = items.map((raw) => {
    const item = raw as Record<string, unknown>;
    const key = activeKey(slice, str(item["tenantId"]) as string, ctx.now());
    return processJson(item["value"], (plain) => encryptText(key, plain));
  });
  return { status: 200, body: out };
};

/** The JSON value a request carried: a bare value (array, string...) or the object itself, RequestInfo included. */
function bodyValue(req: OperationRequest): unknown {
  const body = req.body as unknown;
  if (isRecord(body) && (body as Record<symbol, unknown>)[BARE_JSON] === true) return body["value"];
  return body;
}

/** The body is the encrypted structure itself; the same shape comes back, decrypted. */
const decrypt: OperationHandler<EncSlice> = (req, ctx, slice) => {
  try {
    return { status: 200, body: processJson(bodyValue(req), (text) => decryptText(slice, text)) };
  } catch (error) {
    if (error instanceof CipherError) return bootError(req, ctx.now(), 500, error.message);
    throw error;
  }
};

const signHandler: OperationHandler<EncSlice> = (req, ctx, slice) => {
  const tenantId = str(req.body["tenantId"]);
  const value = str(req.body["value"]);
  if (tenantId === null || value === null) return bootError(req, ctx.now(), 400, "tenantId and value must not be null");
  if (!hasKeys(ctx, tenantId)) return bootError(req, ctx.now(), 500, EncErrors.tenantNotFound(tenantId));
  return { status: 200, body: { value, signature: sign(activeKey(slice, tenantId, ctx.now()), value) } };
};

const verifyHandler: OperationHandler<EncSlice> = (req, ctx, slice) => {
  const value = str(req.body["value"]);
  const signature = str(req.body["signature"]);
  if (value === null || signature === null) return bootError(req, ctx.now(), 400, "value and signature must not be null");
  // The signature is parsed while the body is read: a bad one makes the body unreadable (HTTP 400).
  const wire = parseWire(signature);
  if (wire === undefined) return bootError(req, ctx.now(), 400, EncErrors.invalidSignature(signature));
  const verified = verify(slice, value, wire);
  // An unknown key id is a NullPointerException in SignatureService.hashAndVerify.
  if (verified === undefined) return bootError(req, ctx.now(), 500, "NullPointerException");
  return { status: 200, body: { verified } };
};

/** Deactivates the tenant's active keys and makes new ones; a tenant without an active key is "DB Exception". */
const rotateKey: OperationHandler<EncSlice> = (req, ctx, slice) => {
  const tenantId = str(req.body["tenantId"]);
  if (tenantId === null) return bootError(req, ctx.now(), 400, "tenantId must not be null");
  if (!hasKeys(ctx, tenantId) && !hasActiveKey(slice, tenantId)) return bootError(req, ctx.now(), 500, EncErrors.dbException);
  activeKey(slice, tenantId, ctx.now());
  addKey(slice, tenantId, ctx.now());
  return { status: 200, body: { acknowledged: true } };
};

/** Every tenant gets a new key; `tenantId` is required (RotateKeyRequest) but unused. */
const rotateAllKeys: OperationHandler<EncSlice> = (req, ctx, slice) => {
  if (str(req.body["tenantId"]) === null) return bootError(req, ctx.now(), 400, "tenantId must not be null");
  for (const tenantId of Object.keys(slice.keys)) addKey(slice, tenantId, ctx.now());
  return { status: 200, body: { acknowledged: true } };
};

/** A key without its secrets, as the control API may show it. */
export type PublicTenantKey = Omit<TenantKey, "secret" | "signingSecret">;

/** The enc slice without key material, for `GET /_mock/state` and logs (the module's publicState). */
export function publicState(slice: EncSlice): { keys: Record<string, PublicTenantKey[]> } {
  const keys: Record<string, PublicTenantKey[]> = {};
  for (const tenantId of Object.keys(slice.keys)) {
    const versions = ownGet(slice.keys, tenantId) ?? [];
    Object.defineProperty(keys, tenantId, {
      value: versions.map(({ keyId, tenantId: t, version, active, createdTime }) => ({ keyId, tenantId: t, version, active, createdTime })),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { keys };
}

export const encService: ServiceModule<EncSlice> = {
  key: "enc",
  publicState,
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
