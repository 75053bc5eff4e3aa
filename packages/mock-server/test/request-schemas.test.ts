import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { requestSchemas } from "../src/generated/request-schemas.gen.js";

// The request validator compiles these without checking them against the meta-schema (core/validate.ts); this
// test is that check.
describe("generated request schemas", () => {
  it("are valid JSON Schemas", () => {
    const ajv = new Ajv({ strict: false });
    const invalid = Object.entries(requestSchemas).filter(([, schema]) => !ajv.validateSchema(schema));
    expect(invalid.map(([op]) => op)).toEqual([]);
    expect(Object.keys(requestSchemas).length).toBeGreaterThan(100);
  });
});
