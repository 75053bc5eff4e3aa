import type { AuditDetails, OperationRequest } from "../../core/types.js";

/** The acting user's uuid (`req.caller`), or "anonymous" for public routes. */
export function actorOf(req: OperationRequest): string {
  return req.caller?.user.uuid ?? "anonymous";
}

export function newAudit(by: string, now: number): AuditDetails {
  return { createdBy: by, createdTime: now, lastModifiedBy: by, lastModifiedTime: now };
}

export function touchAudit(previous: AuditDetails, by: string, now: number): AuditDetails {
  return { ...previous, lastModifiedBy: by, lastModifiedTime: now };
}
