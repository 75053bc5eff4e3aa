import { createDigitClient } from "@digit-kit/sdk";
import { describe, expect, it } from "vitest";
import { apply, formatApplyResult, formatPlan, plan, type ApplyProgressEvent, type DigitGateway } from "../../src/services/index.js";
import { loadKit } from "./helpers.js";
import { createMockGateway, digitError, failing, liveCounts, meter } from "./mock-gateway.js";

const USERS = [{ tenantId: "ka.mysuru", userName: "gro-mysuru" }];
/** What the kit bundle puts at ka, read back from DIGIT (MDMS: 8 masters, 4 roles, 2 actions, 3 role-actions). */
const KIT_COUNTS = { schemas: 7, tenants: 2, mdms: 17, workflows: 1, messages: 4, hierarchies: 1, boundaries: 6, relationships: 6, users: 1, employees: 1 };
const counts = (gateway: DigitGateway) => liveCounts(gateway, "ka", { users: USERS });

describe("plan", () => {
  it("lists everything as create against an empty environment", async () => {
    const p = await plan(createMockGateway().gateway, await loadKit());
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
    const { gateway } = createMockGateway();
    const p = await plan(gateway, withoutSchema);
    expect(p.problems).toContainEqual(
      expect.objectContaining({ file: "mdms/data/common-masters.Department.yaml", message: expect.stringContaining("schema common-masters.Department is neither in the bundle nor on the server") }),
    );
    expect((await plan(gateway, bundle)).problems).toEqual([]);
  });

  it("restricts to --only kinds", async () => {
    const p = await plan(createMockGateway().gateway, await loadKit(), { only: ["workflow", "localization"] });
    expect(Object.keys(p.summary).sort()).toEqual(["localization", "workflow"]);
  });

  it("detects real differences and ignores server-added fields", async () => {
    const { gateway: gw } = createMockGateway();
    const bundle = await loadKit();
    await apply(gw, bundle);
    // Someone changes three things on the server, through DIGIT's own APIs.
    const dept = (await gw.searchMdms("ka", "common-masters.Department", { offset: 0, limit: 100 })).find((r) => r.uniqueIdentifier === "DEPT_ROADS")!;
    await gw.updateMdms({ ...dept, data: { ...dept.data, name: "Roads & Bridges" } });
    await gw.upsertMessages("ka", [{ code: "CS_COMMON_SUBMIT", message: "Send", module: "rainmaker-pgr", locale: "en_IN" }]);
    const complaint = (await gw.searchBusinessServices("ka", ["COMPLAINT"]))[0]!;
    const states = (complaint.states ?? []).map((s) => (s?.state === "RESOLVED" ? { ...s, isTerminateState: false } : s));
    await gw.updateBusinessService({ ...complaint, states });
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
    const p = await plan(createMockGateway().gateway, bundle);
    expect(p.problems).toEqual([{ file: "extra.yaml", pointer: "/0/department", message: '"DEPT_NONE" is not a common-masters.Department record in the bundle or on the server' }]);
  });
});

describe("apply", () => {
  it("applies everything, verifies, and a second plan shows no changes", async () => {
    const { gateway, mock } = createMockGateway();
    const m = meter(gateway);
    const bundle = await loadKit();
    const events: ApplyProgressEvent[] = [];
    const result = await apply(m.gateway, bundle, { onProgress: (e) => events.push(e) });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect(result.verification.byKind.mdms).toEqual({ expected: 8, present: 8 });
    expect(await counts(gateway)).toEqual(KIT_COUNTS);
    // The user was created with the bundle's password: it logs in.
    const gro = createDigitClient({ baseUrl: "http://mock", fetch: mock.fetch, tenantId: "ka.mysuru", auth: { credentials: { username: "gro-mysuru", password: "Gro@12345", tenantId: "ka.mysuru", userType: "EMPLOYEE" } } });
    await expect(gro.auth.login({ username: "gro-mysuru", password: "Gro@12345", tenantId: "ka.mysuru", userType: "EMPLOYEE" })).resolves.toBeDefined();
    expect(events.at(-1)).toMatchObject({ phase: "employees", done: 1, total: 1, failed: 0 });
    expect(events.filter((e) => e.phase === "localization").at(-1)).toMatchObject({ done: 4, total: 4 });
    expect(m.calls.filter((c) => c === "upsertMessages")).toHaveLength(2); // one batch per locale/module
    // Access control before the masters; Designation references Department (x-ref-schema), so it is written one level later.
    expect(result.phases.map((p) => p.name).slice(0, 7)).toEqual(["schemas", "tenants", "roles", "actions", "role-actions", "masters (level 1)", "masters (level 2)"]);
    const again = await plan(gateway, bundle);
    expect(again.hasChanges).toBe(false);
    expect(formatPlan(again)).toBe(formatPlan(again).split("\n").slice(0, -1).join("\n") + "\nNo changes. 46 resources up to date.");
    expect(formatApplyResult(result)).toMatch(/Apply complete: 46 created, 0 updated, 0 failed in .*\nVerified: 46\/46 resources read back\./);
  });

  it("is idempotent: a second apply writes nothing and creates no duplicates", async () => {
    const { gateway } = createMockGateway();
    const m = meter(gateway);
    const bundle = await loadKit();
    await apply(m.gateway, bundle);
    const before = await counts(gateway);
    const writes = m.writes();
    const second = await apply(m.gateway, bundle);
    expect(m.writes()).toBe(writes);
    expect(await counts(gateway)).toEqual(before);
    expect(second.phases.every((p) => p.created === 0 && p.updated === 0)).toBe(true);
    expect(second.verification.ok).toBe(true);
  });

  it("resumes after being killed mid-run with exact counts and no duplicates", async () => {
    const bundle = await loadKit();
    for (const n of [0, 5, 13, 30]) {
      const { gateway } = createMockGateway();
      const m = meter(gateway, n);
      const first = await apply(m.gateway, bundle);
      expect(first.verification.ok).toBe(false);
      expect(m.writes()).toBe(n);
      m.revive();
      const second = await apply(m.gateway, bundle);
      expect(second.failures).toEqual([]);
      expect(second.verification.ok).toBe(true);
      expect(await counts(gateway)).toEqual(KIT_COUNTS);
      expect((await plan(gateway, bundle)).hasChanges).toBe(false);
    }
  });

  it("reports a changed schema as a change DIGIT cannot make: a ! plan line, an apply failure with a hint, no call", async () => {
    const { gateway } = createMockGateway();
    const bundle = await loadKit();
    await apply(gateway, bundle);
    const changed = await loadKit();
    const dept = changed.mdmsSchemas.find((s) => s.code === "common-masters.Department")!;
    (dept.definition["properties"] as Record<string, unknown>)["head"] = { type: "string" };
    changed.mdmsData.find((r) => r.data["code"] === "DEPT_ROADS")!.data["name"] = "Roads & Bridges";
    const p = await plan(gateway, changed);
    const item = p.items.find((i) => i.kind === "schema" && i.key === "common-masters.Department")!;
    expect(item).toMatchObject({ action: "update", blocked: { code: "SCHEMA_UPDATE_NOT_SUPPORTED" }, changes: [{ path: "/definition/properties/head", from: undefined, to: { type: "string" } }] });
    const text = formatPlan(p);
    expect(text).toContain("! schema common-masters.Department (ka): schema common-masters.Department differs from the one on the server, and DIGIT cannot update a schema in place");
    expect(text).toContain("    hint: make mdms/schemas/common-masters.yaml match the live definition");
    expect(text).toContain("1 of the updates cannot be applied");

    const m = meter(gateway);
    const result = await apply(m.gateway, changed, { verifyTimeoutMs: 0 });
    expect(m.calls).not.toContain("updateSchema");
    expect(result.failures).toEqual([
      expect.objectContaining({ kind: "schema", key: "common-masters.Department", code: "SCHEMA_UPDATE_NOT_SUPPORTED", file: "mdms/schemas/common-masters.yaml", hint: expect.stringContaining("new code") }),
    ]);
    // Its records still apply, against the live definition.
    const roads = (await gateway.searchMdms("ka", "common-masters.Department", { offset: 0, limit: 100 })).find((r) => r.uniqueIdentifier === "DEPT_ROADS")!;
    expect(roads.data["name"]).toBe("Roads & Bridges");
    expect(result.verification.ok).toBe(false);
    expect(formatApplyResult(result)).toContain("    hint: make mdms/schemas/common-masters.yaml match the live definition");
    const dry = await apply(gateway, changed, { dryRun: true });
    expect(dry.failures.map((f) => f.code)).toEqual(["SCHEMA_UPDATE_NOT_SUPPORTED"]);
  });

  it("waits out write lag before dependent phases and verification", async () => {
    const { gateway } = createMockGateway({ writeLagMs: 60 });
    const result = await apply(gateway, await loadKit(), { concurrency: 8 });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect((await counts(gateway)).relationships).toBe(6);
  });

  it("treats DUPLICATE_RECORD on create as already present, then verifies", async () => {
    const { gateway } = createMockGateway({ writeLagMs: 200 });
    const bundle = await loadKit();
    // Another actor created a role that is not searchable yet (write lag): plan says create, DIGIT says duplicate.
    await gateway.createSchema({ tenantId: "ka", code: "ACCESSCONTROL-ROLES.roles", definition: bundle.mdmsSchemas.find((s) => s.code === "ACCESSCONTROL-ROLES.roles")!.definition, isActive: true });
    // mdms-v2 finds the schema only once the persister has written it (the lag applies to schemas too).
    await new Promise((r) => setTimeout(r, 250));
    await gateway.createMdms({ tenantId: "ka", schemaCode: "ACCESSCONTROL-ROLES.roles", data: { code: "GRO", name: "Grievance Routing Officer" }, isActive: true });
    const m = meter(gateway);
    const result = await apply(m.gateway, bundle, { only: ["role"] });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);
    expect(m.calls.filter((c) => c === "createMdms")).toHaveLength(4); // GRO was tried, and DIGIT said duplicate
    expect(await gateway.searchMdms("ka", "ACCESSCONTROL-ROLES.roles", { offset: 0, limit: 100 })).toHaveLength(4);
  });

  it("collects per-record failures with DIGIT code and origin, skipping dependants only", async () => {
    const { gateway } = createMockGateway();
    const gw = failing(gateway, (op, [payload]) => {
      const p = payload as { code?: string; data?: { code?: string } };
      if (op === "createSchema" && p.code === "common-masters.Designation") return digitError("INVALID_SCHEMA", "bad definition");
      if (op === "createMdms" && p.data?.code === "DEPT_PARKS") return digitError("INVALID_DATA", "rejected");
      return undefined;
    });
    const result = await apply(gw, await loadKit(), { verifyTimeoutMs: 0 });
    expect(result.failures.map((f) => [f.kind, f.key, f.code, f.file]).sort()).toEqual([
      ["mdms", "common-masters.Department:DEPT_PARKS", "INVALID_DATA", "mdms/data/common-masters.Department.yaml"],
      ["mdms", "common-masters.Designation:AE", "SKIPPED_DEPENDENCY_FAILED", "mdms/data/common-masters.Designation.yaml"],
      ["mdms", "common-masters.Designation:JE", "SKIPPED_DEPENDENCY_FAILED", "mdms/data/common-masters.Designation.yaml"],
      ["schema", "common-masters.Designation", "INVALID_SCHEMA", "mdms/schemas/common-masters.yaml"],
    ]);
    expect(result.verification.ok).toBe(false);
    expect((await counts(gateway)).employees).toBe(1); // later phases still ran
    expect(formatApplyResult(result)).toContain("schema common-masters.Designation (ka): INVALID_SCHEMA: bad definition [mdms/schemas/common-masters.yaml#/1]");
  });

  it("skips records whose x-ref-schema target failed", async () => {
    const { gateway } = createMockGateway();
    const gw = failing(gateway, (_op, [payload]) => ((payload as { data?: { code?: string } } | undefined)?.data?.code === "DEPT_ROADS" ? digitError("INVALID_DATA", "rejected") : undefined));
    const result = await apply(gw, await loadKit(), { verifyTimeoutMs: 0, only: ["schema", "mdms"] });
    expect(result.failures.map((f) => `${f.key} ${f.code} ${f.message}`)).toEqual([
      "common-masters.Department:DEPT_ROADS INVALID_DATA rejected",
      "common-masters.Designation:JE SKIPPED_DEPENDENCY_FAILED skipped: mdms:common-masters.Department:DEPT_ROADS failed",
    ]);
    expect((await gateway.searchMdms("ka", "common-masters.Designation", { offset: 0, limit: 100 })).map((r) => r.uniqueIdentifier)).toContain("AE");
  });

  it("writes nothing on a dry run", async () => {
    const m = meter(createMockGateway().gateway);
    const result = await apply(m.gateway, await loadKit(), { dryRun: true });
    expect(m.writes()).toBe(0);
    expect(result.dryRun).toBe(true);
    expect(formatApplyResult(result)).toContain("Dry run: 46 to create, 0 to update. Nothing was written.");
  });
});
