/**
 * egov-user-event: events addressed to users, roles or a tenant, their search and the notification count, as
 * egov-user-event/src/main/java/org/egov/userevent/{service/UserEventsService.java,
 * web/validator/UserEventsValidator.java, repository/querybuilder/UserEventsQueryBuilder.java}.
 */
import type { AuditDetails, DigitErrorItem, MockContext, OperationHandler, OperationRequest, ServiceModule } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { emptyMap, own, put } from "../shared/keyed.js";
import { handle, ok, rejectAll, responseInfo } from "../shared/respond.js";
import { beanViolation, javaException, MUST_NOT_BE_NULL, refuse } from "../shared/tracer.js";
import { isRecord, list, str } from "../shared/values.js";
import * as E from "./user-event-errors.js";

interface StoredEvent {
  /** The event as DIGIT answers it. */
  event: Record<string, unknown>;
  /** The recipient registry rows of the event (`*|*|pb.amritsar`, a user uuid, `CITIZEN|CITIZEN|pb`, `All`). */
  recipients: string[];
  seq: number;
  /** Epoch ms from which searches and counts see it (write lag). */
  visibleFrom: number;
}

export interface UserEventSlice {
  /** Events by id. */
  events: Record<string, StoredEvent>;
  /** Last access time per user uuid (`eg_usrevents_user_lat`). */
  lastAccess: Record<string, number>;
  seq?: number;
}

const EVENT_FIELDS = [
  "tenantId",
  "id",
  "referenceId",
  "eventType",
  "eventCategory",
  "name",
  "description",
  "status",
  "source",
  "postedBy",
  "recepient",
  "actions",
  "eventDetails",
  "auditDetails",
  "recepientEventMap",
  "generateCounterEvent",
  "internallyUpdted",
];
const STATUSES = ["ACTIVE", "INACTIVE", "CANCELLED"];
const SOURCES = ["WEBAPP", "MOBILEAPP"];
/** `postedBy` values DIGIT keeps instead of the caller (UserEventsConstants.INTEGRATED_MODULES). */
const INTEGRATED_MODULES = ["SYSTEM-PT", "SYSTEM-PGR", "SYSTEM-TL", "SYSTEM-FIRENOC"];
/** UserEventsConstants.REGEX_FOR_SPCHARS_EXCEPT_DOT as Java's regex engine reads it. */
const SPECIAL_CHARS = /[$&+,:;=\\?@#|/'<>^()%!-]/;
const UUID = /^[0-9a-fA-F]{1,8}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,12}$/;

/** Jackson's enum reading: case-insensitive, anything else null. */
const enumValue = (value: unknown, values: string[]): string | null => (typeof value === "string" && values.includes(value.toUpperCase()) ? value.toUpperCase() : null);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The event as DIGIT binds it: known fields only, enums read, nulls kept. */
function bind(raw: Record<string, unknown>): Record<string, unknown> {
  const e: Record<string, unknown> = {};
  for (const f of EVENT_FIELDS) e[f] = raw[f] === undefined ? null : structuredClone(raw[f]);
  e["status"] = enumValue(raw["status"], STATUSES);
  e["source"] = enumValue(raw["source"], SOURCES);
  return e;
}

/** `events` (or `Events`: DIGIT's mapper reads property names case-insensitively) after bean validation. */
function eventsOf(req: OperationRequest): Record<string, unknown>[] {
  const value = req.body["events"] ?? req.body["Events"];
  if (!Array.isArray(value)) refuse(beanViolation("NotNull", "eventRequest", "events", MUST_NOT_BE_NULL));
  const events = (value as unknown[]).map((e) => bind(isRecord(e) ? e : {}));
  const errors: DigitErrorItem[] = [];
  events.forEach((e, i) => {
    for (const f of ["tenantId", "eventType", "name", "description", "source"]) {
      if (e[f] === null) errors.push(beanViolation("NotNull", "eventRequest", `events[${i}].${f}`, MUST_NOT_BE_NULL));
    }
    if (typeof e["name"] === "string" && e["name"].length > 65) errors.push(beanViolation("Size", "eventRequest", `events[${i}].name`, "size must be between 0 and 65"));
    if (typeof e["description"] === "string" && e["description"].length > 500) errors.push(beanViolation("Size", "eventRequest", `events[${i}].description`, "size must be between 0 and 500"));
  });
  rejectAll(errors);
  return events;
}

/** UserEventsValidator.validateRI (:178-197): the caller's uuid, roles and tenantId must be in RequestInfo.userInfo. */
function checkRequestInfo(req: OperationRequest): Record<string, unknown> {
  const ri = req.body["RequestInfo"];
  if (!isRecord(ri)) refuse(E.MISSING_REQ_INFO);
  const info = (ri as Record<string, unknown>)["userInfo"];
  if (!isRecord(info)) refuse(E.MISSING_USR_INFO);
  const u = info as Record<string, unknown>;
  if (str(u["uuid"]) === undefined || !Array.isArray(u["roles"]) || u["roles"].length === 0 || str(u["tenantId"]) === undefined) refuse(E.MISSING_ROLE_USERID);
  return u;
}

/** Active codes of `mseva.<master>` at the state tenant (MDMSService.java:72-88), or undefined when MDMS has none. */
function masterCodes(ctx: MockContext, tenantId: string, master: string): string[] | undefined {
  const records = ctx.mdms.records(tenantId.split(".")[0] as string, `mseva.${master}`);
  if (records.length === 0) return undefined;
  return records.map((r) => r.data).filter((d) => d["active"] === true).map((d) => String(d["code"]));
}

const detailsOf = (e: Record<string, unknown>): Record<string, unknown> | null => (isRecord(e["eventDetails"]) ? e["eventDetails"] : null);

/** UserEventsValidator.validateCreateEvent (:46-62, 206-302): collected per event after the request-level checks. */
function createErrors(req: OperationRequest, ctx: MockContext, events: Record<string, unknown>[], isCreate: boolean): void {
  checkRequestInfo(req);
  if (new Set(events.map((e) => e["tenantId"])).size !== 1) refuse(E.DIFF_TENANT);
  const tenantId = String(events[0]?.["tenantId"]);
  const types = masterCodes(ctx, tenantId, "EventTypes");
  const categories = masterCodes(ctx, tenantId, "EventCategories");
  let mdms = true;
  if (types === undefined || categories === undefined) {
    strictOnly(req, ctx, { ...E.ERROR_FROM_MDMS, message: `${E.ERROR_FROM_MDMS.message} (the state has no mseva.EventTypes / mseva.EventCategories)` });
    mdms = false;
  }
  const errors = new Map<string, DigitErrorItem>();
  const add = (e: DigitErrorItem) => errors.has(e.code) || errors.set(e.code, e);
  const now = ctx.now();
  for (const e of events) {
    const details = detailsOf(e);
    const from = num(details?.["fromDate"]);
    const to = num(details?.["toDate"]);
    if (from !== undefined && to !== undefined) {
      if (from > to) add(E.INVALID_EVENT_DATE);
      if (isCreate && (from < now || to < now)) add(E.INVALID_FROM_TO_DATE);
    }
    const recepient = isRecord(e["recepient"]) ? e["recepient"] : null;
    const toRoles = Array.isArray(recepient?.["toRoles"]) ? (recepient["toRoles"] as unknown[]).map(String) : [];
    const toUsers = Array.isArray(recepient?.["toUsers"]) ? (recepient["toUsers"] as unknown[]).map(String) : [];
    if (toRoles.includes("All") && toRoles.length > 1) add(E.INVALID_TOROLE_ALL);
    if (toRoles.some((r) => SPECIAL_CHARS.test(r))) add(E.INVALID_TOROLE);
    if (toUsers.some((u) => !UUID.test(u))) add(E.INVALID_TOUSER);
    if (!mdms) continue;
    if ((types as string[]).length === 0 || (categories as string[]).length === 0) refuse(E.NO_DATA_MDMS);
    const type = String(e["eventType"]);
    if (!(types as string[]).includes(type)) {
      add(E.INVALID_EVENTTYPE);
      continue;
    }
    const named = typeof e["name"] === "string" && e["name"] !== "";
    if (type === "EVENTSONGROUND") {
      const category = e["eventCategory"];
      if (typeof category !== "string" || category === "") add(E.CREATE_CATEGORYMANDATORY);
      else if (!(categories as string[]).includes(category)) add(E.INVALID_CATEGORYMANDATORY);
      else {
        if (details === null || Object.values(details).every((v) => v === null || v === undefined)) add(E.UPDATE_EVENTDETAILS_MANDATORY);
        if (!named) add(E.CREATE_NAMEMANDATORY);
      }
    }
    if (type === "BROADCAST") {
      if (!named) add(E.CREATE_NAMEMANDATORY);
      if (details === null) add(E.UPDATE_EVENTDETAILS_MANDATORY);
      else if (from === undefined) add(E.BROADCAST_ED_FD_MANDATORY);
    }
  }
  rejectAll([...errors.values()]);
}

/** UserEventsUtils.manageRecepients (:77-120): the registry rows of an event. */
function recipientsOf(e: Record<string, unknown>): string[] {
  const tenantId = String(e["tenantId"]);
  const recepient = isRecord(e["recepient"]) ? e["recepient"] : null;
  const toRoles = Array.isArray(recepient?.["toRoles"]) ? (recepient["toRoles"] as unknown[]).map(String) : [];
  const toUsers = Array.isArray(recepient?.["toUsers"]) ? (recepient["toUsers"] as unknown[]).map(String) : [];
  if (toUsers.length > 0) {
    if (recepient !== null && toRoles.length > 0) recepient["toRoles"] = [];
    return toUsers;
  }
  if (toRoles.length > 0) return toRoles.includes("All") ? ["All"] : toRoles.map((r) => `${r.replace(/\./g, "|")}|${tenantId}`);
  return [`*|*|${tenantId}`];
}

/** The end of the same time tomorrow (UserEventsUtils.getTomorrowsEpoch: now + 1 day). */
const tomorrow = (now: number) => now + 24 * 3600 * 1000;

function wire(s: StoredEvent): Record<string, unknown> {
  return { ...structuredClone(s.event), recepientEventMap: null };
}

/** The stored events (state saved by mock versions before 2026 held bare events: skipped). */
function storedEvents(slice: UserEventSlice): StoredEvent[] {
  return Object.values(slice.events ?? {}).filter((s) => isRecord(s) && isRecord(s.event));
}

function nextSeq(slice: UserEventSlice): number {
  slice.seq = (slice.seq ?? 0) + 1;
  return slice.seq;
}

const create: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const events = eventsOf(req);
    createErrors(req, ctx, events, true);
    const now = ctx.now();
    const by = String((isRecord(req.body["RequestInfo"]) && isRecord(req.body["RequestInfo"]["userInfo"]) ? req.body["RequestInfo"]["userInfo"]["uuid"] : undefined) ?? req.caller?.user.uuid);
    slice.events ??= emptyMap();
    const created = events.map((e) => {
      const id = ctx.uuid();
      e["id"] = id;
      if (isRecord(e["actions"])) Object.assign(e["actions"], { id: ctx.uuid(), eventId: id, tenantId: e["tenantId"] });
      e["status"] ??= "ACTIVE";
      const details = detailsOf(e);
      if (details !== null) {
        Object.assign(details, { id: ctx.uuid(), eventId: id });
        const from = num(details["fromDate"]);
        if (e["eventType"] === "BROADCAST" && from !== undefined && from > tomorrow(now)) e["status"] = "INACTIVE";
      }
      const recipients = recipientsOf(e);
      if (!(typeof e["postedBy"] === "string" && e["postedBy"] !== "" && INTEGRATED_MODULES.includes(e["postedBy"]))) e["postedBy"] = by;
      e["auditDetails"] = { createdBy: by, createdTime: now, lastModifiedBy: by, lastModifiedTime: now } satisfies AuditDetails;
      const stored: StoredEvent = { event: structuredClone(e), recipients, seq: nextSeq(slice), visibleFrom: now + ctx.options.writeLagMs };
      put(slice.events, id, stored);
      return wire(stored);
    });
    return ok(req, now, req.route.successStatus, { events: created });
  });

/** UserEventsValidator.validateForUpdate (:94-137) and validateActions (:148-173). */
function updateErrors(ctx: MockContext, slice: UserEventSlice, events: Record<string, unknown>[]): void {
  const errors = new Map<string, DigitErrorItem>();
  const add = (e: DigitErrorItem) => errors.has(e.code) || errors.set(e.code, e);
  const found = events.map((e) => own(slice.events, String(e["id"]))).filter((s): s is StoredEvent => s !== undefined && isRecord(s.event));
  if (new Set(found.map((s) => s.event["id"])).size !== events.length) add(E.UPDATE_MISSING_EVENTS);
  const now = ctx.now();
  for (const e of events) {
    if (e["status"] === null) add(E.UPDATE_STATUS_NOTNULL);
    const db = own(slice.events, String(e["id"]))?.event;
    const details = detailsOf(e);
    if (details !== null && db !== undefined) {
      const before = detailsOf(db);
      const from = num(details["fromDate"]);
      const to = num(details["toDate"]);
      if (before !== null) {
        if (from !== num(before["fromDate"]) && from !== undefined && from < now) add(E.INVALID_FROM_DATE);
        if (to !== num(before["toDate"]) && to !== undefined && to < now) add(E.INVALID_TO_DATE);
      } else if ((from ?? 0) < now || (to ?? 0) < now) add(E.INVALID_FROM_TO_DATE);
    }
    if (e["eventType"] === "EVENTSONGROUND" && db?.["status"] === "CANCELLED" && (e["status"] === "ACTIVE" || e["status"] === "INACTIVE")) add(E.INVALID_ACTION_CANCEL);
  }
  rejectAll([...errors.values()]);
}

const update: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const events = eventsOf(req);
    updateErrors(ctx, slice, events);
    createErrors(req, ctx, events, false);
    const now = ctx.now();
    const by = req.caller?.user.uuid ?? "anonymous";
    for (const e of events) {
      if (isRecord(e["actions"]) && str(e["actions"]["id"]) === undefined) {
        strictOnly(req, ctx, {
          code: "MEN_UPDATE_ACTIONS_WITHOUT_ID",
          message: "An update whose actions have no id gets a new event id in DIGIT (UserEventsService.java:475-481), so it changes no stored event; send the actions back with their id.",
        });
      }
      if (!isRecord(e["auditDetails"])) {
        strictOnly(req, ctx, javaException("NullPointerException", 'Cannot invoke "AuditDetails.setLastModifiedBy(String)" because "auditDetails" is null (send the event\'s auditDetails back)'));
      }
    }
    const updated = events.map((e) => {
      const stored = own(slice.events, String(e["id"])) as StoredEvent;
      if (isRecord(e["actions"]) && str(e["actions"]["id"]) === undefined) Object.assign(e["actions"], { id: ctx.uuid(), eventId: e["id"], tenantId: e["tenantId"] });
      const details = detailsOf(e);
      if (details !== null) {
        if (str(details["id"]) === undefined) Object.assign(details, { id: ctx.uuid(), eventId: e["id"] });
        const from = num(details["fromDate"]);
        if (e["eventType"] === "BROADCAST" && from !== undefined && from > tomorrow(now)) e["status"] = "INACTIVE";
      }
      const recipients = recipientsOf(e);
      const audit = isRecord(e["auditDetails"]) ? e["auditDetails"] : { ...stored.event["auditDetails"] as Record<string, unknown> };
      if (e["internallyUpdted"] !== true) Object.assign(audit, { lastModifiedBy: by, lastModifiedTime: now });
      e["auditDetails"] = audit;
      const next: StoredEvent = { ...stored, event: { ...structuredClone(e), generateCounterEvent: null }, recipients };
      put(slice.events, String(e["id"]), next);
      return { ...wire(next), generateCounterEvent: null };
    });
    return ok(req, now, req.route.successStatus, { events: updated });
  });

interface Criteria {
  tenantId: string;
  citizen: boolean;
  statuses: string[];
  userids: string[];
  recipients: string[] | undefined;
}

/** UserEventsService.enrichSearchCriteria (:534-568) plus the tenantId bean check (EventSearchCriteria.java:42). */
function criteriaOf(req: OperationRequest): Criteria {
  const tenantId = req.query["tenantId"];
  if (tenantId === undefined) refuse(beanViolation("NotNull", "eventSearchCriteria", "tenantId", MUST_NOT_BE_NULL));
  const citizen = req.caller?.user.type === "CITIZEN";
  const statuses = list(req.query["status"]).length > 0 ? list(req.query["status"]) : ["ACTIVE", "INACTIVE"];
  let userids = list(req.query["userids"]);
  let roles = list(req.query["roles"]);
  let recipients: string[] | undefined = list(req.query["recepients"]).length > 0 ? list(req.query["recepients"]) : undefined;
  if (citizen) {
    userids = [req.caller?.user.uuid as string];
    roles = ["CITIZEN.CITIZEN"];
    // UserEventsUtils.buildRecepientListForSearch (:36-62)
    const built = [...userids];
    for (const role of roles) {
      const r = role.replace(/\./g, "|");
      const [type, name] = r.split("|");
      built.push(`${type}|*|*`, `*|${name}|*`, `${r}|*`);
      if (tenantId !== "") built.push(`${type}|*|${tenantId}`, `*|${name}|${tenantId}`, `${r}|${tenantId}`);
    }
    if (tenantId !== "") built.push(`*|*|${tenantId}`);
    built.push("All");
    recipients = built;
  }
  return { tenantId: tenantId as string, citizen, statuses, userids, recipients };
}

/** `fromDate`/`toDate` on lastModifiedTime; toDate defaults to now when only fromDate is given. */
function inRange(e: Record<string, unknown>, q: Record<string, string>, now: number): boolean {
  const from = num(q["fromDate"]);
  const to = num(q["toDate"]) ?? (from !== undefined ? now : undefined);
  const modified = Number((e["auditDetails"] as AuditDetails | null)?.lastModifiedTime ?? 0);
  return (from === undefined || modified >= from) && (to === undefined || modified <= to);
}

/** UserEventsQueryBuilder.addWhereClause (:130-227), without paging. */
function matching(req: OperationRequest, ctx: MockContext, slice: UserEventSlice, c: Criteria): StoredEvent[] {
  const q = req.query;
  const filters: [string, string][] = [
    ["ids", "id"],
    ["source", "source"],
    ["postedBy", "postedBy"],
    ["eventTypes", "eventType"],
    ["name", "name"],
    ["referenceIds", "referenceId"],
  ];
  const now = ctx.now();
  return storedEvents(slice)
    .filter((s) => {
      const e = s.event;
      if (s.visibleFrom > now || !c.statuses.includes(String(e["status"])) || !inRange(e, q, now)) return false;
      for (const [param, field] of filters) {
        const wanted = list(q[param]);
        if (wanted.length > 0 && !wanted.includes(String(e[field]))) return false;
      }
      if (!c.citizen && c.tenantId !== "" && (e["tenantId"] !== c.tenantId || (e["referenceId"] !== null && e["referenceId"] !== undefined))) return false;
      return c.recipients === undefined || s.recipients.some((r) => (c.recipients as string[]).includes(r));
    })
    .sort((a, b) => Number((b.event["auditDetails"] as AuditDetails).createdTime) - Number((a.event["auditDetails"] as AuditDetails).createdTime) || b.seq - a.seq);
}

/** UserEventsService.citizenSearchPostProcessor (:281-309). */
function forCitizen(events: Record<string, unknown>[], eventTypes: string[]): Record<string, unknown>[] {
  let out = events.filter((e) => (e["eventType"] === "BROADCAST" && e["status"] === "ACTIVE") || e["eventType"] === "EVENTSONGROUND" || e["eventType"] === "SYSTEMGENERATED");
  if (eventTypes.length > 0) {
    if (new Set(eventTypes).size === 1 && eventTypes[0] === "EVENTSONGROUND") {
      out = [...out].sort((a, b) => Number(detailsOf(a)?.["fromDate"] ?? 0) - Number(detailsOf(b)?.["fromDate"] ?? 0));
    }
    return out;
  }
  const counters = out.filter((e) => typeof e["referenceId"] === "string" && e["referenceId"] !== "");
  const referenced = new Set(counters.map((e) => e["referenceId"]));
  const kept = [...counters, ...out.filter((e) => !referenced.has(e["id"]) && !counters.includes(e))];
  return kept.sort((a, b) => Number((b["auditDetails"] as AuditDetails).createdTime) - Number((a["auditDetails"] as AuditDetails).createdTime));
}

const SYSTEM_NAMES = ["New Survey", "New Document"];

const search: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = criteriaOf(req);
    const found = matching(req, ctx, slice, c);
    let totalCount = found.length;
    const offset = num(req.query["offset"]) ?? 0;
    const limit = num(req.query["limit"]) ?? 200;
    let events = found.slice(offset, offset + limit).map(wire);
    if (c.citizen) events = forCitizen(events, list(req.query["eventTypes"]));
    if (req.caller?.user.type === "SYSTEM") {
      events = events.filter((e) => e["eventType"] === "EVENTSONGROUND" || e["eventType"] === "BROADCAST" || (e["eventType"] === "SYSTEMGENERATED" && SYSTEM_NAMES.includes(String(e["name"]))));
      totalCount = events.length;
    }
    return ok(req, ctx.now(), 200, { events, totalCount });
  });

const countNotifications: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const c = criteriaOf(req);
    if (c.userids.length === 0) {
      strictOnly(req, ctx, javaException("NullPointerException", "DIGIT's count needs userids for a non-citizen caller (UserEventsQueryBuilder.java:59)"));
    }
    const now = ctx.now();
    const recipients = c.recipients ?? [];
    const addressed = storedEvents(slice).filter((s) => s.visibleFrom <= now && s.recipients.some((r) => recipients.includes(r)));
    const referenced = new Set(storedEvents(slice).map((s) => s.event["referenceId"]).filter((r): r is string => typeof r === "string"));
    const seen = own(slice.lastAccess, c.userids[0] ?? "") ?? 0;
    const unread = addressed.filter(
      (s) =>
        c.statuses.includes(String(s.event["status"])) &&
        !referenced.has(String(s.event["id"])) &&
        Number((s.event["auditDetails"] as AuditDetails).lastModifiedTime) > seen &&
        inRange(s.event, req.query, now),
    );
    return ok(req, now, 200, { totalCount: addressed.length, unreadCount: unread.length });
  });

/** `lat/_update`: records the caller's last access and answers a bare ResponseInfo (UserEventsService.java:404-411). */
const updateLastAccess: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const ri = req.body["RequestInfo"];
    const info = isRecord(ri) && isRecord(ri["userInfo"]) ? ri["userInfo"] : undefined;
    const uuid = str(info?.["uuid"]) ?? req.caller?.user.uuid;
    if (uuid === undefined) refuse(javaException("NullPointerException", 'Cannot invoke "org.egov.common.contract.request.User.getUuid()" because the return value of "RequestInfo.getUserInfo()" is null'));
    slice.lastAccess ??= emptyMap();
    put(slice.lastAccess, uuid as string, ctx.now());
    return { status: 200, body: responseInfo(req, ctx.now()) };
  });

export const userEventService: ServiceModule<UserEventSlice> = {
  key: "userEvent",
  initialState: () => ({ events: {}, lastAccess: {}, seq: 0 }),
  handlers: {
    "userEvent.create": create,
    "userEvent.update": update,
    "userEvent.search": search,
    "userEvent.countNotifications": countNotifications,
    "userEvent.updateLastAccess": updateLastAccess,
  },
};
