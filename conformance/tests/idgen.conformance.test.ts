/**
 * egov-idgen `id/_generate`: format choice, rendering, counts and the service's own error envelope.
 * Ids use an idName no MDMS defines (`digitkit.conf.<run>`) unless a test creates the IdFormat record itself.
 */
import { describe, expect } from "vitest";
import { behaviour, type DigitConnection } from "../src/index.js";

const IDG = "egov-idgen/src/main/java/org/egov/id";
const GENERATE = "/egov-idgen/id/_generate";

const generate = (digit: DigitConnection, idRequests: unknown[], extra: Record<string, unknown> = {}) => digit.post(GENERATE, { idRequests, ...extra });
const idsOf = (body: { idResponses?: { id: string }[] | null }) => (body.idResponses ?? []).map((r) => r.id);

describe("idgen", () => {
  behaviour(
    "[tenantid], [tenant_id] and [TENANT_ID] render the tenant as is, with underscores, and upper-cased",
    `${IDG}/service/IdGenerationService.java:213`,
    async ({ digit, city, unique }) => {
      const res = await generate(digit, [{ idName: `digitkit.conf.${unique()}`, tenantId: city, format: "[TENANT_ID]/[tenant_id]/[tenantid]" }]);
      expect(res.status).toBe(200);
      const underscored = city.replace(/\./g, "_");
      expect(idsOf(res.body)).toEqual([`${underscored.toUpperCase()}/${underscored}/${city}`]);
    },
  );

  behaviour(
    "a sequence repeated in one format has one value per id",
    `${IDG}/service/IdGenerationService.java:244`,
    async ({ digit, state, unique }) => {
      const res = await generate(digit, [{ idName: `digitkit.conf.${unique()}`, tenantId: state, format: "[SEQ_ACK_NUM]-[SEQ_ACK_NUM]" }]);
      expect(res.status).toBe(200);
      const [id] = idsOf(res.body);
      const [left, right] = String(id).split("-");
      expect(left).toMatch(/^\d{6,}$/);
      expect(right).toBe(left);
    },
  );

  behaviour("count gives that many consecutive sequence values", `${IDG}/service/IdGenerationService.java:421`, async ({ digit, state, unique }) => {
    const res = await generate(digit, [{ idName: `digitkit.conf.${unique()}`, tenantId: state, format: "[SEQ_ACK_NUM]", count: 3 }]);
    expect(res.status).toBe(200);
    const numbers = idsOf(res.body).map(Number);
    expect(numbers).toHaveLength(3);
    expect(numbers[1]).toBe(numbers[0]! + 1);
    expect(numbers[2]).toBe(numbers[0]! + 2);
  });

  behaviour(
    "count 0 gives no ids and no error",
    [`${IDG}/service/IdGenerationService.java:239`, `${IDG}/service/IdGenerationService.java:384`],
    async ({ digit, state, unique }) => {
      const res = await generate(digit, [{ idName: `digitkit.conf.${unique()}`, tenantId: state, format: "X-[SEQ_ACK_NUM]", count: 0 }]);
      expect(res.status).toBe(200);
      expect(idsOf(res.body)).toEqual([]);
    },
  );

  behaviour(
    "any other token of four or more characters is random digits, as long as its {n}",
    `${IDG}/service/IdGenerationService.java:355`,
    async ({ digit, state, unique }) => {
      const res = await generate(digit, [{ idName: `digitkit.conf.${unique()}`, tenantId: state, format: "[a{4}]-[d{3}]-[xxxx]" }]);
      expect(res.status).toBe(200);
      expect(idsOf(res.body)[0]).toMatch(/^\d{4}-\d{3}-\d{2}$/);
    },
  );

  behaviour(
    "an MDMS IdFormat for the idName wins over the request's format",
    [`${IDG}/service/IdGenerationService.java:113`, `${IDG}/service/IdGenerationService.java:120`],
    async ({ digit, state, unique, eventually }) => {
      const schema = await digit.post("/mdms-v2/schema/v1/_search", { SchemaDefCriteria: { tenantId: state, codes: ["common-masters.IdFormat"] } });
      if (!(schema.body.SchemaDefinitions ?? []).length) {
        const created = await digit.post("/mdms-v2/schema/v1/_create", {
          SchemaDefinition: {
            tenantId: state,
            code: "common-masters.IdFormat",
            description: "Id formats",
            isActive: true,
            definition: {
              type: "object",
              $schema: "http://json-schema.org/draft-07/schema#",
              required: ["format", "idname"],
              "x-unique": ["idname"],
              properties: { format: { type: "string" }, idname: { type: "string" } },
            },
          },
        });
        expect(created.status).toBeLessThan(300);
      }
      const idName = `digitkit.conf.${unique().toLowerCase()}`;
      const record = await digit.post("/mdms-v2/v2/_create/common-masters.IdFormat", {
        Mdms: { tenantId: state, schemaCode: "common-masters.IdFormat", data: { idname: idName, format: "FROM-MDMS-[SEQ_ACK_NUM]" }, isActive: true },
      });
      expect(record.status).toBeLessThan(300);
      await eventually(async () => {
        const res = await generate(digit, [{ idName, tenantId: state, format: "IGNORED-[SEQ_ACK_NUM]" }]);
        expect(res.status).toBe(200);
        expect(idsOf(res.body)[0]).toMatch(/^FROM-MDMS-\d{6,}$/);
      });
    },
  );

  behaviour(
    "no format anywhere is an error answered with HTTP 200: Errors[0].code is \"400 BAD_REQUEST\"",
    [`${IDG}/service/IdGenerationService.java:128`, `${IDG}/exception/GlobalExceptionHandler.java:62`],
    async ({ digit, state, unique }) => {
      const res = await generate(digit, [{ idName: `digitkit.conf.${unique()}`, tenantId: state }]);
      expect(res.status).toBe(200);
      expect(res.body.idResponses).toBeUndefined();
      expect(res.body.ResponseInfo.status).toBe("FAILED");
      expect(res.body.Errors).toEqual([
        { code: "400 BAD_REQUEST", message: "No Format is available in the MDMS for the given name and tenant", description: null, params: {} },
      ]);
    },
  );

  behaviour(
    "a missing idName is refused with HTTP 400",
    [`${IDG}/model/IdRequest.java:23`, `${IDG}/exception/GlobalExceptionHandler.java:39`],
    async ({ digit, state }) => {
      const res = await generate(digit, [{ tenantId: state, format: "X" }]);
      expect(res.status).toBe(400);
    },
  );

  behaviour(
    "the gateway lets _generate through without a token (mixed mode)",
    "gateway/src/main/resources/application.properties:42",
    async ({ anonymous, state, unique }) => {
      const res = await anonymous().post(GENERATE, { idRequests: [{ idName: `digitkit.conf.${unique()}`, tenantId: state, format: "ANON-[SEQ_ACK_NUM]" }] }, { token: null });
      expect(res.status).toBe(200);
      expect(idsOf(res.body)[0]).toMatch(/^ANON-\d{6,}$/);
    },
  );

  behaviour(
    "the answer's responseInfo (lower-case r) echoes the request's ts with status SUCCESSFUL",
    [`${IDG}/model/IdGenerationResponse.java:24`, `${IDG}/model/ResponseInfoFactory.java:13`],
    async ({ digit, state, unique }) => {
      const ts = 1_700_000_000_123;
      const res = await digit.post(GENERATE, {
        RequestInfo: { apiId: "Rainmaker", ver: ".01", ts, msgId: "m-1", authToken: digit.token },
        idRequests: [{ idName: `digitkit.conf.${unique()}`, tenantId: state, format: "[SEQ_ACK_NUM]" }],
      });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty("ResponseInfo");
      expect(res.body.responseInfo).toMatchObject({ apiId: "Rainmaker", ver: ".01", ts, msgId: "m-1", status: "SUCCESSFUL" });
    },
  );

  behaviour(
    "idRequests: [] answers 200 with idResponses null",
    `${IDG}/service/IdGenerationService.java:84`,
    async ({ digit }) => {
      const res = await generate(digit, []);
      expect(res.status).toBe(200);
      expect(res.body.idResponses).toBeNull();
    },
  );
});
