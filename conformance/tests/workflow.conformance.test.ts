/**
 * egov-workflow-v2: business service configs (V1 and V2), transitions, process searches and counts, escalation.
 *
 * DIGIT has no delete for business services or process instances, so every behaviour that writes uses a code
 * unique to the run. The shared fixture business service is created once per target at the state tenant (where
 * DIGIT's V1 lookup finds it) and driven at the city tenant. The caller's role `R` is one the logged-in user holds
 * at the state or city tenant (EMPLOYEE when it has it).
 */
import { describe, expect } from "vitest";
import { behaviour, type Conformance, type Json } from "../src/index.js";

const WF = "/egov-workflow-v2/egov-wf";
const SRC = "egov-workflow-v2/src/main/java/org/egov/wf";
/** A role nobody holds: actions limited to it are out of the caller's reach. */
const NOBODY = "DK_NO_ONE_HOLDS_THIS_ROLE";
const DAY = 86_400_000;

/** A real DIGIT caches business-service lookups and persists through Kafka: give a fresh create time to land. */
async function settle(c: Conformance): Promise<void> {
  if (!c.target.isMock) await new Promise((r) => setTimeout(r, 3000));
}

/** The role code the caller holds at the state or city tenant, preferring EMPLOYEE. */
function callerRole(c: Conformance): string {
  const roles = ((c.digit.user?.roles ?? []) as { code: string; tenantId: string }[]).filter((r) => r.tenantId === c.state || r.tenantId === c.city);
  return (roles.find((r) => r.code === "EMPLOYEE") ?? roles[0])?.code ?? "EMPLOYEE";
}

/** Whether every role of the caller is held at a state-level tenant (no dot): DIGIT's inbox then shows only assigned instances. */
function onlyStateLevelRoles(c: Conformance): boolean {
  return ((c.digit.user?.roles ?? []) as { tenantId: string }[]).every((r) => !String(r.tenantId).includes("."));
}

/**
 * The fixture business service: start → APPLIED; from APPLIED: APPROVE → DONE [R], NOTE (self-loop) [NOBODY],
 * ZZZ → DONE [NOBODY], TODOCS → DOCS [R] (documents required), LOCK → LOCKED [R] (whose only way out needs NOBODY),
 * STAR → STARRED ["*"]; DONE: RATE → CLOSED [R].
 */
function fixtureConfig(code: string, tenantId: string, r: string): Json {
  return {
    tenantId,
    businessService: code,
    business: "dk-conformance",
    businessServiceSla: 5 * DAY,
    states: [
      { state: null, applicationStatus: null, docUploadRequired: false, isStartState: true, isTerminateState: false, actions: [{ action: "APPLY", nextState: "APPLIED", roles: [r] }] },
      {
        state: "APPLIED",
        applicationStatus: "APPLIED",
        sla: DAY,
        docUploadRequired: false,
        isStartState: false,
        isTerminateState: false,
        actions: [
          { action: "APPROVE", nextState: "DONE", roles: [r] },
          { action: "NOTE", nextState: "APPLIED", roles: [NOBODY] },
          { action: "ZZZ", nextState: "DONE", roles: [NOBODY] },
          { action: "TODOCS", nextState: "DOCS", roles: [r] },
          { action: "LOCK", nextState: "LOCKED", roles: [r] },
          { action: "STAR", nextState: "STARRED", roles: ["*"] },
        ],
      },
      { state: "DOCS", applicationStatus: "DOCS", docUploadRequired: true, isStartState: false, isTerminateState: false, actions: [{ action: "BACK", nextState: "APPLIED", roles: [r] }] },
      { state: "LOCKED", applicationStatus: "LOCKED", docUploadRequired: false, isStartState: false, isTerminateState: false, actions: [{ action: "UNLOCK", nextState: "APPLIED", roles: [NOBODY] }] },
      { state: "STARRED", applicationStatus: "STARRED", docUploadRequired: false, isStartState: false, isTerminateState: true, actions: [] },
      { state: "DONE", applicationStatus: "DONE", docUploadRequired: false, isStartState: false, isTerminateState: true, actions: [{ action: "RATE", nextState: "CLOSED", roles: [r] }] },
      { state: "CLOSED", applicationStatus: "CLOSED", docUploadRequired: false, isStartState: false, isTerminateState: true, actions: [] },
    ],
  };
}

interface Fixture {
  code: string;
  role: string;
  /** The create answer's business service. */
  created: Json;
  stateUuid(name: string | null): string;
}

const fixtures = new Map<unknown, Promise<Fixture>>();

/** The shared fixture business service of this target, created on first use. */
function fixture(c: Conformance): Promise<Fixture> {
  let f = fixtures.get(c.target);
  if (!f) {
    f = (async () => {
      const code = c.unique("DKWF");
      const role = callerRole(c);
      const res = await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [fixtureConfig(code, c.state, role)] });
      if (res.status !== 200) throw new Error(`Creating the fixture business service failed: HTTP ${res.status} ${res.text.slice(0, 400)}`);
      const created = res.body.BusinessServices[0];
      await settle(c);
      const stateUuid = (name: string | null) => (created.states as Json[]).find((s) => (s.state ?? null) === name)?.uuid as string;
      return { code, role, created, stateUuid };
    })();
    fixtures.set(c.target, f);
  }
  return f;
}

const instance = (c: Conformance, fx: Fixture, businessId: string, action: string, extra: Json = {}): Json => ({
  tenantId: c.city,
  businessService: fx.code,
  businessId,
  action,
  moduleName: "dk-conformance",
  ...extra,
});

const transition = (c: Conformance, ...instances: Json[]) => c.digit.post(`${WF}/process/_transition`, { ProcessInstances: instances });

const search = (c: Conformance, query: Record<string, string | number | boolean | undefined>) => c.digit.post(`${WF}/process/_search`, {}, { query });

/** The error of `res` with this code (DIGIT answers 400 with `Errors[]`). */
function errorOf(res: { status: number; body: Json }, code: string): Json {
  expect(res.status).toBe(400);
  const found = ((res.body?.Errors ?? []) as Json[]).find((e) => e.code === code);
  expect(found, `expected error ${code}, got ${JSON.stringify(res.body?.Errors)}`).toBeDefined();
  return found;
}

/** A small valid config with a unique code at the state tenant. */
function smallConfig(c: Conformance, code: string, extra: Json = {}): Json {
  const r = callerRole(c);
  return {
    tenantId: c.state,
    businessService: code,
    business: "dk-conformance",
    states: [
      { state: null, applicationStatus: null, isStartState: true, actions: [{ action: "GO", nextState: "GONE", roles: [r] }] },
      { state: "GONE", applicationStatus: "GONE", isTerminateState: true, actions: [] },
    ],
    ...extra,
  };
}

describe("workflow business services", () => {
  behaviour(
    "V1 create answers 200 with uuids, currentState/nextState as state uuids and active actions",
    `${SRC}/service/EnrichmentService.java:223`,
    async (c) => {
      const fx = await fixture(c);
      const bs = fx.created;
      expect(typeof bs.uuid).toBe("string");
      for (const s of bs.states as Json[]) {
        expect(typeof s.uuid).toBe("string");
        expect(s.tenantId).toBe(c.state);
        for (const a of s.actions ?? []) {
          expect(a.currentState).toBe(s.uuid);
          expect(a.active).toBe(true);
          expect((bs.states as Json[]).map((x) => x.uuid)).toContain(a.nextState);
        }
      }
    },
  );

  behaviour(
    "create answers INVALID NEXTSTATE when an action's nextState names no state of the request",
    `${SRC}/service/EnrichmentService.java:311`,
    async (c) => {
      const config = smallConfig(c, c.unique("DKWF"));
      config.states[0].actions[0].nextState = "NOWHERE";
      const res = await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [config] });
      expect(errorOf(res, "INVALID NEXTSTATE").message).toBe("The state with name: NOWHERE does not exist in config");
    },
  );

  behaviour(
    "create without business answers the bean-validation code NotNull.businessServiceRequest.businessServices[0].business",
    `${SRC}/web/models/BusinessService.java:46`,
    async (c) => {
      const { business: _dropped, ...config } = smallConfig(c, c.unique("DKWF"));
      const res = await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [config] });
      expect(errorOf(res, "NotNull.businessServiceRequest.businessServices[0].business").message).toBe("must not be null");
    },
  );

  behaviour(
    "V1 create makes no graph checks: unreachable states, dead ends and empty roles are accepted",
    `${SRC}/service/V1/BusinessMasterServiceV1.java:54`,
    async (c) => {
      const config = smallConfig(c, c.unique("DKWF"));
      config.states.push(
        { state: "ORPHAN", applicationStatus: "ORPHAN", actions: [{ action: "NOWAY", nextState: "GONE", roles: [] }] },
        { state: "DEADEND", applicationStatus: "DEADEND", isTerminateState: false, actions: [] },
      );
      const res = await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [config] });
      expect(res.status, res.text).toBe(200);
    },
  );

  behaviour(
    "create accepts a 40-character state name and a 100-character getUri (limits are 256 and 1024)",
    `${SRC}/web/models/BusinessService.java:51`,
    async (c) => {
      const config = smallConfig(c, c.unique("DKWF"), { getUri: `https://example.org/${"x".repeat(80)}` });
      config.states[1].state = "S".repeat(40);
      config.states[0].actions[0].nextState = "S".repeat(40);
      const res = await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [config] });
      expect(res.status, res.text).toBe(200);
    },
  );

  behaviour(
    "V2 create of an existing code answers INVALID BUSINESSSERVICE naming the existing tenant",
    `${SRC}/validator/BusinessServiceValidator.java:92`,
    async (c) => {
      const fx = await fixture(c);
      const res = await c.digit.post(`${WF}/businessservice/v2/_create`, { BusinessServices: [fixtureConfig(fx.code, c.state, fx.role)] });
      expect(errorOf(res, "INVALID BUSINESSSERVICE").message).toBe(`The businessService: ${fx.code} for tenantId: ${c.state} already exists`);
    },
  );

  behaviour(
    "V2 create answers INVALID STATE for a state named twice in one request",
    `${SRC}/validator/BusinessServiceValidator.java:63`,
    async (c) => {
      const config = smallConfig(c, c.unique("DKWF"));
      config.states.push({ state: "GONE", applicationStatus: "GONE", isTerminateState: true, actions: [] });
      const res = await c.digit.post(`${WF}/businessservice/v2/_create`, { BusinessServices: [config] });
      expect(errorOf(res, "INVALID STATE").message).toBe("State: GONE is duplicate");
    },
  );

  behaviour(
    "V1 search without businessServices answers an empty list",
    `${SRC}/repository/V1/BusinessServiceRepositoryV1.java:73`,
    async (c) => {
      await fixture(c);
      const res = await c.digit.post(`${WF}/businessservice/_search`, {}, { query: { tenantId: c.state } });
      expect(res.status).toBe(200);
      expect(res.body.BusinessServices).toEqual([]);
    },
  );

  behaviour(
    "search at a city finds the state-level business service and labels it (states and actions too) with the city",
    `${SRC}/service/EnrichmentService.java:383`,
    async (c) => {
      const fx = await fixture(c);
      const res = await c.eventually(async () => {
        const r = await c.digit.post(`${WF}/businessservice/_search`, {}, { query: { tenantId: c.city, businessServices: fx.code } });
        expect(r.body.BusinessServices).toHaveLength(1);
        return r;
      });
      const bs = res.body.BusinessServices[0];
      expect(bs.uuid).toBe(fx.created.uuid);
      expect(bs.tenantId).toBe(c.city);
      for (const s of bs.states) {
        expect(s.tenantId).toBe(c.city);
        for (const a of s.actions ?? []) expect(a.tenantId).toBe(c.city);
      }
    },
  );

  behaviour(
    "business service search without tenantId answers NotNull.businessServiceSearchCriteria.tenantId",
    `${SRC}/web/models/BusinessServiceSearchCriteria.java:22`,
    async (c) => {
      const res = await c.digit.post(`${WF}/businessservice/_search`, {}, { query: { businessServices: "PGR" } });
      expect(errorOf(res, "NotNull.businessServiceSearchCriteria.tenantId").message).toBe("must not be null");
    },
  );

  behaviour(
    "search answers businessServiceSla 0 for a business service created without one",
    `${SRC}/repository/rowmapper/BusinessServiceRowMapper.java:39`,
    async (c) => {
      const code = c.unique("DKWF");
      expect((await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [smallConfig(c, code)] })).status).toBe(200);
      await settle(c);
      const bs = await c.eventually(async () => {
        const r = await c.digit.post(`${WF}/businessservice/_search`, {}, { query: { tenantId: c.state, businessServices: code } });
        expect(r.body.BusinessServices).toHaveLength(1);
        return r.body.BusinessServices[0];
      });
      expect(bs.businessServiceSla).toBe(0);
    },
  );

  behaviour(
    "update is an upsert: a state left out of the request is kept",
    "egov-workflow-v2/src/main/resources/egov-workflow-v2-persister.yml:218",
    async (c) => {
      const code = c.unique("DKWF");
      const created = (await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [smallConfig(c, code, { businessServiceSla: DAY })] })).body.BusinessServices[0];
      await settle(c);
      const start = created.states.find((s: Json) => s.state === null);
      const update = { ...created, businessServiceSla: 2 * DAY, states: [start] };
      const res = await c.digit.post(`${WF}/businessservice/_update`, { BusinessServices: [update] });
      expect(res.status, res.text).toBe(200);
      await settle(c);
      const bs = await c.eventually(async () => {
        const r = await c.digit.post(`${WF}/businessservice/_search`, {}, { query: { tenantId: c.state, businessServices: code } });
        expect(r.body.BusinessServices[0]?.businessServiceSla).toBe(2 * DAY);
        return r.body.BusinessServices[0];
      });
      expect(bs.states.map((s: Json) => s.state)).toContain("GONE");
    },
  );

  behaviour(
    "a mock-only graph rule (unreachable state) is a warning by default",
    `${SRC}/service/V1/BusinessMasterServiceV1.java:54`,
    async (c) => {
      const config = smallConfig(c, c.unique("DKWF"));
      config.states.push({ state: "ORPHAN", applicationStatus: "ORPHAN", actions: [{ action: "NOWAY", nextState: "GONE", roles: [callerRole(c)] }] });
      const res = await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [config] });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-digit-mock-warning") ?? "").toContain("ORPHAN");
    },
    { mockOnly: true },
  );

  behaviour(
    "under --strict the mock refuses an unreachable state",
    `${SRC}/service/V1/BusinessMasterServiceV1.java:54`,
    async (c) => {
      const config = smallConfig(c, c.unique("DKWF"));
      config.states.push({ state: "ORPHAN", applicationStatus: "ORPHAN", actions: [{ action: "NOWAY", nextState: "GONE", roles: [callerRole(c)] }] });
      const res = await c.digit.post(`${WF}/businessservice/_create`, { BusinessServices: [config] });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.Errors)).toContain("ORPHAN");
    },
    { strict: true },
  );
});

describe("workflow transitions", () => {
  behaviour(
    "transition with an unknown business service answers BUSINESSSERVICE ERROR",
    `${SRC}/service/TransitionService.java:166`,
    async (c) => {
      const code = c.unique("NOPE");
      const res = await transition(c, { tenantId: c.city, businessService: code, businessId: `${code}-1`, action: "APPLY" });
      expect(errorOf(res, "BUSINESSSERVICE ERROR").message).toBe(`No bussinessService object found for businessSerice: ${code} and tenantId: ${c.city}`);
    },
  );

  behaviour(
    "APPLY without moduleName, with a 200-character comment and null documents/assignes answers the new instance",
    [`${SRC}/service/TransitionService.java:58`, `${SRC}/service/EnrichmentService.java:102`],
    async (c) => {
      const fx = await fixture(c);
      const { moduleName: _none, ...item } = instance(c, fx, `${fx.code}-A1`, "APPLY", { comment: "c".repeat(200), documents: null, assignes: null });
      const res = await transition(c, item);
      expect(res.status, res.text).toBe(200);
      expect(res.body.ResponseInfo.status).toBe("successful");
      const pi = res.body.ProcessInstances[0];
      expect(typeof pi.id).toBe("string");
      expect(pi.moduleName).toBe("dk-conformance");
      expect(pi.state.state).toBe("APPLIED");
      expect(pi.businesssServiceSla).toBe(5 * DAY);
      expect(pi.stateSla).toBe(DAY);
      expect(pi.previousStatus).toBeNull();
      expect(pi.assigner.uuid).toBe(c.digit.user.uuid);
      // The caller's actions out of APPLIED, sorted by name: not NOTE or ZZZ (NOBODY's), STAR ("*") included.
      expect(pi.nextActions.map((a: Json) => a.action)).toEqual(["APPROVE", "LOCK", "STAR", "TODOCS"]);
    },
  );

  behaviour(
    "action names match ignoring case",
    `${SRC}/service/TransitionService.java:86`,
    async (c) => {
      const fx = await fixture(c);
      const res = await transition(c, instance(c, fx, `${fx.code}-A2`, "apply"));
      expect(res.status, res.text).toBe(200);
      expect(res.body.ProcessInstances[0].state.state).toBe("APPLIED");
    },
  );

  behaviour(
    "an action the current state does not have answers INVALID ACTION",
    `${SRC}/service/TransitionService.java:98`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-A3`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      const res = await transition(c, instance(c, fx, id, "NOPE"));
      expect(errorOf(res, "INVALID ACTION").message).toBe(`Action NOPE not found in config for the businessId: ${id}`);
    },
  );

  behaviour(
    "a state-changing action none of whose roles the caller holds answers INVALID ROLE",
    `${SRC}/validator/WorkflowValidator.java:141`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-A4`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      const res = await transition(c, instance(c, fx, id, "ZZZ"));
      expect(errorOf(res, "INVALID ROLE").message).toBe("User is not authorized to perform action");
    },
  );

  behaviour(
    "a self-loop action needs only some role of the business service, not one of its own",
    `${SRC}/validator/WorkflowValidator.java:143`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-A5`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      const res = await transition(c, instance(c, fx, id, "NOTE"));
      expect(res.status, res.text).toBe(200);
      expect(res.body.ProcessInstances[0].state.state).toBe("APPLIED");
    },
  );

  behaviour(
    "moving into a state with docUploadRequired without documents answers INVALID DOCUMENT",
    `${SRC}/validator/WorkflowValidator.java:86`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-A6`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      const res = await transition(c, instance(c, fx, id, "TODOCS"));
      expect(errorOf(res, "INVALID DOCUMENT").message).toBe("Documents cannot be null for status: DOCS");
      const withDocs = await transition(c, instance(c, fx, id, "TODOCS", { documents: [{ documentType: "PHOTO", fileStoreId: "dk-file-1" }] }));
      expect(withDocs.status, withDocs.text).toBe(200);
      expect(withDocs.body.ProcessInstances[0].documents[0].tenantId).toBe(c.city);
      expect(typeof withDocs.body.ProcessInstances[0].documents[0].id).toBe("string");
    },
  );

  behaviour(
    "a rating with any action but RATE answers INVALID_ACTION",
    `${SRC}/validator/WorkflowValidator.java:130`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-A7`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      const res = await transition(c, instance(c, fx, id, "APPROVE", { rating: 3 }));
      expect(errorOf(res, "INVALID_ACTION").message).toBe("Rating can be given only upon taking RATE action.");
    },
  );

  behaviour(
    "an assignee who is no user answers INVALID UUID",
    `${SRC}/service/EnrichmentService.java:409`,
    async (c) => {
      const fx = await fixture(c);
      const ghost = "7f0c5a1e-0000-4000-8000-00000000dead";
      const res = await transition(c, instance(c, fx, `${fx.code}-A8`, "APPLY", { assignes: [{ uuid: ghost }] }));
      expect(errorOf(res, "INVALID UUID").message).toBe(`User not found for uuid: ${ghost}`);
    },
  );

  behaviour(
    "an assignee holding none of the roles that can move the next state on answers INVALID_ASSIGNEE",
    `${SRC}/validator/WorkflowValidator.java:170`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-A9`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      const me = c.digit.user.uuid;
      const res = await transition(c, instance(c, fx, id, "LOCK", { assignes: [{ uuid: me }] }));
      expect(errorOf(res, "INVALID_ASSIGNEE").message).toBe(`Cannot assign to the user: ${me}`);
    },
  );

  behaviour(
    'an action whose roles contain "*" is open to any role of the business service',
    `${SRC}/service/TransitionService.java:87`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-A10`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      const res = await transition(c, instance(c, fx, id, "STAR"));
      expect(res.status, res.text).toBe(200);
      expect(res.body.ProcessInstances[0].state.state).toBe("STARRED");
    },
  );

  behaviour(
    "a tenant without a tenant.tenants record is not refused",
    `${SRC}/service/TransitionService.java:158`,
    async (c) => {
      const fx = await fixture(c);
      const city = `${c.state}.${c.unique("dk").toLowerCase()}`;
      const res = await transition(c, { ...instance(c, fx, `${fx.code}-T1`, "APPLY"), tenantId: city });
      expect(res.status, res.text).toBe(200);
      expect(res.body.ProcessInstances[0].tenantId).toBe(city);
    },
  );

  behaviour(
    "a service calling through the internal door acts as the RequestInfo.userInfo it sends",
    `${SRC}/web/controllers/WorkflowController.java:54`,
    async (c) => {
      const fx = await fixture(c);
      const body = { RequestInfo: { apiId: "pgr-services", userInfo: c.digit.user }, ProcessInstances: [instance(c, fx, `${fx.code}-D1`, "APPLY")] };
      const res = await c.digit.post(`${WF}/process/_transition`, body, { door: "internal", raw: true });
      expect(res.status, res.text).toBe(200);
      expect(res.body.ProcessInstances[0].assigner.uuid).toBe(c.digit.user.uuid);
      expect(res.body.ProcessInstances[0].nextActions.map((a: Json) => a.action)).toEqual(["APPROVE", "LOCK", "STAR", "TODOCS"]);
    },
    { internal: true },
  );
});

describe("workflow process search and counts", () => {
  behaviour(
    "search matches businessIds as substrings, pages 10 by default, answers no ResponseInfo and totalCount 0 without assignee",
    [`${SRC}/repository/querybuilder/WorkflowQueryBuilder.java:165`, `${SRC}/web/controllers/WorkflowController.java:71`],
    async (c) => {
      const fx = await fixture(c);
      const ids = Array.from({ length: 11 }, (_, i) => `${fx.code}-B${String(i + 1).padStart(3, "0")}`);
      const res = await transition(c, ...ids.map((id) => instance(c, fx, id, "APPLY")));
      expect(res.status, res.text).toBe(200);
      const page = await c.eventually(async () => {
        const all = await search(c, { tenantId: c.city, businessIds: `${fx.code}-B`, limit: 500 });
        expect(all.body.ProcessInstances).toHaveLength(11);
        return search(c, { tenantId: c.city, businessIds: `${fx.code}-B` });
      });
      expect(page.status).toBe(200);
      expect(page.body.ProcessInstances).toHaveLength(10);
      expect(page.body.ResponseInfo).toBeNull();
      expect(page.body.totalCount).toBe(0);
    },
  );

  behaviour(
    "a businessIds element shorter than 4 characters answers a Size bean-validation error",
    `${SRC}/web/models/ProcessInstanceSearchCriteria.java:25`,
    async (c) => {
      const res = await search(c, { tenantId: c.city, businessIds: "AB" });
      expect(res.status).toBe(400);
      const e = (res.body.Errors as Json[])[0];
      expect(e.code).toMatch(/^Size\.processInstanceSearchCriteria\.businessIds/);
      expect(e.message).toBe("size must be between 4 and 2147483647");
    },
  );

  behaviour(
    "search without tenantId answers NotNull.processInstanceSearchCriteria.tenantId",
    `${SRC}/web/models/ProcessInstanceSearchCriteria.java:17`,
    async (c) => {
      const res = await search(c, { businessIds: "ABCD" });
      expect(errorOf(res, "NotNull.processInstanceSearchCriteria.tenantId").message).toBe("must not be null");
    },
  );

  behaviour(
    "a negative offset reaches the database and answers QUERY_EXECUTION_ERROR",
    "libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:162",
    async (c) => {
      const res = await search(c, { tenantId: c.city, businessIds: "ABCD", offset: -1 });
      errorOf(res, "QUERY_EXECUTION_ERROR");
    },
  );

  behaviour(
    "search items carry rating 0, escalated false, and null assignes, documents and comment when none were given",
    `${SRC}/repository/rowmapper/WorkflowRowMapper.java:99`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-C1`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      const pi = await c.eventually(async () => {
        const r = await search(c, { tenantId: c.city, businessIds: id });
        expect(r.body.ProcessInstances).toHaveLength(1);
        return r.body.ProcessInstances[0];
      });
      expect(pi.rating).toBe(0);
      expect(pi.escalated).toBe(false);
      expect(pi.assignes).toBeNull();
      expect(pi.documents).toBeNull();
      expect(pi.comment).toBeNull();
      expect(pi.state.isStateUpdatable).toBeNull();
      expect(Object.keys(pi.assigner).sort()).toEqual(["emailId", "id", "mobileNumber", "name", "roles", "tenantId", "type", "userName", "uuid"]);
      expect(pi.nextActions.map((a: Json) => a.action)).toEqual(["APPROVE", "LOCK", "STAR", "TODOCS"]);
    },
  );

  behaviour(
    "search with status filters by state uuid",
    `${SRC}/repository/querybuilder/WorkflowQueryBuilder.java:177`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-S1`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      const found = await c.eventually(async () => {
        const r = await search(c, { tenantId: c.city, businessService: fx.code, status: fx.stateUuid("APPLIED"), limit: 100 });
        expect(r.body.ProcessInstances.map((p: Json) => p.businessId)).toContain(id);
        return r.body.ProcessInstances as Json[];
      });
      expect(found.every((p) => p.state.uuid === fx.stateUuid("APPLIED"))).toBe(true);
    },
  );

  behaviour(
    "search without businessIds, ids, status or assignee is the caller's inbox",
    [`${SRC}/service/WorkflowService.java:93`, `${SRC}/repository/querybuilder/WorkflowQueryBuilder.java:323`],
    async (c) => {
      const fx = await fixture(c);
      const mine = `${fx.code}-I1`;
      const other = `${fx.code}-I2`;
      expect((await transition(c, instance(c, fx, mine, "APPLY"), instance(c, fx, other, "APPLY"))).status).toBe(200);
      await settle(c);
      const assigned = await transition(c, instance(c, fx, mine, "APPROVE", { assignes: [{ uuid: c.digit.user.uuid }] }));
      expect(assigned.status, assigned.text).toBe(200);
      const inbox = await c.eventually(async () => {
        const r = await search(c, { tenantId: c.city, businessService: fx.code, limit: 100 });
        expect(r.body.ProcessInstances.map((p: Json) => p.businessId)).toContain(mine);
        return r;
      });
      expect(inbox.body.totalCount).toBeGreaterThanOrEqual(1);
      const ids = (inbox.body.ProcessInstances as Json[]).map((p) => p.businessId);
      // Roles held only at the state tenant reach just the instances assigned to the caller.
      if (onlyStateLevelRoles(c)) expect(ids).not.toContain(other);
      else expect(ids).toContain(other);
    },
  );

  behaviour(
    "_count matches businessIds exactly and counts every record with history=true",
    `${SRC}/repository/querybuilder/WorkflowQueryBuilder.java:97`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-N1`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await settle(c);
      expect((await transition(c, instance(c, fx, id, "APPROVE"))).status).toBe(200);
      expect((await transition(c, instance(c, fx, `${id}0`, "APPLY"))).status).toBe(200);
      await c.eventually(async () => {
        const latest = await c.digit.post(`${WF}/process/_count`, {}, { query: { tenantId: c.city, businessIds: id } });
        expect(latest.body).toBe(1);
        const history = await c.digit.post(`${WF}/process/_count`, {}, { query: { tenantId: c.city, businessIds: id, history: true } });
        expect(history.body).toBe(2);
      });
    },
  );

  behaviour(
    "_nearingslacount without businessService answers EG_WF_BUSINESSSRV_ERR",
    `${SRC}/service/WorkflowService.java:117`,
    async (c) => {
      const res = await c.digit.post(`${WF}/process/_nearingslacount`, {}, { query: { tenantId: c.city } });
      expect(errorOf(res, "EG_WF_BUSINESSSRV_ERR").message).toBe("Providing business service is mandatory for nearing escalation count");
    },
  );

  behaviour(
    "_statuscount validates the query criteria even when the body carries criteria",
    `${SRC}/web/controllers/WorkflowController.java:105`,
    async (c) => {
      const res = await c.digit.post(`${WF}/process/_statuscount`, { ProcessInstanceSearchCriteria: { tenantId: c.city } });
      errorOf(res, "NotNull.processInstanceSearchCriteria.tenantId");
    },
  );

  behaviour(
    "_statuscount answers {count, applicationstatus, businessservice, statusid} rows",
    `${SRC}/repository/querybuilder/WorkflowQueryBuilder.java:50`,
    async (c) => {
      const fx = await fixture(c);
      const id = `${fx.code}-K1`;
      expect((await transition(c, instance(c, fx, id, "APPLY"))).status).toBe(200);
      await c.eventually(async () => {
        const res = await c.digit.post(`${WF}/process/_statuscount`, {}, { query: { tenantId: c.city, businessIds: id } });
        expect(res.status).toBe(200);
        expect(res.body).toEqual([{ count: 1, applicationstatus: "APPLIED", businessservice: fx.code, statusid: fx.stateUuid("APPLIED") }]);
      });
    },
  );

  behaviour(
    "escalate/_search answers no ResponseInfo",
    `${SRC}/web/controllers/WorkflowController.java:89`,
    async (c) => {
      const fx = await fixture(c);
      const res = await c.digit.post(`${WF}/escalate/_search`, {}, { query: { tenantId: c.city, businessService: fx.code } });
      expect(res.status).toBe(200);
      expect(res.body.ResponseInfo).toBeNull();
      expect(res.body.ProcessInstances).toEqual([]);
      expect(res.body.totalCount).toBe(0);
    },
  );

  behaviour(
    "auto/{businessService}/_escalate answers a bare ResponseInfo",
    `${SRC}/web/controllers/EscalationController.java:39`,
    async (c) => {
      const fx = await fixture(c);
      const res = await c.digit.post(`${WF}/auto/${fx.code}/_escalate`, {});
      expect(res.status, res.text).toBe(200);
      expect(res.body.status).toBe("successful");
      expect(res.body.ResponseInfo).toBeUndefined();
      expect(res.body.ProcessInstances).toBeUndefined();
    },
  );
});
