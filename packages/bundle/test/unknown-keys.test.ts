/** Bundle errors a first-day user meets (issue 11): typos in keys. */
import { describe, expect, it } from "vitest";
import { BundleValidationError, loadBundle } from "../src/index.js";
import { makeBundle } from "./helpers.js";

async function issues(files: Record<string, unknown>): Promise<BundleValidationError> {
  const err = (await loadBundle(makeBundle(files)).catch((e: unknown) => e)) as BundleValidationError;
  expect(err).toBeInstanceOf(BundleValidationError);
  return err;
}

describe("unknown keys", () => {
  it("names an unknown key of digit-bundle.yaml, its file, and the closest known key", async () => {
    const err = await issues({ "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenat: ka\ntenants:\n  - { code: ka, name: K }\n" });
    const unknown = err.issues.find((i) => i.message.includes("stateTenat"));
    expect(unknown).toMatchObject({ file: "digit-bundle.yaml", pointer: "/stateTenat" });
    expect(unknown!.message).toMatch(/unknown key "stateTenat"/);
    expect(unknown!.hint).toMatch(/did you mean "stateTenant"/i);
    expect(err.message).toContain('digit-bundle.yaml: /stateTenat: unknown key "stateTenat"');
    // The missing key it was meant to be is not reported as a second, unexplained problem.
    expect(err.issues.filter((i) => i.pointer === "/stateTenant")).toEqual([]);
  });

  it("names unknown keys in boundaries.yaml instead of dropping them", async () => {
    const err = await issues({
      "digit-bundle.yaml": "apiVersion: digit-kit/v1\nstateTenant: ka\n",
      "boundaries.yaml":
        "hierarchies:\n  - tenantId: ka\n    hierarchyType: ADMIN\n    levels: [City, Ward]\n    boundaries:\n      - code: C1\n        type: City\n        chidren:\n          - { code: W1, type: Ward }\n",
    });
    const unknown = err.issues.find((i) => i.message.includes("chidren"));
    expect(unknown).toMatchObject({ file: "boundaries.yaml", pointer: "/hierarchies/0/boundaries/0/chidren" });
    expect(unknown!.hint).toMatch(/did you mean "children"/i);
  });
});
