/**
 * egov-enc-service: bodies carry no RequestInfo, so a caller without a token cannot pass the gateway; other
 * services call it inside the cluster. These behaviours therefore use the internal door.
 */
import { describe, expect } from "vitest";
import { behaviour, type DigitConnection } from "../src/index.js";

const ENC = "egov-enc-service/src/main/java/org/egov/enc";
const CRYPTO = "/egov-enc-service/crypto/v1";

const call = (digit: DigitConnection, op: string, body: unknown) => digit.post(`${CRYPTO}/${op}`, body, { door: "internal", raw: true });
const CIPHER = /^\d+\|\S+$/;

describe("enc", () => {
  behaviour(
    "_encrypt takes types Normal and Imp and answers a bare array, one element per request, leaves encrypted",
    [`${ENC}/services/EncryptionService.java:29`, "egov-enc-service/src/main/resources/application.properties:48"],
    async ({ digit, state }) => {
      const res = await call(digit, "_encrypt", {
        encryptionRequests: [
          { tenantId: state, type: "Normal", value: "s" },
          { tenantId: state, type: "Imp", value: { a: "x", n: 1, none: null } },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
      expect(res.body[0]).toMatch(CIPHER);
      expect(res.body[1].a).toMatch(CIPHER);
      expect(res.body[1].n).toMatch(CIPHER);
      expect(res.body[1].none).toBeNull();
    },
    { internal: true },
  );

  behaviour(
    "_decrypt takes any JSON (here a bare array, no RequestInfo) and answers the same shape decrypted",
    [`${ENC}/web/controllers/CryptoApiController.java:46`, `${ENC}/utils/ProcessJSONUtil.java:41`],
    async ({ digit, state }) => {
      const enc = await call(digit, "_encrypt", { encryptionRequests: [{ tenantId: state, type: "Normal", value: ["one", { two: "2" }] }] });
      const res = await call(digit, "_decrypt", enc.body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([["one", { two: "2" }]]);
    },
    { internal: true },
  );

  behaviour(
    "_decrypt of {\"value\": <ciphertext>} answers {\"value\": <plain text>}: value is not a wrapper",
    `${ENC}/utils/ProcessJSONUtil.java:55`,
    async ({ digit, state }) => {
      const enc = await call(digit, "_encrypt", { encryptionRequests: [{ tenantId: state, type: "Normal", value: "s" }] });
      const res = await call(digit, "_decrypt", { value: enc.body[0] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ value: "s" });
    },
    { internal: true },
  );

  behaviour(
    "_decrypt of a bare JSON string answers the plain text",
    `${ENC}/utils/ProcessJSONUtil.java:50`,
    async ({ digit, state }) => {
      const enc = await call(digit, "_encrypt", { encryptionRequests: [{ tenantId: state, type: "Imp", value: "t" }] });
      const res = await call(digit, "_decrypt", JSON.stringify(enc.body[0]));
      expect(res.status).toBe(200);
      expect(res.body).toBe("t");
    },
    { internal: true },
  );

  behaviour(
    "a missing type is an error answered by Spring Boot's default handler (no tracer advice): HTTP 500, no DIGIT code",
    [`${ENC}/services/EncryptionService.java:36`, `${ENC}/config/MainConfiguration.java:16`],
    async ({ digit, state }) => {
      const res = await call(digit, "_encrypt", { encryptionRequests: [{ tenantId: state, value: "s" }] });
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ status: 500, error: "Internal Server Error" });
      expect(res.body).not.toHaveProperty("Errors");
    },
    { internal: true },
  );

  behaviour(
    "the type Important (the old Swagger's name) is refused: DIGIT knows Normal and Imp",
    "egov-enc-service/src/main/resources/application.properties:48",
    async ({ digit, state }) => {
      const res = await call(digit, "_encrypt", { encryptionRequests: [{ tenantId: state, type: "Important", value: "s" }] });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(res.body)).not.toMatch(/\d+\|/);
    },
    { internal: true },
  );

  behaviour(
    "_decrypt of a value that is not <keyId>|<ciphertext> is an error",
    `${ENC}/models/Ciphertext.java:16`,
    async ({ digit }) => {
      const res = await call(digit, "_decrypt", ["plain text"]);
      expect(res.status).toBe(500);
    },
    { internal: true },
  );

  behaviour(
    "_sign answers {value, signature} and _verify checks it",
    [`${ENC}/services/SignatureService.java:21`, `${ENC}/web/controllers/CryptoApiController.java:56`],
    async ({ digit, state }) => {
      const signed = await call(digit, "_sign", { tenantId: state, value: "v" });
      expect(signed.status).toBe(200);
      expect(signed.body.value).toBe("v");
      expect(signed.body.signature).toMatch(CIPHER);
      expect((await call(digit, "_verify", { value: "v", signature: signed.body.signature })).body).toEqual({ verified: true });
      expect((await call(digit, "_verify", { value: "w", signature: signed.body.signature })).body).toEqual({ verified: false });
    },
    { internal: true },
  );

  behaviour(
    "_rotateallkeys requires tenantId in its body (it is not used)",
    [`${ENC}/web/models/RotateKeyRequest.java:15`, `${ENC}/web/controllers/CryptoApiController.java:61`],
    async ({ digit }) => {
      const res = await call(digit, "_rotateallkeys", {});
      expect(res.status).toBe(400);
    },
    { internal: true },
  );
});
