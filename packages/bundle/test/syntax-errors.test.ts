/** Bundle errors a first-day user meets (issue 11): YAML and JSON syntax errors. */
import { describe, expect, it } from "vitest";
import { BundleValidationError, loadBundle } from "../src/index.js";
import { makeBundle } from "./helpers.js";

async function issues(files: Record<string, unknown>): Promise<BundleValidationError> {
  const err = (await loadBundle(makeBundle(files)).catch((e: unknown) => e)) as BundleValidationError;
  expect(err).toBeInstanceOf(BundleValidationError);
  return err;
}

describe("YAML syntax errors", () => {
  it("reports only the syntax error, with file:line:col", async () => {
    const err = await issues({
      "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\n",
      "mdms/data/common-masters.Department.yaml": "- { code: A }\n- code: B\n  name: bad: value\n",
    });
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ file: "mdms/data/common-masters.Department.yaml", line: 3 });
    expect(err.message).toMatch(/mdms\/data\/common-masters\.Department\.yaml:3:\d+: YAML syntax error/);
  });

  it("reports only the syntax error of digit-bundle.yaml", async () => {
    const err = await issues({ "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\nfoo: [\n" });
    expect(err.issues).toHaveLength(1);
    expect(err.message).toMatch(/digit-bundle\.yaml:\d+:\d+: YAML syntax error/);
  });

  it("gives line and column of a JSON syntax error", async () => {
    const err = await issues({ "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\n", "roles.json": '[\n  { "code": "A", }\n]\n' });
    expect(err.issues).toHaveLength(1);
    expect(err.message).toMatch(/roles\.json:2:\d+: JSON syntax error/);
  });
});
