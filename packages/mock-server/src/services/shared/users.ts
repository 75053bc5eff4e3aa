import type { StoredUser } from "../../core/types.js";
import { withoutSecrets } from "../user/present.js";

/** `{key: value}` when value is set, else nothing (specs type these fields as non-nullable strings). */
function optional(key: string, value: string | null | undefined): Record<string, string> {
  return value === null || value === undefined ? {} : { [key]: value };
}

/** A stored user as DIGIT embeds it in responses (no password). */
export function publicUser(user: StoredUser): Record<string, unknown> {
  return {
    ...withoutSecrets(user.extra),
    id: user.id,
    uuid: user.uuid,
    userName: user.userName,
    name: user.name,
    type: user.type,
    ...optional("mobileNumber", user.mobileNumber),
    ...optional("emailId", user.emailId),
    ...optional("gender", user.gender),
    tenantId: user.tenantId,
    active: user.active,
    roles: user.roles.map((r) => ({ ...r })),
  };
}
