import { emptyBundle, type Bundle } from "@digit-kit/bundle";
import { describe, expect, it } from "vitest";
import { apply, plan } from "../../src/services/index.js";
import { createMockGateway } from "./mock-gateway.js";

const origin = { file: "(test)", pointer: "" };

/** A bundle adding a schema, the action for its records' concrete create path, a grant of it, and one record. */
function selfGrantingBundle(): Bundle {
  const b = emptyBundle("/virtual", "digit-kit", "pg");
  b.mdmsSchemas.push({
    tenantId: "pg",
    code: "demo.Widget",
    isActive: true,
    definition: { type: "object", required: ["code"], "x-unique": ["code"], properties: { code: { type: "string" } } },
    origin,
  });
  const action = { id: 7001, name: "Create widget", url: "/mdms-v2/v2/_create/demo.Widget", displayName: "Create widget", enabled: true, orderNumber: 0, serviceCode: "mdms", path: "" };
  b.mdmsData.push(
    { tenantId: "pg", schemaCode: "ACCESSCONTROL-ACTIONS-TEST.actions-test", data: action, isActive: true, origin },
    { tenantId: "pg", schemaCode: "ACCESSCONTROL-ROLEACTIONS.roleactions", data: { rolecode: "SUPERUSER", actionid: 7001, actioncode: "Create widget", tenantId: "pg" }, isActive: true, origin },
    { tenantId: "pg", schemaCode: "demo.Widget", data: { code: "W1" }, isActive: true, origin },
  );
  return b;
}

describe("apply order against DIGIT's RBAC (strict mock: only concrete-path actions pass)", () => {
  it("writes a bundle's grants for its own schema before that schema's records, so one apply succeeds", async () => {
    const { gateway } = createMockGateway({ strict: true });
    const bundle = selfGrantingBundle();
    const result = await apply(gateway, bundle);
    expect(result.failures).toEqual([]);
    expect((await gateway.searchMdms("pg", "demo.Widget", { offset: 0, limit: 10 })).map((r) => r.data["code"])).toEqual(["W1"]);
    expect((await plan(gateway, bundle)).hasChanges).toBe(false);
  });

  it("reports a write the gateway forbids with what to grant: the exact path and where to add it", async () => {
    const { gateway } = createMockGateway({ strict: true });
    const bundle = selfGrantingBundle();
    bundle.mdmsData = bundle.mdmsData.filter((r) => r.schemaCode === "demo.Widget"); // no action, no grant
    const result = await apply(gateway, bundle);
    expect(result.failures).toEqual([
      expect.objectContaining({ kind: "mdms", key: "demo.Widget:W1", code: "CustomException", hint: expect.stringContaining("exactly /mdms-v2/v2/_create/demo.Widget") }),
    ]);
    expect(result.failures[0]!.hint).toMatch(/role-action/);
  });
});
