import type { StoredUser } from "../../core/types.js";

const SECRET_FIELDS = ["password", "otpReference", "authToken", "access_token", "refresh_token"];

/** A stored user as DIGIT embeds it in responses (no password). */
export function publicUser(user: StoredUser): Record<string, unknown> {
  const extra = { ...(user.extra ?? {}) };
  for (const secret of SECRET_FIELDS) delete extra[secret];
  return {
    ...extra,
    id: user.id,
    uuid: user.uuid,
    userName: user.userName,
    name: user.name,
    type: user.type,
    mobileNumber: user.mobileNumber ?? null,
    emailId: user.emailId ?? null,
    gender: user.gender ?? null,
    tenantId: user.tenantId,
    active: user.active,
    roles: user.roles.map((r) => ({ ...r })),
  };
}
