import { beforeAll, describe, expect, it } from "vitest";
import { createDigitMock } from "../src/index.js";
import { createUser, login, post, requestInfo, type Json } from "./helpers.js";

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
    password: "Passw0rd!",
    roles: [{ code: "EMPLOYEE", name: "Employee", tenantId: "pg.citya" }],
    ...extra,
  });

  it("creates a user with _createnovalidate and finds it with _search and v1/_search", async () => {
    const created = await createUser(mock.fetch, admin, employee("EMP1", { fatherOrHusbandName: "F" }));
    expect(created.status).toBe(200);
    const u = created.body.user[0];
    expect(u).toMatchObject({ userName: "EMP1", tenantId: "pg.citya", type: "EMPLOYEE", active: true, fatherOrHusbandName: "F" });
    expect(typeof u.uuid).toBe("string");
    expect(u.password).toBeUndefined();
    for (const path of ["/user/_search", "/user/v1/_search"]) {
      const found = await post(mock.fetch, path, { RequestInfo: requestInfo(admin), tenantId: "pg.citya", userName: "EMP1" });
      expect(found.status).toBe(200);
      expect(found.body.user.map((x: Json) => x.uuid)).toEqual([u.uuid]);
    }
    const byUuid = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(admin), tenantId: "pg", uuid: [u.uuid] });
    expect(byUuid.body.user).toHaveLength(1);
    const byRole = await post(mock.fetch, "/user/_search", { RequestInfo: requestInfo(admin), tenantId: "pg", roleCodes: ["SUPERUSER"] });
    expect(byRole.body.user.map((x: Json) => x.userName)).toEqual(["ADMIN"]);
  });

  it("refuses a duplicate userName in the same tenant and leaves state unchanged", async () => {
    await createUser(mock.fetch, admin, employee("DUP1"));
    const before = mock.state.snapshot();
    const again = await createUser(mock.fetch, admin, employee("DUP1"));
    expect(again.status).toBe(400);
    expect(again.body.Errors[0].code).toBe("DuplicateUserNameException");
    expect(mock.state.snapshot()).toEqual(before);
  });

  it("updates with _updatenovalidate; the new user can log in, and the password is unchanged by updates", async () => {
    const created = await createUser(mock.fetch, admin, employee("EMP2"));
    const uuid = created.body.user[0].uuid;
    const upd = await post(mock.fetch, "/user/users/_updatenovalidate", {
      RequestInfo: requestInfo(admin),
      user: { uuid, userName: "EMP2", tenantId: "pg.citya", type: "EMPLOYEE", name: "Renamed Employee", password: "ignored-on-update", emailId: "e2@example.org" },
    });
    expect(upd.status).toBe(200);
    expect(upd.body.user[0]).toMatchObject({ name: "Renamed Employee", emailId: "e2@example.org" });
    const token = await login(mock.fetch, undefined, { username: "EMP2", password: "Passw0rd!", tenantId: "pg.citya", userType: "EMPLOYEE" });
    expect(token).toBeTruthy();
    const missing = await post(mock.fetch, "/user/users/_updatenovalidate", { RequestInfo: requestInfo(admin), user: { uuid: "no-such-uuid", userName: "NOBODY", name: "Xyz Abc", tenantId: "pg", type: "EMPLOYEE" } });
    expect(missing.status).toBe(400);
    expect(missing.body.Errors[0].code).toBe("UserNotFoundException");
  });

  it("creates citizens at the state tenant with the CITIZEN role and lets them change their password and profile", async () => {
    const res = await post(mock.fetch, "/user/citizen/_create", {
      RequestInfo: requestInfo(admin),
      user: { userName: "9123456780", type: "CITIZEN", name: "Citizen Kane", mobileNumber: "9123456780", tenantId: "pg.citya", password: "Citizen1!", otpReference: "123456" },
    });
    expect(res.status).toBe(200);
    expect(res.body.user[0]).toMatchObject({ userName: "9123456780", tenantId: "pg", type: "CITIZEN" });
    expect(res.body.user[0].roles).toEqual([{ code: "CITIZEN", name: "Citizen", tenantId: "pg" }]);
    const token = await login(mock.fetch, undefined, { username: "9123456780", password: "Citizen1!", tenantId: "pg", userType: "CITIZEN" });
    const wrong = await post(mock.fetch, "/user/password/_update", { RequestInfo: requestInfo(token), existingPassword: "bad", newPassword: "Citizen2!", tenantId: "pg", type: "CITIZEN" });
    expect(wrong.status).toBe(400);
    const ok = await post(mock.fetch, "/user/password/_update", { RequestInfo: requestInfo(token), existingPassword: "Citizen1!", newPassword: "Citizen2!", tenantId: "pg", type: "CITIZEN" });
    expect(ok.status).toBe(200);
    expect((await login(mock.fetch, undefined, { username: "9123456780", password: "Citizen2!", tenantId: "pg", userType: "CITIZEN" })).length).toBeGreaterThan(0);
    const profile = await post(mock.fetch, "/user/profile/_update", { RequestInfo: requestInfo(token), user: { uuid: res.body.user[0].uuid, userName: "9123456780", tenantId: "pg", type: "CITIZEN", name: "Citizen Kane Jr", roles: [{ code: "SUPERUSER", tenantId: "pg" }] } });
    expect(profile.status).toBe(200);
    expect(profile.body.user[0].name).toBe("Citizen Kane Jr");
    expect(profile.body.user[0].roles.map((r: Json) => r.code)).toEqual(["CITIZEN"]);
  });

  it("rejects a user for an unknown tenant with INVALID_TENANT_ID under --strict", async () => {
    const strict = createDigitMock({ options: { strict: true } });
    const r = await createUser(strict.fetch, await login(strict.fetch), employee("EMP3", { tenantId: "zz.nowhere" }));
    expect(r.status).toBe(400);
    expect(r.body.Errors[0].code).toBe("INVALID_TENANT_ID");
  });

  it("exposes users through ctx.users (the UserDirectory other modules use)", () => {
    const admin = mock.ctx.users.byUserName("ADMIN", "pg");
    expect(admin?.roles.map((r) => r.code).sort()).toEqual(["EMPLOYEE", "SUPERUSER"]);
    const all = mock.ctx.users.all();
    const keys = all.map((u) => `${u.tenantId}|${u.userName}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
