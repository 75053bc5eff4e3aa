/** egov-user operations other than login (egov-user/src/main/java/org/egov/user/web/controller/). */
import { digitFail, ErrorCodes } from "../../core/errors.js";
import type { MockContext, OperationRequest, OperationResult, StoredUser, UserType } from "../../core/types.js";
import { fail, PASSWORD_MISMATCH_DESCRIPTION, unhandled, UserExceptions, UserHttpError } from "./errors.js";
import { finishNewUser, isObj, mobileCheck, newUser, readUser, updatedUser, userPayload, userTypeOf, type UserInput } from "./input.js";
import { tokenAnswer } from "./login.js";
import { presentCreatedUser, presentDetails, presentUpdatedUser, presentUser, type IdOf } from "./present.js";
import { passwordErrors } from "./rules.js";
import type { UserSlice } from "./slice.js";
import { issueToken, resolveToken, revokeToken } from "./tokens.js";

const ri = (req: OperationRequest) => req.body["RequestInfo"];

/** egov-user's `responseInfo`: only `status` set (UserController.java:108-128, PasswordController.java:38). */
const responseInfo = () => ({ apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: "200" });

const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);

/** Audit uuid → the user's numeric id, as DIGIT stores `createdBy`. */
const idOf =
  (slice: UserSlice): IdOf =>
  (uuid) =>
    own(slice.users, uuid)?.id ?? null;

/** The tenant egov-user stores and looks up: a citizen's state tenant (UserUtils.getStateLevelTenantForCitizen). */
const tenantFor = (ctx: MockContext, tenantId: string, type: UserType | null): string => (type === "CITIZEN" ? ctx.tenants.stateOf(tenantId) : tenantId);

/** `requestInfo.getUserInfo()` dereferenced: DIGIT answers 400 NullPointerException when the body has no RequestInfo. */
function requireRequestInfo(req: OperationRequest): void {
  if (!isObj(ri(req))) fail(unhandled(UserExceptions.nullPointer));
}

/** A missing `user`: bean validation of `@NotNull user` (CreateUserRequest.java:17-21). */
function payload(req: OperationRequest): Record<string, unknown> {
  const u = userPayload(req.body);
  if (!u) fail({ code: "NotNull.createUserRequest.user", message: "may not be null" });
  return u;
}

const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : v === undefined || v === null ? undefined : [v]);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Lombok's `UserSearchCriteria.toString()`, which DIGIT puts in the descriptions of search/lookup failures. */
function criteriaText(c: Record<string, unknown>): string {
  const v = (x: unknown) => (x === undefined || x === null ? "null" : Array.isArray(x) ? `[${x.join(", ")}]` : String(x));
  const keys = ["id", "uuid", "userName", "name", "mobileNumber", "emailId", "fuzzyLogic", "active", "offset", "limit", "sort", "type", "tenantId", "roleCodes", "alternatemobilenumber"];
  return `UserSearchCriteria(${keys.map((k) => `${k}=${v(c[k])}`).join(", ")})`;
}

const userNotFound = (criteria: Record<string, unknown>) => unhandled(UserExceptions.userNotFound, `User not found for given criteria: ${criteriaText(criteria)}`);

/**
 * `_search` and `v1/_search` (UserController.java:71-83, UserService.java:201-235): criteria from the body only;
 * `_search` defaults `active` to true. Calls through the gateway must name a userName, name, mobileNumber,
 * emailId or uuid, with a tenantId for the first three, and get at most 10 users unless they search by id or
 * uuid; `pageNumber` is the number of users to skip (UserTypeQueryBuilder.java:213-235).
 */
export function search(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const b = req.body;
  const interService = req.door === "internal";
  const ids = list(b["id"])?.map((x) => Number(x));
  const uuids = list(b["uuid"])?.map(String);
  const roleCodes = list(b["roleCodes"])?.map(String);
  const userName = str(b["userName"]);
  const name = str(b["name"]);
  const mobile = b["mobileNumber"] === undefined || b["mobileNumber"] === null ? undefined : String(b["mobileNumber"]) || undefined;
  const email = str(b["emailId"]);
  const type = userTypeOf(b["userType"]);
  const fuzzy = b["fuzzyLogic"] === true;
  let active = typeof b["active"] === "boolean" ? b["active"] : undefined;
  if (active === undefined && req.operationId === "user.search") active = true;
  let tenantId = str(b["tenantId"]);
  const sort = list(b["sort"])?.map(String) ?? ["name"];
  let limit = Number.isInteger(b["pageSize"]) ? (b["pageSize"] as number) : 0;
  const offset = Number.isInteger(b["pageNumber"]) ? (b["pageNumber"] as number) : 0;
  if (!interService && !ids?.length && !uuids?.length && (limit <= 0 || limit > 10)) limit = 10;

  const criteria = { id: ids, uuid: uuids, userName, name, mobileNumber: mobile, emailId: email, fuzzyLogic: fuzzy, active, offset, limit, sort, type, tenantId, roleCodes };
  const named = userName !== undefined || name !== undefined || mobile !== undefined;
  const emptySearch = !named && email === undefined && !uuids?.length && (!interService || (!ids?.length && !roleCodes?.length));
  const tenantMissing = (named || (interService && !!roleCodes?.length)) && tenantId === undefined;
  if (emptySearch || tenantMissing) fail(unhandled(UserExceptions.invalidSearchCriteria, `Insufficient or invalid search criteria: ${criteriaText(criteria)}`));
  if (tenantId !== undefined) tenantId = tenantFor(ctx, tenantId.trim(), type);

  // roleCodes apply only with a tenantId: users holding one of the roles at exactly that tenant, whatever their own.
  const byRole = roleCodes?.length && tenantId !== undefined;
  let found = Object.values(slice.users).filter((u) => {
    if (byRole) {
      if (!u.roles.some((r) => r.tenantId === tenantId && roleCodes.includes(r.code))) return false;
    } else if (tenantId !== undefined && u.tenantId !== tenantId) return false;
    if (ids?.length && !ids.includes(u.id)) return false;
    if (uuids?.length && !uuids.includes(u.uuid)) return false;
    if (userName !== undefined && u.userName !== userName.trim()) return false;
    if (name !== undefined && !(fuzzy ? u.name.includes(name) : u.name === name)) return false;
    if (mobile !== undefined && u.mobileNumber !== mobile && u.extra?.["alternatemobilenumber"] !== mobile) return false;
    if (email !== undefined && u.emailId !== email) return false;
    if (type !== null && u.type !== type) return false;
    if (active !== undefined && u.active !== active) return false;
    return true;
  });
  if (limit > 0) {
    found.sort((a, c) => a.id - c.id);
    found = found.slice(Math.max(offset, 0), Math.max(offset, 0) + limit);
  } else {
    const key = sort[0] ?? "name";
    const field = (u: StoredUser): string => String((u as unknown as Record<string, unknown>)[key] ?? u.extra?.[key] ?? "");
    found.sort((a, c) => (field(a) < field(c) ? -1 : field(a) > field(c) ? 1 : a.id - c.id));
  }
  const toId = idOf(slice);
  return { status: 200, body: { responseInfo: responseInfo(), user: found.map((u) => presentUser(u, toId)) } };
}

/**
 * `_details?access_token=` (UserController.java:85-89): the token's user, unwrapped. egov-user answers 400; the
 * gateway turns an `InvalidAccessTokenException` answer into 401 (zuul/.../Utils/ExceptionUtils.java:99-101).
 */
export function details(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const token = req.query["access_token"];
  if (token === undefined) {
    return {
      status: 400,
      body: { ResponseInfo: null, Errors: [{ code: "", message: "Required String parameter 'access_token' is not present", description: null, params: ["access_token"] }] },
    };
  }
  const user = token ? resolveToken(slice, token, ctx.now()) : null;
  if (!user) {
    const error = new UserHttpError([unhandled(UserExceptions.invalidAccessToken, "Invalid Access Token Exception")]).result;
    return req.door === "internal" ? error : { ...error, status: 401 };
  }
  return { status: 200, body: presentDetails(user) };
}

/**
 * `_logout` (LogoutController.java:32-51): revokes the token in the body's `access_token` (not the query, not
 * RequestInfo); the mock revokes its refresh token too. A missing or unknown token is "Logout failed".
 */
export function logout(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const token = req.body["access_token"];
  const ts = ctx.now();
  if (typeof token !== "string" || !revokeToken(slice, token, ts)) {
    return {
      status: 400,
      body: {
        responseInfo: { apiId: "", ver: "", ts, resMsgId: "", msgId: "", status: "Logout failed" },
        error: { code: 400, message: null, description: "Logout failed", fields: null },
      },
    };
  }
  return { status: 200, body: { apiId: "", ver: "", ts, resMsgId: "", msgId: "", status: "Logout successfully" } };
}

/** Uniqueness on (userName, tenant — a citizen's state —, type) (UserService.java:265-272). */
function checkUnique(ctx: MockContext, slice: UserSlice, userName: string, tenantId: string, type: UserType): void {
  const tenant = tenantFor(ctx, tenantId, type);
  if (Object.values(slice.users).some((u) => u.userName === userName && u.tenantId === tenant && u.type === type)) fail(unhandled(UserExceptions.duplicateUserName));
}

function create(req: OperationRequest, ctx: MockContext, slice: UserSlice, input: UserInput, otpRequired: boolean): StoredUser {
  const draft = newUser(ctx, input, { otpRequired });
  checkUnique(ctx, slice, draft.userName, draft.tenantId, draft.type);
  const tenantId = tenantFor(ctx, draft.tenantId, draft.type);
  const user = finishNewUser(ctx, { ...draft, tenantId }, input.password);
  // A user created without a password cannot log in until one is set: DIGIT stores a random UUID.
  const by = req.caller?.user.uuid ?? "system";
  // DIGIT sets the password to expire after default.password.expiry.in.days (90, application.properties:45).
  const extra = { ...user.extra, pwdExpiryDate: ctx.now() + 90 * 86_400_000 };
  return ctx.users.create({ ...user, extra, password: user.password || ctx.uuid() }, by);
}

/** `users/_createnovalidate` (UserController.java:61-69). */
export function createNoValidate(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  requireRequestInfo(req);
  const user = create(req, ctx, slice, readUser(payload(req)), false);
  return { status: 200, body: { responseInfo: responseInfo(), user: [presentCreatedUser(user, idOf(slice))] } };
}

/**
 * `citizen/_create` (UserController.java:48-59, UserService.java:280-338): the userName must be digits and
 * becomes the mobile number; type and roles are forced to CITIZEN whatever the body says; the tenant is cut to
 * its state; an `otpReference` is required (its value is not checked: the mock runs no OTP service). With
 * DIGIT's default `citizen.registration.withlogin.enabled`, the user is created active and the answer is the
 * login token response.
 */
export function createCitizen(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  requireRequestInfo(req);
  const input = readUser(payload(req));
  if (!input.userName || !/^\d+$/.test(input.userName)) fail(unhandled(UserExceptions.userNameNotValid));
  const citizen: UserInput = {
    ...input,
    mobileNumber: input.userName,
    type: "CITIZEN",
    roles: [{ code: "CITIZEN", name: null, tenantId: null }],
    tenantId: input.tenantId ? ctx.tenants.stateOf(input.tenantId) : input.tenantId,
    active: true,
  };
  const user = create(req, ctx, slice, citizen, true);
  return tokenAnswer(issueToken(slice, user, ctx.options.tokenTtlSeconds, ctx.now(), ctx.uuid), user);
}

function byUuid(slice: UserSlice, uuid: string | null): StoredUser {
  const found = uuid ? own(slice.users, uuid) : undefined;
  if (!found) fail(userNotFound({ uuid: uuid ? [uuid] : undefined, fuzzyLogic: false }));
  return found;
}

/**
 * `users/_updatenovalidate` (UserController.java:91-98, UserService.java:376-395): the user is found by uuid only;
 * roles are required; the password, when given, is changed (after the policy); omitted fields are cleared.
 */
export function updateNoValidate(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  requireRequestInfo(req);
  const input = readUser(payload(req));
  const countryCode = mobileCheck(ctx, input);
  const target = byUuid(slice, input.uuid);
  if (!input.roles || input.roles.length === 0) fail(unhandled(UserExceptions.atLeastOneRole));
  if (!input.tenantId) fail(unhandled(UserExceptions.invalidUserUpdate));
  const pwd = passwordErrors(input.password);
  if (pwd.length) fail(...pwd);
  if (!req.caller) fail(unhandled(UserExceptions.nullPointer));
  const patch = updatedUser(ctx, target, withCountryCode(input, countryCode), { profileOnly: false });
  const user = ctx.users.update(target.uuid, patch, req.caller.user.uuid);
  return { status: 200, body: { responseInfo: responseInfo(), user: [presentUpdatedUser(user, idOf(slice))] } };
}

/**
 * `profile/_update` (UserController.java:100-106, UserService.java:434-462): only the caller's own profile (same
 * id and uuid; no administrator override); userName, type, mobileNumber, password, roles, active and the lock
 * fields are ignored; other omitted fields are cleared.
 */
export function updateProfile(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  requireRequestInfo(req);
  const input = readUser(payload(req));
  const countryCode = mobileCheck(ctx, input);
  const target = byUuid(slice, input.uuid);
  const caller = req.caller?.user;
  if (input.id === null || !caller) fail(unhandled(UserExceptions.nullPointer));
  if (input.id !== caller.id || input.uuid !== caller.uuid) fail(unhandled(UserExceptions.profileUpdateDenied));
  const patch = updatedUser(ctx, target, withCountryCode(input, countryCode), { profileOnly: true });
  const user = ctx.users.update(target.uuid, patch, caller.uuid);
  return { status: 200, body: { responseInfo: responseInfo(), user: [presentUpdatedUser(user, idOf(slice))] } };
}

function withCountryCode(input: UserInput, countryCode: string | null): UserInput {
  return countryCode === null ? input : { ...input, profile: { ...input.profile, countryCode } };
}

/**
 * `password/_update` (PasswordController.java:35-38, UserService.java:469-483): the user is the caller's
 * userName with the body's `tenantId` and `type`; citizens cannot change a password (their login is by OTP).
 */
export function updatePassword(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const b = req.body;
  const info = ri(req);
  const userInfo = isObj(info) && isObj(info["userInfo"]) ? info["userInfo"] : undefined;
  const userName = str(userInfo?.["userName"]);
  const tenantId = str(b["tenantId"]);
  const type = userTypeOf(b["type"]);
  const existing = str(b["existingPassword"]);
  const next = str(b["newPassword"]);
  if (!userName || !tenantId || !type || !existing || !next) fail(unhandled(UserExceptions.invalidLoggedInPasswordUpdate));
  const user = uniqueUser(ctx, slice, userName, tenantId, type);
  if (user.type === "CITIZEN") fail(unhandled(UserExceptions.invalidUpdatePassword));
  if (user.password !== existing) fail(unhandled(UserExceptions.passwordMismatch, PASSWORD_MISMATCH_DESCRIPTION));
  const pwd = passwordErrors(next);
  if (pwd.length) fail(...pwd);
  ctx.users.update(user.uuid, { password: next }, user.uuid);
  return { status: 200, body: { responseInfo: responseInfo() } };
}

/** `UserService.getUniqueUser`: userName + tenant (state for citizens) + type, exactly one. */
function uniqueUser(ctx: MockContext, slice: UserSlice, userName: string, tenantId: string, type: UserType): StoredUser {
  const tenant = tenantFor(ctx, tenantId, type);
  const matches = Object.values(slice.users).filter((u) => u.userName === userName && u.tenantId === tenant && u.type === type);
  if (matches.length === 0) fail(userNotFound({ userName, tenantId: tenant, type, fuzzyLogic: false }));
  if (matches.length > 1) fail(unhandled(UserExceptions.duplicateUserName));
  return matches[0]!;
}

/**
 * `password/nologin/_update` (PasswordController.java:47-51, UserService.java:490-513): reset by OTP. Citizens
 * cannot (OTP login); the OTP itself is not checked by the mock (no OTP service), except that it is required.
 */
export function updatePasswordNoLogin(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  if (ctx.options.strict) {
    return digitFail(400, ErrorCodes.notSupportedInStrictMode, "Password reset by OTP needs DIGIT's OTP service, which the mock does not run in strict mode.", ri(req));
  }
  const b = req.body;
  const userName = str(b["userName"]);
  const tenantId = str(b["tenantId"]);
  const type = userTypeOf(b["type"]);
  const next = str(b["newPassword"]);
  if (!str(b["otpReference"]) || !userName || !tenantId || !type || !next) fail(unhandled(UserExceptions.invalidNonLoggedInPasswordUpdate));
  const user = uniqueUser(ctx, slice, userName, tenantId, type);
  if (user.type === "CITIZEN") fail(unhandled(UserExceptions.invalidUpdatePassword));
  const pwd = passwordErrors(next);
  if (pwd.length) fail(...pwd);
  ctx.users.update(user.uuid, { password: next }, user.uuid);
  return { status: 200, body: { responseInfo: responseInfo() } };
}
