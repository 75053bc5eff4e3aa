/** Reading a PGR request: the caller from RequestInfo.userInfo, the bound ServiceRequest, bean validation, responseInfo. */
import type { DigitErrorItem, OperationRequest } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { failAll, failMissing, pgrError } from "./errors.js";
import { ADDRESS_FIELDS, bind, BOUNDARY_FIELDS, CITIZEN_FIELDS, DOCUMENT_FIELDS, GEO_FIELDS, javaToString, num, prop, SERVICE_FIELDS, text, WORKFLOW_FIELDS } from "./model.js";

/** The caller as pgr-services reads it: `RequestInfo.userInfo` (the gateway's user, or as sent on the internal door). */
export interface PgrCaller {
  uuid: string;
  /** `userInfo.type` upper-cased (pgr-services compares it ignoring case). */
  type: string;
  userName: string | null;
  tenantId: string | null;
}

export function requestInfoOf(req: OperationRequest): unknown {
  return req.body["RequestInfo"];
}

export function callerOf(req: OperationRequest): PgrCaller {
  const ri = requestInfoOf(req);
  const info = isRecord(ri) ? ri["userInfo"] : undefined;
  if (!isRecord(info) || typeof info["type"] !== "string") failMissing("RequestInfo.userInfo with its type", ri);
  return {
    uuid: text(info["uuid"]) ?? "",
    type: (info["type"] as string).toUpperCase(),
    userName: text(info["userName"]),
    tenantId: text(info["tenantId"]),
  };
}

/** `responseInfo` as ResponseInfoFactory.java:10-23 builds it: ts echoed, a constant resMsgId. */
export function pgrResponseInfo(ri: unknown): Record<string, unknown> {
  const r = isRecord(ri) ? ri : {};
  return { apiId: r["apiId"] ?? null, ver: r["ver"] ?? null, ts: r["ts"] ?? null, resMsgId: "uief87324", msgId: r["msgId"] ?? null, status: "successful" };
}

export interface BoundRequest {
  /** Service with DIGIT's fields; `address` bound too (its locality/geoLocation as sent, bound). */
  service: Record<string, unknown>;
  address: Record<string, unknown> | null;
  /** The request's citizen object with User's fields, or null. */
  citizen: Record<string, unknown> | null;
  workflow: Record<string, unknown> | null;
}

function bindDocuments(value: unknown): Record<string, unknown>[] | null {
  return Array.isArray(value) ? value.map((d) => bind(d, DOCUMENT_FIELDS)).filter((d): d is Record<string, unknown> => d !== null) : null;
}

/** The ServiceRequest as Jackson binds it (case-insensitive names, unknown fields dropped). A missing `service` is DIGIT's NPE. */
export function bindRequest(req: OperationRequest): BoundRequest {
  const ri = requestInfoOf(req);
  const service = bind(prop(req.body, "service"), SERVICE_FIELDS);
  if (service === null) failMissing("service", ri);
  const address = bind(service["address"], ADDRESS_FIELDS);
  if (address !== null) {
    address["locality"] = bind(address["locality"], BOUNDARY_FIELDS);
    address["geoLocation"] = bind(address["geoLocation"], GEO_FIELDS);
  }
  service["address"] = address;
  const citizen = bind(service["citizen"], CITIZEN_FIELDS);
  service["citizen"] = citizen;
  const audit = service["auditDetails"];
  service["auditDetails"] = isRecord(audit) ? bind(audit, ["createdBy", "lastModifiedBy", "createdTime", "lastModifiedTime"]) : null;
  const workflow = bind(prop(req.body, "workflow"), WORKFLOW_FIELDS);
  if (workflow !== null) {
    workflow["assignes"] = Array.isArray(workflow["assignes"]) ? workflow["assignes"].map((a) => text(a)).filter((a): a is string => a !== null) : null;
    workflow["verificationDocuments"] = bindDocuments(workflow["verificationDocuments"]);
  }
  return { service, address, citizen, workflow };
}

/**
 * The bean constraints of Service.java:43-86 and Boundary.java:32-35 (`@Valid @RequestBody`), with Spring's error
 * codes. The core's schema check catches most of these first (as `INVALID_REQUEST`); this covers bodies whose keys
 * differ in case, and the 600-character additionalDetail rule, which no schema can express.
 */
export function validateBeans(bound: BoundRequest, ri: unknown): void {
  const { service, address } = bound;
  const errors: DigitErrorItem[] = [];
  const notNull = (field: string) => errors.push(pgrError(`NotNull.serviceRequest.service.${field}`, "must not be null"));
  for (const field of ["tenantId", "serviceCode", "source", "address"]) if (service[field] === null) notNull(field);
  const locality = address?.["locality"];
  if (isRecord(locality) && locality["code"] === null) notNull("address.locality.code");
  const rating = num(service["rating"]);
  if (rating !== null && rating < 1) errors.push(pgrError("Min.serviceRequest.service.rating", "must be greater than or equal to 1"));
  if (rating !== null && rating > 5) errors.push(pgrError("Max.serviceRequest.service.rating", "must be less than or equal to 5"));
  const detail = service["additionalDetail"];
  if (detail !== null && javaToString(detail).length > 600) {
    errors.push(pgrError("CharacterConstraint.serviceRequest.service.additionalDetail", "Invalid Additional Details"));
  }
  if (errors.length > 0) failAll(errors, ri);
}
