/** egov-user operations other than login. */
import { digitFail, ErrorCodes, MockHttpError, responseInfo } from "../../core/errors.js";
import type { MockContext, OperationRequest, OperationResult, StoredUser } from "../../core/types.js";
import { UserDirectoryError } from "./directory.js";
import { badRequest, isObj, parseNewUser, parseUserPatch, userPayload } from "./input.js";
import { presentSessionUser, presentUser } from "./present.js";
import type { UserSlice } from "./slice.js";
import { resolveToken, revokeToken } from "./tokens.js";

const ri = (req: OperationRequest) => req.body["RequestInfo"];

/** egov-user answers with a lower-case `responseInfo`. */
function userOk(req: OperationRequest, ctx: MockContext, users: StoredUser[]): OperationResult {
  return { status: 200, body: { responseInfo: responseInfo(ri(req), "successful", ctx.now()), user: users.map(presentUser) } };
}

/** Runs a directory call, turning its domain errors into DIGIT 400s. */
function directoryCall(run: () => StoredUser): StoredUser {
  try {
    return run();
  } catch (err) {
    if (err instanceof UserDirectoryError) throw new MockHttpError(400, [{ code: err.code, message: err.message }]);
    throw err;
  }
}

const strList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? v.split(",") : typeof v === "number" ? [String(v)] : undefined;

/** `_search` and `v1/_search`. */
export function search(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const b = req.body;
  const tenantId = typeof b["tenantId"] === "string" && b["tenantId"] ? b["tenantId"] : undefined;
  const uuids = strList(b["uuid"]);
  const ids = strList(b["id"]);
  const roleCodes = strList(b["roleCodes"]);
  const userName = typeof b["userName"] === "string" ? b["userName"] : undefined;
  const mobile = b["mobileNumber"] != null ? String(b["mobileNumber"]) : undefined;
  const email = typeof b["emailId"] === "string" ? b["emailId"] : undefined;
  const name = typeof b["name"] === "string" ? b["name"] : undefined;
  const type = typeof b["userType"] === "string" ? b["userType"].toUpperCase() : typeof b["type"] === "string" ? b["type"].toUpperCase() : undefined;
  const active = typeof b["active"] === "boolean" ? b["active"] : undefined;
  if (ctx.options.strict && !tenantId && !uuids?.length) badRequest("INVALID_USER_SEARCH", "tenantId is required unless uuid is given.", ri(req));
  const state = tenantId ? ctx.tenants.stateOf(tenantId) : undefined;
  let found = Object.values(slice.users).filter((u) => {
    if (tenantId && u.tenantId !== tenantId && !u.tenantId.startsWith(`${tenantId}.`) && u.tenantId !== state) return false;
    if (uuids && !uuids.includes(u.uuid)) return false;
    if (ids && !ids.includes(String(u.id))) return false;
    if (userName !== undefined && u.userName !== userName) return false;
    if (mobile !== undefined && u.mobileNumber !== mobile) return false;
    if (email !== undefined && u.emailId !== email) return false;
    if (name !== undefined && !u.name.toLowerCase().includes(name.toLowerCase())) return false;
    if (type !== undefined && u.type !== type) return false;
    if (active !== undefined && u.active !== active) return false;
    if (roleCodes && !u.roles.some((r) => roleCodes.includes(r.code))) return false;
    return true;
  });
  found.sort((a, b2) => a.id - b2.id);
  const size = Number(b["pageSize"] ?? b["limit"] ?? 100);
  const page = Number(b["pageNumber"] ?? 0);
  const limit = Number.isFinite(size) && size > 0 ? Math.min(size, 1000) : 100;
  const offset = Number.isFinite(Number(b["offset"])) && b["offset"] !== undefined ? Number(b["offset"]) : Number.isFinite(page) && page > 0 ? page * limit : 0;
  found = found.slice(offset, offset + limit);
  return userOk(req, ctx, found);
}

function tokenOf(req: OperationRequest): string | undefined {
  const q = req.query["access_token"];
  if (q) return q;
  const info = ri(req);
  if (isObj(info) && typeof info["authToken"] === "string") return info["authToken"];
  return req.caller?.token;
}

/** `_details?access_token=`: the session user, unwrapped (no envelope), as DIGIT answers it. */
export function details(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const token = tokenOf(req);
  const user = token ? resolveToken(slice, token, ctx.now()) : null;
  if (!user) return digitFail(401, ErrorCodes.invalidAccessToken, "The access token is invalid or has expired; log in again.", ri(req));
  return { status: 200, body: presentSessionUser(user) };
}

export function logout(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const token = tokenOf(req);
  if (!token || !revokeToken(slice, token)) {
    return digitFail(401, ErrorCodes.invalidAccessToken, "The access token is invalid or already logged out.", ri(req));
  }
  // egov-user answers logout with a bare ResponseInfo object.
  return { status: 200, body: { ...responseInfo(ri(req), "successful", ctx.now()), status: "Logout successfully" } };
}

export function createNoValidate(req: OperationRequest, ctx: MockContext, _slice: UserSlice): OperationResult {
  const input = parseNewUser(userPayload(req.body), ctx, ri(req));
  const by = req.caller?.user.uuid ?? "system";
  const user = directoryCall(() => ctx.users.create(input, by));
  return userOk(req, ctx, [user]);
}

/** `citizen/_create`: OTP is not checked (lenient); strict mode requires an otpReference. */
export function createCitizen(req: OperationRequest, ctx: MockContext, _slice: UserSlice): OperationResult {
  const u = userPayload(req.body);
  if (ctx.options.strict && !(typeof u["otpReference"] === "string" && u["otpReference"])) {
    badRequest("INVALID_OTP", "user.otpReference is required to create a citizen (strict mode).", ri(req));
  }
  const tenantId = typeof u["tenantId"] === "string" ? u["tenantId"] : "";
  const state = tenantId ? ctx.tenants.stateOf(tenantId) : tenantId;
  const input = parseNewUser({ ...u, tenantId: state, type: "CITIZEN" }, ctx, ri(req), {
    type: "CITIZEN",
    roles: [{ code: "CITIZEN", name: "Citizen", tenantId: state }],
  });
  const by = req.caller?.user.uuid ?? "system";
  const user = directoryCall(() => ctx.users.create(input, by));
  return userOk(req, ctx, [user]);
}

function findTarget(u: Record<string, unknown>, slice: UserSlice, req: OperationRequest): StoredUser {
  const uuid = typeof u["uuid"] === "string" ? u["uuid"] : undefined;
  const id = u["id"] !== undefined && u["id"] !== null ? String(u["id"]) : undefined;
  const found = uuid ? slice.users[uuid] : id ? Object.values(slice.users).find((x) => String(x.id) === id) : undefined;
  if (!found) throw new MockHttpError(400, [{ code: ErrorCodes.userNotFound, message: `No user with ${uuid ? `uuid ${uuid}` : id ? `id ${id}` : "that id or uuid"}.` }], ri(req));
  return found;
}

export function updateNoValidate(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const u = userPayload(req.body);
  const target = findTarget(u, slice, req);
  const patch = parseUserPatch(u, target, ctx, ri(req));
  const by = req.caller?.user.uuid ?? "system";
  const user = directoryCall(() => ctx.users.update(target.uuid, patch, by));
  return userOk(req, ctx, [user]);
}

/** `profile/_update`: a user updates their own profile (roles and type are not theirs to change). */
export function updateProfile(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const u = userPayload(req.body);
  const target = findTarget(u, slice, req);
  const caller = req.caller?.user;
  if (caller && caller.uuid !== target.uuid && !caller.roles.some((r) => r.code === "SUPERUSER")) {
    return digitFail(403, ErrorCodes.accessDenied, "A user may only update their own profile.", ri(req));
  }
  const { roles: _r, type: _t, active: _a, ...patch } = parseUserPatch(u, target, ctx, ri(req));
  const by = caller?.uuid ?? "system";
  const user = directoryCall(() => ctx.users.update(target.uuid, patch, by));
  return userOk(req, ctx, [user]);
}

export function updatePassword(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  const caller = req.caller?.user;
  if (!caller) return digitFail(401, ErrorCodes.invalidAccessToken, "Log in to change a password.", ri(req));
  const existing = req.body["existingPassword"];
  const next = req.body["newPassword"];
  if (typeof next !== "string" || next.length < 1) badRequest("INVALID_PASSWORD", "newPassword is required.", ri(req));
  const stored = slice.users[caller.uuid];
  if (!stored || stored.password !== existing) {
    return digitFail(400, ErrorCodes.passwordMismatch, "existingPassword does not match the user's password.", ri(req));
  }
  ctx.users.update(caller.uuid, { password: next }, caller.uuid);
  return { status: 200, body: { ResponseInfo: responseInfo(ri(req), "successful", ctx.now()) } };
}

/** `password/nologin/_update`: the OTP is accepted as given (lenient); strict mode refuses (no OTP service). */
export function updatePasswordNoLogin(req: OperationRequest, ctx: MockContext, slice: UserSlice): OperationResult {
  if (ctx.options.strict) {
    return digitFail(400, ErrorCodes.notSupportedInStrictMode, "Password reset by OTP needs DIGIT's OTP service, which the mock does not run in strict mode.", ri(req));
  }
  const b = req.body;
  const userName = typeof b["userName"] === "string" ? b["userName"] : "";
  const tenantId = typeof b["tenantId"] === "string" ? b["tenantId"] : "";
  const next = b["newPassword"];
  if (!userName || !tenantId || typeof next !== "string" || !next || !(typeof b["otpReference"] === "string" && b["otpReference"])) {
    badRequest("INVALID_REQUEST", "userName, tenantId, otpReference and newPassword are required.", ri(req));
  }
  const user = ctx.users.byUserName(userName, tenantId) ?? ctx.users.byUserName(userName, ctx.tenants.stateOf(tenantId));
  if (!user) return digitFail(400, ErrorCodes.userNotFound, `No user ${userName} in tenant ${tenantId}.`, ri(req));
  void slice;
  ctx.users.update(user.uuid, { password: next }, user.uuid);
  return { status: 200, body: { ResponseInfo: responseInfo(ri(req), "successful", ctx.now()) } };
}
