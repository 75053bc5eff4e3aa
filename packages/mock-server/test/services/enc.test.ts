import { describe, expect, it } from "vitest";
import { BARE_JSON } from "../../src/core/body.js";
import { encService, publicState, type EncSlice } from "../../src/services/enc/index.js";
import { bodyOf, caller, fakeContext, Harness, role } from "./helpers.js";

function setup(known: (t: string) => boolean = () => true) {
  const ctx = fakeContext();
  ctx.tenants.isKnown = known;
  const h = new Harness(encService, ctx);
  const me = caller(ctx, [role("SYSTEM")]);
  const encryptRes = (encryptionRequests: unknown[]) => h.call("enc.encrypt", { caller: me, rawBody: { encryptionRequests } });
  const encrypt = (encryptionRequests: unknown[]) => encryptRes(encryptionRequests).body as unknown[];
  /** `_decrypt` as the transport hands it over: a bare value wrapped and marked, an object as is. */
  const decrypt = (data: unknown) => {
    let body: Record<string, unknown>;
    if (data !== null && typeof data === "object" && !Array.isArray(data)) body = data as Record<string, unknown>;
    else {
      body = { value: data };
      Object.defineProperty(body, BARE_JSON, { value: true });
    }
    return h.call("enc.decrypt", { caller: me, rawBody: body });
  };
  return { ctx, h, me, encrypt, encryptRes, decrypt };
}

describe("enc", () => {
  it("encrypts every leaf as <keyId>|<base64> for types Normal and Imp and decrypts back", () => {
    const { encrypt, decrypt } = setup();
    const [email, list, nested] = encrypt([
      { tenantId: "pb", type: "Imp", value: "me@example.org" },
      { tenantId: "pb.amritsar", type: "Normal", value: ["Personal", "Private"] },
      { tenantId: "pb", type: "Normal", value: { user: { name: "John", age: 40, none: null } } },
    ]);
    expect(email).toMatch(/^\d{6}\|[A-Za-z0-9+/=]+$/);
    expect(String(email)).not.toContain("me@example.org");
    expect((list as string[])[0]).not.toBe("Personal");
    expect(decrypt([email, list, nested]).body).toEqual(["me@example.org", ["Personal", "Private"], { user: { name: "John", age: "40", none: null } }]);
    expect(decrypt(email).body).toBe("me@example.org");
    // `value` is an ordinary key of an object body, not a wrapper.
    expect(decrypt({ value: email }).body).toEqual({ value: "me@example.org" });
  });

  it("uses different keys per tenant and never repeats a ciphertext", () => {
    const { encrypt } = setup();
    const [a, b, c] = encrypt([
      { tenantId: "pb", type: "Normal", value: "same" },
      { tenantId: "pb", type: "Normal", value: "same" },
      { tenantId: "mh", type: "Normal", value: "same" },
    ]) as string[];
    expect(a).not.toBe(b);
    expect(a?.split("|")[0]).toBe(b?.split("|")[0]);
    expect(c?.split("|")[0]).not.toBe(a?.split("|")[0]);
  });

  it("answers DIGIT's failures with Spring Boot's default body: 500 without a code, the message in x-digit-mock-error", () => {
    const { encrypt, encryptRes, decrypt } = setup((t) => t.startsWith("pb"));
    const bad = encryptRes([{ tenantId: "pb", type: "Important", value: "s" }]);
    expect(bad.status).toBe(500);
    expect(bodyOf(bad)).toMatchObject({ status: 500, error: "Internal Server Error", path: "/egov-enc-service/crypto/v1/_encrypt" });
    expect(bad.headers?.["x-digit-mock-error"]).toBe("Important is an Invalid Data Type");
    expect(encryptRes([{ tenantId: "pb", value: "s" }]).headers?.["x-digit-mock-error"]).toBe("null is an Invalid Data Type");
    expect(encryptRes([{ tenantId: "zz", type: "Normal", value: "s" }]).headers?.["x-digit-mock-error"]).toBe("zz : Tenant Id not found");
    const [value] = encrypt([{ tenantId: "pb", type: "Normal", value: "secret" }]) as string[];
    const [keyId, payload = ""] = (value ?? "").split("|");
    const flipped = `${keyId}|${Buffer.from(Buffer.from(payload, "base64").map((b, i) => (i === 30 ? b ^ 1 : b))).toString("base64")}`;
    expect(decrypt([flipped]).status).toBe(500);
    expect(decrypt(["plain text"]).headers?.["x-digit-mock-error"]).toBe("plain text: Invalid Ciphertext");
    expect(decrypt([7]).headers?.["x-digit-mock-error"]).toBe("7: Invalid Ciphertext");
    expect(decrypt({ RequestInfo: { apiId: "x" } }).status).toBe(500);
    expect(decrypt([`999999|${payload}`]).headers?.["x-digit-mock-error"]).toBe("Key not found in the database");
  });

  it("signs and verifies; a malformed signature is a 400 and an unknown key a 500", () => {
    const { h, me } = setup();
    const signed = bodyOf(h.call("enc.sign", { caller: me, rawBody: { tenantId: "pb", value: "claim" } }));
    const verify = (value: string, signature: string) => h.call("enc.verify", { caller: me, rawBody: { value, signature } });
    const signature = String(signed["signature"]);
    expect(bodyOf(verify("claim", signature))).toEqual({ verified: true });
    expect(bodyOf(verify("claim!", signature))).toEqual({ verified: false });
    expect(verify("claim", "not-a-signature").status).toBe(400);
    expect(verify("claim", `999999|${signature.split("|")[1]}`).status).toBe(500);
  });

  it("rotates keys while old ciphertexts and signatures stay valid; _rotateallkeys needs a tenantId", () => {
    const { h, me, encrypt, decrypt } = setup();
    const [before] = encrypt([{ tenantId: "pb", type: "Normal", value: "old" }]) as string[];
    const sig = String(bodyOf(h.call("enc.sign", { caller: me, rawBody: { tenantId: "pb", value: "v" } }))["signature"]);
    expect(bodyOf(h.call("enc.rotateKey", { caller: me, rawBody: { tenantId: "pb" } }))["acknowledged"]).toBe(true);
    const [after] = encrypt([{ tenantId: "pb", type: "Normal", value: "new" }]) as string[];
    expect(after?.split("|")[0]).not.toBe(before?.split("|")[0]);
    expect(decrypt(before).body).toBe("old");
    expect(h.call("enc.rotateAllKeys", { caller: me, rawBody: {} }).status).toBe(400);
    expect(h.call("enc.rotateAllKeys", { caller: me, rawBody: { tenantId: "pb" } }).status).toBe(200);
    expect(decrypt(after).body).toBe("new");
    expect(bodyOf(h.call("enc.verify", { caller: me, rawBody: { value: "v", signature: sig } }))["verified"]).toBe(true);
  });

  it("keeps tenants like __proto__ as ordinary keys", () => {
    const { encrypt, decrypt, h } = setup();
    const [a, b] = encrypt([
      { tenantId: "__proto__", type: "Normal", value: "x" },
      { tenantId: "constructor", type: "Normal", value: "y" },
    ]) as string[];
    expect(decrypt([a, b]).body).toEqual(["x", "y"]);
    expect(Object.getPrototypeOf(h.slice.keys)).toBe(Object.prototype);
    expect(Object.keys(h.slice.keys)).toEqual(["__proto__", "constructor"]);
  });
});

describe("enc publicState", () => {
  it("shows key ids, versions and activity but no key material", () => {
    const { encrypt, h } = setup();
    encrypt([{ tenantId: "pb", type: "Normal", value: "s" }]);
    h.call("enc.rotateKey", { rawBody: { tenantId: "pb" } });
    const slice: EncSlice = h.slice;
    const shown = publicState(slice);
    expect(shown.keys["pb"]?.map((k) => [k.version, k.active])).toEqual([
      [1, false],
      [2, true],
    ]);
    const text = JSON.stringify(shown);
    for (const key of slice.keys["pb"] ?? []) {
      expect(text).not.toContain(key.secret);
      expect(text).not.toContain(key.signingSecret);
    }
    expect(text).not.toMatch(/secret/i);
    // The live slice keeps its secrets.
    expect(slice.keys["pb"]?.[0]?.secret).toBeTruthy();
  });
});
