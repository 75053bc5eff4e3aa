import { describe, expectTypeOf, it } from "vitest";
import { createDigitClient, createMdmsClient, type DigitApiError } from "../src/index.js";
import type { FreeForm } from "../src/core/types.js";
import type { MdmsOperations } from "../src/routes.js";

const digit = createDigitClient({ baseUrl: "http://x", tenantId: "pb" });
type MdmsRecord = FreeForm<NonNullable<MdmsOperations["search"]["responses"][200]["content"]["application/json"]["mdms"]>[number]>;

describe("SDK types", () => {
  it("types mdms.search's body (RequestInfo optional) and response", () => {
    const _result = digit.mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } });
    expectTypeOf<Awaited<typeof _result>["mdms"]>().toEqualTypeOf<MdmsRecord[] | undefined>();
    // RequestInfo may be given partially.
    digit.mdms.search({ RequestInfo: { msgId: "x" }, MdmsCriteria: { tenantId: "pb" } });
    // @ts-expect-error tenantId must be a string
    digit.mdms.search({ MdmsCriteria: { tenantId: 1 } });
    // @ts-expect-error MdmsCriteria is required
    digit.mdms.search({});
  });

  it("accepts free-form objects (MDMS data) and returns them as Record<string, unknown>", async () => {
    const { mdms } = await digit.mdms.create(
      { Mdms: { tenantId: "pb", schemaCode: "a.b", data: { code: "DEPT_1", nested: { x: 1 } }, isActive: true } },
      { params: { schemaCode: "a.b" } },
    );
    expectTypeOf(mdms![0]!.data).toEqualTypeOf<Record<string, unknown>>();
  });

  it("requires the schemaCode path param on mdms.create", () => {
    const body = { Mdms: { tenantId: "pb", schemaCode: "a.b", data: {}, isActive: true } };
    digit.mdms.create(body, { params: { schemaCode: "a.b" } });
    // @ts-expect-error params.schemaCode is missing
    digit.mdms.create(body);
    // @ts-expect-error params.schemaCode is missing
    digit.mdms.create(body, {});
    // @ts-expect-error schemaCode must be a string
    digit.mdms.create({ Mdms: { ...body.Mdms, schemaCode: 42 } }, { params: { schemaCode: "a.b" } });
  });

  it("per-service clients share the same method types and paginated searches have iterate()", () => {
    const mdms = createMdmsClient({ baseUrl: "http://x", tenantId: "pb" });
    expectTypeOf(mdms.search).toEqualTypeOf(digit.mdms.search);
    expectTypeOf(mdms.search.iterate).returns.toEqualTypeOf<AsyncGenerator<MdmsRecord, void, undefined>>();
    expectTypeOf(mdms.search.route.operationId).toEqualTypeOf<"mdms.search">();
    // @ts-expect-error mdms.create is not paginated
    void mdms.create.iterate;
  });

  it("types digit.paginate and errors", () => {
    const items = digit.paginate(digit.mdms.search, { MdmsCriteria: { tenantId: "pb" } }, { pageSize: 100 });
    expectTypeOf(items).toEqualTypeOf<AsyncGenerator<MdmsRecord, void, undefined>>();
    expectTypeOf<DigitApiError["codes"]>().toEqualTypeOf<string[]>();
  });

  it("user.login takes form fields", () => {
    digit.user.login({ username: "ADMIN", password: "x", grant_type: "password", tenantId: "pb", userType: "EMPLOYEE", scope: "read" });
  });
});
