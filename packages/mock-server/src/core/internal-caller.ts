/**
 * The internal door: inside a DIGIT cluster one service calls another directly, with no gateway in between,
 * so nothing checks a token and the callee trusts `RequestInfo.userInfo` as the caller sent it (roles included).
 */
import type { Caller, RoleRef, StoredUser, UserType } from "./types.js";

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

function roleOf(value: unknown, fallbackTenant: string): RoleRef | null {
  if (!isObj(value) || typeof value["code"] !== "string") return null;
  return { code: value["code"], name: str(value["name"]) || value["code"], tenantId: str(value["tenantId"]) || fallbackTenant };
}

/** The caller a service sees from `RequestInfo.userInfo`, or null when the request carries none. */
export function callerFromUserInfo(requestInfo: unknown): Caller | null {
  if (!isObj(requestInfo) || !isObj(requestInfo["userInfo"])) return null;
  const info = requestInfo["userInfo"];
  const tenantId = str(info["tenantId"]);
  const type = str(info["type"]).toUpperCase();
  const user: StoredUser = {
    id: typeof info["id"] === "number" ? info["id"] : 0,
    uuid: str(info["uuid"]),
    userName: str(info["userName"]),
    password: "",
    name: str(info["name"]),
    type: (["EMPLOYEE", "CITIZEN", "SYSTEM"].includes(type) ? type : "EMPLOYEE") as UserType,
    tenantId,
    active: info["active"] !== false,
    mobileNumber: str(info["mobileNumber"]) || null,
    emailId: str(info["emailId"]) || null,
    roles: Array.isArray(info["roles"]) ? info["roles"].map((r) => roleOf(r, tenantId)).filter((r): r is RoleRef => r !== null) : [],
    auditDetails: { createdBy: "", createdTime: 0, lastModifiedBy: "", lastModifiedTime: 0 },
  };
  return { user, token: "" };
}
