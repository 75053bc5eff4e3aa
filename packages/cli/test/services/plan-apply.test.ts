import { describe, expect, it } from "vitest";
import { apply, formatApplyResult, formatPlan, plan, type ApplyProgressEvent } from "../../src/services/index.js";
import { FakeDigitError, FakeGateway } from "./fake-gateway.js";
import { loadKit } from "./helpers.js";

describe("plan", () => {
  it("lists everything as create against an empty environment", async () => {
    const p = await plan(new FakeGateway(), await loadKit());
    expect(p.hasChanges).toBe(true);
    expect(formatPlan(p).split("\n").slice(0, 15).join("\n")).toMatchInlineSnapshot(`
      "KIND                   CREATE  UPDATE  UNCHANGED
      schema                 7       0       0
      tenant                 2       0       0
      mdms                   8       0       0
      role                   4       0       0
      action                 2       0       0
      role-action            3       0       0
      user                   1       0       0
      workflow               1       0       0
      localization           4       0       0
      boundary-hierarchy     1       0       0
      boundary               6       0       0
      boundary-relationship  6       0       0
      employee               1       0       0
      "
    `);
    expect(formatPlan(p).split("\n").at(-1)).toBe("Plan: 46 to create, 0 to update, 0 unchanged.");
    expect(p.items.find((i) => i.kind === "mdms" && i.key.startsWith("common-masters.Department:DEPT_WATER"))).toMatchObject({ tenantId: "ka", action: "create", origin: { file: "mdms/data/common-masters.Department.yaml", pointer: "/0" } });
    expect(JSON.stringify(p)).not.toContain("Gro@12345");
  });

  it("reports records whose schema is neither in the bundle nor on the server", async () => {
    const bundle = await loadKit();
    const dropped = bundle.mdmsSchemas.find((s) => s.code === "common-masters.Department")!;
    const withoutSchema = { ...bundle, mdmsSchemas: bundle.mdmsSchemas.filter((s) => s !== dropped) };
    const p = await plan(new FakeGateway(), withoutSchema);
    expect(p.problems).toContainEqual(
      expect.objectContaining({ file: "mdms/data/common-masters.Department.yaml", message: expect.stringContaining("schema common-masters.Department is neither in the bundle nor on the server") }),
    );
    expect((await plan(new FakeGateway(), bundle)).problems).toEqual([]);
  });

  it("restricts to --only kinds", async () => {
    const p = await plan(new FakeGateway(), await loadKit(), { only: ["workflow", "localization"] });
    expect(Object.keys(p.summary).sort()).toEqual(["localization", "workflow"]);
  });

  it("detects real differences and ignores server-added fields", async () => {
    const gw = new FakeGateway();
    const bundle = await loadKit();
    await apply(gw, bundle);
    const dept = gw.mdms.find((r) => r.uniqueIdentifier === "DEPT_ROADS")!;
    dept.data = { ...dept.data, name: "Roads & Bridges" };
    gw.messages.get("ka|en_IN|rainmaker-pgr|CS_COMMON_SUBMIT")!.message = "Send";
    const state = (gw.businessServices[0]!.states as Record<string, unknown>[]).find((s) => s.state === "RESOLVED")!;
    state.isTerminateState = false;
    const p = await plan(gw, bundle);
    const changed = p.items.filter((i) => i.action !== "unchanged").map((i) => ({ kind: i.kind, key: i.key, changes: i.changes }));
    expect(changed).toEqual([
      { kind: "mdms", key: "common-masters.Department:DEPT_ROADS", changes: [{ path: "/data/name", from: "Roads & Bridges", to: "Roads" }] },
      { kind: "workflow", key: "COMPLAINT", changes: [{ path: "/states/RESOLVED/isTerminateState", from: false, to: true }] },
      { kind: "localization", key: "rainmaker-pgr:CS_COMMON_SUBMIT@en_IN", changes: [{ path: "/message", from: "Send", to: "Submit" }] },
    ]);
    expect(p.totals).toEqual({ create: 0, update: 3, unchanged: 43 });
  });

  it("reports x-ref-schema references that resolve neither in the bundle nor live", async () => {
    const bundle = await loadKit();
    bundle.mdmsData.push({ tenantId: "ka", schemaCode: "common-masters.Designation", data: { code: "XE", name: "X", department: "DEPT_NONE" }, isActive: true, origin: { file: "extra.yaml", pointer: "/0" } });
    const p = await plan(new FakeGateway(), bundle);
    expect(p.problems).toEqual([{ file: "extra.yaml", pointer: "/0/department", message: '"DEPT_NONE" is not a common-masters.Department record in the bundle or on the server' }]);
  });
});

describe("apply", () => {
  it("applies everything, verifies, and a second plan shows no changes", async () => {
    const gw = new FakeGateway();
    const bundle = await loadKit();
    const events: ApplyProgressEvent[] = [];
    const result = await apply(gw, bundle, { onProgress: (e) => events.push(e) });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect(result.verification.byKind.mdms).toEqual({ expected: 8, present: 8 });
    expect(gw.counts()).toEqual({ schemas: 7, mdms: 19, businessServices: 1, messages: 4, hierarchies: 1, boundaries: 6, relationships: 6, users: 1, employees: 1 });
    expect(gw.passwords.size).toBe(1);
    expect(events.at(-1)).toMatchObject({ phase: "employees", done: 1, total: 1, failed: 0 });
    expect(events.filter((e) => e.phase === "localization").at(-1)).toMatchObject({ done: 4, total: 4 });
    expect(gw.calls.filter((c) => c === "upsertMessages")).toHaveLength(2); // one batch per locale/module
    // Designation references Department (x-ref-schema), so it is written one level later.
    expect(result.phases.map((p) => p.name).slice(0, 4)).toEqual(["schemas", "tenants", "masters (level 1)", "masters (level 2)"]);
    const again = await plan(gw, bundle);
    expect(again.hasChanges).toBe(false);
    expect(formatPlan(again)).toBe(formatPlan(again).split("\n").slice(0, -1).join("\n") + "\nNo changes. 46 resources up to date.");
    expect(formatApplyResult(result)).toMatch(/Apply complete: 46 created, 0 updated, 0 failed in .*\nVerified: 46\/46 resources read back\./);
  });

  it("is idempotent: a second apply writes nothing and creates no duplicates", async () => {
    const gw = new FakeGateway();
    const bundle = await loadKit();
    await apply(gw, bundle);
    const before = gw.counts();
    const writes = gw.writes;
    const second = await apply(gw, bundle);
    expect(gw.writes).toBe(writes);
    expect(gw.counts()).toEqual(before);
    expect(second.phases.every((p) => p.created === 0 && p.updated === 0)).toBe(true);
    expect(second.verification.ok).toBe(true);
  });

  it("resumes after being killed mid-run with exact counts and no duplicates", async () => {
    const bundle = await loadKit();
    for (const n of [0, 5, 13, 30]) {
      const gw = new FakeGateway({ failAfterWrites: n });
      const first = await apply(gw, bundle);
      expect(first.verification.ok).toBe(false);
      expect(gw.writes).toBe(n);
      gw.options.failAfterWrites = undefined;
      const second = await apply(gw, bundle);
      expect(second.failures).toEqual([]);
      expect(second.verification.ok).toBe(true);
      expect(gw.counts()).toEqual({ schemas: 7, mdms: 19, businessServices: 1, messages: 4, hierarchies: 1, boundaries: 6, relationships: 6, users: 1, employees: 1 });
      expect((await plan(gw, bundle)).hasChanges).toBe(false);
    }
  });

  it("reports a changed schema as a change DIGIT cannot make: a ! plan line, an apply failure with a hint, no call", async () => {
    const gw = new FakeGateway();
    const bundle = await loadKit();
    await apply(gw, bundle);
    const changed = await loadKit();
    const dept = changed.mdmsSchemas.find((s) => s.code === "common-masters.Department")!;
    (dept.definition["properties"] as Record<string, unknown>)["head"] = { type: "string" };
    changed.mdmsData.find((r) => r.data["code"] === "DEPT_ROADS")!.data["name"] = "Roads & Bridges";
    const p = await plan(gw, changed);
    const item = p.items.find((i) => i.kind === "schema" && i.key === "common-masters.Department")!;
    expect(item).toMatchObject({ action: "update", blocked: { code: "SCHEMA_UPDATE_NOT_SUPPORTED" }, changes: [{ path: "/definition/properties/head", from: undefined, to: { type: "string" } }] });
    const text = formatPlan(p);
    expect(text).toContain("! schema common-masters.Department (ka): schema common-masters.Department differs from the one on the server, and DIGIT cannot update a schema in place");
    expect(text).toContain("    hint: make mdms/schemas/common-masters.yaml match the live definition");
    expect(text).toContain("1 of the updates cannot be applied");

    gw.calls.length = 0;
    const result = await apply(gw, changed, { verifyTimeoutMs: 0 });
    expect(gw.calls).not.toContain("updateSchema");
    expect(result.failures).toEqual([
      expect.objectContaining({ kind: "schema", key: "common-masters.Department", code: "SCHEMA_UPDATE_NOT_SUPPORTED", file: "mdms/schemas/common-masters.yaml", hint: expect.stringContaining("new code") }),
    ]);
    // Its records still apply, against the live definition.
    expect(gw.mdms.find((r) => r.uniqueIdentifier === "DEPT_ROADS")!.data["name"]).toBe("Roads & Bridges");
    expect(result.verification.ok).toBe(false);
    expect(formatApplyResult(result)).toContain("    hint: make mdms/schemas/common-masters.yaml match the live definition");
    const dry = await apply(gw, changed, { dryRun: true });
    expect(dry.failures.map((f) => f.code)).toEqual(["SCHEMA_UPDATE_NOT_SUPPORTED"]);
  });

  it("waits out write lag before dependent phases and verification", async () => {
    const gw = new FakeGateway({ writeLagMs: 60 });
    const result = await apply(gw, await loadKit(), { concurrency: 8 });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect(gw.counts().relationships).toBe(6);
  });

  it("treats DUPLICATE_RECORD on create as already present, then verifies", async () => {
    const gw = new FakeGateway({ writeLagMs: 200 });
    const bundle = await loadKit();
    // Another actor created a role that is not searchable yet (write lag): plan says create, DIGIT says duplicate.
    await gw.createSchema({ tenantId: "ka", code: "ACCESSCONTROL-ROLES.roles", definition: bundle.mdmsSchemas.find((s) => s.code === "ACCESSCONTROL-ROLES.roles")!.definition, isActive: true });
    await gw.createMdms({ tenantId: "ka", schemaCode: "ACCESSCONTROL-ROLES.roles", data: { code: "GRO", name: "Grievance Routing Officer" }, isActive: true });
    const result = await apply(gw, bundle, { only: ["role"] });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect(gw.mdms.filter((r) => r.schemaCode === "ACCESSCONTROL-ROLES.roles")).toHaveLength(4);
  });

  it("collects per-record failures with DIGIT code and origin, skipping dependants only", async () => {
    const gw = new FakeGateway({
      failWrite: (op, payload) => {
        const p = payload as { code?: string; data?: { code?: string } };
        if (op === "createSchema" && p.code === "common-masters.Designation") return new FakeDigitError("INVALID_SCHEMA", "bad definition");
        if (op === "createMdms" && p.data?.code === "DEPT_PARKS") return new FakeDigitError("INVALID_DATA", "rejected");
        return undefined;
      },
    });
    const result = await apply(gw, await loadKit(), { verifyTimeoutMs: 0 });
    expect(result.failures.map((f) => [f.kind, f.key, f.code, f.file]).sort()).toEqual([
      ["mdms", "common-masters.Department:DEPT_PARKS", "INVALID_DATA", "mdms/data/common-masters.Department.yaml"],
      ["mdms", "common-masters.Designation:AE", "SKIPPED_DEPENDENCY_FAILED", "mdms/data/common-masters.Designation.yaml"],
      ["mdms", "common-masters.Designation:JE", "SKIPPED_DEPENDENCY_FAILED", "mdms/data/common-masters.Designation.yaml"],
      ["schema", "common-masters.Designation", "INVALID_SCHEMA", "mdms/schemas/common-masters.yaml"],
    ]);
    expect(result.verification.ok).toBe(false);
    expect(gw.counts().employees).toBe(1); // later phases still ran
    expect(formatApplyResult(result)).toContain("schema common-masters.Designation (ka): INVALID_SCHEMA: bad definition [mdms/schemas/common-masters.yaml#/1]");
  });

  it("skips records whose x-ref-schema target failed", async () => {
    const gw = new FakeGateway({
      failWrite: (op, payload) => ((payload as { data?: { code?: string } }).data?.code === "DEPT_ROADS" ? new FakeDigitError("INVALID_DATA", "rejected") : undefined),
    });
    const result = await apply(gw, await loadKit(), { verifyTimeoutMs: 0, only: ["schema", "mdms"] });
    expect(result.failures.map((f) => `${f.key} ${f.code} ${f.message}`)).toEqual([
      "common-masters.Department:DEPT_ROADS INVALID_DATA rejected",
      "common-masters.Designation:JE SKIPPED_DEPENDENCY_FAILED skipped: mdms:common-masters.Department:DEPT_ROADS failed",
    ]);
    expect(gw.mdms.map((r) => r.uniqueIdentifier)).toContain("AE");
  });

  it("writes nothing on a dry run", async () => {
    const gw = new FakeGateway();
    const result = await apply(gw, await loadKit(), { dryRun: true });
    expect(gw.writes).toBe(0);
    expect(result.dryRun).toBe(true);
    expect(formatApplyResult(result)).toContain("Dry run: 46 to create, 0 to update. Nothing was written.");
  });
});
