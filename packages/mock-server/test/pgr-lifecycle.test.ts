/**
 * A complaint's whole life through the SDK against the in-process mock, seeded two ways:
 *
 * - DIGIT's default data (../shared/fixtures/digit at `pg`: DIGIT's PGR workflow, no complaint types) plus
 *   examples/pgr-complaint-types: a citizen files, the GRO assigns to a last-mile employee of the department, the
 *   employee resolves, the citizen rates; the reject and reopen path; employees file for walk-in citizens; searches and
 *   counts. The actors are created the way an operator would (HRMS employees, citizen self-registration).
 * - examples/demo-bundle (`--seed examples/demo-bundle`): the same life on the demo's own workflow with its own users.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createDigitClient, DigitValidationError, type DigitClient } from "@digit-kit/sdk";
import { createDigitMock, loadSeed, seedBundle } from "../src/index.js";

// ../shared beside the project root (absent on a user's machine: the first describe is skipped there).
const FIXTURES = fileURLToPath(new URL("../../../../shared/fixtures/digit", import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
const BASE = "http://digit.test";
const ID = /^(PB|DK)-PGR-\d{4}-\d{2}-\d{2}-\d{6}$/;

type Mock = ReturnType<typeof createDigitMock>;

async function signIn(mock: Mock, username: string, password: string, tenantId: string, userType: "EMPLOYEE" | "CITIZEN"): Promise<DigitClient> {
  const client = createDigitClient({ baseUrl: BASE, tenantId, fetch: mock.fetch });
  await client.auth.login({ username, password, tenantId, userType });
  return client;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function codesOf(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigitValidationError);
  return (error as DigitValidationError).codes;
}

describe.skipIf(!existsSync(FIXTURES))("PGR with DIGIT's default data and examples/pgr-complaint-types", () => {
  const city = "pg.citya";
  let mock: Mock;
  let admin: DigitClient;
  let citizen: DigitClient;
  let gro: DigitClient;
  let lme: DigitClient;
  let csr: DigitClient;
  let lmeUuid: string;
  const citizenMobile = "9876500001";
  const address = (locality: string) => ({ city, locality: { code: locality }, geoLocation: { latitude: 30.9, longitude: 75.85 } });

  beforeAll(async () => {
    mock = createDigitMock({ seed: await loadSeed(FIXTURES, { tenant: "pg" }) });
    seedBundle(mock.engine, await loadSeed(example("pgr-complaint-types")));
    admin = await signIn(mock, "ADMIN", "eGov@123", "pg", "EMPLOYEE");
    const employee = (code: string, role: string, department: string, mobileNumber: string) => ({
      tenantId: city,
      code,
      employeeStatus: "EMPLOYED",
      employeeType: "PERMANENT",
      dateOfAppointment: 1704067200000,
      assignments: [{ department, designation: "DESIG_01", fromDate: 1704067200000, isCurrentAssignment: true }],
      jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "City", boundary: city, tenantId: city }],
      user: {
        name: code.replace(/[^A-Za-z]+/g, " ").trim(), // egov-hrms User.name takes letters and spaces only
        mobileNumber,
        dob: 631152000000, // egov-hrms User.dob is @NotNull (egov-hrms/.../web/contract/User.java:110)
        password: "Emp@12345",
        roles: [
          { code: role, name: role, tenantId: city },
          { code: "EMPLOYEE", name: "Employee", tenantId: city },
        ],
      },
    });
    const { Employees } = await admin.hrms.create({
      Employees: [
        employee("GRO_1", "GRO", "DEPT_8", "9000000101"),
        employee("LME_LIGHTS", "PGR_LME", "DEPT_1", "9000000102"),
        employee("CSR_1", "CSR", "DEPT_7", "9000000103"),
        employee("LME_SANITATION", "PGR_LME", "DEPT_3", "9000000104"),
      ],
    } as Json);
    lmeUuid = (Employees as Json[])[1].uuid;
    gro = await signIn(mock, "GRO_1", "Emp@12345", city, "EMPLOYEE");
    lme = await signIn(mock, "LME_LIGHTS", "Emp@12345", city, "EMPLOYEE");
    csr = await signIn(mock, "CSR_1", "Emp@12345", city, "EMPLOYEE");
    const anonymous = createDigitClient({ baseUrl: BASE, tenantId: "pg", fetch: mock.fetch });
    await anonymous.user.createCitizen({ user: { name: "Asha Citizen", mobileNumber: citizenMobile, userName: citizenMobile, type: "CITIZEN", tenantId: "pg", password: "Cit@12345", otpReference: "123456" } } as Json);
    citizen = await signIn(mock, citizenMobile, "Cit@12345", "pg", "CITIZEN");
  });

  const current = async (serviceRequestId: string) => {
    const { ServiceWrappers } = await gro.pgr.search({}, { query: { tenantId: city, serviceRequestId } });
    expect(ServiceWrappers).toHaveLength(1);
    return ServiceWrappers![0]!;
  };
  const update = async (as: DigitClient, serviceRequestId: string, workflow: Json, patch: Json = {}) => {
    const { service } = await current(serviceRequestId);
    const { ServiceWrappers } = await as.pgr.update({ service: { ...service, ...patch }, workflow } as Json);
    return ServiceWrappers![0]!;
  };

  it("citizen files, GRO assigns, the last-mile employee resolves, the citizen rates and closes", async () => {
    const filed = await citizen.pgr.create({
      service: { tenantId: city, serviceCode: "StreetLightNotWorking", source: "mobile", description: "Lamp at the corner is off", address: address("LOC_A") },
      workflow: { action: "APPLY" },
    });
    const created = filed.ServiceWrappers![0]!.service!;
    expect(created.serviceRequestId).toMatch(ID);
    expect(created.applicationStatus).toBe("PENDINGFORASSIGNMENT");
    expect(created.accountId).toBe(created.citizen?.uuid);
    const srid = created.serviceRequestId!;

    const assigned = await update(gro, srid, { action: "ASSIGN", assignes: [lmeUuid], comments: "Lights team" });
    expect(assigned.service!.applicationStatus).toBe("PENDINGATLME");

    // "Assigned to me": DIGIT's PGR search has no assignee filter; clients ask the workflow, then PGR by id.
    const { ProcessInstances } = await lme.workflow.searchProcesses({}, { query: { tenantId: city, assignee: lmeUuid } } as Json);
    const mine = (ProcessInstances as Json[]).map((p) => p.businessId);
    expect(mine).toEqual([srid]);
    const forMe = await lme.pgr.search({}, { query: { tenantId: city, serviceRequestId: mine[0] } });
    expect(forMe.ServiceWrappers![0]!.workflow).toMatchObject({ action: "ASSIGN", assignes: [lmeUuid], comments: "Lights team" });

    // The SLA lives in the workflow: PENDINGATLME has DIGIT's state SLA, the business service its own.
    const [instance] = ProcessInstances as Json[];
    expect(instance.stateSla).toBeGreaterThan(0);
    expect(instance.businesssServiceSla).toBeGreaterThan(0);

    const resolved = await update(lme, srid, { action: "RESOLVE", comments: "Replaced the bulb" });
    expect(resolved.service!.applicationStatus).toBe("RESOLVED");

    const rated = await update(citizen, srid, { action: "RATE", comments: "Quick fix" }, { rating: 5 });
    expect(rated.service!.applicationStatus).toBe("CLOSEDAFTERRESOLUTION");
    const closed = await current(srid);
    expect(closed.service).toMatchObject({ applicationStatus: "CLOSEDAFTERRESOLUTION", rating: 5 });
    expect(closed.workflow).toMatchObject({ action: "RATE", comments: "Quick fix" });

    const dashboard = await gro.pgr.search({}, { query: { tenantId: city, applicationStatus: ["CLOSEDAFTERRESOLUTION"] } });
    expect(dashboard).toMatchObject({ complaintsResolved: 1, averageResolutionTime: 0, complaintTypes: 13 });
  });

  it("the GRO rejects, the citizen reopens, and the complaint can be assigned again", async () => {
    const filed = await citizen.pgr.create({
      service: { tenantId: city, serviceCode: "GarbageNeedsTobeCleared", source: "web", address: address("LOC_B") },
      workflow: { action: "APPLY" },
    });
    const srid = filed.ServiceWrappers![0]!.service!.serviceRequestId!;
    expect((await update(gro, srid, { action: "REJECT", comments: "Not municipal land" })).service!.applicationStatus).toBe("REJECTED");
    expect((await update(citizen, srid, { action: "REOPEN", comments: "It is" })).service!.applicationStatus).toBe("PENDINGFORASSIGNMENT");
    // The lights employee is of another department than garbage's (DEPT_3).
    expect(await codesOf(update(gro, srid, { action: "ASSIGN", assignes: [lmeUuid] }))).toEqual(["INVALID_ASSIGNMENT"]);
    expect((await update(gro, srid, { action: "ASSIGN" })).service!.applicationStatus).toBe("PENDINGATLME");
  });

  it("the last-mile employee hands a complaint back (REASSIGN); a rejected one can be rated and closed", async () => {
    const file = async (serviceCode: string) =>
      (await citizen.pgr.create({ service: { tenantId: city, serviceCode, source: "web", address: address("LOC_B") }, workflow: { action: "APPLY" } })).ServiceWrappers![0]!.service!
        .serviceRequestId!;
    const back = await file("NoStreetlight");
    expect((await update(gro, back, { action: "ASSIGN", assignes: [lmeUuid] })).service!.applicationStatus).toBe("PENDINGATLME");
    expect((await update(lme, back, { action: "REASSIGN", comments: "Needs the electricity board" })).service!.applicationStatus).toBe("PENDINGFORREASSIGNMENT");
    expect((await update(gro, back, { action: "ASSIGN", assignes: [lmeUuid] })).service!.applicationStatus).toBe("PENDINGATLME");
    // The workflow checks roles: a citizen cannot resolve.
    expect((await codesOf(update(citizen, back, { action: "RESOLVE" })))[0]).toMatch(/^INVALID[ _]ROLE$/);

    const rejected = await file("BurningOfGarbage");
    expect((await update(gro, rejected, { action: "REJECT" })).service!.applicationStatus).toBe("REJECTED");
    const closed = await update(citizen, rejected, { action: "RATE" }, { rating: 1 });
    expect(closed.service).toMatchObject({ applicationStatus: "CLOSEDAFTERREJECTION", rating: 1 });
    // Closed complaints take no more actions.
    expect((await codesOf(update(citizen, rejected, { action: "REOPEN" })))[0]).toMatch(/^INVALID[ _]ACTION$/);
  });

  it("a CSR files for a walk-in citizen, who is created at the state tenant and then finds the complaint", async () => {
    const walkIn = "9876500002";
    const filed = await csr.pgr.create({
      service: { tenantId: city, serviceCode: "NoWaterSupply", source: "web", citizen: { name: "Ravi Walk-in", mobileNumber: walkIn }, address: address("LOC_A") },
      workflow: { action: "APPLY" },
    });
    const service = filed.ServiceWrappers![0]!.service!;
    expect(service.citizen).toMatchObject({ userName: walkIn, type: "CITIZEN", tenantId: "pg", uuid: null });
    const { user } = await admin.user.search({ tenantId: "pg", userName: walkIn } as Json);
    expect((user as Json[])[0].uuid).toBe(service.accountId);
    const found = await gro.pgr.search({}, { query: { tenantId: city, mobileNumber: walkIn } });
    expect(found.ServiceWrappers!.map((w) => w.service!.serviceRequestId)).toEqual([service.serviceRequestId]);
    expect(found.ServiceWrappers![0]!.service!.citizen).toMatchObject({ name: "Ravi Walk-in", mobileNumber: walkIn });
  });

  it("searches by id, ids, mobile number, status, locality and complaint type; counts; the citizen's own list", async () => {
    const search = async (query: Json) => (await gro.pgr.search({}, { query: { tenantId: city, ...query } })).ServiceWrappers!.map((w) => w.service!);
    const all = await search({ locality: ["LOC_A", "LOC_B"] });
    expect(all.length).toBeGreaterThanOrEqual(3);
    const times = all.map((s) => s.auditDetails!.createdTime!);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const [one] = all;
    expect((await search({ serviceRequestId: one!.serviceRequestId })).map((s) => s.id)).toEqual([one!.id]);
    expect((await search({ ids: [one!.id!] })).map((s) => s.id)).toEqual([one!.id]);
    expect((await search({ mobileNumber: citizenMobile })).every((s) => s.citizen?.mobileNumber === citizenMobile)).toBe(true);
    expect((await search({ applicationStatus: ["PENDINGATLME"] })).every((s) => s.applicationStatus === "PENDINGATLME")).toBe(true);
    expect((await search({ locality: ["LOC_B"] })).every((s) => s.address!.locality!.code === "LOC_B")).toBe(true);
    expect((await search({ serviceCode: ["NoWaterSupply"] })).map((s) => s.serviceCode)).toEqual(["NoWaterSupply"]);

    const { count } = await gro.pgr.count({}, { query: { tenantId: city, locality: ["LOC_A", "LOC_B"] } });
    expect(count).toBe(all.length);
    expect((await gro.pgr.count({}, { query: { tenantId: city, applicationStatus: ["CLOSEDAFTERRESOLUTION"] } })).count).toBe(1);

    // A citizen's search without parameters lists their own complaints (tenantId: null sends none).
    const own = await citizen.pgr.search({}, { query: { tenantId: null } });
    expect(own.ServiceWrappers!.length).toBe((await search({ mobileNumber: citizenMobile })).length);
    expect(own.ServiceWrappers!.length).toBe(4);
    expect(own.ServiceWrappers!.every((w) => w.service!.citizen?.mobileNumber === citizenMobile)).toBe(true);
  });

  it("answers DIGIT's validation codes through the SDK", async () => {
    const body = (over: Json) => ({ service: { tenantId: city, serviceCode: "Others", source: "web", address: address("LOC_C"), ...over }, workflow: { action: "APPLY" } });
    expect(await codesOf(citizen.pgr.create(body({ serviceCode: "Potholes" }) as Json))).toEqual(["INVALID_SERVICECODE"]);
    expect(await codesOf(citizen.pgr.create(body({ source: "Web" }) as Json))).toEqual(["INVALID_SOURCE"]);
    expect(await codesOf(csr.pgr.create(body({}) as Json))).toEqual(["INVALID_REQUEST"]);
    expect(await codesOf(admin.pgr.search({}, { query: { tenantId: "pg" } }))).toEqual(["INVALID_SEARCH"]);
    expect(await codesOf(citizen.pgr.search({}, { query: { tenantId: city, serviceCode: ["Others"] } }))).toEqual(["INVALID SEARCH"]);
  });
});

describe("PGR with examples/demo-bundle (--seed)", () => {
  let mock: Mock;
  const password = "Demo@12345";

  beforeAll(async () => {
    mock = createDigitMock({ seed: await loadSeed(example("demo-bundle"), { env: { DK_DEMO_PASSWORD: password } }) });
  });

  it("citizen files in Alpha, the GRO assigns to the sanitation inspector, who fixes it; the citizen confirms with a rating", async () => {
    const citizen = await signIn(mock, "9000000010", password, "dk", "CITIZEN");
    const gro = await signIn(mock, "ALPHA_GRO", password, "dk.alpha", "EMPLOYEE");
    const lme = await signIn(mock, "ALPHA_LME", password, "dk.alpha", "EMPLOYEE");

    const filed = await citizen.pgr.create({
      service: { tenantId: "dk.alpha", serviceCode: "GarbageNotCollected", source: "mobile", description: "Bins not emptied for a week", address: { locality: { code: "ALPHA_Z1_W1" } } },
      workflow: { action: "FILE" },
    });
    const { serviceRequestId, applicationStatus } = filed.ServiceWrappers![0]!.service!;
    expect(serviceRequestId).toMatch(ID);
    expect(applicationStatus).toBe("AWAITING_ASSIGNMENT");

    // The GRO picks an assignee among the city's HRMS employees with the LME role.
    const { Employees } = await gro.hrms.search({}, { query: { tenantId: "dk.alpha", roles: ["PGR_LME"] } } as Json);
    const inspector = (Employees as Json[]).find((e) => e.code === "ALPHA_LME");
    const waiting = await gro.pgr.search({}, { query: { tenantId: "dk.alpha", applicationStatus: ["AWAITING_ASSIGNMENT"] } });
    const complaint = waiting.ServiceWrappers!.find((w) => w.service!.serviceRequestId === serviceRequestId)!;
    const assigned = await gro.pgr.update({ service: complaint.service, workflow: { action: "ASSIGN", assignes: [inspector.uuid] } } as Json);
    expect(assigned.ServiceWrappers![0]!.service!.applicationStatus).toBe("IN_PROGRESS");

    const { ServiceWrappers: [mine] = [] } = await lme.pgr.search({}, { query: { tenantId: "dk.alpha", serviceRequestId: serviceRequestId! } });
    expect(mine!.workflow!.assignes).toEqual([inspector.uuid]);
    const fixed = await lme.pgr.update({ service: mine!.service, workflow: { action: "FIX", comments: "Collected" } } as Json);
    expect(fixed.ServiceWrappers![0]!.service!.applicationStatus).toBe("FIXED");

    const { ServiceWrappers: [toConfirm] = [] } = await citizen.pgr.search({}, { query: { tenantId: "dk.alpha", serviceRequestId: serviceRequestId! } });
    const confirmed = await citizen.pgr.update({ service: { ...toConfirm!.service, rating: 4 }, workflow: { action: "CONFIRM" } } as Json);
    expect(confirmed.ServiceWrappers![0]!.service!.applicationStatus).toBe("CLOSED");
    const { ServiceWrappers: [done] = [] } = await citizen.pgr.search({}, { query: { tenantId: "dk.alpha", serviceRequestId: serviceRequestId! } });
    expect(done!.service).toMatchObject({ applicationStatus: "CLOSED", rating: 4 });
    expect((await gro.pgr.count({}, { query: { tenantId: "dk.alpha" } })).count).toBe(1);
  });

  it("the Beta field engineer cannot take a sanitation complaint (another department); the GRO declines it", async () => {
    const citizen = await signIn(mock, "9000000010", password, "dk", "CITIZEN");
    const gro = await signIn(mock, "BETA_GRO", password, "dk.beta", "EMPLOYEE");
    const filed = await citizen.pgr.create({
      service: { tenantId: "dk.beta", serviceCode: "OverflowingBin", source: "web", address: { locality: { code: "BETA_Z1_W2" } } },
      workflow: { action: "FILE" },
    });
    const service = filed.ServiceWrappers![0]!.service!;
    const { ServiceWrappers: [found] = [] } = await gro.pgr.search({}, { query: { tenantId: "dk.beta", serviceRequestId: service.serviceRequestId! } });
    const betaLme = mock.ctx.users.byUserName("BETA_LME", "dk.beta")!;
    expect(await codesOf(gro.pgr.update({ service: found!.service, workflow: { action: "ASSIGN", assignes: [betaLme.uuid] } } as Json))).toEqual(["INVALID_ASSIGNMENT"]);
    const declined = await gro.pgr.update({ service: found!.service, workflow: { action: "DECLINE", comments: "Private bin" } } as Json);
    expect(declined.ServiceWrappers![0]!.service!.applicationStatus).toBe("DECLINED");
  });
});
