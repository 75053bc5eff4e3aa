/**
 * How users appear in egov-user's answers. Passwords and OTP references never leave the mock. DIGIT writes every
 * key of its contract classes (nulls included) and formats dates with `@JsonFormat`.
 */
import type { StoredUser } from "../../core/types.js";

const SECRETS = new Set(["password", "otpReference", "authToken", "access_token", "refresh_token", "existingPassword", "newPassword"]);

/** A user's extra fields without any secret (passwords, OTP references, tokens). */
export function withoutSecrets(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra ?? {})) if (!SECRETS.has(k)) out[k] = v;
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `dd-MM-yyyy HH:mm:ss` in UTC (egov-user's app.timezone), DIGIT's format for user dates. */
export function formatDateTime(ms: number | null | undefined): string | null {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A date of birth as `yyyy-MM-dd` (search, update) or `dd/MM/yyyy` (create). */
function formatDob(ms: unknown, style: "iso" | "slash"): string | null {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  return style === "iso" ? `${y}-${m}-${day}` : `${day}/${m}/${y}`;
}

const x = (user: StoredUser, key: string): unknown => user.extra?.[key] ?? null;

/** The user id (a number) behind an audit uuid, as DIGIT stores `createdBy`. */
export type IdOf = (uuid: string) => number | null;

function roles(user: StoredUser): Record<string, unknown>[] {
  return user.roles.map((r) => ({ code: r.code, name: r.name, tenantId: r.tenantId }));
}

/** Fields common to the search, create and update answers. */
function common(user: StoredUser, idOf: IdOf): Record<string, unknown> {
  return {
    id: user.id,
    userName: user.userName,
    salutation: x(user, "salutation"),
    name: user.name,
    gender: user.gender ?? null,
    mobileNumber: user.mobileNumber ?? null,
    emailId: user.emailId ?? null,
    altContactNumber: x(user, "altContactNumber"),
    pan: x(user, "pan"),
    aadhaarNumber: x(user, "aadhaarNumber"),
    permanentAddress: x(user, "permanentAddress"),
    permanentCity: x(user, "permanentCity"),
    permanentPinCode: x(user, "permanentPinCode"),
    correspondenceAddress: x(user, "correspondenceAddress"),
    correspondenceCity: x(user, "correspondenceCity"),
    correspondencePinCode: x(user, "correspondencePinCode"),
    alternatemobilenumber: x(user, "alternatemobilenumber"),
    active: user.active,
    locale: x(user, "locale"),
    type: user.type,
    accountLocked: x(user, "accountLocked") ?? false,
    accountLockedDate: x(user, "accountLockedDate") ?? 0,
    fatherOrHusbandName: x(user, "fatherOrHusbandName"),
    signature: x(user, "signature"),
    bloodGroup: x(user, "bloodGroup"),
    photo: x(user, "photo"),
    identificationMark: x(user, "identificationMark"),
    createdBy: idOf(user.auditDetails.createdBy),
    lastModifiedBy: idOf(user.auditDetails.lastModifiedBy),
    tenantId: user.tenantId,
    roles: roles(user),
    uuid: user.uuid,
    createdDate: formatDateTime(user.auditDetails.createdTime),
    lastModifiedDate: formatDateTime(user.auditDetails.lastModifiedTime),
    pwdExpiryDate: formatDateTime(x(user, "pwdExpiryDate") as number | null),
  };
}

/** A `_search` / `v1/_search` item (egov-user/src/main/java/org/egov/user/web/contract/UserSearchResponseContent.java:24-70). */
export function presentUser(user: StoredUser, idOf: IdOf = () => null): Record<string, unknown> {
  return { ...common(user, idOf), countryCode: x(user, "countryCode"), relationship: x(user, "relationship"), dob: formatDob(x(user, "dob"), "iso") };
}

/** A `_createnovalidate` / `citizen/_create` item: the request contract (egov-user/src/main/java/org/egov/user/web/contract/UserRequest.java:155-191). */
export function presentCreatedUser(user: StoredUser, idOf: IdOf = () => null): Record<string, unknown> {
  return {
    ...common(user, idOf),
    countryCode: x(user, "countryCode"),
    relationship: x(user, "relationship"),
    password: null,
    otpReference: null,
    dob: formatDob(x(user, "dob"), "slash"),
  };
}

/** An update answer item (egov-user/src/main/java/org/egov/user/domain/model/UpdateRequest.java:24-69). */
export function presentUpdatedUser(user: StoredUser, idOf: IdOf = () => null): Record<string, unknown> {
  return { ...common(user, idOf), password: null, otpReference: null, dob: formatDob(x(user, "dob"), "iso") };
}

/** The `UserRequest` block of the oauth token answer (egov-user/src/main/java/org/egov/user/web/contract/auth/User.java:16-27). */
export function presentSessionUser(user: StoredUser): Record<string, unknown> {
  return {
    id: user.id,
    uuid: user.uuid,
    userName: user.userName,
    name: user.name,
    mobileNumber: user.mobileNumber ?? null,
    emailId: user.emailId ?? null,
    locale: (user.extra?.["locale"] as string | undefined) ?? null,
    type: user.type,
    roles: roles(user).map((r) => ({ name: r["name"], code: r["code"], tenantId: r["tenantId"] })),
    active: user.active,
    tenantId: user.tenantId,
    permanentCity: (user.extra?.["permanentCity"] as string | undefined) ?? null,
  };
}

/** The `_details` body (egov-user/src/main/java/org/egov/user/web/contract/auth/CustomUserDetails.java:14-40). */
export function presentDetails(user: StoredUser): Record<string, unknown> {
  return {
    id: user.id,
    userName: user.userName,
    name: user.name,
    mobileNumber: user.mobileNumber ?? null,
    emailId: user.emailId ?? null,
    locale: (user.extra?.["locale"] as string | undefined) ?? null,
    type: user.type,
    roles: roles(user).map((r) => ({ name: r["name"], code: r["code"], tenantId: r["tenantId"] })),
    active: user.active,
    actions: null,
    tenantId: user.tenantId,
    uuid: user.uuid,
  };
}
