/** Answers as egov-workflow-v2 writes them: its ResponseInfo, users, process instances. */
import type { OperationRequest, OperationResult, RoleRef, StoredUser } from "../../core/types.js";
import { isRecord } from "../shared/values.js";

type Obj = Record<string, unknown>;

/**
 * ResponseInfoFactory.createResponseInfoFromRequestInfo (util/ResponseInfoFactory.java:10-23): apiId, ver, ts and
 * msgId copied from RequestInfo (ts is the request's), resMsgId the constant "uief87324".
 */
export function wfResponseInfo(req: OperationRequest, now: number): Obj {
  const ri = req.body["RequestInfo"];
  if (!isRecord(ri)) return { apiId: "", ver: "", ts: now, resMsgId: "uief87324", msgId: "", status: "successful" };
  // DIGIT answers ts: null when the request has none; the shared spec types it as a number, so the mock says now.
  const ts = typeof ri["ts"] === "number" ? ri["ts"] : typeof ri["ts"] === "string" && /^\d+$/.test(ri["ts"]) ? Number(ri["ts"]) : now;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return { apiId: text(ri["apiId"]), ver: text(ri["ver"]), ts, resMsgId: "uief87324", msgId: text(ri["msgId"]), status: "successful" };
}

/** A 200 answer `{ResponseInfo, ...payload}`. */
export function wfOk(req: OperationRequest, now: number, payload: Obj): OperationResult {
  return { status: 200, body: { ResponseInfo: wfResponseInfo(req, now), ...payload } };
}

/** A user as workflow answers it: DIGIT's common-contract User filled from egov-user's search. */
export function wfUser(user: StoredUser): Obj {
  return {
    id: user.id,
    userName: user.userName,
    name: user.name,
    type: user.type,
    mobileNumber: user.mobileNumber ?? null,
    emailId: user.emailId ?? null,
    roles: user.roles.map((r) => wfRole(r)),
    tenantId: user.tenantId,
    uuid: user.uuid,
  };
}

function wfRole(r: RoleRef): Obj {
  return { id: null, name: r.name, code: r.code, tenantId: r.tenantId };
}

/** The userInfo a request carries (the gateway's user, or what an internal caller sent), as DIGIT reads it. */
export function userInfoOf(req: OperationRequest): Obj | null {
  const ri = req.body["RequestInfo"];
  if (isRecord(ri) && isRecord(ri["userInfo"])) return ri["userInfo"];
  if (req.caller === null) return null;
  const u = req.caller.user;
  return { id: u.id, uuid: u.uuid, userName: u.userName, name: u.name, type: u.type, mobileNumber: u.mobileNumber ?? null, emailId: u.emailId ?? null, tenantId: u.tenantId, roles: u.roles.map((r) => ({ ...r })) };
}
