import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MdmsSlice } from "../../src/core/types.js";
import { workflowService } from "../../src/services/workflow/index.js";
import type { WorkflowSlice } from "../../src/services/workflow/model.js";
import { bodyOf, caller, errorCodes, FIXTURES, fakeContext, hasFixtures, Harness, role, substituteTenant } from "./helpers.js";

const HOUR = 3_600_000;

function pgr(overrides: Record<string, unknown> = {}) {
  return {
    tenantId: "pb",
    businessService: "PGR",
    business: "pgr-services",
    businessServiceSla: 10 * HOUR,
    states: [
      { state: null, applicationStatus: null, isStartState: true, isTerminateState: false, actions: [{ action: "APPLY", nextState: "PENDINGFORASSIGNMENT", roles: ["CITIZEN"] }] },
      {
        state: "PENDINGFORASSIGNMENT",
        applicationStatus: "PENDINGFORASSIGNMENT",
        sla: HOUR,
        actions: [
          { action: "ASSIGN", nextState: "PENDINGATLME", roles: ["GRO"] },
          { action: "REJECT", nextState: "REJECTED", roles: ["GRO"] },
          { action: "COMMENT", nextState: "PENDINGFORASSIGNMENT", roles: ["GRO"] },
        ],
      },
      {
        state: "PENDINGATLME",
        applicationStatus: "PENDINGATLME",
        sla: 2 * HOUR,
        actions: [
          { action: "RESOLVE", nextState: "RESOLVED", roles: ["PGR_LME"] },
          { action: "SENDBACKTOCITIZEN", nextState: "PENDINGATCITIZEN", roles: ["PGR_LME"] },
        ],
      },
      { state: "PENDINGATCITIZEN", applicationStatus: "PENDINGATCITIZEN", actions: [{ action: "REOPEN", nextState: "PENDINGFORASSIGNMENT", roles: ["CITIZEN"] }] },
      { state: "RESOLVED", applicationStatus: "RESOLVED", isTerminateState: true, actions: [{ action: "RATE", nextState: "CLOSED", roles: ["CITIZEN"] }] },
      { state: "REJECTED", applicationStatus: "REJECTED", isTerminateState: true, actions: [] },
      { state: "CLOSED", applicationStatus: "CLOSED", isTerminateState: true },
    ],
    ...overrides,
  };
}

function setup(options: { writeLagMs?: number; strict?: boolean } = {}) {
  const ctx = fakeContext(options);
  const h = new Harness(workflowService, ctx);
  const admin = caller(ctx, [role("SUPERUSER")]);
  const citizen = caller(ctx, [role("CITIZEN")]);
  citizen.user.type = "CITIZEN";
  const gro = caller(ctx, [role("GRO", "pb.amritsar")]);
  const lme = caller(ctx, [role("PGR_LME", "pb.amritsar")]);
  const createBs = (bs: unknown, op = "workflow.createBusinessService") => h.call(op, { caller: admin, body: { BusinessServices: [bs] } });
  const move = (who: typeof admin, action: string, extra: Record<string, unknown> = {}) =>
    h.call("workflow.transition", {
      caller: who,
      body: { ProcessInstances: [{ tenantId: "pb.amritsar", businessService: "PGR", businessId: "PG-0001", action, ...extra }] },
    });
  const search = (who: typeof admin, query: Record<string, string>) => h.call("workflow.searchProcesses", { caller: who, query: { tenantId: "pb.amritsar", ...query } });
  return { ctx, h, admin, citizen, gro, lme, createBs, move, search };
}

type Instance = Record<string, unknown> & { state: { state: string; uuid: string }; nextActions: { action: string }[] };
const instances = (res: { body?: unknown }) => (bodyOf(res as never)["ProcessInstances"] as Instance[]) ?? [];
const first = (res: { body?: unknown }) => instances(res)[0] as Instance;
const messages = (res: { body?: unknown }) => ((bodyOf(res as never)["Errors"] as { message: string }[]) ?? []).map((e) => e.message);

function putMdms(ctx: ReturnType<typeof fakeContext>, tenantId: string, schemaCode: string, records: Record<string, unknown>[]): void {
  const mdms = ctx.slices["mdms"] as MdmsSlice;
  const byTenant = (mdms.data[tenantId] ??= {});
  byTenant[schemaCode] = Object.fromEntries(
    records.map((data, i) => [
      `${schemaCode}-${i}`,
      { id: `${schemaCode}-${i}`, tenantId, schemaCode, uniqueIdentifier: String(i), data, isActive: true, visibleFrom: 0, auditDetails: { createdBy: "t", createdTime: 0, lastModifiedBy: "t", lastModifiedTime: 0 } },
    ]),
  );
}

describe("workflow business services", () => {
  it("V1 create enriches uuids, currentState, active and nextState uuids, and answers the request objects", () => {
    const { createBs } = setup();
    const res = createBs({ ...pgr(), notifications: [{ x: 1 }] });
    expect(res.status).toBe(200);
    const bs = (bodyOf(res)["BusinessServices"] as Record<string, unknown>[])[0] as { uuid: string; states: { uuid: string; state: string | null; businessServiceId: unknown; actions: { nextState: string; currentState: string; active: boolean }[] | null }[] };
    expect(bs.uuid).toBeTruthy();
    expect(bs).not.toHaveProperty("notifications");
    const start = bs.states[0];
    const pending = bs.states.find((s) => s.state === "PENDINGFORASSIGNMENT");
    expect(start?.actions?.[0]?.nextState).toBe(pending?.uuid);
    expect(start?.actions?.[0]?.currentState).toBe(start?.uuid);
    expect(start?.actions?.[0]?.active).toBe(true);
    expect(start?.businessServiceId).toBeNull();
    expect(bs.states.find((s) => s.state === "CLOSED")?.actions).toBeNull();
  });

  it("answers DIGIT's bean-validation codes and INVALID NEXTSTATE, and makes no graph checks", () => {
    const { createBs, h, admin } = setup();
    const { business: _b, tenantId: _t, ...partial } = pgr();
    expect(errorCodes(createBs(partial)).sort()).toEqual([
      "NotNull.businessServiceRequest.businessServices[0].business",
      "NotNull.businessServiceRequest.businessServices[0].tenantId",
    ]);
    expect(errorCodes(createBs(pgr({ getUri: "x".repeat(1025) })))).toEqual(["Size.businessServiceRequest.businessServices[0].getUri"]);
    expect(errorCodes(h.call("workflow.createBusinessService", { caller: admin, body: {} }))).toEqual(["NotNull.businessServiceRequest.businessServices"]);
    const states = pgr().states.map((s) => (s.state === "PENDINGATLME" ? { ...s, actions: [{ action: "RESOLVE", nextState: "NOWHERE", roles: ["PGR_LME"] }] } : s));
    const bad = createBs(pgr({ states }));
    expect(errorCodes(bad)).toEqual(["INVALID NEXTSTATE"]);
    expect(messages(bad)).toEqual(["The state with name: NOWHERE does not exist in config"]);
    // No start state, an unreachable state, empty roles, a dead end: all accepted (with warnings).
    const odd = [
      ...pgr().states.slice(1),
      { state: "ORPHAN", applicationStatus: "ORPHAN", actions: [{ action: "GO", nextState: "CLOSED", roles: [] }] },
      { state: "STUCK", applicationStatus: "STUCK", actions: [] },
    ];
    expect(createBs(pgr({ businessService: "ODD", states: odd })).status).toBe(200);
  });

  it("refuses the graph rules only under --strict, with the mock's codes", () => {
    const { createBs } = setup({ strict: true });
    const unreachable = [...pgr().states, { state: "ORPHAN", applicationStatus: "ORPHAN", actions: [{ action: "GO", nextState: "CLOSED", roles: ["GRO"] }] }];
    expect(errorCodes(createBs(pgr({ states: unreachable })))).toEqual(["INVALID_BUSINESSSERVICE_UNREACHABLE_STATE"]);
    const noStart = pgr().states.slice(1);
    expect(errorCodes(createBs(pgr({ states: noStart })))).toContain("INVALID_BUSINESSSERVICE_START_STATE");
    const deadEnd = pgr().states.map((s) => (s.state === "CLOSED" ? { ...s, isTerminateState: false } : s));
    expect(errorCodes(createBs(pgr({ states: deadEnd })))).toEqual(["INVALID_BUSINESSSERVICE_DEAD_END"]);
  });

  it("V1 create of an existing code answers 200 and keeps the stored one (DIGIT's insert fails)", () => {
    const { createBs, h, admin } = setup();
    const original = createBs(pgr());
    const again = createBs(pgr({ businessServiceSla: 1 }));
    expect(again.status).toBe(200);
    const found = bodyOf(h.call("workflow.searchBusinessServices", { caller: admin, query: { tenantId: "pb", businessServices: "PGR" } }))["BusinessServices"] as { uuid: string; businessServiceSla: number }[];
    expect(found).toHaveLength(1);
    expect(found[0]?.uuid).toBe((bodyOf(original)["BusinessServices"] as { uuid: string }[])[0]?.uuid);
    expect(found[0]?.businessServiceSla).toBe(10 * HOUR);
    // Under --strict the same request is refused.
    const strict = setup({ strict: true });
    strict.createBs(pgr());
    expect(errorCodes(strict.createBs(pgr()))).toEqual(["WF_NOT_PERSISTED"]);
  });

  it("V2 create checks existence through the tenant hierarchy, duplicates, and the caller's userInfo", () => {
    const { createBs, h, ctx } = setup();
    createBs(pgr());
    const city = createBs(pgr({ tenantId: "pb.amritsar" }), "workflow.createBusinessServiceV2");
    expect(errorCodes(city)).toEqual(["INVALID BUSINESSSERVICE"]);
    expect(messages(city)).toEqual(["The businessService: PGR for tenantId: pb already exists"]);
    const twice = pgr({ businessService: "TWICE", states: [...pgr().states, { state: "CLOSED", applicationStatus: "CLOSED" }] });
    expect(messages(createBs(twice, "workflow.createBusinessServiceV2"))).toEqual(["State: CLOSED is duplicate"]);
    const noEmail = caller(ctx, [role("SUPERUSER")]);
    const res = h.call("workflow.createBusinessServiceV2", { caller: noEmail, body: { BusinessServices: [pgr({ businessService: "FRESH" })] } });
    expect(errorCodes(res)).toEqual(["EG_Workflow_APP_ERR"]);
    expect(messages(res)).toEqual(["userinfo email is mandatory for creating WorkflowService"]);
    const withEmail = caller(ctx, [role("SUPERUSER")]);
    withEmail.user.emailId = "admin@example.org";
    expect(h.call("workflow.createBusinessServiceV2", { caller: withEmail, body: { BusinessServices: [pgr({ businessService: "FRESH" })] } }).status).toBe(200);
  });

  it("V1 search: nothing without codes, state-level lookup, tenantId rewritten, 0 SLA and false flags when unset", () => {
    const { createBs, h, admin } = setup();
    createBs(pgr({ businessServiceSla: null }));
    const search = (query: Record<string, string>, op = "workflow.searchBusinessServices") =>
      bodyOf(h.call(op, { caller: admin, query }))["BusinessServices"] as { tenantId: string; businessServiceSla: number; states: { tenantId: string; isStateUpdatable: boolean; actions: { tenantId: string }[] | null }[] }[];
    expect(search({ tenantId: "pb" })).toEqual([]);
    const atCity = search({ tenantId: "pb.amritsar", businessServices: "PGR" });
    expect(atCity).toHaveLength(1);
    expect(atCity[0]?.tenantId).toBe("pb.amritsar");
    expect(atCity[0]?.businessServiceSla).toBe(0);
    expect(atCity[0]?.states.every((s) => s.tenantId === "pb.amritsar" && s.isStateUpdatable === false)).toBe(true);
    expect(atCity[0]?.states.flatMap((s) => s.actions ?? []).every((a) => a.tenantId === "pb.amritsar")).toBe(true);
    expect(errorCodes(h.call("workflow.searchBusinessServices", { caller: admin, query: {} }))).toEqual(["NotNull.businessServiceSearchCriteria.tenantId"]);
    // V2 without codes lists everything visible through the hierarchy.
    expect(search({ tenantId: "pb.amritsar" }, "workflow.searchBusinessServicesV2").map((b) => b.tenantId)).toEqual(["pb.amritsar"]);
  });

  it("a city-level business service is found only when MDMS maps the code to isStatelevel false", () => {
    const { createBs, move, citizen, ctx, h, admin } = setup();
    createBs(pgr({ tenantId: "pb.amritsar" }));
    const res = move(citizen, "APPLY");
    expect(errorCodes(res)).toEqual(["BUSINESSSERVICE ERROR"]);
    expect(messages(res)).toEqual(["No bussinessService object found for businessSerice: PGR and tenantId: pb.amritsar"]);
    expect(bodyOf(h.call("workflow.searchBusinessServices", { caller: admin, query: { tenantId: "pb.amritsar", businessServices: "PGR" } }))["BusinessServices"]).toEqual([]);
    putMdms(ctx, "pb", "Workflow.BusinessServiceMasterConfig", [{ businessService: "PGR", isStatelevel: "false" }]);
    expect(move(citizen, "APPLY").status).toBe(200);
  });

  it("update is an upsert by uuid: omitted states stay, applicationStatus and active never change, new actions need active", () => {
    const { createBs, h, admin } = setup();
    const created = (bodyOf(createBs(pgr()))["BusinessServices"] as Record<string, unknown>[])[0] as { uuid: string; states: { uuid: string; state: string | null; applicationStatus: string | null; actions: Record<string, unknown>[] | null }[] };
    const pending = created.states.find((s) => s.state === "PENDINGFORASSIGNMENT") as (typeof created.states)[number];
    const update = (states: unknown[], extra: Record<string, unknown> = {}) =>
      h.call("workflow.updateBusinessService", { caller: admin, body: { BusinessServices: [{ ...pgr(), uuid: created.uuid, businessServiceSla: 2 * HOUR, states, ...extra }] } });
    const res = update([
      {
        ...pending,
        applicationStatus: "RENAMED",
        actions: [...(pending.actions ?? []), { action: "ESCALATE", nextState: pending.uuid, roles: ["GRO"] }, { action: "PING", nextState: pending.uuid, roles: ["GRO"], active: true }],
      },
    ]);
    expect(res.status).toBe(200);
    const bs = (bodyOf(h.call("workflow.searchBusinessServices", { caller: admin, query: { tenantId: "pb", businessServices: "PGR" } }))["BusinessServices"] as typeof created[])[0] as typeof created & { businessServiceSla: number };
    expect(bs.businessServiceSla).toBe(2 * HOUR);
    expect(bs.states).toHaveLength(created.states.length);
    const after = bs.states.find((s) => s.uuid === pending.uuid);
    expect(after?.applicationStatus).toBe("PENDINGFORASSIGNMENT");
    expect(after?.actions?.map((a) => a["action"])).toEqual(["ASSIGN", "REJECT", "COMMENT", "PING"]);
    // Without the business service's uuid nothing is updated.
    expect(update([], { uuid: null, businessServiceSla: 7 }).status).toBe(200);
    const again = (bodyOf(h.call("workflow.searchBusinessServices", { caller: admin, query: { tenantId: "pb", businessServices: "PGR" } }))["BusinessServices"] as { businessServiceSla: number }[])[0];
    expect(again?.businessServiceSla).toBe(2 * HOUR);
  });

  it("keeps untrusted keys off Object.prototype", () => {
    const { createBs, h, admin } = setup();
    expect(createBs(pgr({ tenantId: "__proto__", businessService: "constructor" })).status).toBe(200);
    expect(({} as Record<string, unknown>)["constructor"]).toBe(Object);
    const found = bodyOf(h.call("workflow.searchBusinessServices", { caller: admin, query: { tenantId: "__proto__", businessServices: "constructor" } }))["BusinessServices"] as unknown[];
    expect(found).toHaveLength(1);
    expect(bodyOf(h.call("workflow.searchBusinessServices", { caller: admin, query: { tenantId: "pb", businessServices: "toString" } }))["BusinessServices"]).toEqual([]);
    const slice = h.slice as WorkflowSlice;
    expect(Object.getPrototypeOf(slice.businessServices)).toBe(Object.prototype);
    const citizen = caller(h.ctx, [role("CITIZEN", "__proto__")]);
    const moved = h.call("workflow.transition", {
      caller: citizen,
      body: { ProcessInstances: [{ tenantId: "__proto__", businessService: "constructor", businessId: "__proto__", action: "APPLY" }] },
    });
    expect(moved.status).toBe(200);
    expect(Object.getPrototypeOf(slice.processes)).toBe(Object.prototype);
    expect(instances(h.call("workflow.searchProcesses", { caller: citizen, query: { tenantId: "__proto__", businessIds: "__proto__" } }))).toHaveLength(1);
    expect(instances(h.call("workflow.searchProcesses", { caller: citizen, query: { tenantId: "pb", businessIds: "constructor" } }))).toEqual([]);
    expect(errorCodes(h.call("workflow.createBusinessService", { caller: admin, body: { BusinessServices: [] } }))).toEqual(["An unhandled exception occurred on the server"]);
  });
});

describe("workflow transitions", () => {
  it("runs APPLY → ASSIGN → RESOLVE with history, assignees, SLAs and the caller's next actions", () => {
    const { createBs, move, citizen, gro, lme, search, ctx } = setup();
    createBs(pgr());
    const applied = move(citizen, "apply", { moduleName: "ignored", comment: "c".repeat(500), documents: null, assignes: null });
    expect(applied.status).toBe(200);
    const a = first(applied);
    expect(a.state.state).toBe("PENDINGFORASSIGNMENT");
    expect(a["moduleName"]).toBe("pgr-services");
    expect(a["action"]).toBe("apply");
    expect(a["previousStatus"]).toBeNull();
    expect(a["businesssServiceSla"]).toBe(10 * HOUR);
    expect(a["stateSla"]).toBe(HOUR);
    expect(a.nextActions).toEqual([]);
    expect((a["assigner"] as { uuid: string }).uuid).toBe(citizen.user.uuid);
    ctx.clock.now += HOUR / 2;
    const assigned = move(gro, "ASSIGN", { assignes: [{ uuid: lme.user.uuid }] });
    expect(assigned.status).toBe(200);
    const b = first(assigned);
    expect(b.state.state).toBe("PENDINGATLME");
    expect((b["assignes"] as { uuid: string }[])[0]?.uuid).toBe(lme.user.uuid);
    expect(b["assignes"]).not.toContainEqual(expect.objectContaining({ password: expect.anything() }));
    expect(b["stateSla"]).toBe(2 * HOUR);
    expect(b["businesssServiceSla"]).toBe(10 * HOUR - HOUR / 2);
    expect(b.nextActions).toEqual([]);
    ctx.clock.now += HOUR;
    const resolved = move(lme, "RESOLVE");
    expect(first(resolved).state.state).toBe("RESOLVED");

    const hist = search(gro, { businessIds: "PG-0001", history: "true" });
    expect(instances(hist).map((p) => p["action"])).toEqual(["RESOLVE", "ASSIGN", "apply"]);
    const latest = instances(search(gro, { businessIds: "PG-0001" }));
    expect(latest.map((p) => p["action"])).toEqual(["RESOLVE"]);
    expect(latest[0]?.["rating"]).toBe(0);
    expect(latest[0]?.["assignes"]).toBeNull();
  });

  it("answers the transition rules with DIGIT's codes and messages", () => {
    const { createBs, move, citizen, gro, lme, admin } = setup();
    createBs(pgr());
    expect(first(move(citizen, "APPLY")).state.state).toBe("PENDINGFORASSIGNMENT");
    const wrong = move(citizen, "RESOLVE");
    expect(errorCodes(wrong)).toEqual(["INVALID ACTION"]);
    expect(messages(wrong)).toEqual(["Action RESOLVE not found in config for the businessId: PG-0001"]);
    expect(errorCodes(move(citizen, "ASSIGN"))).toEqual(["INVALID ROLE"]);
    expect(errorCodes(move(gro, "ASSIGN", { rating: 4 }))).toEqual(["INVALID_ACTION"]);
    expect(messages(move(gro, "ASSIGN", { assignes: [{ uuid: "ghost" }] }))).toEqual(["User not found for uuid: ghost"]);
    const notLme = move(gro, "ASSIGN", { assignes: [{ uuid: admin.user.uuid }] });
    expect(errorCodes(notLme)).toEqual(["INVALID_ASSIGNEE"]);
    expect(messages(notLme)).toEqual([`Cannot assign to the user: ${admin.user.uuid}`]);
    // A self-loop needs any role of the business service: the citizen's CITIZEN is one.
    expect(move(citizen, "COMMENT").status).toBe(200);
    expect(move(gro, "ASSIGN", { assignes: [{ uuid: lme.user.uuid }] }).status).toBe(200);
  });

  it("requires documents on entering a state with docUploadRequired, and enriches them", () => {
    const { createBs, move, citizen } = setup();
    const states = pgr().states.map((s) => (s.state === "PENDINGFORASSIGNMENT" ? { ...s, docUploadRequired: true } : s));
    createBs(pgr({ states }));
    const res = move(citizen, "APPLY");
    expect(errorCodes(res)).toEqual(["INVALID DOCUMENT"]);
    expect(messages(res)).toEqual(["Documents cannot be null for status: PENDINGFORASSIGNMENT"]);
    const ok = first(move(citizen, "APPLY", { documents: [{ documentType: "PHOTO", fileStoreId: "f1", extra: true }] }));
    const doc = (ok["documents"] as Record<string, unknown>[])[0];
    expect(doc).toMatchObject({ documentType: "PHOTO", fileStoreId: "f1", tenantId: "pb.amritsar" });
    expect(doc?.["id"]).toBeTruthy();
    expect(doc).not.toHaveProperty("extra");
  });

  it("opens actions with \"*\" roles to any role of the business service", () => {
    const { createBs, move, citizen, gro } = setup();
    const states = pgr().states.map((s) => (s.state === "PENDINGFORASSIGNMENT" ? { ...s, actions: [...(s.actions ?? []), { action: "ANYONE", nextState: "REJECTED", roles: ["*"] }] } : s));
    createBs(pgr({ states }));
    expect(first(move(citizen, "APPLY")).nextActions.map((a) => a.action)).toEqual(["ANYONE"]);
    expect(first(move(gro, "ANYONE")).state.state).toBe("REJECTED");
  });

  it("lets only the citizen an instance was sent back to act on it", () => {
    const { createBs, move, citizen, gro, lme, ctx } = setup();
    createBs(pgr());
    move(citizen, "APPLY");
    move(gro, "ASSIGN", { assignes: [{ uuid: lme.user.uuid }] });
    move(lme, "SENDBACKTOCITIZEN", { assignes: [{ uuid: citizen.user.uuid }] });
    const other = caller(ctx, [role("CITIZEN")]);
    other.user.type = "CITIZEN";
    const res = move(other, "REOPEN");
    expect(errorCodes(res)).toEqual(["INVALID_USER"]);
    expect(messages(res)).toEqual([`The user: ${other.user.uuid} is not authorized to take action`]);
    expect(move(citizen, "REOPEN").status).toBe(200);
  });

  it("looks the current state up exactly: a new businessId starts at the null-named state", () => {
    const { createBs, move, citizen } = setup();
    createBs(pgr());
    expect(move(citizen, "APPLY", { businessId: "PG-1" }).status).toBe(200);
    expect(move(citizen, "APPLY", { businessId: "PG-10" }).status).toBe(200);
  });

  it("does not store what DIGIT's persister cannot (comment over 1024 characters), warning instead", () => {
    const { createBs, move, citizen, search, gro } = setup();
    createBs(pgr());
    expect(move(citizen, "APPLY", { comment: "x".repeat(1025) }).status).toBe(200);
    expect(instances(search(gro, { businessIds: "PG-0001" }))).toEqual([]);
  });

  it("hides new business services and instances from searches during the write lag, but not from transitions", () => {
    const { createBs, move, citizen, gro, h, ctx, search } = setup({ writeLagMs: 1000 });
    createBs(pgr());
    const bsSearch = () => bodyOf(h.call("workflow.searchBusinessServices", { caller: gro, query: { tenantId: "pb", businessServices: "PGR" } }))["BusinessServices"] as unknown[];
    expect(bsSearch()).toHaveLength(0);
    move(citizen, "APPLY");
    expect(move(gro, "ASSIGN").status).toBe(200);
    expect(instances(search(gro, { businessIds: "PG-0001" }))).toHaveLength(0);
    ctx.clock.now += 1000;
    expect(bsSearch()).toHaveLength(1);
    expect(instances(search(gro, { businessIds: "PG-0001" })).map((p) => p["action"])).toEqual(["ASSIGN"]);
  });
});

describe("workflow searches and counts", () => {
  it("pages 10 by default and at most 100, matches businessIds as substrings, and counts exactly", () => {
    const { createBs, citizen, gro, h, search } = setup();
    createBs(pgr());
    const items = Array.from({ length: 120 }, (_, i) => ({ tenantId: "pb.amritsar", businessService: "PGR", businessId: `PG-${String(i).padStart(4, "0")}`, action: "APPLY" }));
    expect(h.call("workflow.transition", { caller: citizen, body: { ProcessInstances: items } }).status).toBe(200);
    const page = search(gro, { businessIds: "PG-0" });
    expect(instances(page)).toHaveLength(10);
    expect(bodyOf(page)["ResponseInfo"]).toBeNull();
    expect(bodyOf(page)["totalCount"]).toBe(0);
    expect(instances(search(gro, { businessIds: "PG-0", limit: "500" }))).toHaveLength(100);
    expect(instances(search(gro, { businessIds: "PG-001", limit: "100" }))).toHaveLength(10);
    expect(errorCodes(search(gro, { businessIds: "PG-0001", offset: "-1" }))).toEqual(["QUERY_EXECUTION_ERROR"]);
    expect(errorCodes(search(gro, { businessIds: "PG" }))).toEqual(["Size.processInstanceSearchCriteria.businessIds[0]"]);
    expect(errorCodes(h.call("workflow.searchProcesses", { caller: gro, query: {} }))).toEqual(["NotNull.processInstanceSearchCriteria.tenantId"]);
    expect(h.call("workflow.countProcesses", { caller: gro, query: { tenantId: "pb.amritsar", businessIds: "PG-001" } }).body).toBe(0);
    expect(h.call("workflow.countProcesses", { caller: gro, query: { tenantId: "pb.amritsar", businessIds: "PG-0010,PG-0011" } }).body).toBe(2);
  });

  it("without businessIds, ids, status or assignee searches the caller's inbox", () => {
    const { createBs, move, citizen, gro, lme, admin, search } = setup();
    createBs(pgr());
    move(citizen, "APPLY", { businessId: "PG-A" });
    move(citizen, "APPLY", { businessId: "PG-B" });
    move(gro, "ASSIGN", { businessId: "PG-B", assignes: [{ uuid: lme.user.uuid }] });
    // GRO at the city: every instance in a state GRO acts on.
    expect(instances(search(gro, {})).map((p) => p["businessId"])).toEqual(["PG-A"]);
    // LME at the city: PG-B is in PENDINGATLME, where PGR_LME acts.
    const lmeInbox = search(lme, { businessService: "PGR" });
    expect(instances(lmeInbox).map((p) => p["businessId"])).toEqual(["PG-B"]);
    expect(bodyOf(lmeInbox)["totalCount"]).toBe(1);
    // Roles held only at the state tenant: just what is assigned to the caller (nothing here).
    expect(instances(search(admin, {}))).toEqual([]);
    expect(bodyOf(search(gro, { assignee: lme.user.uuid, businessIds: "PG-A" }))["totalCount"]).toBe(1);
  });

  it("_statuscount groups by state; _statuscount needs the query tenantId; _nearingslacount needs businessService and wfSlaConfig", () => {
    const { createBs, move, citizen, gro, h, ctx } = setup();
    createBs(pgr());
    move(citizen, "APPLY");
    const rows = h.call("workflow.statusCount", { caller: gro, query: { tenantId: "pb.amritsar", businessIds: "PG-0001" } }).body as Record<string, unknown>[];
    expect(rows).toEqual([{ count: 1, applicationstatus: "PENDINGFORASSIGNMENT", businessservice: "PGR", statusid: expect.any(String) }]);
    expect(errorCodes(h.call("workflow.statusCount", { caller: gro, body: { ProcessInstanceSearchCriteria: { tenantId: "pb.amritsar" } } }))).toEqual([
      "NotNull.processInstanceSearchCriteria.tenantId",
    ]);
    const nearing = (query: Record<string, string>) => h.call("workflow.nearingSlaCount", { caller: gro, query: { tenantId: "pb.amritsar", ...query } });
    expect(errorCodes(nearing({}))).toEqual(["EG_WF_BUSINESSSRV_ERR"]);
    expect(errorCodes(nearing({ businessService: "PGR", businessIds: "PG-0001" }))).toEqual(["An unhandled exception occurred on the server"]);
    putMdms(ctx, "pb", "common-masters.wfSlaConfig", [{ slotPercentage: 80 }]);
    // maxSla 10 h, 80 %: instances whose last action is at most 2 h old.
    expect(nearing({ businessService: "PGR", businessIds: "PG-0001" }).body).toBe(1);
    ctx.clock.now += 3 * HOUR;
    expect(nearing({ businessService: "PGR", businessIds: "PG-0001" }).body).toBe(0);
  });

  it("auto-escalates instances past the MDMS rule's SLA as the caller, and answers a bare ResponseInfo", () => {
    const { createBs, move, citizen, gro, h, ctx, search } = setup();
    const states = pgr().states.map((s) =>
      s.state === "PENDINGFORASSIGNMENT" ? { ...s, actions: [...(s.actions ?? []), { action: "ESCALATE", nextState: "REJECTED", roles: ["GRO"] }] } : s,
    );
    createBs(pgr({ states }));
    move(citizen, "APPLY");
    putMdms(ctx, "pb", "tenant.tenants", [{ code: "pb" }, { code: "pb.amritsar" }]);
    putMdms(ctx, "pb", "Workflow.AutoEscalation", [{ businessService: "PGR", state: "PENDINGFORASSIGNMENT", action: "ESCALATE", stateSLA: 0.5, module: "PGR" }]);
    const early = h.call("workflow.autoEscalate", { caller: gro, params: { businessService: "PGR" } });
    expect(bodyOf(early)).toMatchObject({ status: "successful" });
    expect(bodyOf(early)).not.toHaveProperty("ProcessInstances");
    expect(instances(search(gro, { businessIds: "PG-0001" }))[0]?.state.state).toBe("PENDINGFORASSIGNMENT");
    // stateSLA 0.5 day past the state's own SLA (1 h): due after 13 h.
    ctx.clock.now += 14 * HOUR;
    expect(h.call("workflow.autoEscalate", { caller: gro, params: { businessService: "PGR" } }).status).toBe(200);
    const after = instances(search(gro, { businessIds: "PG-0001" }))[0];
    expect(after?.state.state).toBe("REJECTED");
    expect(after?.["escalated"]).toBe(false);
  });
});

describe.skipIf(!hasFixtures)("workflow with the DIGIT fixtures", () => {
  it("accepts all four business service configs", () => {
    const { h, admin } = setup();
    const files = readdirSync(join(FIXTURES, "workflow"));
    expect(files).toHaveLength(4);
    for (const file of files) {
      const body = substituteTenant(JSON.parse(readFileSync(join(FIXTURES, "workflow", file), "utf8")) as Record<string, unknown>, "pb");
      const { RequestInfo: _stale, notificationTemplates: _extra, ...rest } = body;
      const services = (rest["BusinessServices"] as Record<string, unknown>[]).map((bs) => (file.startsWith("PGR.digit-oss") ? { ...bs, tenantId: "pb.jalandhar" } : bs));
      const res = h.call("workflow.createBusinessService", { caller: admin, body: { BusinessServices: services } });
      expect(res.status, `${file}: ${JSON.stringify(bodyOf(res)["Errors"])}`).toBe(200);
    }
  });

  it("drives DIGIT's PGR workflow: citizen applies, GRO assigns, LME resolves, citizen rates", () => {
    const { h, admin, ctx } = setup();
    const body = JSON.parse(readFileSync(join(FIXTURES, "workflow", "PGR.digit-oss.json"), "utf8")) as { BusinessServices: Record<string, unknown>[] };
    expect(h.call("workflow.createBusinessService", { caller: admin, body: { BusinessServices: body.BusinessServices } }).status).toBe(200);
    const citizen = caller(ctx, [role("CITIZEN")]);
    citizen.user.type = "CITIZEN";
    const gro = caller(ctx, [role("GRO", "pb.amritsar")]);
    const lme = caller(ctx, [role("PGR_LME", "pb.amritsar")]);
    const step = (who: typeof admin, action: string, extra: Record<string, unknown> = {}) =>
      h.call("workflow.transition", { caller: who, body: { ProcessInstances: [{ tenantId: "pb.amritsar", businessService: "PGR", businessId: "PB-PGR-1", action, moduleName: "pgr-services", ...extra }] } });
    expect(first(step(citizen, "APPLY")).state.state).toBe("PENDINGFORASSIGNMENT");
    expect(first(step(gro, "ASSIGN", { assignes: [{ uuid: lme.user.uuid }] })).state.state).toBe("PENDINGATLME");
    expect(first(step(lme, "RESOLVE")).state.state).toBe("RESOLVED");
    expect(first(step(citizen, "RATE", { rating: 5 })).state.state).toBe("CLOSEDAFTERRESOLUTION");
  });
});
