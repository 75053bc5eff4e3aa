import { beforeAll, describe, expect, it } from "vitest";
import { createDigitMock } from "../../src/index.js";
import { login, post, requestInfo, type Json } from "../helpers.js";

describe("egov-accesscontrol", () => {
  const mock = createDigitMock();
  let admin = "";
  beforeAll(async () => {
    admin = await login(mock.fetch);
  });
  const call = (path: string, body: Record<string, unknown>) => post(mock.fetch, `/access/v1${path}`, { RequestInfo: requestInfo(admin), ...body });

  it("searches roles of a tenant's state from MDMS, filtered by codes", async () => {
    const all = await call("/roles/_search?tenantId=pg.citya", {});
    expect(all.status).toBe(200);
    expect(all.body.responseInfo).toEqual({ apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: "200 OK" });
    expect(all.body.roles).toContainEqual({ code: "SUPERUSER", name: "Super User", description: "Every action on every service" });
    const some = await call("/roles/_search?tenantId=pg&code=GRO,%20CSR", {});
    expect(some.body.roles.map((r: Json) => r.code).sort()).toEqual(["CSR", "GRO"]);
    expect((await call("/roles/_search?tenantId=zz", {})).body.Errors[0].code).toBe("PathNotFoundException");
  });

  it("lists actions by role from the actions-test master, with mdms/_get adding tenant and icons", async () => {
    const search = await call("/actions/_search", { roleCodes: ["CITIZEN"], tenantId: "pg", actionMaster: "actions-test" });
    expect(search.status).toBe(200);
    const urls = search.body.actions.map((a: Json) => a.url);
    expect(urls).toContain("/user/profile/_update");
    expect(urls).not.toContain("/mdms-v2/schema/v1/_create");
    expect(search.body.actions[0]).not.toHaveProperty("tenantId");
    const get = await call("/actions/mdms/_get", { roleCodes: ["CITIZEN"], tenantId: "pg.citya", actionMaster: "actions-test" });
    expect(get.body.responseInfo).toMatchObject({ apiId: "org.egov.accesscontrol", resMsgId: "uief87324", status: "200 OK" });
    expect(get.body.actions[0]).toMatchObject({ tenantId: "pg.citya", leftIcon: "", rightIcon: "" });
    expect((await call("/actions/_search", { roleCodes: ["CITIZEN"], tenantId: "pg" })).body.Errors[0].code).toBe("PathNotFoundException");
    expect((await call("/actions/_search", { tenantId: "pg" })).body.Errors[0].code).toBe("NullPointerException");
  });

  it("authorizes as the gateway does, and refuses a request without AuthorizationRequest parts", async () => {
    const authorize = (r: Record<string, unknown>) => call("/actions/_authorize", { AuthorizationRequest: r });
    const ok = await authorize({ roles: [{ code: "CITIZEN", tenantId: "pg" }], uri: "/user/profile/_update", tenantIds: ["pg.citya"] });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe("");
    expect((await authorize({ roles: [{ code: "CITIZEN", tenantId: "pg" }], uri: "/mdms-v2/schema/v1/_create", tenantIds: ["pg"] })).status).toBe(401);
    const empty = await authorize({ roles: [], uri: "/x", tenantIds: ["pg"] });
    expect(empty.status).toBe(400);
    expect(empty.body.Errors[0].code).toBe("Size.authorizationRequestWrapper.authorizationRequest.roles");
  });

  it("writes legacy roles and actions with DIGIT's array errors; _validate reads them; prototype names are plain names", async () => {
    const bad = await call("/roles/_create", { roles: [] });
    expect(bad.status).toBe(400);
    expect(bad.body[0].error).toMatchObject({ code: 400, message: "Role is invalid" });
    expect(bad.body[0].error.errorFields[0]).toEqual({ code: "accesscontrol.0012", message: "role", field: "Atleast One Role is Required" });
    const role = await call("/roles/_create", { roles: [{ name: "__proto__", code: "PROTO", description: "x" }] });
    expect(role.status, JSON.stringify(role.body)).toBe(200);
    expect((await call("/roles/_create", { roles: [{ name: "__proto__", code: "PROTO" }] })).body[0].error.errorFields[0].code).toBe("accesscontrol.0008");
    const action = await call("/actions/_create", { actions: [{ name: "constructor", url: "/dk/thing/_create", enabled: true }] });
    expect(action.status, JSON.stringify(action.body)).toBe(200);
    expect((await call("/actions/_update", { actions: [{ name: "missing", url: "/dk/x" }] })).body[0].error.errorFields[0].code).toBe("accesscontrol.0005");
    const ra = await call("/role-actions/_create", { role: { code: "PROTO" }, tenantId: "pg", actions: [{ name: "constructor" }] });
    expect(ra.status, JSON.stringify(ra.body)).toBe(200);
    const validate = (url: string) => call("/actions/_validate", { validateAction: { tenantRole: { tenantId: "pg", roles: [{ name: "__proto__" }] }, actionUrl: url } });
    expect((await validate("/dk/thing/_create")).body.actionValidation).toEqual({ allowed: "TRUE" });
    expect((await validate("/dk/other")).body.actionValidation).toEqual({ allowed: "FALSE" });
    expect(({} as Record<string, unknown>)["code"]).toBeUndefined();
  });
});
