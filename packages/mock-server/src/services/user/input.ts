/**
 * egov-user request bodies → the mock's stored users, with egov-user's checks in its order (validate fully
 * before any mutation). Field names and semantics follow egov-user's `UserRequest` contract
 * (egov-user/src/main/java/org/egov/user/web/contract/UserRequest.java).
 */
import type { MockContext, RoleRef, StoredUser, UserType } from "../../core/types.js";
import { fail, unhandled, UserExceptions } from "./errors.js";
import { checkMobile, invalidRole, mdmsRoles, passwordErrors } from "./rules.js";

/** egov-user/src/main/java/org/egov/user/domain/model/enums/UserType.java: matched case-insensitively, unknown → null. */
export const USER_TYPES: readonly UserType[] = ["CITIZEN", "EMPLOYEE", "SYSTEM", "BUSINESS"];
const GENDERS = ["FEMALE", "MALE", "OTHERS", "TRANSGENDER"];

/** DIGIT fields the mock keeps in `StoredUser.extra`. */
export const PROFILE_FIELDS = [
  "salutation",
  "countryCode",
  "altContactNumber",
  "pan",
  "aadhaarNumber",
  "permanentAddress",
  "permanentCity",
  "permanentPinCode",
  "correspondenceAddress",
  "correspondenceCity",
  "correspondencePinCode",
  "alternatemobilenumber",
  "locale",
  "accountLocked",
  "accountLockedDate",
  "fatherOrHusbandName",
  "relationship",
  "signature",
  "bloodGroup",
  "photo",
  "identificationMark",
  "dob",
  "pwdExpiryDate",
] as const;

/**
 * Fields an update keeps when the request leaves them out; every other field is overwritten, with null when
 * absent (egov-user/src/main/java/org/egov/user/persistence/repository/UserRepository.java:200-343).
 */
const KEPT_ON_UPDATE = new Set(["accountLocked", "accountLockedDate", "dob", "countryCode", "pwdExpiryDate", "bloodGroup"]);

export const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const text = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);
const filled = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

export function userTypeOf(v: unknown): UserType | null {
  if (typeof v !== "string") return null;
  const t = v.toUpperCase() as UserType;
  return USER_TYPES.includes(t) ? t : null;
}

/** The `user` object of a create/update body; egov-user binds property names case-insensitively (`User` too). */
export function userPayload(body: Record<string, unknown>): Record<string, unknown> | null {
  const u = body["user"] ?? body["User"];
  return isObj(u) ? u : null;
}

/** `dd/MM/yyyy` (the contract's format) or epoch milliseconds → epoch ms (UTC). */
function parseDob(v: unknown): number | null | "bad" {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v === "") return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (!m) return "bad";
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
}

/** `dd-MM-yyyy HH:mm:ss` (UTC) or epoch milliseconds → epoch ms. */
function parseDateTime(v: unknown): number | null | "bad" {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v === "") return null;
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(v);
  if (!m) return "bad";
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Roles as given: `{code, name, tenantId}`, duplicates dropped (RoleRequest.toDomain + distinct). */
function rolesOf(raw: unknown): { code: string; name: string | null; tenantId: string | null }[] | null {
  if (!Array.isArray(raw)) return null;
  const out: { code: string; name: string | null; tenantId: string | null }[] = [];
  for (const r of raw) {
    if (!isObj(r)) continue;
    const role = { code: text(r["code"]) ?? "", name: text(r["name"]), tenantId: text(r["tenantId"]) };
    if (!out.some((o) => o.code === role.code && o.tenantId === role.tenantId)) out.push(role);
  }
  return out;
}

/** What egov-user reads from a `user` object. */
export interface UserInput {
  uuid: string | null;
  id: number | null;
  userName: string | null;
  name: string | null;
  type: UserType | null;
  tenantId: string | null;
  mobileNumber: string | null;
  emailId: string | null;
  gender: string | null;
  active: boolean | null;
  password: string | null;
  otpReference: string | null;
  roles: { code: string; name: string | null; tenantId: string | null }[] | null;
  profile: Record<string, unknown>;
}

/** Reads the fields; a gender or date DIGIT cannot bind is the 400 it answers. */
export function readUser(u: Record<string, unknown>): UserInput {
  const gender = text(u["gender"]);
  if (gender !== null && !GENDERS.includes(gender.toUpperCase())) {
    fail(unhandled(UserExceptions.illegalArgument, `No enum constant org.egov.user.domain.model.enums.Gender.${gender.toUpperCase()}`));
  }
  const profile: Record<string, unknown> = {};
  for (const key of PROFILE_FIELDS) {
    const v = u[key];
    if (v === undefined || v === null) continue;
    if (key === "dob") {
      const dob = parseDob(v);
      if (dob === "bad") fail({ code: "JsonMappingException", message: "Failed to deserialize certain JSON fields" });
      if (dob !== null) profile[key] = dob;
    } else if (key === "accountLocked") profile[key] = v === true || v === "true";
    else if (key === "accountLockedDate") profile[key] = typeof v === "number" ? v : null;
    else if (key === "pwdExpiryDate") {
      const at = parseDateTime(v);
      if (at === "bad") fail({ code: "JsonMappingException", message: "Failed to deserialize certain JSON fields" });
      if (at !== null) profile[key] = at;
    }
    else if (key === "relationship" || key === "bloodGroup") profile[key] = text(v)?.toUpperCase() ?? null;
    else profile[key] = text(v);
  }
  const id = u["id"];
  return {
    uuid: text(u["uuid"]),
    id: typeof id === "number" ? id : typeof id === "string" && /^\d+$/.test(id) ? Number(id) : null,
    userName: text(u["userName"]),
    name: text(u["name"]),
    type: userTypeOf(u["type"]),
    tenantId: text(u["tenantId"]),
    mobileNumber: text(u["mobileNumber"]),
    emailId: text(u["emailId"]),
    gender: gender === null ? null : gender.toUpperCase(),
    active: typeof u["active"] === "boolean" ? u["active"] : null,
    password: text(u["password"]),
    otpReference: text(u["otpReference"]),
    roles: rolesOf(u["roles"]),
    profile,
  };
}

/** Mobile check (MDMS pattern) for the number and the alternate number; answers the resolved country code. */
export function mobileCheck(ctx: MockContext, input: UserInput): string | null {
  const tenant = input.tenantId ?? "";
  const main = checkMobile(ctx, input.mobileNumber, (input.profile["countryCode"] as string | null) ?? null, tenant);
  if (main.error) fail(main.error);
  const alt = checkMobile(ctx, input.profile["alternatemobilenumber"] as string | null, main.countryCode, tenant);
  if (alt.error) fail(alt.error);
  return main.countryCode;
}

/** Role codes checked against MDMS; names from MDMS, tenant defaulting to the user's (UserRepository.java:401-423). */
function enrichRoles(ctx: MockContext, roles: UserInput["roles"], userTenant: string): RoleRef[] {
  if (!roles || roles.length === 0) return [];
  const known = mdmsRoles(ctx, userTenant);
  return roles.map((r) => {
    const name = known.get(r.code);
    if (name === undefined) fail(invalidRole());
    return { code: r.code, name, tenantId: r.tenantId ?? userTenant };
  });
}

export type NewUser = Omit<StoredUser, "id" | "uuid" | "auditDetails" | "active"> & { active: boolean };

export interface CreateOptions {
  /** `citizen/_create`: the OTP reference is required (otp.validation.register.mandatory). */
  otpRequired: boolean;
}

/**
 * A new user from a create body, with `UserService.createUser`'s checks in order
 * (egov-user/src/main/java/org/egov/user/domain/service/UserService.java:243-263): mobile pattern, required
 * fields (`InvalidUserCreateException`), uniqueness (done by the directory), password policy, roles in MDMS.
 * `active` absent → false (UserRequest.java:262-267).
 */
export function newUser(ctx: MockContext, input: UserInput, opts: CreateOptions): NewUser {
  const countryCode = mobileCheck(ctx, input);
  const rolesAbsent = !input.roles || input.roles.length === 0 || input.roles.some((r) => !filled(r.code));
  if (
    !filled(input.userName) ||
    !filled(input.name) ||
    !filled(input.mobileNumber) ||
    input.type === null ||
    rolesAbsent ||
    (opts.otpRequired && !filled(input.otpReference)) ||
    !filled(input.tenantId)
  ) {
    fail(unhandled(UserExceptions.invalidUserCreate));
  }
  const tenantId = input.tenantId!;
  return {
    userName: input.userName!,
    password: input.password ?? "",
    name: input.name!,
    type: input.type!,
    tenantId,
    mobileNumber: input.mobileNumber,
    emailId: input.emailId,
    gender: input.gender,
    roles: input.roles!.map((r) => ({ code: r.code, name: r.name ?? r.code, tenantId: r.tenantId ?? tenantId })),
    extra: { ...input.profile, countryCode, accountLocked: input.profile["accountLocked"] ?? false },
    active: input.active ?? false,
  };
}

/** The checks after uniqueness: password policy, then roles against MDMS (names and tenants enriched). */
export function finishNewUser(ctx: MockContext, user: NewUser, password: string | null): NewUser {
  const pwd = passwordErrors(password);
  if (pwd.length) fail(...pwd);
  return { ...user, roles: enrichRoles(ctx, user.roles, user.tenantId) };
}

/**
 * The stored user after `_updatenovalidate` / `profile/_update` (UserRepository.java:200-343): `userName`,
 * `tenantId` never change; `active`, `mobileNumber`, `type`, `password` and a few dates are kept when absent;
 * every other field is overwritten, with null when the request leaves it out. Roles are replaced when given.
 */
export function updatedUser(ctx: MockContext, current: StoredUser, input: UserInput, opts: { profileOnly: boolean }): Partial<StoredUser> {
  const patch: Partial<StoredUser> = {
    name: input.name ?? "",
    emailId: input.emailId,
    gender: input.gender,
  };
  if (!opts.profileOnly) {
    if (input.active !== null) patch.active = input.active;
    if (input.mobileNumber !== null) patch.mobileNumber = input.mobileNumber;
    if (input.type !== null) patch.type = input.type;
    if (input.password) patch.password = input.password;
    if (input.roles && input.roles.length > 0) {
      const same =
        input.roles.length === current.roles.length && input.roles.every((r) => current.roles.some((c) => c.code === r.code && c.tenantId === (r.tenantId ?? current.tenantId)));
      if (!same) patch.roles = enrichRoles(ctx, input.roles, current.tenantId);
    }
  }
  const extra: Record<string, unknown> = {};
  for (const key of PROFILE_FIELDS) {
    const given = input.profile[key];
    const sensitive = opts.profileOnly && (key === "accountLocked" || key === "accountLockedDate" || key === "pwdExpiryDate");
    if (given !== undefined && !sensitive) extra[key] = given;
    else if (KEPT_ON_UPDATE.has(key) || sensitive) extra[key] = current.extra?.[key] ?? null;
    else extra[key] = null;
  }
  patch.extra = extra;
  return patch;
}
