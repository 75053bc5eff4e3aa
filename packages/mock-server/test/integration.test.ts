/**
 * Every stateful write path through the full pipeline (auth, RBAC, validation, transactional journal),
 * with real DIGIT request shapes: the domain modules must work unchanged under the core's rollback journal.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createDigitMock } from "../src/index.js";
import { login, post, requestInfo, type Json } from "./helpers.js";

describe("domain writes through the core pipeline", () => {
  const mock = createDigitMock();
  let RequestInfo: Record<string, unknown> = {};
  beforeAll(async () => {
    RequestInfo = requestInfo(await login(mock.fetch));
  });
  const expectOk = (r: { status: number; body: Json }) => {
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBeLessThan(300);
    return r.body;
  };

  it("workflow: creates a business service and transitions a process", async () => {
    expectOk(
      await post(mock.fetch, "/egov-workflow-v2/egov-wf/businessservice/_create", {
        RequestInfo,
        BusinessServices: [
          {
            tenantId: "pg",
            businessService: "DEMO",
            business: "demo",
            businessServiceSla: 86_400_000,
            states: [
              { state: null, applicationStatus: null, isStartState: true, actions: [{ action: "APPLY", nextState: "OPEN", roles: ["EMPLOYEE"] }] },
              { state: "OPEN", applicationStatus: "OPEN", actions: [{ action: "CLOSE", nextState: "CLOSED", roles: ["EMPLOYEE"] }] },
              { state: "CLOSED", applicationStatus: "CLOSED", isTerminateState: true, actions: [] },
            ],
          },
        ],
      }),
    );
    const pi = { tenantId: "pg.citya", businessService: "DEMO", businessId: "D-1", moduleName: "demo" };
    const applied = expectOk(await post(mock.fetch, "/egov-workflow-v2/egov-wf/process/_transition", { RequestInfo, ProcessInstances: [{ ...pi, action: "APPLY" }] }));
    expect(applied.ProcessInstances[0].state.state).toBe("OPEN");
    const closed = expectOk(await post(mock.fetch, "/egov-workflow-v2/egov-wf/process/_transition", { RequestInfo, ProcessInstances: [{ ...pi, action: "CLOSE" }] }));
    expect(closed.ProcessInstances[0].state.state).toBe("CLOSED");
    const before = mock.state.snapshot();
    const invalid = await post(mock.fetch, "/egov-workflow-v2/egov-wf/process/_transition", { RequestInfo, ProcessInstances: [{ ...pi, action: "APPLY" }] });
    expect(invalid.status).toBe(400);
    expect(mock.state.snapshot()).toEqual(before);
  });

  it("localization: upserts and searches messages", async () => {
    expectOk(await post(mock.fetch, "/localization/messages/v1/_upsert", { RequestInfo, tenantId: "pg", messages: [{ code: "GREETING", message: "Hello", module: "rainmaker-common", locale: "en_IN" }] }));
    const found = expectOk(await post(mock.fetch, "/localization/messages/v1/_search?tenantId=pg&locale=en_IN&module=rainmaker-common", { RequestInfo }));
    expect(found.messages.map((m: Json) => m.code)).toContain("GREETING");
  });

  it("idgen: generates ids", async () => {
    const r = expectOk(await post(mock.fetch, "/egov-idgen/id/_generate", { RequestInfo, idRequests: [{ idName: "pgr.servicerequestid", tenantId: "pg.citya", format: "PG-PGR-[cy:yyyy-MM-dd]-[SEQ_EG_PGR_ID]", count: 2 }] }));
    expect(r.idResponses).toHaveLength(2);
  });

  it("boundary: creates a hierarchy, entities and relationships", async () => {
    expectOk(
      await post(mock.fetch, "/boundary-service/boundary-hierarchy-definition/_create", {
        RequestInfo,
        BoundaryHierarchy: { tenantId: "pg", hierarchyType: "ADMIN", boundaryHierarchy: [{ boundaryType: "City", parentBoundaryType: null, active: true }, { boundaryType: "Ward", parentBoundaryType: "City", active: true }] },
      }),
    );
    expectOk(await post(mock.fetch, "/boundary-service/boundary/_create", { RequestInfo, Boundary: [{ tenantId: "pg", code: "CITY_A", geometry: { type: "Point", coordinates: [1, 2] } }, { tenantId: "pg", code: "WARD_1", geometry: { type: "Point", coordinates: [1, 2] } }] }));
    expectOk(await post(mock.fetch, "/boundary-service/boundary-relationships/_create", { RequestInfo, BoundaryRelationship: { tenantId: "pg", code: "CITY_A", hierarchyType: "ADMIN", boundaryType: "City", parent: null } }));
    expectOk(await post(mock.fetch, "/boundary-service/boundary-relationships/_create", { RequestInfo, BoundaryRelationship: { tenantId: "pg", code: "WARD_1", hierarchyType: "ADMIN", boundaryType: "Ward", parent: "CITY_A" } }));
  });

  it("hrms: creates an employee whose user can log in", async () => {
    const r = await post(mock.fetch, "/egov-hrms/employees/_create", {
      RequestInfo,
      Employees: [
        {
          tenantId: "pg.citya",
          code: "EMP-HR-1",
          employeeStatus: "EMPLOYED",
          employeeType: "PERMANENT",
          dateOfAppointment: 1_700_000_000_000,
          user: { name: "Hr Employee", mobileNumber: "9000000111", gender: "FEMALE", dob: 600_000_000_000, tenantId: "pg.citya", roles: [{ code: "EMPLOYEE", name: "Employee", tenantId: "pg.citya" }] },
          assignments: [{ fromDate: 1_700_000_000_000, isCurrentAssignment: true, department: "DEPT_1", designation: "DESIG_04" }],
          jurisdictions: [{ hierarchy: "ADMIN", boundaryType: "City", boundary: "pg.citya", tenantId: "pg.citya" }],
        },
      ],
    });
    const body = expectOk(r);
    expect(body.Employees[0].code).toBe("EMP-HR-1");
    expect(body.Employees[0].user.password).toBeNull(); // DIGIT answers the key, always null
    expect(JSON.stringify(body)).not.toMatch(/"password":"/);
    expect(mock.ctx.users.byUserName("EMP-HR-1", "pg.citya")).toBeDefined();
  });

  it("filestore and enc answer through the pipeline", async () => {
    const form = new FormData();
    form.set("tenantId", "pg");
    form.set("module", "demo");
    form.set("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
    const up = await mock.fetch("http://digit.test/filestore/v1/files", { method: "POST", body: form, headers: { authorization: `Bearer ${RequestInfo["authToken"] as string}` } });
    expect(up.status, await up.clone().text()).toBeLessThan(300);
    const files = ((await up.json()) as Json).files;
    expect(files[0].fileStoreId).toBeTruthy();
    const enc = await post(mock.fetch, "/egov-enc-service/crypto/v1/_encrypt", { RequestInfo, encryptionRequests: [{ tenantId: "pg", type: "Normal", value: "secret" }] });
    expect(enc.status).toBeLessThan(300);
  });
});
