/** egov-user-event: events are stored so searches find them; counts and last-access are simple. */
import type { OperationHandler, ServiceModule } from "../../core/types.js";
import { actorOf, touchAudit } from "../shared/audit.js";
import { digitError, handle, ok, reject, rejectAll } from "../shared/respond.js";
import { int, isRecord, list, str } from "../shared/values.js";
import type { AuditDetails } from "../../core/types.js";
import { stamped } from "./echo.js";

export interface UserEventSlice {
  /** Events by id, in creation order. */
  events: Record<string, Record<string, unknown>>;
  /** Last access time per user uuid. */
  lastAccess: Record<string, number>;
}

/** Stored alongside each event: epoch ms from which searches see it (write lag); never sent. */
const VISIBLE_FROM = "__visibleFrom";

function wire(event: Record<string, unknown>): Record<string, unknown> {
  const { [VISIBLE_FROM]: _hidden, ...rest } = event;
  return structuredClone(rest);
}

/** DIGIT's Status enum reads case-insensitively and serialises upper-case (ACTIVE, INACTIVE, CANCELLED). */
function normaliseStatus(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value.toUpperCase() : undefined;
}

const create: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const events = stamped(req, ctx, "events").map((e): Record<string, unknown> => ({ ...e, status: normaliseStatus(e["status"]) ?? "ACTIVE" }));
    if (events.length === 0) reject("INVALID_REQUEST", "events must hold at least one event.", ["events"]);
    rejectAll(
      events.flatMap((e, i) =>
        str(e["tenantId"]) === undefined || str(e["eventType"]) === undefined
          ? [digitError("INVALID_EVENT", `events[${i}] needs tenantId and eventType.`, [String(i)])]
          : [],
      ),
    );
    const visibleFrom = ctx.now() + ctx.options.writeLagMs;
    for (const e of events) slice.events[String(e["id"])] = { ...e, [VISIBLE_FROM]: visibleFrom };
    return ok(req, ctx.now(), req.route.successStatus, { events: structuredClone(events) });
  });

const update: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = Array.isArray(req.body["events"]) ? req.body["events"].filter(isRecord) : [];
    if (input.length === 0) reject("INVALID_REQUEST", "events must hold at least one event.", ["events"]);
    rejectAll(
      input.flatMap((e, i) =>
        slice.events[String(e["id"])] === undefined ? [digitError("EVENT_NOT_FOUND", `events[${i}]: no event with id ${String(e["id"])}.`, [String(e["id"])])] : [],
      ),
    );
    const updated = input.map((e) => {
      const old = slice.events[String(e["id"])] as Record<string, unknown>;
      const status = normaliseStatus(e["status"]) ?? old["status"];
      const next = { ...old, ...structuredClone(e), status, auditDetails: touchAudit(old["auditDetails"] as AuditDetails, actorOf(req), ctx.now()) };
      slice.events[String(e["id"])] = next;
      return next;
    });
    return ok(req, ctx.now(), req.route.successStatus, { events: updated.map(wire) });
  });

function matching(req: Parameters<OperationHandler<UserEventSlice>>[0], slice: UserEventSlice, now: number): Record<string, unknown>[] {
  const criteria = isRecord(req.body["searchCriteria"]) ? req.body["searchCriteria"] : {};
  const pick = (k: string): unknown => req.query[k] ?? criteria[k];
  const tenantId = str(pick("tenantId"));
  const ids = list(pick("ids"));
  const types = list(pick("eventTypes"));
  const status = list(pick("status")).map((s) => s.toUpperCase());
  return Object.values(slice.events).filter(
    (e) =>
      (typeof e[VISIBLE_FROM] !== "number" || e[VISIBLE_FROM] <= now) &&
      (tenantId === undefined || e["tenantId"] === tenantId) &&
      (ids.length === 0 || ids.includes(String(e["id"]))) &&
      (types.length === 0 || types.includes(String(e["eventType"]))) &&
      (status.length === 0 || status.includes(String(e["status"]))),
  );
}

const search: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const found = matching(req, slice, ctx.now());
    const offset = int(req.query["offset"], 0);
    const limit = int(req.query["limit"], 100);
    return ok(req, ctx.now(), 200, { events: found.slice(offset, offset + limit).map(wire) });
  });

const countNotifications: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const found = matching(req, slice, ctx.now());
    const seen = req.caller === null ? undefined : slice.lastAccess[req.caller.user.uuid];
    const unread = found.filter((e) => seen === undefined || ((e["auditDetails"] as AuditDetails | undefined)?.createdTime ?? 0) > seen).length;
    return ok(req, ctx.now(), 200, { totalCount: found.length, unreadCount: unread });
  });

const updateLastAccess: OperationHandler<UserEventSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    if (req.caller !== null) slice.lastAccess[req.caller.user.uuid] = ctx.now();
    return ok(req, ctx.now(), 200, { lastAccessTime: ctx.now() });
  });

export const userEventService: ServiceModule<UserEventSlice> = {
  key: "userEvent",
  initialState: () => ({ events: {}, lastAccess: {} }),
  handlers: {
    "userEvent.create": create,
    "userEvent.update": update,
    "userEvent.search": search,
    "userEvent.countNotifications": countNotifications,
    "userEvent.updateLastAccess": updateLastAccess,
  },
};
