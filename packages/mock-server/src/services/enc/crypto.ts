/**
 * The mock's key store and primitives: AES-256-GCM per tenant key version for `_encrypt`/`_decrypt`,
 * HMAC-SHA256 for `_sign`/`_verify`. Wire format like DIGIT's: `<keyId>|<base64>`; the base64 holds
 * iv (12 bytes) + auth tag (16 bytes) + ciphertext.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export interface TenantKey {
  keyId: number;
  tenantId: string;
  version: number;
  active: boolean;
  createdTime: number;
  /** Base64 AES-256 key. */
  secret: string;
  /** Base64 HMAC key. */
  signingSecret: string;
}

export interface EncSlice {
  /** Key versions per tenant, oldest first; the last one is active. */
  keys: Record<string, TenantKey[]>;
}

export class CipherError extends Error {}

function allKeys(slice: EncSlice): TenantKey[] {
  return Object.values(slice.keys).flat();
}

export function keyById(slice: EncSlice, keyId: number): TenantKey | undefined {
  return allKeys(slice).find((k) => k.keyId === keyId);
}

/** Adds a new active key version for the tenant (old versions stay for decryption). */
export function addKey(slice: EncSlice, tenantId: string, now: number): TenantKey {
  const used = new Set(allKeys(slice).map((k) => k.keyId));
  let keyId = randomInt(100_000, 1_000_000);
  while (used.has(keyId)) keyId = randomInt(100_000, 1_000_000);
  const versions = (slice.keys[tenantId] ??= []);
  for (const k of versions) k.active = false;
  const key: TenantKey = {
    keyId,
    tenantId,
    version: versions.length + 1,
    active: true,
    createdTime: now,
    secret: randomBytes(32).toString("base64"),
    signingSecret: randomBytes(32).toString("base64"),
  };
  versions.push(key);
  return key;
}

export function activeKey(slice: EncSlice, tenantId: string, now: number): TenantKey {
  const versions = slice.keys[tenantId] ?? [];
  return versions.find((k) => k.active) ?? addKey(slice, tenantId, now);
}

export function encryptText(key: TenantKey, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key.secret, "base64"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${key.keyId}|${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** Splits `<keyId>|<base64>`; undefined when the text is not in that form. */
export function parseWire(text: string): { keyId: number; payload: Buffer } | undefined {
  const match = /^(\d+)\|([A-Za-z0-9+/=]+)$/.exec(text);
  if (match === null) return undefined;
  return { keyId: Number(match[1]), payload: Buffer.from(match[2] as string, "base64") };
}

export function decryptText(slice: EncSlice, text: string): string {
  const wire = parseWire(text);
  if (wire === undefined) throw new CipherError(`'${text.slice(0, 12)}…' is not an encrypted value of the form <keyId>|<base64>`);
  const key = keyById(slice, wire.keyId);
  if (key === undefined) throw new CipherError(`no key with id ${wire.keyId}`);
  if (wire.payload.length < 29) throw new CipherError("the ciphertext is truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(key.secret, "base64"), wire.payload.subarray(0, 12));
    decipher.setAuthTag(wire.payload.subarray(12, 28));
    return Buffer.concat([decipher.update(wire.payload.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new CipherError(`the value encrypted with key ${wire.keyId} was tampered with or is corrupt`);
  }
}

function hmac(key: TenantKey, value: string): Buffer {
  return createHmac("sha256", Buffer.from(key.signingSecret, "base64")).update(value, "utf8").digest();
}

export function sign(key: TenantKey, value: string): string {
  return `${key.keyId}|${hmac(key, value).toString("base64")}`;
}

export function verify(slice: EncSlice, value: string, signature: string): boolean {
  const wire = parseWire(signature);
  const key = wire === undefined ? undefined : keyById(slice, wire.keyId);
  if (wire === undefined || key === undefined) return false;
  const expected = hmac(key, value);
  return expected.length === wire.payload.length && timingSafeEqual(expected, wire.payload);
}
