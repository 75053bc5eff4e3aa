/**
 * The PGR example bundles, applied the way a team would (`digit apply`), then used by their own actors:
 *
 * - examples/demo-bundle on a fresh mock, as `digit demo` does: the state `dk` then has only the bundle's roles,
 *   actions and role-actions, so the complaint lifecycle below proves they are enough (as on a real DIGIT).
 * - examples/pgr-complaint-types on top of DIGIT's default data (../shared/fixtures/digit, which has no complaint
 *   types): applies cleanly and makes complaints possible.
 */
import { existsSync } from "node:fs";
import { loadBundle } from "@digit-kit/bundle";
import { createDigitMock, loadSeed } from "@digit-kit/mock-server";
import { createDigitClient, type DigitClient } from "@digit-kit/sdk";
import { describe, expect, it } from "vitest";
import { apply, createSdkGateway, plan } from "../../src/services/index.js";
import { demoBundle, repoRoot } from "../helpers.js";
import { SHARED_FIXTURES } from "./helpers.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Mock = ReturnType<typeof createDigitMock>;

function adminClient(mock: Mock): DigitClient {
  return createDigitClient({
    baseUrl: "http://mock",
    fetch: mock.fetch,
    tenantId: "pg",
    auth: { credentials: { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" } },
  });
}

async function signIn(mock: Mock, username: string, password: string, tenantId: string, userType: "EMPLOYEE" | "CITIZEN"): Promise<DigitClient> {
  const client = createDigitClient({ baseUrl: "http://mock", tenantId, fetch: mock.fetch });
  await client.auth.login({ username, password, tenantId, userType });
  return client;
}

describe("examples/demo-bundle applied like `digit demo`", () => {
  it("supports the whole complaint lifecycle with the bundle's own access control", async () => {
    const password = "Demo@12345";
    const bundle = await loadBundle(demoBundle, { env: { DK_DEMO_PASSWORD: password } });
    const mock = createDigitMock();
    const admin = adminClient(mock);
    // As `digit demo` does: the administrator of pg becomes SUPERUSER of the new state through egov-user.
    const found = (await admin.user.search({ tenantId: "pg", userName: "ADMIN" } as never)) as Json;
    const me = found.user[0];
    const clean = Object.fromEntries(Object.entries(me).filter(([, v]) => v !== null));
    await admin.user.updateNoValidate({ user: { ...clean, roles: [...me.roles, { code: "SUPERUSER", name: "Super User", tenantId: "dk" }] } } as never);
    const result = await apply(createSdkGateway(admin), bundle, { concurrency: 8 });
    expect(result.failures).toEqual([]);
    expect(result.verification.ok).toBe(true);

    const citizen = await signIn(mock, "9000000010", password, "dk", "CITIZEN");
    const gro = await signIn(mock, "BETA_GRO", password, "dk.beta", "EMPLOYEE");
    const lme = await signIn(mock, "BETA_LME", password, "dk.beta", "EMPLOYEE");

    const types = await citizen.mdms.search({ MdmsCriteria: { tenantId: "dk.beta", schemaCode: "RAINMAKER-PGR.ServiceDefs" } });
    expect(types.mdms?.map((r) => r.data?.["serviceCode"])).toContain("LeakingPipe");
    const filed = await citizen.pgr.create({
      service: { tenantId: "dk.beta", serviceCode: "LeakingPipe", source: "mobile", description: "Water on the street", address: { locality: { code: "BETA_Z1_W3" } } },
      workflow: { action: "FILE" },
    });
    const serviceRequestId = filed.ServiceWrappers![0]!.service!.serviceRequestId!;
    expect((await citizen.pgr.count({}, { query: { tenantId: "dk.beta" } })).count).toBe(1);

    const { Employees } = (await gro.hrms.search({}, { query: { tenantId: "dk.beta", codes: ["BETA_LME"] } } as never)) as Json;
    const engineer = Employees[0].uuid as string;
    const step = async (as: DigitClient, workflow: Json, patch: Json = {}) => {
      const { ServiceWrappers } = await as.pgr.search({}, { query: { tenantId: "dk.beta", serviceRequestId } });
      const answer = await as.pgr.update({ service: { ...ServiceWrappers![0]!.service, ...patch }, workflow } as Json);
      return answer.ServiceWrappers![0]!.service!.applicationStatus;
    };
    expect(await step(gro, { action: "ASSIGN", assignes: [engineer] })).toBe("IN_PROGRESS");
    const assigned = await lme.workflow.searchProcesses({}, { query: { tenantId: "dk.beta", assignee: engineer } } as never);
    expect((assigned.ProcessInstances as Json[]).map((p) => p.businessId)).toEqual([serviceRequestId]);
    expect(await step(lme, { action: "FIX" })).toBe("FIXED");
    expect(await step(citizen, { action: "CONFIRM" }, { rating: 5 })).toBe("CLOSED");
    const { ServiceWrappers } = await citizen.pgr.search({}, { query: { tenantId: "dk.beta", serviceRequestId } });
    expect(ServiceWrappers![0]!.service).toMatchObject({ applicationStatus: "CLOSED", rating: 5 });
  }, 90_000);
});

describe.skipIf(!existsSync(SHARED_FIXTURES))("examples/pgr-complaint-types on DIGIT's default data", () => {
  it("applies cleanly and makes complaints possible", async () => {
    const mock = createDigitMock({ seed: await loadSeed(SHARED_FIXTURES, { tenant: "pg" }) });
    const admin = adminClient(mock);
    const citizenFiles = () =>
      admin.pgr.create({
        service: { tenantId: "pg.citya", serviceCode: "StreetLightNotWorking", source: "web", citizen: { name: "Walk-in", mobileNumber: "9123400001" }, address: { locality: { code: "LOC_1" } } },
        workflow: { action: "APPLY" },
      });
    // Without complaint types, DIGIT's default data refuses every complaint.
    await expect(citizenFiles()).rejects.toMatchObject({ codes: ["JSONPATH_ERROR"] });

    const bundle = await loadBundle(`${repoRoot}/examples/pgr-complaint-types`);
    const gateway = createSdkGateway(admin);
    const result = await apply(gateway, bundle);
    expect(result.failures).toEqual([]);
    expect(result.verification.bySchema["RAINMAKER-PGR.ServiceDefs"]).toEqual({ expected: 10, present: 10 });
    expect((await plan(gateway, bundle)).hasChanges).toBe(false);

    // ADMIN is an employee without the CSR role: the complaint passes pgr-services' checks and stops at the workflow.
    await expect(citizenFiles()).rejects.toMatchObject({ status: 400, codes: [expect.stringMatching(/^INVALID[ _]ROLE$/)] });
    const csr = await admin.hrms.create({
      Employees: [
        {
          tenantId: "pg.citya",
          code: "CSR_DESK",
          employeeStatus: "EMPLOYED",
          employeeType: "PERMANENT",
          dateOfAppointment: 1704067200000,
          assignments: [{ department: "DEPT_7", designation: "DESIG_01", fromDate: 1704067200000, isCurrentAssignment: true }],
          jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "City", boundary: "pg.citya", tenantId: "pg.citya" }],
          // egov-hrms's contract User has `@NotNull dob` (egov-hrms web/contract/User.java:110-112, reached through @Valid).
          user: { name: "Citizen Service Desk", mobileNumber: "9123400002", dob: 631152000000, password: "Csr@12345", roles: [{ code: "CSR", name: "CSR", tenantId: "pg.citya" }] },
        },
      ],
    } as Json);
    expect(csr.Employees).toHaveLength(1);
    const desk = await signIn(mock, "CSR_DESK", "Csr@12345", "pg.citya", "EMPLOYEE");
    const filed = await desk.pgr.create({
      service: { tenantId: "pg.citya", serviceCode: "StreetLightNotWorking", source: "web", citizen: { name: "Walk-in", mobileNumber: "9123400001" }, address: { locality: { code: "LOC_1" } } },
      workflow: { action: "APPLY" },
    });
    expect(filed.ServiceWrappers![0]!.service!.applicationStatus).toBe("PENDINGFORASSIGNMENT");
  }, 90_000);
});
