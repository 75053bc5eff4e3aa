/** Validation of egov-user request bodies (validate fully before any mutation). */
import { MockHttpError } from "../../core/errors.js";
import type { DigitErrorItem, MockContext, RoleRef, StoredUser, UserType } from "../../core/types.js";

const USER_TYPES: readonly UserType[] = ["EMPLOYEE", "CITIZEN", "SYSTEM"];
/** Fields the mock models explicitly; anything else a client sends is kept in `extra`. */
const MODELLED = new Set(["id", "uuid", "userName", "password", "name", "type", "tenantId", "active", "mobileNumber", "emailId", "gender", "roles", "auditDetails", "createdBy", "createdDate", "lastModifiedBy", "lastModifiedDate"]);

export const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function fail(errors: DigitErrorItem[], requestInfo: unknown): never {
  throw new MockHttpError(400, errors, requestInfo);
}

export function badRequest(code: string, message: string, requestInfo: unknown): never {
  fail([{ code, message }], requestInfo);
}

/** The `user` object of a create/update body (DIGIT accepts `user`; some clients send `User`). */
export function userPayload(body: Record<string, unknown>): Record<string, unknown> {
  const u = body["user"] ?? body["User"];
  if (!isObj(u)) badRequest("INVALID_USER_OBJECT", 'Request body needs a "user" object.', body["RequestInfo"]);
  return u;
}

export function parseRoles(raw: unknown, fallbackTenant: string, ri: unknown): RoleRef[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) badRequest("INVALID_ROLES", "user.roles must be an array of {code, name, tenantId}.", ri);
  return raw.map((r, i) => {
    if (!isObj(r) || typeof r["code"] !== "string" || r["code"] === "") {
      badRequest("INVALID_ROLES", `user.roles[${i}].code must be a non-empty string.`, ri);
    }
    const tenantId = typeof r["tenantId"] === "string" && r["tenantId"] ? r["tenantId"] : fallbackTenant;
    return { code: r["code"] as string, name: typeof r["name"] === "string" ? r["name"] : (r["code"] as string), tenantId };
  });
}

function optString(u: Record<string, unknown>, key: string, ri: unknown): string | null | undefined {
  const v = u[key];
  if (v === undefined || v === null) return v as null | undefined;
  if (typeof v !== "string" && typeof v !== "number") badRequest("INVALID_USER_OBJECT", `user.${key} must be a string.`, ri);
  return String(v);
}

export function extraFields(u: Record<string, unknown>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(u)) if (!MODELLED.has(k)) extra[k] = v;
  return extra;
}

export type NewUser = Omit<StoredUser, "id" | "uuid" | "auditDetails" | "active"> & { active?: boolean };

/** A complete, validated new user from a create body. `defaults` fill what the endpoint implies. */
export function parseNewUser(u: Record<string, unknown>, ctx: MockContext, ri: unknown, defaults: { type?: UserType; roles?: RoleRef[] } = {}): NewUser {
  const errors: DigitErrorItem[] = [];
  const tenantId = typeof u["tenantId"] === "string" ? u["tenantId"] : "";
  if (!tenantId) errors.push({ code: "INVALID_TENANT_ID", message: "user.tenantId is required." });
  else if (!ctx.tenants.isKnown(tenantId)) errors.push({ code: "INVALID_TENANT_ID", message: `user.tenantId ${tenantId} is not a known tenant.` });
  const mobile = optString(u, "mobileNumber", ri);
  const userName = typeof u["userName"] === "string" && u["userName"] ? u["userName"] : defaults.type === "CITIZEN" && mobile ? mobile : "";
  if (!userName) errors.push({ code: "INVALID_USER_NAME", message: "user.userName is required." });
  const name = typeof u["name"] === "string" ? u["name"] : "";
  if (!name && ctx.options.strict) errors.push({ code: "INVALID_NAME", message: "user.name is required." });
  const rawType = typeof u["type"] === "string" ? u["type"].toUpperCase() : defaults.type;
  const type = (rawType ?? "") as UserType;
  if (!USER_TYPES.includes(type)) errors.push({ code: "INVALID_USER_TYPE", message: `user.type must be one of ${USER_TYPES.join(", ")}.` });
  if (mobile != null && ctx.options.strict && !/^[0-9]{10}$/.test(mobile)) {
    errors.push({ code: "INVALID_MOBILE_NUMBER", message: "user.mobileNumber must be 10 digits." });
  }
  const password = u["password"];
  if (password !== undefined && password !== null && typeof password !== "string") {
    errors.push({ code: "INVALID_PASSWORD", message: "user.password must be a string." });
  }
  if (errors.length) fail(errors, ri);
  let roles = parseRoles(u["roles"], tenantId, ri);
  if (roles.length === 0) roles = defaults.roles ?? [];
  if (roles.length === 0) badRequest("INVALID_ROLES", "user.roles must list at least one role.", ri);
  return {
    userName,
    // A user created without a password cannot log in until one is set, as in DIGIT.
    password: typeof password === "string" && password ? password : ctx.uuid(),
    name: name || userName,
    type,
    tenantId,
    mobileNumber: mobile ?? null,
    emailId: optString(u, "emailId", ri) ?? null,
    gender: optString(u, "gender", ri) ?? null,
    roles,
    extra: extraFields(u),
    active: typeof u["active"] === "boolean" ? u["active"] : true,
  };
}

/** A validated partial update (no password: DIGIT ignores it on update). */
export function parseUserPatch(u: Record<string, unknown>, current: StoredUser, ctx: MockContext, ri: unknown): Partial<StoredUser> {
  const patch: Partial<StoredUser> = {};
  if (typeof u["name"] === "string") patch.name = u["name"];
  if (u["mobileNumber"] !== undefined) patch.mobileNumber = optString(u, "mobileNumber", ri) ?? null;
  if (u["emailId"] !== undefined) patch.emailId = optString(u, "emailId", ri) ?? null;
  if (u["gender"] !== undefined) patch.gender = optString(u, "gender", ri) ?? null;
  if (typeof u["active"] === "boolean") patch.active = u["active"];
  if (u["roles"] !== undefined) {
    const roles = parseRoles(u["roles"], current.tenantId, ri);
    if (roles.length) patch.roles = roles;
  }
  if (typeof u["type"] === "string") {
    const t = u["type"].toUpperCase() as UserType;
    if (!USER_TYPES.includes(t)) badRequest("INVALID_USER_TYPE", `user.type must be one of ${USER_TYPES.join(", ")}.`, ri);
    patch.type = t;
  }
  void ctx;
  patch.extra = { ...(current.extra ?? {}), ...extraFields(u) };
  return patch;
}
