import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workflowService } from "../../src/services/workflow/index.js";
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
      { state: "PENDINGFORASSIGNMENT", applicationStatus: "PENDINGFORASSIGNMENT", sla: HOUR, actions: [{ action: "ASSIGN", nextState: "PENDINGATLME", roles: ["GRO"] }, { action: "REJECT", nextState: "REJECTED", roles: ["GRO"] }] },
      { state: "PENDINGATLME", applicationStatus: "PENDINGATLME", sla: 2 * HOUR, actions: [{ action: "RESOLVE", nextState: "RESOLVED", roles: ["PGR_LME"] }] },
      { state: "RESOLVED", applicationStatus: "RESOLVED", isTerminateState: true, actions: [{ action: "RATE", nextState: "CLOSED", roles: ["CITIZEN"] }] },
      { state: "REJECTED", applicationStatus: "REJECTED", isTerminateState: true, actions: [] },
      { state: "CLOSED", applicationStatus: "CLOSED", isTerminateState: true },
    ],
    ...overrides,
  };
}

function setup(writeLagMs = 0) {
  const ctx = fakeContext({ writeLagMs });
  const h = new Harness(workflowService, ctx);
  const admin = caller(ctx, [role("SUPERUSER")]);
  const citizen = caller(ctx, [role("CITIZEN")]);
  const gro = caller(ctx, [role("GRO", "pb.amritsar")]);
  const lme = caller(ctx, [role("PGR_LME")]);
  const createBs = (bs: unknown, op = "workflow.createBusinessService") => h.call(op, { caller: admin, body: { BusinessServices: [bs] } });
  const move = (who: typeof admin, action: string, extra: Record<string, unknown> = {}) =>
    h.call("workflow.transition", {
      caller: who,
      body: { ProcessInstances: [{ tenantId: "pb.amritsar", businessService: "PGR", businessId: "PG-1", action, moduleName: "pgr-services", ...extra }] },
    });
  return { ctx, h, admin, citizen, gro, lme, createBs, move };
}

const firstInstance = (res: ReturnType<ReturnType<typeof setup>["move"]>) =>
  (bodyOf(res)["ProcessInstances"] as Record<string, unknown>[])[0] as Record<string, unknown> & { state: { state: string; uuid: string } };

describe("workflow business services", () => {
  it("stores a valid config with uuids, nextState as state uuid and currentState on actions", () => {
    const { createBs } = setup();
    const res = createBs(pgr());
    expect(res.status).toBe(200);
    const bs = (bodyOf(res)["BusinessServices"] as { uuid: string; states: { uuid: string; state: string | null; actions: { nextState: string; currentState: string }[] }[] }[])[0];
    expect(bs?.uuid).toBeTruthy();
    const start = bs?.states[0];
    const pending = bs?.states.find((s) => s.state === "PENDINGFORASSIGNMENT");
    expect(start?.actions[0]?.nextState).toBe(pending?.uuid);
    expect(start?.actions[0]?.currentState).toBe(start?.uuid);
  });

  it("refuses a config without a start state", () => {
    const { createBs } = setup();
    const states = pgr().states.slice(1).map((s) => ({ ...s, isStartState: false }));
    const res = createBs(pgr({ states }));
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toContain("INVALID_BUSINESSSERVICE_START_STATE");
  });

  it("refuses an action leading to an unknown state, naming state and action", () => {
    const { createBs } = setup();
    const states = pgr().states.map((s) => (s.state === "PENDINGATLME" ? { ...s, actions: [{ action: "RESOLVE", nextState: "NOWHERE", roles: ["PGR_LME"] }] } : s));
    const res = createBs(pgr({ states }));
    expect(errorCodes(res)).toEqual(["INVALID_BUSINESSSERVICE_NEXT_STATE"]);
    const message = (bodyOf(res)["Errors"] as { message: string }[])[0]?.message ?? "";
    expect(message).toContain("PENDINGATLME");
    expect(message).toContain("NOWHERE");
  });

  it("refuses unreachable non-terminal states, empty roles and dead ends", () => {
    const { createBs } = setup();
    const extra = { state: "ORPHAN", applicationStatus: "ORPHAN", actions: [{ action: "GO", nextState: "CLOSED", roles: ["GRO"] }] };
    expect(errorCodes(createBs(pgr({ states: [...pgr().states, extra] })))).toEqual(["INVALID_BUSINESSSERVICE_UNREACHABLE_STATE"]);
    const noRoles = pgr().states.map((s) => (s.state === "PENDINGATLME" ? { ...s, actions: [{ action: "RESOLVE", nextState: "RESOLVED", roles: [] }] } : s));
    expect(errorCodes(createBs(pgr({ states: noRoles })))).toEqual(["INVALID_BUSINESSSERVICE_ROLES"]);
    const deadEnd = pgr().states.map((s) => (s.state === "CLOSED" ? { ...s, isTerminateState: false } : s));
    expect(errorCodes(createBs(pgr({ states: deadEnd })))).toEqual(["INVALID_BUSINESSSERVICE_DEAD_END"]);
  });

  it("refuses a duplicate code per tenant, updates an existing one, and searches with state fallback", () => {
    const { createBs, h, admin } = setup();
    expect(createBs(pgr()).status).toBe(200);
    expect(errorCodes(createBs(pgr(), "workflow.createBusinessServiceV2"))).toEqual(["DUPLICATE_BUSINESSSERVICE"]);
    expect(createBs(pgr({ tenantId: "pb.amritsar" })).status).toBe(200);
    const upd = h.call("workflow.updateBusinessService", { caller: admin, body: { BusinessServices: [pgr({ businessServiceSla: 5 })] } });
    expect(upd.status).toBe(200);
    const missing = h.call("workflow.updateBusinessService", { caller: admin, body: { BusinessServices: [pgr({ businessService: "NOPE" })] } });
    expect(errorCodes(missing)).toEqual(["BUSINESSSERVICE_NOT_FOUND"]);
    const search = (tenantId: string) =>
      (bodyOf(h.call("workflow.searchBusinessServices", { caller: admin, query: { tenantId, businessServices: "PGR" } }))["BusinessServices"] as { tenantId: string; businessServiceSla: number }[]);
    expect(search("pb")[0]?.businessServiceSla).toBe(5);
    expect(search("pb.amritsar")[0]?.tenantId).toBe("pb.amritsar");
    expect(search("pb.jalandhar")[0]?.tenantId).toBe("pb");
  });
});

describe("workflow transitions", () => {
  it("runs APPLY → ASSIGN → RESOLVE with history, assignees and SLAs", () => {
    const { createBs, move, citizen, gro, lme, h, ctx } = setup();
    createBs(pgr());
    const applied = move(citizen, "APPLY");
    expect(applied.status).toBe(200);
    expect(firstInstance(applied).state.state).toBe("PENDINGFORASSIGNMENT");
    ctx.clock.now += HOUR / 2;
    const assigned = move(gro, "ASSIGN", { assignes: [{ uuid: lme.user.uuid }] });
    expect(assigned.status).toBe(200);
    const inst = firstInstance(assigned);
    expect(inst.state.state).toBe("PENDINGATLME");
    expect((inst["assignes"] as { uuid: string }[])[0]?.uuid).toBe(lme.user.uuid);
    expect(inst["assignes"]).not.toContainEqual(expect.objectContaining({ password: expect.anything() }));
    expect(inst["stateSla"]).toBe(2 * HOUR);
    expect(inst["businesssServiceSla"]).toBe(10 * HOUR - HOUR / 2);
    ctx.clock.now += HOUR;
    expect(firstInstance(move(lme, "RESOLVE")).state.state).toBe("RESOLVED");

    const hist = h.call("workflow.searchProcesses", { caller: gro, query: { tenantId: "pb.amritsar", businessIds: "PG-1", history: "true" } });
    expect((bodyOf(hist)["ProcessInstances"] as { action: string }[]).map((p) => p.action)).toEqual(["RESOLVE", "ASSIGN", "APPLY"]);
    const latest = h.call("workflow.searchProcesses", { caller: gro, query: { tenantId: "pb.amritsar", businessIds: "PG-1" } });
    expect((bodyOf(latest)["ProcessInstances"] as { action: string }[]).map((p) => p.action)).toEqual(["RESOLVE"]);
    expect(h.call("workflow.countProcesses", { caller: gro, query: { tenantId: "pb.amritsar" } }).body).toBe(1);
    const statuses = h.call("workflow.statusCount", { caller: gro, query: { tenantId: "pb.amritsar" } }).body as { applicationstatus: string; count: number }[];
    expect(statuses).toEqual([expect.objectContaining({ applicationstatus: "RESOLVED", count: 1 })]);
  });

  it("hides new business services and instances from searches during the write lag, but not from transitions", () => {
    const { createBs, move, citizen, gro, h, ctx } = setup(1000);
    createBs(pgr());
    const bsSearch = () => bodyOf(h.call("workflow.searchBusinessServices", { caller: gro, query: { tenantId: "pb" } }))["BusinessServices"] as unknown[];
    expect(bsSearch()).toHaveLength(0);
    move(citizen, "APPLY");
    expect(move(gro, "ASSIGN").status).toBe(200);
    const latest = () => bodyOf(h.call("workflow.searchProcesses", { caller: gro, query: { tenantId: "pb.amritsar" } }))["ProcessInstances"] as { action: string }[];
    expect(latest()).toHaveLength(0);
    ctx.clock.now += 1000;
    expect(bsSearch()).toHaveLength(1);
    expect(latest().map((p) => p.action)).toEqual(["ASSIGN"]);
  });

  it("refuses an action that is not valid from the current state, listing the allowed ones", () => {
    const { createBs, move, citizen } = setup();
    createBs(pgr());
    move(citizen, "APPLY");
    const res = move(citizen, "RESOLVE");
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(["INVALID_ACTION"]);
    expect((bodyOf(res)["Errors"] as { message: string }[])[0]?.message).toContain("ASSIGN, REJECT");
  });

  it("refuses a caller without one of the action's roles at the tenant", () => {
    const { createBs, move, citizen, ctx } = setup();
    createBs(pgr());
    move(citizen, "APPLY");
    expect(errorCodes(move(citizen, "ASSIGN"))).toEqual(["INVALID_ROLE"]);
    const elsewhere = caller(ctx, [role("GRO", "mh")]);
    expect(errorCodes(move(elsewhere, "ASSIGN"))).toEqual(["INVALID_ROLE"]);
  });

  it("refuses unknown assignees and unknown business services without storing anything", () => {
    const { createBs, move, citizen, gro, h } = setup();
    createBs(pgr());
    move(citizen, "APPLY");
    expect(errorCodes(move(gro, "ASSIGN", { assignes: [{ uuid: "ghost" }] }))).toEqual(["INVALID_ASSIGNEE"]);
    expect(errorCodes(move(citizen, "APPLY", { businessService: "NOPE", businessId: "X" }))).toEqual(["BUSINESSSERVICE_NOT_FOUND"]);
    createBs(pgr({ businessService: "OTHER" }));
    expect(errorCodes(move(citizen, "APPLY", { businessService: "OTHER" }))).toEqual(["INVALID_REQUEST"]);
    const hist = h.call("workflow.searchProcesses", { caller: gro, query: { tenantId: "pb.amritsar", history: "true" } });
    expect(bodyOf(hist)["totalCount"]).toBe(1);
  });

  it("refuses any action from a terminal state without actions", () => {
    const { createBs, move, citizen, gro } = setup();
    createBs(pgr());
    move(citizen, "APPLY");
    move(gro, "REJECT");
    const res = move(citizen, "REOPEN");
    expect(errorCodes(res)).toEqual(["INVALID_ACTION"]);
    expect((bodyOf(res)["Errors"] as { message: string }[])[0]?.message).toContain("terminal state REJECTED");
  });

  it("finds escalated and nearing-SLA instances and auto-escalates by MDMS rule", () => {
    const { createBs, move, citizen, gro, h, ctx } = setup();
    const states = pgr().states.map((s) =>
      s.state === "PENDINGATLME"
        ? { ...s, actions: [...(s.actions ?? []), { action: "ESCALATE", nextState: "RESOLVED", roles: ["AUTO_ESCALATE"] }] }
        : s,
    );
    createBs(pgr({ states }));
    move(citizen, "APPLY");
    move(gro, "ASSIGN");
    const escalated = () => bodyOf(h.call("workflow.searchEscalated", { caller: gro, query: { tenantId: "pb.amritsar" } }))["totalCount"];
    expect(escalated()).toBe(0);
    ctx.clock.now += 3 * HOUR;
    expect(escalated()).toBe(1);
    ctx.clock.now += 5 * HOUR;
    expect(h.call("workflow.nearingSlaCount", { caller: gro, query: { tenantId: "pb.amritsar" } }).body).toBe(1);
    const mdms = ctx.slices["mdms"] as { data: Record<string, Record<string, Record<string, unknown>>> };
    mdms.data["pb"] = {
      "Workflow.AutoEscalation": {
        r1: { id: "r1", tenantId: "pb", schemaCode: "Workflow.AutoEscalation", uniqueIdentifier: "x", isActive: true, visibleFrom: 0, data: { businessService: "PGR", state: "PENDINGATLME", action: "ESCALATE", active: true }, auditDetails: {} },
      },
    };
    const auto = h.call("workflow.autoEscalate", { caller: gro, params: { businessService: "PGR" } });
    expect((bodyOf(auto)["ProcessInstances"] as { state: { state: string } }[]).map((p) => p.state.state)).toEqual(["RESOLVED"]);
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
      // Two files share the PGR code on tenant pb; load the second one on a city tenant.
      const services = (rest["BusinessServices"] as Record<string, unknown>[]).map((bs) =>
        file.startsWith("PGR.digit-oss") ? { ...bs, tenantId: "pb.jalandhar" } : bs,
      );
      const res = h.call("workflow.createBusinessService", { caller: admin, body: { BusinessServices: services } });
      expect(res.status, `${file}: ${JSON.stringify(bodyOf(res)["Errors"])}`).toBe(200);
    }
  });
});
