import { beforeAll, describe, expect, it } from "vitest";
import { createDigitMock } from "../src/index.js";
import { createUser, login, loginRaw, BASE, post, requestInfo, type Json } from "./helpers.js";

describe("egov-user users", () => {
  const mock = createDigitMock();
  let admin = "";
  beforeAll(async () => {
    admin = await login(mock.fetch);
  });
  const employee = (userName: string, extra: Record<string, unknown> = {}) => ({
    userName,
    name: `Employee ${userName}`,
    type: "EMPLOYEE",
    tenantId: "pg.citya",
    mobileNumber: "9876543210",
    active: true,
    password: "Passw0rd@1",
    roles: [{ code: "EMPLOYEE", name: "Employee", tenantId: "pg.citya" }],
    ...extra,
  });

  it("creates a user with _createnovalidate and finds it with _search and v1/_search", async () => {
    const created = await createUser(mock.fetch, admin, employee("EMP1", { fatherOrHusbandName: "F", unknownField: "dropped" }));
    expect(created.status).toBe(200);
    expect(created.body.responseInfo).toEqual({ apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: "200" });
    const u = created.body.user[0];
    expect(u).toMatchObject({ userName: "EMP1", tenantId: "pg.citya", type: "EMPLOYEE", active: true, fatherOrHusbandName: "F", countryCode: "+91", password: null, otpReference: null });
    expect(u).not.toHaveProperty("unknownField");
    expect(u.roles).toEqual([{ code: "EMPLOYEE", name: "Employee", tenantId: "pg.citya" }]);
    expect(u.createdBy).toBe(1);
    expect(u.createdDate).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
    for (const path of ["/user/_search", "/user/v1/_search"]) {
      const found = await post(mock.fetch, path, { RequestInfo: requestInfo(admin), tenantId: "pg.citya", userName: "EMP1" });
      expect(found.status).toBe(200);
      expect(found.body.user.map((x: Json) => x.uuid)).toEqual([u.uuid]);
    }
    const byUuid = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(admin), uuid: [u.uuid] });
    expect(byUuid.body.user).toHaveLength(1);
  });

  it("searches by roleCodes only with a tenantId, at exactly that role tenant, through the internal door", async () => {
    const internal = (body: Record<string, unknown>) =>
      mock.internalFetch(`${BASE}/user/_search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ RequestInfo: requestInfo(), ...body }) });
    const byRole = await internal({ tenantId: "pg", roleCodes: ["SUPERUSER"] });
    expect(((await byRole.json()) as Json).user.map((x: Json) => x.userName)).toEqual(["ADMIN"]);
    const noTenant = await internal({ roleCodes: ["SUPERUSER"] });
    expect(noTenant.status).toBe(400);
    const gateway = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(admin), tenantId: "pg", roleCodes: ["SUPERUSER"] });
    expect(gateway.body.Errors[0].code).toBe("InvalidUserSearchCriteriaException");
  });

  it("refuses a duplicate userName of the same type and leaves state unchanged", async () => {
    await createUser(mock.fetch, admin, employee("DUP1"));
    const before = mock.state.snapshot();
    const again = await createUser(mock.fetch, admin, employee("DUP1"));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      ResponseInfo: null,
      Errors: [{ code: "DuplicateUserNameException", message: "An unhandled exception occurred on the server", description: null, params: null }],
    });
    expect(mock.state.snapshot()).toEqual(before);
  });

  it("checks the password policy and the mobile pattern", async () => {
    const codes = async (extra: Record<string, unknown>) => (await createUser(mock.fetch, admin, employee("POLICY1", extra))).body.Errors.map((e: Json) => e.code);
    expect(await codes({ password: "short" })).toEqual(["INVALID_PWD_LENGTH", "INVALID_PWD_PATTERN"]);
    expect(await codes({ password: "Passw0rd!" })).toEqual(["INVALID_PWD_PATTERN"]);
    expect(await codes({ mobileNumber: "1234567890" })).toEqual(["INVALID_MOBILE_NUMBER"]);
    expect(await codes({ roles: [{ code: "NO_SUCH_ROLE" }] })).toEqual(["INVALID_ROLE"]);
    expect(await codes({ mobileNumber: null })).toEqual(["InvalidUserCreateException"]);
  });

  it("updates with _updatenovalidate: by uuid, roles required, the profile replaced, a given password changed", async () => {
    const created = await createUser(mock.fetch, admin, employee("EMP2", { emailId: "e2@example.org", locale: "en_IN" }));
    const uuid = created.body.user[0].uuid;
    const update = (user: Record<string, unknown>) => post(mock.fetch, "/user/users/_updatenovalidate", { RequestInfo: requestInfo(admin), user });
    const noRoles = await update({ uuid, userName: "EMP2", tenantId: "pg.citya", name: "Renamed" });
    expect(noRoles.body.Errors[0].code).toBe("AtleastOneRoleCodeException");
    const byId = await update({ id: created.body.user[0].id, tenantId: "pg.citya", roles: [{ code: "EMPLOYEE" }] });
    expect(byId.body.Errors[0].code).toBe("UserNotFoundException");
    const upd = await update({ uuid, userName: "EMP2", tenantId: "pg.citya", name: "Renamed Employee", password: "Changed@123", roles: [{ code: "EMPLOYEE", tenantId: "pg.citya" }] });
    expect(upd.status).toBe(200);
    expect(upd.body.user[0]).toMatchObject({ name: "Renamed Employee", emailId: null, locale: null, mobileNumber: "9876543210", active: true });
    expect(upd.body.user[0]).not.toHaveProperty("countryCode");
    expect((await loginRaw(mock.fetch, BASE, { username: "EMP2", password: "Passw0rd@1", tenantId: "pg.citya", userType: "EMPLOYEE" })).status).toBe(400);
    expect(await login(mock.fetch, undefined, { username: "EMP2", password: "Changed@123", tenantId: "pg.citya", userType: "EMPLOYEE" })).toBeTruthy();
  });

  it("lets a user update only their own profile, ignoring roles and mobile", async () => {
    const created = (await createUser(mock.fetch, admin, employee("EMP3"))).body.user[0];
    const token = await login(mock.fetch, undefined, { username: "EMP3", password: "Passw0rd@1", tenantId: "pg.citya", userType: "EMPLOYEE" });
    const own = await post(mock.fetch, "/user/profile/_update", {
      RequestInfo: requestInfo(token),
      user: { id: created.id, uuid: created.uuid, tenantId: "pg.citya", name: "Self Named", mobileNumber: "9123456789", roles: [{ code: "SUPERUSER", tenantId: "pg" }] },
    });
    expect(own.status).toBe(200);
    expect(own.body.user[0]).toMatchObject({ name: "Self Named", mobileNumber: "9876543210" });
    expect(own.body.user[0].roles.map((r: Json) => r.code)).toEqual(["EMPLOYEE"]);
    const other = await post(mock.fetch, "/user/profile/_update", { RequestInfo: requestInfo(admin), user: { id: created.id, uuid: created.uuid, tenantId: "pg.citya", name: "Not Mine" } });
    expect(other.body.Errors[0].code).toBe("UserProfileUpdateDeniedException");
  });

  it("creates a citizen at the state tenant with exactly the CITIZEN role, whatever the body says, and logs them in", async () => {
    const res = await post(mock.fetch, "/user/citizen/_create", {
      RequestInfo: requestInfo(),
      user: { userName: "9123456780", type: "EMPLOYEE", name: "Citizen Kane", tenantId: "pg.citya", password: "Citizen@1", otpReference: "123456", roles: [{ code: "SUPERUSER", tenantId: "pg" }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.ResponseInfo.status).toBe("Access Token generated successfully");
    expect(res.body.UserRequest).toMatchObject({ userName: "9123456780", tenantId: "pg", type: "CITIZEN", mobileNumber: "9123456780", active: true });
    expect(res.body.UserRequest.roles).toEqual([{ code: "CITIZEN", name: "Citizen", tenantId: "pg" }]);
    const token = res.body.access_token as string;
    const write = await post(mock.fetch, "/mdms-v2/v2/_create/tenant.tenants", {
      RequestInfo: requestInfo(token),
      Mdms: { tenantId: "pg", schemaCode: "tenant.tenants", data: { code: "pg.cityq", name: "Q" }, isActive: true },
    });
    expect(write.status).toBe(403);
    const schema = await post(mock.fetch, "/mdms-v2/schema/v1/_create", {
      RequestInfo: requestInfo(token),
      SchemaDefinition: { tenantId: "pg", code: "x.Y", definition: { type: "object" } },
    });
    expect(schema.status).toBe(403);
    // Citizens log in by OTP in DIGIT: they cannot change a password.
    const change = await post(mock.fetch, "/user/password/_update", { RequestInfo: requestInfo(token), existingPassword: "Citizen@1", newPassword: "Citizen@2", tenantId: "pg", type: "CITIZEN" });
    expect(change.body.Errors[0].code).toBe("InvalidUpdatePasswordRequestException");
  });

  it("refuses a citizen without an OTP reference or with a non-numeric userName", async () => {
    const create = (user: Record<string, unknown>) => post(mock.fetch, "/user/citizen/_create", { RequestInfo: requestInfo(), user: { name: "Someone", tenantId: "pg", ...user } });
    expect((await create({ userName: "9123456781" })).body.Errors[0].code).toBe("InvalidUserCreateException");
    expect((await create({ userName: "someone", otpReference: "1" })).body.Errors[0].code).toBe("UserNameNotValidException");
  });

  it("changes an employee's password with the type, and refuses without it", async () => {
    await createUser(mock.fetch, admin, employee("EMP4"));
    const token = await login(mock.fetch, undefined, { username: "EMP4", password: "Passw0rd@1", tenantId: "pg.citya", userType: "EMPLOYEE" });
    const body = { RequestInfo: requestInfo(token), existingPassword: "Passw0rd@1", newPassword: "Passw0rd@2", tenantId: "pg.citya" };
    expect((await post(mock.fetch, "/user/password/_update", body)).body.Errors[0].code).toBe("InvalidLoggedInUserUpdatePasswordRequestException");
    const ok = await post(mock.fetch, "/user/password/_update", { ...body, type: "EMPLOYEE" });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ responseInfo: { apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: "200" } });
  });

  it("keeps a user with an unknown tenant (a warning), which then fails role validation as in DIGIT", async () => {
    const r = await createUser(mock.fetch, admin, employee("EMP5", { tenantId: "zz.nowhere", roles: [{ code: "EMPLOYEE" }] }));
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].code).toBe("INVALID_ROLE");
  });

  it("treats prototype names as plain values: no user, no 500", async () => {
    for (const key of ["__proto__", "constructor"]) {
      const found = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(admin), uuid: [key] });
      expect(found.body.user).toEqual([]);
      const upd = await post(mock.fetch, "/user/users/_updatenovalidate", { RequestInfo: requestInfo(admin), user: { uuid: key, tenantId: "pg", roles: [{ code: "EMPLOYEE" }] } });
      expect(upd.body.Errors[0].code).toBe("UserNotFoundException");
      expect((await post(mock.fetch, "/user/_logout", { RequestInfo: requestInfo(admin), access_token: key })).status).toBe(400);
      expect(mock.ctx.users.byUuid(key)).toBeUndefined();
    }
  });

  it("exposes users through ctx.users (the UserDirectory other modules use)", () => {
    const admin = mock.ctx.users.byUserName("ADMIN", "pg");
    expect(admin?.roles.map((r) => r.code).sort()).toEqual(["EMPLOYEE", "SUPERUSER"]);
    const all = mock.ctx.users.all();
    const keys = all.map((u) => `${u.tenantId}|${u.type}|${u.userName}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
