/**
 * The mock's key store and primitives: AES-256-GCM per tenant key version for `_encrypt`/`_decrypt`,
 * HMAC-SHA256 for `_sign`/`_verify`. Wire format like DIGIT's: `<keyId>|<base64>`; the base64 holds
 * iv (12 bytes) + auth tag (16 bytes) + ciphertext.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { ownEnsure, ownGet } from "../shared/own.js";

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
  /** Key versions per tenant, oldest first; the last one is active (read and written through services/shared/own.ts). */
  keys: Record<string, TenantKey[]>;
}

/** A value is not `<keyId>|<ciphertext>`, names no key, or does not decrypt; `message` is DIGIT's. */
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
  const versions = ownEnsure(slice.keys, tenantId, (): TenantKey[] => []);
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
  const versions = ownGet(slice.keys, tenantId) ?? [];
  return versions.find((k) => k.active) ?? addKey(slice, tenantId, now);
}

/** Whether the tenant has an active key now (without creating one). */
export function hasActiveKey(slice: EncSlice, tenantId: string): boolean {
  return (ownGet(slice.keys, tenantId) ?? []).some((k) => k.active);
}

export function encryptText(key: TenantKey, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key.secret, "base64"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${key.keyId}|${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/**
 * DIGIT's `new Ciphertext(text)` / `new Signature(text)`: split on `|`, the first part `Integer.parseInt`, the
 * second the payload (ENC/models/Ciphertext.java:16-22); undefined when that fails.
 */
export function parseWire(text: string): { keyId: number; payload: string } | undefined {
  const parts = text.split("|");
  const id = parts[0] as string;
  if (parts.length < 2 || !/^[+-]?\d{1,10}$/.test(id)) return undefined;
  const keyId = Number(id);
  if (keyId > 2147483647 || keyId < -2147483648) return undefined;
  return { keyId, payload: parts[1] as string };
}

/** Decrypts one leaf; throws CipherError with DIGIT's message. */
export function decryptText(slice: EncSlice, text: string): string {
  const wire = parseWire(text);
  if (wire === undefined) throw new CipherError(`${text}: Invalid Ciphertext`);
  const key = keyById(slice, wire.keyId);
  if (key === undefined) throw new CipherError("Key not found in the database");
  const payload = Buffer.from(wire.payload, "base64");
  if (payload.length < 29) throw new CipherError("Tag mismatch");
  try {
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(key.secret, "base64"), payload.subarray(0, 12));
    decipher.setAuthTag(payload.subarray(12, 28));
    return Buffer.concat([decipher.update(payload.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new CipherError("Tag mismatch");
  }
}

function hmac(key: TenantKey, value: string): Buffer {
  return createHmac("sha256", Buffer.from(key.signingSecret, "base64")).update(value, "utf8").digest();
}

export function sign(key: TenantKey, value: string): string {
  return `${key.keyId}|${hmac(key, value).toString("base64")}`;
}

/** True when `signature` (already parsed) is the value's signature; undefined when its key does not exist. */
export function verify(slice: EncSlice, value: string, wire: { keyId: number; payload: string }): boolean | undefined {
  const key = keyById(slice, wire.keyId);
  if (key === undefined) return undefined;
  const expected = hmac(key, value);
  const given = Buffer.from(wire.payload, "base64");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
