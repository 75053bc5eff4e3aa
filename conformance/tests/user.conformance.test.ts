/**
 * egov-user: login and tokens, logout, `_details`, search, create/update, passwords. Users created here get
 * userNames unique to the run (`DK<run><n>`); DIGIT has no delete, so they stay (inactive where possible).
 */
import { describe, expect } from "vitest";
import { behaviour, OAUTH_CLIENT, requestInfo, type Conformance, type Json } from "../src/index.js";

const USER = "egov-user/src/main/java/org/egov/user";
const CONTROLLER = `${USER}/web/controller/UserController.java`;
const PROVIDER = `${USER}/security/oauth2/custom/authproviders/CustomAuthenticationProvider.java`;
const SERVICE = `${USER}/domain/service/UserService.java`;
const PASSWORD = "Dk@12345";

let mobiles = 0;
/** A mobile number matching DIGIT's default pattern ^[6-9][0-9]{9}$, different on each call. */
function mobile(): string {
  mobiles += 1;
  return `9${String(Date.now() % 1e5).padStart(5, "0")}${String(mobiles).padStart(4, "0")}`;
}

/** An employee body for `_createnovalidate`: active, with a password, role EMPLOYEE at the city. */
function employee(c: Conformance, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userName: c.unique("DKU"),
    name: "Conformance Employee",
    mobileNumber: mobile(),
    type: "EMPLOYEE",
    tenantId: c.city,
    active: true,
    password: PASSWORD,
    roles: [{ code: "EMPLOYEE", tenantId: c.city }],
    ...extra,
  };
}

async function createUser(c: Conformance, user: Record<string, unknown>): Promise<Json> {
  const res = await c.digit.post("/user/users/_createnovalidate", { user });
  expect(res.status, res.text).toBe(200);
  return res.body.user[0];
}

/** Log in as a created employee; the raw answer. */
function loginAs(c: Conformance, user: Json, form: Record<string, string> = {}) {
  return c.anonymous().loginRaw({ username: user.userName, password: PASSWORD, tenantId: user.tenantId, userType: "EMPLOYEE" }, form);
}

async function tokenOf(c: Conformance, user: Json): Promise<string> {
  const res = await loginAs(c, user);
  expect(res.status, res.text).toBe(200);
  return res.body.access_token;
}

async function refresh(c: Conformance, refreshToken: string) {
  const res = await c.target.fetch(`${c.target.baseUrl}/user/oauth/token`, {
    method: "POST",
    headers: { authorization: OAUTH_CLIENT, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("egov-user: login", () => {
  behaviour("a wrong password answers 400 invalid_request \"Invalid login credentials\"", `${PROVIDER}:178`, async ({ anonymous, target }) => {
    const res = await anonymous().loginRaw({ password: `${target.credentials.password}-wrong` });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid_request", error_description: "Invalid login credentials" });
  });

  behaviour("a login without tenantId answers \"TenantId is mandatory\"", `${PROVIDER}:97`, async ({ anonymous }) => {
    const res = await anonymous().loginRaw({}, { tenantId: "" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid_request", error_description: "TenantId is mandatory" });
  });

  behaviour("a login without userType answers \"User Type is mandatory and has to be a valid type\"", `${PROVIDER}:100`, async ({ anonymous }) => {
    const res = await anonymous().loginRaw({}, { userType: "" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid_request", error_description: "User Type is mandatory and has to be a valid type" });
  });

  behaviour("userType is matched case-insensitively", `${USER}/domain/model/enums/UserType.java:46`, async ({ anonymous, target }) => {
    const res = await anonymous().loginRaw({ userType: target.credentials.userType.toLowerCase() });
    expect(res.status).toBe(200);
  });

  behaviour(
    "the token answer carries DIGIT's snake_case ResponseInfo with empty strings and the UserRequest",
    `${USER}/security/oauth2/custom/CustomTokenEnhancer.java:22`,
    async ({ anonymous }) => {
      const res = await anonymous().loginRaw();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ token_type: "bearer", scope: "read" });
      expect(res.body.ResponseInfo).toMatchObject({ api_id: "", ts: "", status: "Access Token generated successfully" });
      expect(res.body.UserRequest).toMatchObject({ userName: expect.any(String), uuid: expect.any(String), roles: expect.any(Array) });
    },
  );

  behaviour("an inactive user gets \"Please activate your account\"", `${PROVIDER}:129`, async (c) => {
    const user = await createUser(c, employee(c, { active: false }));
    const res = await loginAs(c, user);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid_request", error_description: "Please activate your account" });
  });

  behaviour(
    "the refresh grant issues a new access token, keeps the refresh token and retires the old access token",
    `${USER}/security/AuthorizationServerConfiguration.java:75`,
    async (c) => {
      const user = await createUser(c, employee(c));
      const first = await loginAs(c, user);
      const next = await refresh(c, first.body.refresh_token);
      expect(next.status).toBe(200);
      expect(next.body.access_token).not.toBe(first.body.access_token);
      expect(next.body.refresh_token).toBe(first.body.refresh_token);
      const old = await c.anonymous().post("/user/_search", { RequestInfo: requestInfo(first.body.access_token), tenantId: c.city, userName: user.userName });
      expect(old.status).toBe(401);
    },
  );
});

describe("egov-user: logout and _details", () => {
  behaviour(
    "logout revokes the body's access_token, not RequestInfo.authToken",
    `${USER}/domain/model/TokenWrapper.java:11`,
    async (c) => {
      const user = await createUser(c, employee(c));
      const caller = await tokenOf(c, user);
      const victim = await tokenOf(c, await createUser(c, employee(c)));
      const out = await c.anonymous().post("/user/_logout", { RequestInfo: requestInfo(caller), access_token: victim });
      expect(out.status).toBe(200);
      expect(out.body.status).toBe("Logout successfully");
      const search = { tenantId: c.city, userName: user.userName };
      expect((await c.anonymous().post("/user/v1/_search", { RequestInfo: requestInfo(victim), ...search })).status).toBe(401);
      expect((await c.anonymous().post("/user/v1/_search", { RequestInfo: requestInfo(caller), ...search })).status).not.toBe(401);
    },
  );

  behaviour("logout of an unknown token answers 400 \"Logout failed\"", `${USER}/web/controller/LogoutController.java:40`, async ({ digit }) => {
    const res = await digit.post("/user/_logout", { access_token: "00000000-0000-0000-0000-000000000000" });
    expect(res.status).toBe(400);
    expect(res.body.error.description).toBe("Logout failed");
  });

  behaviour(
    "after logout the refresh token is refused too (the mock's choice; DIGIT's Redis store keeps it)",
    `${USER}/web/controller/LogoutController.java:32`,
    async (c) => {
      const user = await createUser(c, employee(c));
      const session = await loginAs(c, user);
      const out = await c.anonymous().post("/user/_logout", { RequestInfo: requestInfo(session.body.access_token), access_token: session.body.access_token });
      expect(out.status).toBe(200);
      const res = await refresh(c, session.body.refresh_token);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_grant");
    },
    { mockOnly: true },
  );

  behaviour("_details answers the token's user with actions null and no permanentCity", `${CONTROLLER}:85`, async ({ digit }) => {
    const res = await digit.post("/user/_details", {}, { query: { access_token: digit.token }, headers: { "auth-token": digit.token } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userName: digit.user.userName, uuid: digit.user.uuid });
    expect(res.body).toHaveProperty("actions", null);
    expect(res.body).not.toHaveProperty("permanentCity");
  });
});

describe("egov-user: search", () => {
  behaviour("a search by uuid alone needs no tenantId", `${USER}/domain/model/UserSearchCriteria.java:55`, async ({ digit }) => {
    const res = await digit.post("/user/_search", { uuid: [digit.user.uuid] });
    expect(res.status).toBe(200);
    expect(res.body.user.map((u: Json) => u.uuid)).toEqual([digit.user.uuid]);
  });

  behaviour(
    "a search without userName, name, mobileNumber, emailId or uuid answers InvalidUserSearchCriteriaException",
    `${USER}/domain/model/UserSearchCriteria.java:37`,
    async ({ digit, state }) => {
      const res = await digit.post("/user/_search", { tenantId: state });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].code).toBe("InvalidUserSearchCriteriaException");
    },
  );

  behaviour("a search by name needs a tenantId", `${USER}/domain/model/UserSearchCriteria.java:59`, async ({ digit }) => {
    const res = await digit.post("/user/_search", { name: "Conformance Employee" });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("InvalidUserSearchCriteriaException");
  });

  behaviour("search answers the lower-case responseInfo with status \"200\"", `${CONTROLLER}:126`, async ({ digit }) => {
    const res = await digit.post("/user/_search", { uuid: [digit.user.uuid] });
    expect(res.body.responseInfo.status).toBe("200");
    expect(res.body).not.toHaveProperty("ResponseInfo");
  });

  behaviour(
    "search dates are dd-MM-yyyy HH:mm:ss strings and createdBy a number",
    `${USER}/web/contract/UserSearchResponseContent.java:57`,
    async (c) => {
      const created = await createUser(c, employee(c));
      const res = await c.eventually(async () => {
        const r = await c.digit.post("/user/_search", { uuid: [created.uuid] });
        expect(r.body.user).toHaveLength(1);
        return r;
      });
      const u = res.body.user[0];
      expect(u.createdDate).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
      expect(u.lastModifiedDate).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
      expect(typeof u.createdBy).toBe("number");
      for (const key of ["salutation", "countryCode", "pan", "relationship", "bloodGroup", "accountLocked"]) expect(u).toHaveProperty(key);
    },
  );

  behaviour(
    "/_search hides inactive users unless asked; /v1/_search has no active default",
    `${CONTROLLER}:74`,
    async (c) => {
      const user = await createUser(c, employee(c, { active: false }));
      const criteria = { tenantId: c.city, userName: user.userName };
      await c.eventually(async () => {
        expect((await c.digit.post("/user/v1/_search", criteria)).body.user).toHaveLength(1);
      });
      expect((await c.digit.post("/user/_search", criteria)).body.user).toHaveLength(0);
      expect((await c.digit.post("/user/_search", { ...criteria, active: false })).body.user).toHaveLength(1);
    },
  );

  behaviour(
    "through the gateway a search returns at most 10 users, and pageNumber skips users (an offset)",
    [`${SERVICE}:204`, `${USER}/repository/builder/UserTypeQueryBuilder.java:73`],
    async (c) => {
      const name = `Conformance Page ${c.unique("P")}`;
      const ids: number[] = [];
      for (let i = 0; i < 12; i++) ids.push((await createUser(c, employee(c, { name }))).id);
      const all = await c.eventually(async () => {
        const r = await c.digit.post("/user/v1/_search", { tenantId: c.city, name, pageSize: 50 });
        expect(r.status).toBe(200);
        expect(r.body.user).toHaveLength(10);
        return r;
      });
      expect(all.body.user).toHaveLength(10);
      const page = await c.digit.post("/user/v1/_search", { tenantId: c.city, name, pageSize: 2, pageNumber: 1 });
      ids.sort((a, b) => a - b);
      expect(page.body.user.map((u: Json) => u.id).sort((a: number, b: number) => a - b)).toEqual([ids[1], ids[2]]);
    },
  );
});

describe("egov-user: create and update", () => {
  behaviour("_createnovalidate defaults active to false", `${USER}/web/contract/UserRequest.java:262`, async (c) => {
    const { active: _active, ...user } = employee(c);
    const created = await createUser(c, user);
    expect(created.active).toBe(false);
  });

  behaviour("_createnovalidate requires a mobileNumber (InvalidUserCreateException)", `${USER}/domain/model/User.java:112`, async (c) => {
    const { mobileNumber: _m, ...user } = employee(c);
    const res = await c.digit.post("/user/users/_createnovalidate", { user });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("InvalidUserCreateException");
  });

  behaviour(
    "the password policy: 8–15 characters with a digit, lower and upper case and one of @#$%",
    `${SERVICE}:670`,
    async (c) => {
      const weak = await c.digit.post("/user/users/_createnovalidate", { user: employee(c, { password: "password" }) });
      expect(weak.status).toBe(400);
      expect(weak.body.Errors.map((e: Json) => e.code)).toEqual(["INVALID_PWD_PATTERN"]);
      const short = await c.digit.post("/user/users/_createnovalidate", { user: employee(c, { password: "P@1a" }) });
      expect(short.status).toBe(400);
      expect(short.body.Errors.map((e: Json) => e.code)).toContain("INVALID_PWD_LENGTH");
    },
  );

  behaviour("the mobile number must match DIGIT's pattern (default ^[6-9][0-9]{9}$)", `${USER}/domain/service/MobileNumberValidator.java:139`, async (c) => {
    const res = await c.digit.post("/user/users/_createnovalidate", { user: employee(c, { mobileNumber: "12345" }) });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("INVALID_MOBILE_NUMBER");
  });

  behaviour(
    "a userName is unique per tenant and user type: same type refused, another type allowed",
    `${SERVICE}:265`,
    async (c) => {
      const first = employee(c);
      await createUser(c, first);
      const again = await c.digit.post("/user/users/_createnovalidate", { user: { ...first, mobileNumber: mobile() } });
      expect(again.status).toBe(400);
      expect(again.body.Errors[0].code).toBe("DuplicateUserNameException");
      const system = await c.digit.post("/user/users/_createnovalidate", { user: { ...first, type: "SYSTEM", mobileNumber: mobile() } });
      expect(system.status).toBe(200);
    },
  );

  behaviour("a role code unknown to MDMS answers INVALID_ROLE", `${USER}/persistence/repository/UserRepository.java:418`, async (c) => {
    const res = await c.digit.post("/user/users/_createnovalidate", { user: employee(c, { roles: [{ code: "DK_NO_SUCH_ROLE", tenantId: c.city }] }) });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0]).toMatchObject({ code: "INVALID_ROLE", message: "Unable to validate role from MDMS" });
  });

  behaviour("_updatenovalidate requires roles (AtleastOneRoleCodeException)", `${SERVICE}:421`, async (c) => {
    const created = await createUser(c, employee(c));
    const { roles: _r, ...rest } = created;
    const res = await c.digit.post("/user/users/_updatenovalidate", { user: rest });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("AtleastOneRoleCodeException");
  });

  behaviour("_updatenovalidate finds the user by uuid only", `${SERVICE}:175`, async (c) => {
    const created = await createUser(c, employee(c));
    const { uuid: _u, ...rest } = created;
    const res = await c.digit.post("/user/users/_updatenovalidate", { user: { ...rest, dob: null } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("UserNotFoundException");
  });

  behaviour(
    "_updatenovalidate replaces the profile: a field left out is cleared",
    `${USER}/persistence/repository/UserRepository.java:253`,
    async (c) => {
      const created = await createUser(c, employee(c, { emailId: "dk.conformance@example.org" }));
      expect(created.emailId).toBe("dk.conformance@example.org");
      const { emailId: _e, dob: _d, ...rest } = created;
      const res = await c.digit.post("/user/users/_updatenovalidate", { user: rest });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user[0].emailId).toBeNull();
      expect(res.body.user[0].name).toBe(created.name);
    },
  );

  behaviour("profile/_update of another user answers UserProfileUpdateDeniedException", `${USER}/domain/model/User.java:209`, async (c) => {
    const someone = await createUser(c, employee(c));
    const { dob: _d, ...rest } = someone;
    const res = await c.digit.post("/user/profile/_update", { user: { ...rest, name: "Not Mine" } });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("UserProfileUpdateDeniedException");
  });
});

describe("egov-user: citizens", () => {
  behaviour(
    "citizen/_create makes a CITIZEN whatever roles the body asks for, logs them in, and that token cannot write MDMS",
    [`${USER}/domain/model/User.java:213`, `${SERVICE}:306`],
    async (c) => {
      const userName = `7${String(Date.now()).slice(-9)}`;
      const res = await c.anonymous().post(
        "/user/citizen/_create",
        {
          user: { userName, name: "Conformance Citizen", tenantId: c.city, otpReference: "123456", type: "EMPLOYEE", roles: [{ code: "SUPERUSER", tenantId: c.state }] },
        },
        { token: null },
      );
      expect(res.status, res.text).toBe(200);
      expect(typeof res.body.access_token).toBe("string");
      expect(res.body.UserRequest.type).toBe("CITIZEN");
      expect(res.body.UserRequest.roles.map((r: Json) => r.code)).toEqual(["CITIZEN"]);
      const write = await c.anonymous().post(
        `/mdms-v2/v2/_create/tenant.tenants`,
        { Mdms: { tenantId: c.state, schemaCode: "tenant.tenants", data: { code: `${c.state}.dkx`, name: "X" }, isActive: true } },
        { token: res.body.access_token },
      );
      expect([401, 403]).toContain(write.status);
      expect(write.body.Errors[0].code).toBe("CustomException");
    },
    // A real DIGIT validates the otpReference at egov-otp; the mock accepts any.
    { mockOnly: true },
  );

  behaviour("citizen/_create refuses a non-numeric userName (UserNameNotValidException)", `${SERVICE}:289`, async (c) => {
    const res = await c.anonymous().post("/user/citizen/_create", { user: { userName: c.unique("DKC"), name: "Conformance Citizen", tenantId: c.city, otpReference: "123456" } }, { token: null });
    expect(res.status).toBe(400);
    expect(res.body.Errors[0].code).toBe("UserNameNotValidException");
  });
});

describe("egov-user: passwords", () => {
  behaviour(
    "password/_update needs the user type (InvalidLoggedInUserUpdatePasswordRequestException)",
    `${USER}/domain/model/LoggedInUserUpdatePasswordRequest.java:24`,
    async (c) => {
      const user = await createUser(c, employee(c));
      const token = await tokenOf(c, user);
      const res = await c.anonymous().post("/user/password/_update", { RequestInfo: requestInfo(token), existingPassword: PASSWORD, newPassword: "Dk@54321", tenantId: c.city });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].code).toBe("InvalidLoggedInUserUpdatePasswordRequestException");
    },
  );

  behaviour(
    "password/_update: a wrong existing password is PasswordMismatchException; success answers responseInfo \"200\"",
    [`${SERVICE}:593`, `${USER}/web/controller/PasswordController.java:38`],
    async (c) => {
      const user = await createUser(c, employee(c));
      const token = await tokenOf(c, user);
      const body = { RequestInfo: requestInfo(token), newPassword: "Dk@54321", tenantId: c.city, type: "EMPLOYEE" };
      const wrong = await c.anonymous().post("/user/password/_update", { ...body, existingPassword: "Wrong@123" });
      expect(wrong.status).toBe(400);
      expect(wrong.body.Errors[0]).toMatchObject({ code: "PasswordMismatchException", description: "Invalid username or password" });
      const ok = await c.anonymous().post("/user/password/_update", { ...body, existingPassword: PASSWORD });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body.responseInfo.status).toBe("200");
    },
  );
});
