/**
 * The gateway and the two doors: what every DIGIT call goes through before a service sees it. DIGIT runs one of
 * two gateways (Spring Cloud Gateway in `gateway/`, zuul in `zuul/`); where they differ the behaviour says so.
 */
import { describe, expect } from "vitest";
import { behaviour, requestInfo, type Conformance, type Json } from "../src/index.js";

const WORKFLOW_SEARCH = "/egov-workflow-v2/egov-wf/businessservice/_search";
const SCG = "gateway/src/main/java/com/example/gateway";

/** A logged-in employee holding only EMPLOYEE at the city (created for the run). */
async function employeeToken(c: Conformance): Promise<string> {
  const userName = c.unique("DKG");
  const password = "Dk@12345";
  const created = await c.digit.post("/user/users/_createnovalidate", {
    user: {
      userName,
      name: "Gateway Employee",
      mobileNumber: `9${String(Date.now()).slice(-9)}`,
      type: "EMPLOYEE",
      tenantId: c.city,
      active: true,
      password,
      roles: [{ code: "EMPLOYEE", tenantId: c.city }],
    },
  });
  expect(created.status, created.text).toBe(200);
  const res = await c.anonymous().loginRaw({ username: userName, password, tenantId: c.city, userType: "EMPLOYEE" });
  expect(res.status, res.text).toBe(200);
  return res.body.access_token;
}

describe("gateway", () => {
  behaviour(
    "a request without a token to a secured route is refused before any service sees it",
    `${SCG}/filters/pre/helpers/AuthCheckFilterHelper.java:19`,
    async ({ anonymous, state }) => {
      const res = await anonymous().post(WORKFLOW_SEARCH, {}, { query: { tenantId: state, businessServices: "PGR" }, token: null });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    },
  );

  behaviour(
    "no token: 401 CustomException \"You are not authorized to access this resource\", ResponseInfo null",
    [`${SCG}/filters/pre/helpers/AuthPreCheckFilterHelper.java:72`, "zuul/src/main/java/org/egov/filters/pre/AuthPreCheckFilter.java:100"],
    async ({ anonymous, state }) => {
      const res = await anonymous().post("/user/v1/_search", { tenantId: state, userName: "ADMIN" }, { token: null });
      expect(res.status).toBe(401);
      expect(res.body.ResponseInfo).toBeNull();
      expect(res.body.Errors[0]).toMatchObject({ code: "CustomException", message: "You are not authorized to access this resource" });
    },
  );

  behaviour(
    "an unknown token: 401 (zuul passes egov-user's InvalidAccessTokenException on)",
    ["zuul/src/main/java/org/egov/Utils/ExceptionUtils.java:118", `${SCG}/utils/ExceptionUtils.java:67`],
    async ({ anonymous, state }) => {
      const res = await anonymous().post("/user/v1/_search", { tenantId: state, userName: "ADMIN" }, { token: "00000000-0000-0000-0000-000000000000" });
      expect(res.status).toBe(401);
      expect(["InvalidAccessTokenException", "CustomException"]).toContain(res.body.Errors[0].code);
    },
  );

  behaviour(
    "an RBAC denial is a CustomException (zuul 403 \"Not authorized to access this resource\", Spring Cloud Gateway 401)",
    ["zuul/src/main/java/org/egov/filters/pre/RbacFilter.java:74", `${SCG}/filters/pre/helpers/RbacFilterHelper.java:94`],
    async (c) => {
      const token = await employeeToken(c);
      const res = await c.anonymous().post(
        "/mdms-v2/schema/v1/_create",
        { SchemaDefinition: { tenantId: c.state, code: `${c.unique("dk")}.Thing`, definition: { type: "object" } } },
        { token },
      );
      expect([401, 403]).toContain(res.status);
      expect(res.body.Errors[0].code).toBe("CustomException");
    },
  );

  behaviour(
    "/user/_search is a mixed-mode path: it answers without a token (zuul's anonymous user)",
    ["gateway/src/main/resources/application.properties:42", "zuul/src/main/java/org/egov/filters/pre/AuthPreCheckFilter.java:94"],
    async ({ anonymous, digit, state }) => {
      const res = await anonymous().post("/user/_search", { RequestInfo: requestInfo(), tenantId: state, userName: digit.user.userName }, { raw: true });
      expect(res.status).toBe(200);
      expect(res.body.user.map((u: Json) => u.userName)).toEqual([digit.user.userName]);
    },
  );

  behaviour(
    "a token in the access_token query parameter is not one DIGIT's gateway reads: the mock warns, and refuses under --strict",
    ["zuul/src/main/java/org/egov/filters/pre/AuthPreCheckFilter.java:110", `${SCG}/filters/pre/helpers/AuthPreCheckFilterHelper.java:58`],
    async ({ anonymous, digit, state, target }) => {
      const res = await anonymous().post(`/user/v1/_search`, { tenantId: state, userName: digit.user.userName }, { token: null, query: { access_token: digit.token } });
      if (target.strict) {
        expect(res.status).toBe(401);
        expect(res.body.Errors[0].code).toBe("CustomException");
      } else {
        expect(res.status).toBe(200);
        expect(res.headers.get("x-digit-mock-warning")).toContain("NON_DIGIT_TOKEN_SOURCE");
      }
    },
    { mockOnly: true },
  );

  behaviour(
    "an Authorization: Bearer token is refused under --strict (DIGIT reads RequestInfo.authToken or auth-token)",
    "zuul/src/main/java/org/egov/filters/pre/AuthPreCheckFilter.java:175",
    async ({ anonymous, digit, state }) => {
      const res = await anonymous().post(`/user/v1/_search`, { tenantId: state, userName: digit.user.userName }, { token: null, headers: { authorization: `Bearer ${digit.token}` } });
      expect(res.status).toBe(401);
    },
    { strict: true },
  );

  behaviour(
    "the auth-token header carries the token for requests without one in the body (zuul)",
    "zuul/src/main/java/org/egov/filters/pre/AuthPreCheckFilter.java:175",
    async ({ anonymous, digit, state }) => {
      const res = await anonymous().post(`/user/v1/_search`, { tenantId: state, userName: digit.user.userName }, { token: null, headers: { "auth-token": digit.token } });
      expect(res.status).toBe(200);
    },
    { mockOnly: true },
  );

  behaviour(
    "the internal door trusts RequestInfo.userInfo as sent, with no token",
    "egov-workflow-v2/src/main/java/org/egov/wf/web/controllers/BusinessServiceController.java:56",
    async ({ digit, state }) => {
      const res = await digit.post(WORKFLOW_SEARCH, { RequestInfo: { apiId: "Rainmaker", userInfo: digit.user } }, { query: { tenantId: state, businessServices: "PGR" }, door: "internal", raw: true });
      expect(res.status).toBe(200);
    },
    { internal: true },
  );
});
