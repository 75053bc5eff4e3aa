/** How users appear in egov-user responses. Passwords and OTP references never leave the mock. */
import type { StoredUser } from "../../core/types.js";

const SECRETS = new Set(["password", "otpReference", "authToken", "access_token", "refresh_token", "existingPassword", "newPassword"]);

/** A user's extra fields without any secret (passwords, OTP references, tokens). */
export function withoutSecrets(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra ?? {})) if (!SECRETS.has(k)) out[k] = v;
  return out;
}

/** The user as `_search` / `_createnovalidate` answer it. */
export function presentUser(user: StoredUser): Record<string, unknown> {
  return {
    ...withoutSecrets(user.extra),
    id: user.id,
    uuid: user.uuid,
    userName: user.userName,
    name: user.name,
    type: user.type,
    tenantId: user.tenantId,
    active: user.active,
    mobileNumber: user.mobileNumber ?? null,
    emailId: user.emailId ?? null,
    gender: user.gender ?? null,
    roles: user.roles.map((r) => ({ name: r.name, code: r.code, tenantId: r.tenantId })),
    createdBy: user.auditDetails.createdBy,
    createdDate: user.auditDetails.createdTime,
    lastModifiedBy: user.auditDetails.lastModifiedBy,
    lastModifiedDate: user.auditDetails.lastModifiedTime,
  };
}

/** The `UserRequest` block of the oauth token answer and the `_details` body. */
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
    roles: user.roles.map((r) => ({ name: r.name, code: r.code, tenantId: r.tenantId })),
    active: user.active,
    tenantId: user.tenantId,
    permanentCity: (user.extra?.["permanentCity"] as string | undefined) ?? null,
  };
}
