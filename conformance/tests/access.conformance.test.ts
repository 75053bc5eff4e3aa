/**
 * egov-accesscontrol: roles and actions read from MDMS, and `_authorize`, the check DIGIT's gateway runs for RBAC.
 */
import { describe, expect } from "vitest";
import { behaviour, type Json } from "../src/index.js";

const ACCESS = "egov-accesscontrol/src/main/java/org/egov/access";
const ACTIONS = `${ACCESS}/web/controller/ActionController.java`;
const ROLES = `${ACCESS}/web/controller/RoleController.java`;

describe("egov-accesscontrol", () => {
  behaviour("roles/_search answers the MDMS roles as {name, code, description} with responseInfo \"200 OK\"", `${ROLES}:58`, async ({ digit, state }) => {
    const res = await digit.post("/access/v1/roles/_search", {}, { query: { tenantId: state } });
    expect(res.status).toBe(200);
    expect(res.body.responseInfo.status).toBe("200 OK");
    expect(res.body.roles.length).toBeGreaterThan(0);
    const role = res.body.roles.find((r: Json) => r.code === "EMPLOYEE");
    expect(Object.keys(role).sort()).toEqual(["code", "description", "name"]);
  });

  behaviour("roles/_search filters by a comma-separated code list", `${ACCESS}/persistence/repository/RoleRepository.java:152`, async ({ digit, state }) => {
    const res = await digit.post("/access/v1/roles/_search", {}, { query: { tenantId: state, code: "EMPLOYEE, CITIZEN" } });
    expect(res.status).toBe(200);
    expect(res.body.roles.map((r: Json) => r.code).sort()).toEqual(["CITIZEN", "EMPLOYEE"]);
  });

  behaviour("roles/_search without tenantId fails with DIGIT's NullPointerException", `${ACCESS}/persistence/repository/RoleRepository.java:164`, async ({ digit }) => {
    const res = await digit.post("/access/v1/roles/_search", {});
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("NullPointerException");
  });

  behaviour("_authorize answers 200 with no body when a role maps to the uri, 401 with no body when not", `${ACTIONS}:108`, async ({ digit, state }) => {
    const request = (uri: string) => ({ AuthorizationRequest: { roles: [{ code: "EMPLOYEE", tenantId: state }], uri, tenantIds: [state] } });
    const allowed = await digit.post("/access/v1/actions/_authorize", request("/user/_search"));
    expect(allowed.status).toBe(200);
    expect(allowed.text).toBe("");
    const denied = await digit.post("/access/v1/actions/_authorize", request("/dk/no/such/uri"));
    expect(denied.status).toBe(401);
    expect(denied.text).toBe("");
  });

  behaviour(
    "_authorize counts only roles held at a request tenant or its state",
    `${ACCESS}/domain/service/ActionService.java:179`,
    async ({ digit, state }) => {
      const res = await digit.post("/access/v1/actions/_authorize", {
        AuthorizationRequest: { roles: [{ code: "EMPLOYEE", tenantId: "dkelsewhere" }], uri: "/user/_search", tenantIds: [state] },
      });
      expect(res.status).toBe(401);
    },
  );

  behaviour(
    "actions/mdms/_get checks tenantId and roleCodes first and answers an array of errors",
    `${ACTIONS}:88`,
    async ({ digit }) => {
      const res = await digit.post("/access/v1/actions/mdms/_get", { roleCodes: [] });
      expect(res.status).toBe(400);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body[0].error.errorFields.map((f: Json) => f.code)).toEqual(["accesscontrol.0001", "accesscontrol.0012"]);
    },
  );

  behaviour("actions/_search lists the actions of roles from MDMS (actionMaster actions-test)", `${ACTIONS}:55`, async ({ digit, state }) => {
    const res = await digit.post("/access/v1/actions/_search", { roleCodes: ["EMPLOYEE"], tenantId: state, actionMaster: "actions-test" });
    expect(res.status).toBe(200);
    expect(res.body.responseInfo.status).toBe("200 OK");
    expect(res.body.actions.length).toBeGreaterThan(0);
    expect(res.body.actions[0]).toMatchObject({ id: expect.any(Number), url: expect.any(String), enabled: expect.any(Boolean) });
  });

  behaviour("actions/_validate answers allowed as the string \"TRUE\" or \"FALSE\"", `${ACTIONS}:102`, async ({ digit, state }) => {
    const res = await digit.post("/access/v1/actions/_validate", {
      validateAction: { tenantRole: { tenantId: state, roles: [{ name: "DK no such role", code: "DK_NONE" }] }, actionUrl: "/dk/no/such/uri" },
    });
    expect(res.status).toBe(200);
    expect(res.body.actionValidation).toEqual({ allowed: "FALSE" });
  });
});
