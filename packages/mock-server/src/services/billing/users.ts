/**
 * Users the payments chain reads and creates: demand payers (billing), payment payers (collection) and the
 * citizen of a gateway transaction (pg). DIGIT's services search egov-user and, when nobody matches, create a
 * CITIZEN at the state tenant through `user/users/_createnovalidate`; the mock reads the user directory and
 * creates through the user module's own operation (ctx.call).
 */
import type { MockContext, OperationRequest, StoredUser } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { ok, requestInfoOf, stateTenant } from "./wire.js";

const extra = (user: StoredUser, key: string): string | null => {
  const v = user.extra?.[key];
  return typeof v === "string" ? v : null;
};

/** A user in billing's user contract (org.egov.demand.web.contract.User). */
export function presentPayer(user: StoredUser): Record<string, unknown> {
  return {
    uuid: user.uuid,
    id: user.id,
    userName: user.userName,
    type: user.type,
    salutation: extra(user, "salutation"),
    name: user.name,
    gender: user.gender ?? null,
    mobileNumber: user.mobileNumber ?? null,
    emailId: user.emailId ?? null,
    altContactNumber: extra(user, "altContactNumber"),
    pan: extra(user, "pan"),
    aadhaarNumber: extra(user, "aadhaarNumber"),
    permanentAddress: extra(user, "permanentAddress"),
    permanentCity: extra(user, "permanentCity"),
    permanentPinCode: extra(user, "permanentPinCode"),
    correspondenceAddress: extra(user, "correspondenceAddress"),
    correspondenceCity: extra(user, "correspondenceCity"),
    correspondencePinCode: extra(user, "correspondencePinCode"),
    active: user.active,
    tenantId: user.tenantId,
  };
}

export function userByUuid(ctx: MockContext, uuid: string): StoredUser | undefined {
  return ctx.users.byUuid(uuid);
}

/** CITIZENs of the tenant's state matching `where` (egov-user's search as these services call it). */
export function findCitizens(ctx: MockContext, tenantId: string, where: (u: StoredUser) => boolean): StoredUser[] {
  const state = stateTenant(tenantId);
  return ctx.users
    .all()
    .filter((u) => u.type === "CITIZEN" && u.tenantId === state && where(u))
    .sort((a, b) => a.id - b.id);
}

export interface NewCitizen {
  name: string | null;
  mobileNumber: string | null;
  userName: string;
  tenantId: string;
  permanentAddress?: string | null;
}

/**
 * Creates a CITIZEN at the state tenant through egov-user's `_createnovalidate`; null when egov-user refuses
 * (DIGIT's services log that and go on without a user).
 */
export function createCitizen(ctx: MockContext, req: OperationRequest, input: NewCitizen): StoredUser | null {
  const state = stateTenant(input.tenantId);
  const user: Record<string, unknown> = {
    name: input.name,
    mobileNumber: input.mobileNumber,
    userName: input.userName,
    active: true,
    type: "CITIZEN",
    tenantId: state,
    roles: [{ code: "CITIZEN", name: "Citizen", tenantId: state }],
  };
  if (input.permanentAddress) user["permanentAddress"] = input.permanentAddress;
  const result = ctx.call("user.createNoValidate", { RequestInfo: requestInfoOf(req), user }, { caller: req.caller });
  if (!ok(result) || !isRecord(result.body) || !Array.isArray(result.body["user"])) return null;
  const created = result.body["user"][0];
  const uuid = isRecord(created) && typeof created["uuid"] === "string" ? created["uuid"] : undefined;
  return uuid ? (ctx.users.byUuid(uuid) ?? null) : null;
}
