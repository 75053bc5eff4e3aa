/**
 * `_search`, `_count` and `_plainsearch` (PGRService.java:79-182, PGRQueryBuilder.java:48-197): criteria bound from
 * the query string, the caller-type rules of ServiceRequestValidator, SQL-like filtering and paging, then the citizen
 * and workflow enrichment of each page.
 */
import type { DigitErrorItem, MockContext, OperationHandler, OperationRequest } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { latestInstances, searchCitizens } from "./calls.js";
import { fail, failAll, failMissing, pgrError, PgrCodes, PgrMessages } from "./errors.js";
import { citizenOf, complaintWire, type PgrSlice, type StoredComplaint } from "./model.js";
import { callerOf, pgrResponseInfo, requestInfoOf, type PgrCaller } from "./request.js";

/** application.properties:88-90 */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 200;
/** `egov.complaints.category` (application.properties:127): `complaintTypes` is this constant, not a count. */
export const COMPLAINT_TYPES = 13;
/** `egov.dynamicdata.period` (application.properties:126), in days. */
export const RESOLVED_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;
const CLOSED_AFTER_RESOLUTION = "CLOSEDAFTERRESOLUTION";

const CITIZEN_PARAMS = ["serviceRequestId", "ids", "mobileNumber", "applicationStatus", "tenantId"];
const EMPLOYEE_PARAMS = [...CITIZEN_PARAMS, "serviceCode"];

/** RequestSearchCriteria.java:18-91, as Spring's data binder fills it from the query string. */
export interface Criteria {
  tenantId: string | null;
  tenantIds: string[] | null;
  serviceCode: string[] | null;
  applicationStatus: string[] | null;
  mobileNumber: string | null;
  serviceRequestId: string | null;
  sortBy: string | null;
  sortOrder: string | null;
  locality: string[] | null;
  ids: string[] | null;
  fromDate: number | null;
  toDate: number | null;
  slaDeltaMaxLimit: number | null;
  slaDeltaMinLimit: number | null;
  limit: number | null;
  offset: number | null;
  /** Not documented, but bindable (@JsonIgnore does not stop Spring's binder); `_search` fills it from mobileNumber. */
  userIds: string[] | null;
}

const JAVA_TYPES = { Integer: "java.lang.Integer", Long: "java.lang.Long" } as const;

/** Binds the query; a value Spring cannot convert is a BindException with `typeMismatch.requestSearchCriteria.<field>`. */
export function bindCriteria(req: OperationRequest): Criteria {
  const q = req.query;
  const errors: DigitErrorItem[] = [];
  const has = (k: string) => Object.hasOwn(q, k);
  const str = (k: string) => (has(k) ? (q[k] as string) : null);
  // StringToCollectionConverter: comma-split, trimmed, into a LinkedHashSet.
  const set = (k: string) => (has(k) ? [...new Set((q[k] as string).split(",").map((v) => v.trim()).filter((v) => v !== ""))] : null);
  const mismatch = (k: string, type: string, value: string, why: string) =>
    errors.push(
      pgrError(
        `typeMismatch.requestSearchCriteria.${k}`,
        `Failed to convert property value of type 'java.lang.String' to required type '${type}' for property '${k}'; nested exception is ${why}`,
      ),
    );
  const integer = (k: string, kind: keyof typeof JAVA_TYPES) => {
    const raw = str(k);
    if (raw === null || raw.trim() === "") return null;
    const value = raw.trim();
    const max = kind === "Integer" ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
    if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > max) {
      mismatch(k, JAVA_TYPES[kind], raw, `java.lang.NumberFormatException: For input string: "${raw}"`);
      return null;
    }
    return Number(value);
  };
  const enumeration = (k: string, type: string, values: string[]) => {
    const raw = str(k);
    if (raw === null || raw.trim() === "") return null;
    if (!values.includes(raw.trim())) {
      mismatch(k, `org.egov.pgr.web.models.RequestSearchCriteria$${type}`, raw, `java.lang.IllegalArgumentException: No enum constant org.egov.pgr.web.models.RequestSearchCriteria.${type}.${raw}`);
      return null;
    }
    return raw.trim();
  };
  const criteria: Criteria = {
    tenantId: str("tenantId"),
    tenantIds: set("tenantIds"),
    serviceCode: set("serviceCode"),
    applicationStatus: set("applicationStatus"),
    mobileNumber: str("mobileNumber"),
    serviceRequestId: str("serviceRequestId"),
    sortBy: enumeration("sortBy", "SortBy", ["locality", "applicationStatus", "serviceRequestId"]),
    sortOrder: enumeration("sortOrder", "SortOrder", ["ASC", "DESC"]),
    locality: set("locality"),
    ids: set("ids"),
    fromDate: integer("fromDate", "Long"),
    toDate: integer("toDate", "Long"),
    slaDeltaMaxLimit: integer("slaDeltaMaxLimit", "Long"),
    slaDeltaMinLimit: integer("slaDeltaMinLimit", "Long"),
    limit: integer("limit", "Integer"),
    offset: integer("offset", "Integer"),
    userIds: set("userIds"),
  };
  if (errors.length > 0) failAll(errors, requestInfoOf(req));
  return criteria;
}

/** RequestSearchCriteria.isEmpty(): paging, dates, sort and SLA do not count. */
function isEmpty(c: Criteria): boolean {
  return (
    c.tenantId === null &&
    c.serviceCode === null &&
    c.mobileNumber === null &&
    c.serviceRequestId === null &&
    c.applicationStatus === null &&
    c.ids === null &&
    c.userIds === null &&
    c.locality === null
  );
}

/** ServiceRequestValidator.java:205-260, in DIGIT's order. */
function validateSearch(c: Criteria, caller: PgrCaller, ri: unknown): void {
  if ((c.mobileNumber !== null || c.serviceRequestId !== null || c.ids !== null || c.serviceCode !== null) && c.tenantId === null) {
    fail(PgrCodes.invalidSearch, PgrMessages.tenantMandatory, ri);
  }
  const employee = caller.type === "EMPLOYEE";
  if (employee && isEmpty(c)) fail(PgrCodes.invalidSearch, PgrMessages.searchWithoutParams, ri);
  if (employee) {
    if (c.tenantId === null) failMissing("tenantId (an employee's search with other criteria)", ri);
    if (c.tenantId.split(".").length === 1) fail(PgrCodes.invalidSearch, PgrMessages.stateLevelSearch, ri);
  }
  let allowed: string[];
  if (caller.type === "CITIZEN") allowed = CITIZEN_PARAMS;
  else if (employee || caller.type === "SYSTEM") allowed = EMPLOYEE_PARAMS;
  else fail(PgrCodes.invalidSearchSpace, PgrMessages.noSearchConfig(caller.type), ri);
  const given: [string, unknown][] = [
    ["serviceCode", c.serviceCode],
    ["serviceRequestId", c.serviceRequestId],
    ["applicationStatus", c.applicationStatus],
    ["mobileNumber", c.mobileNumber],
    ["ids", c.ids],
  ];
  for (const [param, value] of given) if (value !== null && !allowed.includes(param)) fail(PgrCodes.invalidSearchSpace, PgrMessages.searchNotAllowed(param), ri);
}

function tenantMatches(c: Criteria, row: StoredComplaint, plain: boolean): boolean {
  if (plain) return c.tenantIds === null || c.tenantIds.length === 0 || c.tenantIds.includes(row.tenantId);
  if (c.tenantId === null) return true;
  // A state tenant matches with LIKE '<state>%' (PGRQueryBuilder.java:64-74).
  return c.tenantId.split(".").length === 1 ? row.tenantId.startsWith(c.tenantId) : row.tenantId === c.tenantId;
}

const inSet = (set: string[] | null, value: string | null) => set === null || set.length === 0 || (value !== null && set.includes(value));

function matches(c: Criteria, row: StoredComplaint, now: number, plain: boolean): boolean {
  if (!tenantMatches(c, row, plain)) return false;
  if (!inSet(c.serviceCode, row.serviceCode) || !inSet(c.applicationStatus, row.applicationStatus)) return false;
  if (c.serviceRequestId !== null && row.serviceRequestId !== c.serviceRequestId) return false;
  if (!inSet(c.ids, row.id) || !inSet(c.userIds, row.accountId) || !inSet(c.locality, row.address.locality)) return false;
  const age = now - row.auditDetails.createdTime;
  if (c.slaDeltaMaxLimit !== null && c.slaDeltaMinLimit === null && !(age > c.slaDeltaMaxLimit)) return false;
  if (c.slaDeltaMaxLimit !== null && c.slaDeltaMinLimit !== null && !(age > c.slaDeltaMinLimit && age < c.slaDeltaMaxLimit)) return false;
  if (c.fromDate !== null) {
    const to = c.toDate ?? now;
    if (row.auditDetails.createdTime < c.fromDate || row.auditDetails.createdTime > to) return false;
  }
  return true;
}

function sortKey(c: Criteria, row: StoredComplaint): string | number | null {
  switch (c.sortBy) {
    case "locality":
      return row.address.locality;
    case "applicationStatus":
      return row.applicationStatus;
    case "serviceRequestId":
      return row.serviceRequestId;
    default:
      return row.auditDetails.createdTime;
  }
}

/** Postgres order: ASC puts NULLs last, DESC first; rows equal on the key keep insertion order (ASC) or its reverse. */
function sqlOrder(c: Criteria, a: StoredComplaint, b: StoredComplaint): number {
  const asc = c.sortOrder === "ASC";
  const ka = sortKey(c, a);
  const kb = sortKey(c, b);
  let cmp: number;
  if (ka === kb) cmp = 0;
  else if (ka === null) cmp = 1;
  else if (kb === null) cmp = -1;
  else cmp = ka < kb ? -1 : 1;
  if (cmp === 0) cmp = a.seq - b.seq;
  return asc ? cmp : -cmp;
}

/** The SQL query: filters, ORDER BY, OFFSET/LIMIT (null = none). Visible (persisted) rows only. */
function query(slice: PgrSlice, c: Criteria, now: number, plain: boolean, ri: unknown): StoredComplaint[] {
  if (c.fromDate === null && c.toDate !== null) fail(PgrCodes.invalidSearch, PgrMessages.toDateWithoutFrom, ri);
  if ((c.limit !== null && c.limit < 0) || (c.offset !== null && c.offset < 0)) {
    failAll([{ code: PgrCodes.queryExecutionError, message: PgrMessages.queryExecution, description: "An error occurred while processing the database request.", params: null }], ri);
  }
  const rows = Object.values(slice.complaints)
    .filter((row) => row.visibleFrom <= now && matches(c, row, now, plain))
    .sort((a, b) => sqlOrder(c, a, b));
  const offset = c.offset ?? 0;
  return c.limit === null ? rows.slice(offset) : rows.slice(offset, offset + c.limit);
}

function withPaging(c: Criteria): Criteria {
  let limit = c.limit ?? DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) limit = MAX_LIMIT;
  return { ...c, limit, offset: c.offset ?? 0 };
}

/** The workflow object of a search answer, from the latest process instance (WorkflowService.java:209-231). */
function workflowOf(instance: Record<string, unknown>): Record<string, unknown> {
  const assignes = Array.isArray(instance["assignes"]) ? instance["assignes"].filter(isRecord).map((a) => a["uuid"]) : [];
  return {
    action: instance["action"] ?? null,
    assignes: assignes.length > 0 ? assignes : null,
    comments: instance["comment"] ?? null,
    verificationDocuments: Array.isArray(instance["documents"]) ? instance["documents"] : null,
  };
}

/** Citizens (UserService.java:53-67, :195-216), workflow (WorkflowService.java:111-155), newest first (PGRService.java:99-113). */
function enrich(ctx: MockContext, ri: unknown, rows: StoredComplaint[]): Record<string, unknown>[] {
  if (rows.length === 0) return [];
  const uuids = [...new Set(rows.map((r) => r.accountId).filter((u): u is string => u !== null))];
  const citizens = new Map<string, Record<string, unknown>>();
  const users = searchCitizens(ctx, ri, uuids.length > 0 ? { uuid: uuids } : {});
  if (users.length === 0) fail(PgrCodes.userNotFound, PgrMessages.userNotFound, ri);
  for (const u of users) if (typeof u["uuid"] === "string") citizens.set(u["uuid"], citizenOf(u));

  const byTenant = new Map<string, StoredComplaint[]>();
  for (const row of rows) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row]);
  const wrappers: { row: StoredComplaint; wrapper: Record<string, unknown> }[] = [];
  for (const [tenantId, group] of byTenant) {
    const ids = group.map((r) => r.serviceRequestId ?? "");
    const instances = latestInstances(ctx, ri, tenantId, ids);
    if (instances.length === 0 || instances.length !== ids.length) fail(PgrCodes.workflowNotFound, PgrMessages.workflowNotFound, ri);
    const byBusinessId = new Map(instances.map((p) => [String(p["businessId"]), p]));
    for (const row of group) {
      const instance = byBusinessId.get(row.serviceRequestId ?? "");
      wrappers.push({
        row,
        wrapper: {
          service: complaintWire(row, (row.accountId !== null ? citizens.get(row.accountId) : undefined) ?? null),
          workflow: instance === undefined ? null : workflowOf(instance),
        },
      });
    }
  }
  // A TreeMap keyed by createdTime, reversed; equal times keep their order.
  return wrappers.sort((a, b) => b.row.auditDetails.createdTime - a.row.auditDetails.createdTime).map((w) => w.wrapper);
}

/** PGRRepository.java:83-99 over the city given (null matches nothing). DIGIT's NPE on an empty average is not reproduced: 0. */
function dynamicData(slice: PgrSlice, tenantId: string | null, now: number): { complaintsResolved: number; averageResolutionTime: number } {
  const closed = Object.values(slice.complaints).filter((r) => r.visibleFrom <= now && r.tenantId === tenantId && r.applicationStatus === CLOSED_AFTER_RESOLUTION);
  const since = now - RESOLVED_PERIOD_DAYS * DAY_MS;
  const complaintsResolved = closed.filter((r) => (r.auditDetails.lastModifiedTime ?? 0) > since).length;
  const durations = closed.map((r) => (r.auditDetails.lastModifiedTime ?? 0) - r.auditDetails.createdTime);
  const averageResolutionTime = durations.length === 0 ? 0 : Math.round(durations.reduce((a, b) => a + b, 0) / durations.length / DAY_MS);
  return { complaintsResolved, averageResolutionTime };
}

export const searchComplaints: OperationHandler<PgrSlice> = (req, ctx, slice) => {
  const ri = requestInfoOf(req);
  const caller = callerOf(req);
  const bound = bindCriteria(req);
  validateSearch(bound, caller, ri);
  // enrichSearchRequest (EnrichmentService.java:106-130)
  let c: Criteria = bound;
  if (isEmpty(c) && caller.type === "CITIZEN") c = { ...c, mobileNumber: caller.userName };
  if (c.mobileNumber !== null) {
    const tenantId = c.tenantId ?? caller.tenantId;
    const users = searchCitizens(ctx, ri, { ...(tenantId !== null ? { tenantId } : {}), mobileNumber: c.mobileNumber });
    c = { ...c, userIds: [...new Set(users.map((u) => String(u["uuid"])))] };
  }
  c = withPaging(c);
  const now = ctx.now();
  let wrappers: Record<string, unknown>[] = [];
  if (!isEmpty(c) && !(c.mobileNumber !== null && (c.userIds === null || c.userIds.length === 0))) {
    wrappers = enrich(ctx, ri, query(slice, c, now, false, ri));
  }
  return {
    status: 200,
    body: { responseInfo: pgrResponseInfo(ri), ServiceWrappers: wrappers, ...dynamicData(slice, bound.tenantId, now), complaintTypes: COMPLAINT_TYPES },
  };
};

/** No validation, no enrichment: mobileNumber is ignored; limit/offset bound the count only when given. */
export const countComplaints: OperationHandler<PgrSlice> = (req, ctx, slice) => {
  const ri = requestInfoOf(req);
  const c = bindCriteria(req);
  const count = query(slice, { ...c, mobileNumber: null }, ctx.now(), false, ri).length;
  return { status: 200, body: { ResponseInfo: pgrResponseInfo(ri), count } };
};

export const plainSearchComplaints: OperationHandler<PgrSlice> = (req, ctx, slice) => {
  const ri = requestInfoOf(req);
  const bound = bindCriteria(req);
  if (bound.tenantIds === null || bound.tenantIds.length === 0) fail(PgrCodes.tenantIdListEmpty, PgrMessages.tenantIdListEmpty, ri);
  const c = withPaging({ ...bound, mobileNumber: null });
  const wrappers = enrich(ctx, ri, query(slice, c, ctx.now(), true, ri));
  return { status: 200, body: { responseInfo: pgrResponseInfo(ri), ServiceWrappers: wrappers, complaintsResolved: 0, averageResolutionTime: 0, complaintTypes: 0 } };
};
