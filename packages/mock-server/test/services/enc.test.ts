import { describe, expect, it } from "vitest";
import { encService } from "../../src/services/enc/index.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role } from "./helpers.js";

function setup() {
  const ctx = fakeContext();
  const h = new Harness(encService, ctx);
  const me = caller(ctx, [role("SYSTEM")]);
  const encrypt = (encryptionRequests: unknown[]) => h.call("enc.encrypt", { caller: me, body: { encryptionRequests } }).body as unknown[];
  const decrypt = (data: unknown) =>
    h.call("enc.decrypt", Array.isArray(data) ? { caller: me, rawBody: data } : { caller: me, body: data as Record<string, unknown> });
  return { h, me, encrypt, decrypt };
}

describe("enc", () => {
  it("encrypts every leaf as <keyId>|<base64> and decrypts back", () => {
    const { encrypt, decrypt } = setup();
    const [email, list, nested] = encrypt([
      { tenantId: "pb", type: "Important", value: "me@example.org" },
      { tenantId: "pb.amritsar", type: "Normal", value: ["Personal", "Private"] },
      { tenantId: "pb", type: "Normal", value: { user: { name: "John", mobileNumber: "9898912123" } } },
    ]);
    expect(email).toMatch(/^\d{6}\|[A-Za-z0-9+/=]+$/);
    expect(email).not.toBe("me@example.org");
    expect(String(email)).not.toContain("me@example.org");
    expect((list as string[])[0]).not.toBe("Personal");
    expect(decrypt([email, list, nested]).body).toEqual([
      "me@example.org",
      ["Personal", "Private"],
      { user: { name: "John", mobileNumber: "9898912123" } },
    ]);
    expect(decrypt({ RequestInfo: {}, value: email }).body).toBe("me@example.org");
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

  it("refuses tampered or foreign ciphertexts", () => {
    const { encrypt, decrypt } = setup();
    const [value] = encrypt([{ tenantId: "pb", type: "Normal", value: "secret" }]) as string[];
    const [keyId, payload = ""] = (value ?? "").split("|");
    const flipped = `${keyId}|${Buffer.from(Buffer.from(payload, "base64").map((b, i) => (i === 30 ? b ^ 1 : b))).toString("base64")}`;
    expect(errorCodes(decrypt({ value: flipped }))).toEqual(["DECRYPTION_FAILED"]);
    expect(errorCodes(decrypt({ value: "plain text" }))).toEqual(["DECRYPTION_FAILED"]);
    expect(errorCodes(decrypt({ value: `999999|${payload}` }))).toEqual(["DECRYPTION_FAILED"]);
  });

  it("signs and verifies, rejecting tampered values or signatures", () => {
    const { h, me } = setup();
    const signed = bodyOf(h.call("enc.sign", { caller: me, body: { tenantId: "pb", value: "claim" } }));
    const verify = (value: string, signature: string) => bodyOf(h.call("enc.verify", { caller: me, body: { value, signature } }))["verified"];
    const signature = String(signed["signature"]);
    expect(verify("claim", signature)).toBe(true);
    expect(verify("claim!", signature)).toBe(false);
    expect(verify("claim", signature.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBe(false);
    expect(verify("claim", "not-a-signature")).toBe(false);
  });

  it("rotates keys while old ciphertexts and signatures stay valid", () => {
    const { h, me, encrypt, decrypt } = setup();
    const [before] = encrypt([{ tenantId: "pb", type: "Normal", value: "old" }]) as string[];
    const sig = String(bodyOf(h.call("enc.sign", { caller: me, body: { tenantId: "pb", value: "v" } }))["signature"]);
    expect(bodyOf(h.call("enc.rotateKey", { caller: me, body: { tenantId: "pb" } }))["acknowledged"]).toBe(true);
    const [after] = encrypt([{ tenantId: "pb", type: "Normal", value: "new" }]) as string[];
    expect(after?.split("|")[0]).not.toBe(before?.split("|")[0]);
    expect(decrypt({ value: before }).body).toBe("old");
    h.call("enc.rotateAllKeys", { caller: me });
    expect(decrypt({ value: after }).body).toBe("new");
    expect(bodyOf(h.call("enc.verify", { caller: me, body: { value: "v", signature: sig } }))["verified"]).toBe(true);
    expect(errorCodes(h.call("enc.rotateKey", { caller: me, body: {} }))).toEqual(["INVALID_REQUEST"]);
  });
});
