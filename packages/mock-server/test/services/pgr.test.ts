/**
 * pgr-services' rules in the mock, through the real engine (PGR reaches MDMS, egov-user, HRMS, idgen and workflow
 * with ctx.call, which the fake unit-test context cannot offer). Raw DIGIT bodies over mock.fetch.
 */
import { describe, expect, it } from "vitest";
import { createDigitMock } from "../../src/index.js";
import type { MockOptions } from "../../src/core/types.js";
import type { IdgenSlice } from "../../src/services/idgen/index.js";
import type { PgrSlice } from "../../src/services/pgr/index.js";
import type { WorkflowSlice } from "../../src/services/workflow/index.js";
import { login, post, requestInfo, testClock, type Json } from "../helpers.js";

const T0 = Date.UTC(2026, 0, 5, 6, 0, 0);
const DAY = 86_400_000;
const CITY = "pg.citya";
const CREATE = "/pgr-services/v2/request/_create";
const UPDATE = "/pgr-services/v2/request/_update";
const SEARCH = "/pgr-services/v2/request/_search";
const COUNT = "/pgr-services/v2/request/_count";
const PLAIN = "/pgr-services/v2/request/_plainsearch";

const STOCK = {
  tenantId: "pg",
  businessService: "PGR",
  business: "pgr-services",
  businessServiceSla: 5 * DAY,
  states: [
    { state: null, applicationStatus: null, isStartState: true, actions: [{ action: "APPLY", nextState: "PENDINGFORASSIGNMENT", roles: ["CITIZEN", "CSR"] }] },
    {
      state: "PENDINGFORASSIGNMENT",
      applicationStatus: "PENDINGFORASSIGNMENT",
      actions: [
        { action: "ASSIGN", nextState: "PENDINGATLME", roles: ["GRO"] },
        { action: "REJECT", nextState: "REJECTED", roles: ["GRO"] },
      ],
    },
    { state: "PENDINGATLME", applicationStatus: "PENDINGATLME", sla: 3 * DAY, actions: [{ action: "RESOLVE", nextState: "RESOLVED", roles: ["PGR_LME"] }] },
    {
      state: "REJECTED",
      applicationStatus: "REJECTED",
      isTerminateState: true,
      actions: [{ action: "REOPEN", nextState: "PENDINGFORASSIGNMENT", roles: ["CITIZEN", "CSR"] }],
    },
    {
      state: "RESOLVED",
      applicationStatus: "RESOLVED",
      isTerminateState: true,
      actions: [
        { action: "REOPEN", nextState: "PENDINGFORASSIGNMENT", roles: ["CITIZEN", "CSR"] },
        { action: "RATE", nextState: "CLOSEDAFTERRESOLUTION", roles: ["CITIZEN"] },
      ],
    },
    { state: "CLOSEDAFTERRESOLUTION", applicationStatus: "CLOSEDAFTERRESOLUTION", isTerminateState: true, actions: [] },
  ],
};

interface World {
  mock: ReturnType<typeof createDigitMock>;
  clock: ReturnType<typeof testClock>;
  admin: string;
  citizen: string;
  citizenUuid: string;
  gro: string;
  lme: string;
  lmeUuid: string;
  csr: string;
  call(token: string, path: string, body?: Json, query?: Record<string, string>): Promise<{ status: number; body: Json; headers: Headers }>;
  file(over?: Json, token?: string): Promise<Json>;
  find(serviceRequestId: string): Promise<Json>;
  act(token: string, serviceRequestId: string, workflow: Json, patch?: Json): Promise<{ status: number; body: Json }>;
  slice(): PgrSlice;
}

async function world(options: Partial<MockOptions> = {}, setup: { serviceDefs?: boolean; workflow?: boolean } = {}): Promise<World> {
  const lag = options.writeLagMs ?? 0;
  if (lag >= 1000) throw new Error("keep writeLagMs under 1000 in these tests");
  const clock = testClock(T0 - 2000);
  // Tokens outlive the months these tests move the clock by.
  const mock = createDigitMock({ now: clock.now, options: { tokenTtlSeconds: 365 * 86_400, ...options } });
  const admin = await login(mock.fetch);
  const call: World["call"] = async (token, path, body = {}, query) => {
    const qs = query ? `?${new URLSearchParams(query).toString()}` : "";
    return post(mock.fetch, `${path}${qs}`, { RequestInfo: requestInfo(token), ...body });
  };
  const must = async (p: Promise<{ status: number; body: Json }>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
    return r.body;
  };
  if (setup.serviceDefs !== false) {
    await must(
      call(admin, "/mdms-v2/schema/v1/_create", {
        SchemaDefinition: {
          tenantId: "pg",
          code: "RAINMAKER-PGR.ServiceDefs",
          description: "Complaint types",
          isActive: true,
          definition: { type: "object", required: ["serviceCode"], "x-unique": ["serviceCode"], properties: { serviceCode: { type: "string" } } },
        },
      }),
    );
    // mdms-v2 persists schemas through Kafka (SchemaDefinitionDbRepositoryImpl.java:49) and data create reads them
    // back from the database (SchemaUtil.java:40-45): wait for the persister.
    clock.advance(lag);
    for (const data of [
      { serviceCode: "StreetLightNotWorking", department: "DEPT_1", active: true },
      { serviceCode: "GarbageNeedsTobeCleared", department: "DEPT_3", active: true },
      { serviceCode: "Retired", department: "DEPT_1", active: false },
      { serviceCode: "NoActiveFlag", department: "DEPT_1" },
      { serviceCode: "NoDepartment", active: true },
    ]) {
      await must(call(admin, "/mdms-v2/v2/_create/RAINMAKER-PGR.ServiceDefs", { Mdms: { tenantId: "pg", schemaCode: "RAINMAKER-PGR.ServiceDefs", data, isActive: true } }));
    }
  }
  if (setup.workflow !== false) await must(call(admin, "/egov-workflow-v2/egov-wf/businessservice/_create", { BusinessServices: [STOCK] }));
  const employee = (code: string, role: string, department: string, mobileNumber: string) => ({
    tenantId: CITY,
    code,
    employeeStatus: "EMPLOYED",
    employeeType: "PERMANENT",
    dateOfAppointment: T0 - DAY,
    assignments: [{ department, designation: "DESIG_24", fromDate: T0 - DAY, isCurrentAssignment: true }],
    jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "City", boundary: CITY, tenantId: CITY }],
    // egov-hrms's contract User has `@NotNull dob` (web/contract/User.java:110-112, reached through @Valid) and a
    // letters-only name pattern (User.java:53-56); every role needs a name (model/Role.java:58-60, User.java:133).
    user: {
      name: `Officer ${code.replace(/\d/g, "")}`,
      mobileNumber,
      dob: Date.UTC(1990, 0, 1),
      password: "Emp@12345",
      roles: [
        { code: role, name: role, tenantId: CITY },
        { code: "EMPLOYEE", name: "Employee", tenantId: CITY },
      ],
    },
  });
  const hired = await must(
    call(admin, "/egov-hrms/employees/_create", {
      Employees: [employee("GRO1", "GRO", "DEPT_8", "9000000201"), employee("LME1", "PGR_LME", "DEPT_1", "9000000202"), employee("CSR1", "CSR", "DEPT_7", "9000000203")],
    }),
  );
  await must(post(mock.fetch, "/user/citizen/_create", { RequestInfo: requestInfo(), user: { name: "Asha", userName: "9876543210", mobileNumber: "9876543210", tenantId: "pg", type: "CITIZEN", password: "Cit@12345", otpReference: "123456" } }));
  // Setup data is visible from T0 on, also with write lag.
  clock.advance(T0 - clock.now());
  const signIn = (username: string, password: string, tenantId: string, userType: string) => login(mock.fetch, undefined, { username, password, tenantId, userType });
  const citizen = await signIn("9876543210", "Cit@12345", "pg", "CITIZEN");
  const w: World = {
    mock,
    clock,
    admin,
    citizen,
    citizenUuid: mock.ctx.users.byUserName("9876543210", "pg")!.uuid,
    gro: await signIn("GRO1", "Emp@12345", CITY, "EMPLOYEE"),
    lme: await signIn("LME1", "Emp@12345", CITY, "EMPLOYEE"),
    lmeUuid: (hired.Employees as Json[])[1].uuid,
    csr: await signIn("CSR1", "Emp@12345", CITY, "EMPLOYEE"),
    call,
    async file(over = {}, token = citizen) {
      const r = await call(token, CREATE, {
        service: { tenantId: CITY, serviceCode: "StreetLightNotWorking", source: "web", address: { locality: { code: "L1" } }, ...over },
        workflow: { action: "APPLY" },
      });
      if (r.status !== 200) throw new Error(`file failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.ServiceWrappers[0];
    },
    async find(serviceRequestId) {
      const r = await call(w.gro, SEARCH, {}, { tenantId: CITY, serviceRequestId });
      return r.body.ServiceWrappers[0];
    },
    async act(token, serviceRequestId, workflow, patch = {}) {
      const current = await w.find(serviceRequestId);
      return call(token, UPDATE, { service: { ...current.service, ...patch }, workflow });
    },
    slice: () => mock.engine.state.raw<PgrSlice>("pgr"),
  };
  return w;
}

const codes = (body: Json): string[] => (body?.Errors ?? []).map((e: Json) => e.code);

describe("pgr create", () => {
  it("stores the columns DIGIT persists, not the citizen, not the rating, only the locality code and coordinates", async () => {
    const w = await world();
    const filed = await w.file({ rating: 2, description: "dark", additionalDetail: { floor: 2 }, address: { locality: { code: "L1", name: "Ward 1" }, geoLocation: { latitude: 31.1234567, longitude: 75.12345678 }, landmark: "Temple" } });
    expect(filed.service.rating).toBe(2);
    expect(filed.service.address.locality).toMatchObject({ code: "L1", name: "Ward 1" });
    const row = Object.values(w.slice().complaints)[0]!;
    expect(row).toMatchObject({ rating: null, description: "dark", additionalDetail: { floor: 2 }, accountId: w.citizenUuid, active: true, source: "web" });
    expect(row.address).toMatchObject({ locality: "L1", landmark: "Temple", latitude: 31.123457, longitude: 75.1234568, tenantId: CITY });
    expect(row).not.toHaveProperty("citizen");
  });

  it("binds property names case-insensitively and drops unknown fields, as pgr-services' ObjectMapper does", async () => {
    const w = await world();
    const r = await w.call(w.citizen, CREATE, {
      Service: { TenantId: CITY, serviceCode: "StreetLightNotWorking", SOURCE: "web", address: { locality: { code: "L1" } }, colour: "red" },
      Workflow: { Action: "APPLY" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.ServiceWrappers[0].service.tenantId).toBe(CITY);
    expect(r.body.ServiceWrappers[0].service).not.toHaveProperty("colour");
    expect(r.body.ServiceWrappers[0].workflow).toEqual({ action: "APPLY", assignes: null, comments: null, verificationDocuments: null });
  });

  it("answers Spring's bean-validation codes where the schema check cannot see the field", async () => {
    const w = await world();
    const r = await w.call(w.citizen, CREATE, { Service: { serviceCode: "StreetLightNotWorking", source: "web", address: {} }, workflow: { action: "APPLY" } });
    expect(r.status).toBe(400);
    expect(codes(r.body)).toEqual(["NotNull.serviceRequest.service.tenantId"]);
    const long = await w.call(w.citizen, CREATE, {
      service: { tenantId: CITY, serviceCode: "StreetLightNotWorking", source: "web", address: {}, additionalDetail: { text: "x".repeat(600) } },
      workflow: { action: "APPLY" },
    });
    expect(long.body.Errors[0]).toMatchObject({ code: "CharacterConstraint.serviceRequest.service.additionalDetail", message: "Invalid Additional Details" });
    const noService = await w.call(w.citizen, CREATE, { workflow: { action: "APPLY" } });
    expect(noService.status).toBe(400);
    expect(codes(noService.body)).toEqual(["INVALID_REQUEST"]);
  });

  it("counts only active complaint types (the MDMS filter $.[?(@.active==true)] drops records without the flag)", async () => {
    const w = await world();
    for (const serviceCode of ["Retired", "NoActiveFlag"]) {
      const r = await w.call(w.citizen, CREATE, { service: { tenantId: CITY, serviceCode, source: "web", address: {} }, workflow: { action: "APPLY" } });
      expect(r.body.Errors).toEqual([{ code: "INVALID_SERVICECODE", message: `The service code: ${serviceCode} is not present in MDMS`, description: null, params: null }]);
    }
  });

  it("answers JSONPATH_ERROR when MDMS has no ServiceDefs master at all, BUSINESSSERVICE_NOT_FOUND without a PGR workflow", async () => {
    const bare = await world({}, { serviceDefs: false });
    const r = await bare.call(bare.citizen, CREATE, { service: { tenantId: CITY, serviceCode: "X", source: "web", address: {} }, workflow: { action: "APPLY" } });
    expect(r.body.Errors[0]).toMatchObject({ code: "JSONPATH_ERROR", message: "Failed to parse mdms response" });
    const noFlow = await world({}, { workflow: false });
    const before = noFlow.mock.state.snapshot();
    const f = await noFlow.call(noFlow.citizen, CREATE, { service: { tenantId: CITY, serviceCode: "StreetLightNotWorking", source: "web", address: {} }, workflow: { action: "APPLY" } });
    expect(f.body.Errors[0]).toMatchObject({ code: "BUSINESSSERVICE_NOT_FOUND", message: "The businessService PGR is not found" });
    expect(noFlow.mock.state.snapshot()).toEqual(before);
  });

  it("checks assignees on create too: the department check runs before the citizen check", async () => {
    const w = await world();
    const r = await w.call(w.csr, CREATE, {
      service: { tenantId: CITY, serviceCode: "GarbageNeedsTobeCleared", source: "web", address: {} },
      workflow: { action: "APPLY", assignes: [w.lmeUuid] },
    });
    expect(r.body.Errors[0]).toMatchObject({ code: "INVALID_ASSIGNMENT", message: "The application cannot be assigned to employee of department: [DEPT_1]" });
    const noDept = await w.call(w.citizen, CREATE, { service: { tenantId: CITY, serviceCode: "NoDepartment", source: "web", address: {} }, workflow: { action: "APPLY", assignes: [w.lmeUuid] } });
    expect(noDept.body.Errors[0]).toMatchObject({ code: "PARSING_ERROR", message: "Failed to fetch department from mdms data for serviceCode: NoDepartment" });
  });

  it("looks the owner up by accountId (INVALID_ACCOUNTID when no citizen has it) and renames a known citizen by mobile", async () => {
    const w = await world();
    const unknown = await w.call(w.csr, CREATE, {
      service: { tenantId: CITY, serviceCode: "StreetLightNotWorking", source: "web", accountId: w.lmeUuid, citizen: { name: "X", mobileNumber: "9000000009" }, address: {} },
      workflow: { action: "APPLY" },
    });
    expect(unknown.body.Errors[0]).toMatchObject({ code: "INVALID_ACCOUNTID", message: "No user exist for the given accountId" });
    const renamed = await w.file({ citizen: { name: "Asha Kumari", mobileNumber: "9876543210" } }, w.csr);
    expect(renamed.service.accountId).toBe(w.citizenUuid);
    expect(renamed.service.citizen).toEqual({ id: null, userName: null, name: "Asha Kumari", type: null, mobileNumber: "9876543210", emailId: null, roles: null, tenantId: null, uuid: null, active: null });
    expect(w.mock.ctx.users.byUuid(w.citizenUuid)!.name).toBe("Asha Kumari");
  });

  it("numbers complaints through idgen with DIGIT's default format (MDMS IdFormat may override it)", async () => {
    const w = await world();
    const filed = await w.file();
    expect(filed.service.serviceRequestId).toMatch(/^PB-PGR-2026-01-05-\d{6}$/);
  });

  it("undoes the citizen it created when the workflow then refuses (DIGIT would keep the user)", async () => {
    const w = await world();
    const r = await w.call(w.gro, CREATE, {
      service: { tenantId: CITY, serviceCode: "StreetLightNotWorking", source: "web", citizen: { name: "New", mobileNumber: "9111111111" }, address: {} },
      workflow: { action: "APPLY" },
    });
    expect(r.status).toBe(400);
    expect(codes(r.body)[0]).toMatch(/^INVALID[ _]ROLE$/);
    expect(w.mock.ctx.users.byUserName("9111111111", "pg")).toBeUndefined();
    expect(Object.keys(w.slice().complaints)).toHaveLength(0);
  });

  it("warns about what DIGIT's persister would drop, and refuses it under --strict without keeping anything", async () => {
    const w = await world();
    const r = await w.call(w.citizen, CREATE, { service: { tenantId: CITY, serviceCode: "StreetLightNotWorking", source: "web", address: { pincode: "1".repeat(17) } }, workflow: { action: "APPLY" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-digit-mock-warning")).toMatch(/locality\.code is required.*pincode is longer than 16/);
    // Without RBAC: the setup writes MDMS data through /mdms-v2/v2/_create/{schemaCode}, which the seed grants only by
    // the route template; DIGIT's `\w+` never matches "RAINMAKER-PGR.ServiceDefs", so --strict refuses it (core/rbac.ts).
    const strict = await world({ strict: true, rbac: false });
    // pgr-services numbers complaints from SEQ_EG_PGR_ID (pgr-services application.properties:73), which no pinned
    // migration creates (egov-idgen db/migration) and idgen will not create (autocreate.new.seq=false), so --strict
    // refuses every complaint with IDGEN ERROR. A deployment creates it with its own DDL: do the same here.
    const deployed = strict.mock.state.snapshot();
    (deployed.slices["idgen"] as IdgenSlice).sequences["seq_eg_pgr_id"] = 0;
    strict.mock.state.restore(deployed);
    const before = strict.mock.state.snapshot();
    const s = await strict.call(strict.citizen, CREATE, { service: { tenantId: CITY, serviceCode: "StreetLightNotWorking", source: "web", address: {} }, workflow: { action: "APPLY" } });
    expect(s.status).toBe(400);
    expect(JSON.stringify(s.body)).toMatch(/persister would drop this complaint.*locality\.code is required/);
    expect(strict.mock.state.snapshot()).toEqual(before);
  });
});

describe("pgr update", () => {
  it("replaces the mutable columns with the body's (an omitted description becomes null) and stores the rating with any action", async () => {
    const w = await world();
    const filed = await w.file({ description: "first" });
    const srid = filed.service.serviceRequestId;
    const current = await w.find(srid);
    const { description: _dropped, ...withoutDescription } = current.service;
    const r = await w.call(w.gro, UPDATE, { service: { ...withoutDescription, rating: 3, address: { ...current.service.address, landmark: "Bus stop" } }, workflow: { action: "ASSIGN" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = await w.find(srid);
    expect(after.service).toMatchObject({ description: null, rating: 3, applicationStatus: "PENDINGATLME" });
    expect(after.service.address.landmark).toBe("Bus stop");
    expect(after.service.auditDetails.createdTime).toBe(current.service.auditDetails.createdTime);
  });

  it("finds the complaint by service.id only: another id is INVALID_UPDATE, even a prototype key", async () => {
    const w = await world();
    const filed = await w.file();
    for (const id of ["nope", "__proto__", "constructor"]) {
      const r = await w.act(w.gro, filed.service.serviceRequestId, { action: "ASSIGN" }, { id });
      expect(r.status).toBe(400);
      expect(codes(r.body)).toEqual(["INVALID_UPDATE"]);
    }
  });

  it("needs the workflow, its action and auditDetails (DIGIT fails with a NullPointerException: 400)", async () => {
    const w = await world();
    const filed = await w.file();
    const current = await w.find(filed.service.serviceRequestId);
    expect((await w.call(w.gro, UPDATE, { service: current.service, workflow: {} })).status).toBe(400);
    const { auditDetails: _a, ...noAudit } = current.service;
    const r = await w.call(w.gro, UPDATE, { service: noAudit, workflow: { action: "ASSIGN" } });
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].message).toMatch(/auditDetails/);
  });

  it("lets a citizen reopen within 10 days of the body's lastModifiedTime, case-insensitively named", async () => {
    const w = await world();
    const filed = await w.file();
    const srid = filed.service.serviceRequestId;
    expect((await w.act(w.gro, srid, { action: "REJECT" })).status).toBe(200);
    w.clock.advance(11 * DAY);
    const late = await w.act(w.citizen, srid, { action: "reopen" });
    expect(late.body.Errors[0]).toMatchObject({ code: "INVALID_ACTION", message: "Complaint is closed" });
    const current = await w.find(srid);
    const fresh = await w.call(w.citizen, UPDATE, { service: { ...current.service, auditDetails: { ...current.service.auditDetails, lastModifiedTime: w.clock.now() } }, workflow: { action: "REOPEN" } });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
  });

  it("assigns to an HRMS employee of the complaint type's department; a plain user is DEPARTMENT_NOT_FOUND", async () => {
    const w = await world();
    const filed = await w.file();
    const plain = await w.act(w.gro, filed.service.serviceRequestId, { action: "ASSIGN", assignes: [w.citizenUuid] });
    expect(plain.body.Errors[0]).toMatchObject({ code: "DEPARTMENT_NOT_FOUND", message: `The Department of the user with uuid: [${w.citizenUuid}] is not found` });
    const ok = await w.act(w.gro, filed.service.serviceRequestId, { action: "ASSIGN", assignes: [w.lmeUuid], comments: "go" });
    expect(ok.status).toBe(200);
    expect(ok.body.ServiceWrappers[0].workflow).toEqual({ action: "ASSIGN", assignes: [w.lmeUuid], comments: "go", verificationDocuments: null });
    expect((await w.find(filed.service.serviceRequestId)).workflow).toEqual({ action: "ASSIGN", assignes: [w.lmeUuid], comments: "go", verificationDocuments: null });
  });
});

describe("pgr search", () => {
  it("binds query parameters like Spring: typeMismatch codes for numbers and enums, QUERY_EXECUTION_ERROR for a negative limit", async () => {
    const w = await world();
    const bad = await w.call(w.gro, SEARCH, {}, { tenantId: CITY, limit: "ten", sortBy: "createdTime" });
    expect(codes(bad.body)).toEqual(["typeMismatch.requestSearchCriteria.sortBy", "typeMismatch.requestSearchCriteria.limit"]);
    const negative = await w.call(w.gro, SEARCH, {}, { tenantId: CITY, limit: "-1" });
    expect(negative.body.Errors[0]).toMatchObject({ code: "QUERY_EXECUTION_ERROR", message: "Database operation failed" });
  });

  it("rejects other user types with INVALID SEARCH; an employee without tenantId gets 400", async () => {
    const w = await world();
    const bot = await post(w.mock.internalFetch, `${SEARCH}?tenantId=${CITY}`, { RequestInfo: { apiId: "x", userInfo: { uuid: "u", type: "BOT", roles: [] } } });
    expect(bot.body.Errors[0]).toMatchObject({ code: "INVALID SEARCH", message: "The userType: BOT does not have any search config" });
    expect((await w.call(w.gro, SEARCH, {}, { applicationStatus: "PENDINGFORASSIGNMENT" })).status).toBe(400);
  });

  it("lets a citizen with any criterion see everyone's complaints (the pinned code never filters on the caller)", async () => {
    const w = await world();
    await w.file({}, w.citizen);
    await w.file({ citizen: { name: "Other", mobileNumber: "9222222222" } }, w.csr);
    const own = await w.call(w.citizen, SEARCH);
    expect(own.body.ServiceWrappers).toHaveLength(1);
    const all = await w.call(w.citizen, SEARCH, {}, { tenantId: "pg" });
    expect(all.body.ServiceWrappers).toHaveLength(2);
  });

  it("defaults to 100, clamps to 200, and pages in the SQL order but answers each page newest first", async () => {
    const w = await world();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push((await w.file({ address: { locality: { code: `L${3 - i}` } } })).service.serviceRequestId);
      w.clock.advance(1000);
    }
    const page = await w.call(w.gro, SEARCH, {}, { tenantId: CITY, sortBy: "locality", sortOrder: "ASC", limit: "2" });
    // Localities L1 (3rd filed) and L2 (2nd filed) make the page; it comes back newest first.
    expect(page.body.ServiceWrappers.map((x: Json) => x.service.serviceRequestId)).toEqual([ids[2], ids[1]]);
    // 205 more complaints, written straight into the PGR and workflow slices (filing them one by one is slow).
    const template = Object.values(w.slice().complaints)[0]!;
    w.mock.engine.state.write(() => {
      const pgr = w.mock.engine.state.current<PgrSlice>("pgr");
      const workflow = w.mock.engine.state.current<WorkflowSlice>("workflow");
      const instance = workflow.processes[CITY]![template.serviceRequestId!]![0]!;
      for (let i = 0; i < 205; i += 1) {
        const serviceRequestId = `PB-PGR-BULK-${i}`;
        pgr.complaints[`x${i}`] = { ...structuredClone(template), id: `x${i}`, seq: 100 + i, serviceRequestId };
        workflow.processes[CITY]![serviceRequestId] = [{ ...structuredClone(instance), id: `wf-x${i}`, businessId: serviceRequestId }];
      }
    });
    const size = async (query: Record<string, string>) => (await w.call(w.gro, SEARCH, {}, { tenantId: CITY, ...query })).body.ServiceWrappers.length;
    expect(await size({})).toBe(100);
    expect(await size({ limit: "1000" })).toBe(200);
    expect(await size({ limit: "0" })).toBe(0);
    expect((await w.call(w.gro, COUNT, {}, { tenantId: CITY })).body.count).toBe(208);
    expect((await w.call(w.gro, COUNT, {}, { tenantId: CITY, limit: "1000" })).body.count).toBe(208);
  });

  it("filters by age (SLA deltas) and by creation date", async () => {
    const w = await world();
    const old = (await w.file()).service.serviceRequestId;
    w.clock.advance(4 * DAY);
    const young = (await w.file()).service.serviceRequestId;
    w.clock.advance(DAY);
    const ids = async (query: Record<string, string>) => (await w.call(w.gro, SEARCH, {}, { tenantId: CITY, ...query })).body.ServiceWrappers.map((x: Json) => x.service.serviceRequestId);
    expect(await ids({ slaDeltaMaxLimit: String(3 * DAY) })).toEqual([old]);
    expect(await ids({ slaDeltaMinLimit: String(12 * 3600_000), slaDeltaMaxLimit: String(3 * DAY) })).toEqual([young]);
    expect(await ids({ fromDate: String(T0 + DAY) })).toEqual([young]);
    expect(await ids({ fromDate: String(T0), toDate: String(T0 + DAY) })).toEqual([old]);
  });

  it("reports resolved complaints of the searched city and the average resolution time in days", async () => {
    const w = await world();
    const srid = (await w.file()).service.serviceRequestId;
    w.clock.advance(DAY);
    await w.act(w.gro, srid, { action: "ASSIGN" });
    await w.act(w.lme, srid, { action: "RESOLVE" });
    w.clock.advance(2 * DAY);
    expect((await w.act(w.citizen, srid, { action: "RATE" }, { rating: 4 })).status).toBe(200);
    const city = await w.call(w.gro, SEARCH, {}, { tenantId: CITY, serviceRequestId: srid });
    expect(city.body).toMatchObject({ complaintsResolved: 1, averageResolutionTime: 3, complaintTypes: 13 });
    const mine = await w.call(w.citizen, SEARCH);
    expect(mine.body).toMatchObject({ complaintsResolved: 0, averageResolutionTime: 0, complaintTypes: 13 });
    w.clock.advance(31 * DAY);
    expect((await w.call(w.gro, SEARCH, {}, { tenantId: CITY, serviceRequestId: srid })).body.complaintsResolved).toBe(0);
  });

  it("hides complaints until the persister has written them (write lag); updates see them at once", async () => {
    const w = await world({ writeLagMs: 900 });
    const filed = await w.file();
    const srid = filed.service.serviceRequestId;
    expect((await w.call(w.gro, SEARCH, {}, { tenantId: CITY, serviceRequestId: srid })).body.ServiceWrappers).toEqual([]);
    expect((await w.call(w.gro, COUNT, {}, { tenantId: CITY })).body.count).toBe(0);
    const update = await w.call(w.gro, UPDATE, { service: filed.service, workflow: { action: "ASSIGN" } });
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    w.clock.advance(901);
    expect((await w.call(w.gro, SEARCH, {}, { tenantId: CITY, serviceRequestId: srid })).body.ServiceWrappers).toHaveLength(1);
  });

  it("treats prototype-named tenants and ids as plain values", async () => {
    const w = await world({ rbac: false });
    await w.file();
    const queries: Record<string, string>[] = [{ tenantId: CITY, ids: "__proto__,constructor" }, { tenantId: CITY, serviceRequestId: "__proto__" }];
    for (const query of queries) {
      const r = await w.call(w.admin, SEARCH, {}, query);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.ServiceWrappers).toEqual([]);
    }
    // Tenant ids are the exception: the core refuses implausible ones before any service sees them (a documented
    // deviation, docs/conformance.md).
    for (const tenantId of ["__proto__.x", "constructor.y"]) {
      const r = await w.call(w.admin, SEARCH, {}, { tenantId });
      expect(r.status).toBe(400);
      expect(codes(r.body)).toEqual(["INVALID_TENANT_ID"]);
    }
  });
});

describe("pgr count and plainsearch", () => {
  it("_count takes no caller rules: state tenants match by prefix, mobileNumber is ignored, limit bounds the count", async () => {
    const w = await world();
    await w.file();
    await w.file();
    expect((await w.call(w.admin, COUNT, {}, { tenantId: "pg" })).body).toMatchObject({ ResponseInfo: { status: "successful" }, count: 2 });
    expect((await w.call(w.citizen, COUNT, {}, { tenantId: CITY, serviceCode: "StreetLightNotWorking", mobileNumber: "1" })).body.count).toBe(2);
    expect((await w.call(w.gro, COUNT, {}, { tenantId: CITY, offset: "1" })).body.count).toBe(1);
    expect(codes((await w.call(w.gro, COUNT, {}, { toDate: "5" })).body)).toEqual(["INVALID_SEARCH"]);
  });

  it("_plainsearch needs tenantIds, filters on them (not tenantId) and answers zero counters", async () => {
    const w = await world();
    await w.file();
    expect(codes((await w.call(w.admin, PLAIN, {}, { tenantId: CITY })).body)).toEqual(["TENANT_ID_LIST_EMPTY"]);
    const r = await w.call(w.admin, PLAIN, {}, { tenantIds: `${CITY},pg.cityb`, tenantId: "pg.other" });
    expect(r.body.ServiceWrappers).toHaveLength(1);
    expect(r.body).toMatchObject({ complaintsResolved: 0, averageResolutionTime: 0, complaintTypes: 0 });
    expect(r.body.ServiceWrappers[0].workflow.action).toBe("APPLY");
  });
});
