/**
 * egov-user-event: events (broadcasts, events on ground), their search and the notification count.
 * Event types are checked against the MDMS masters `mseva.EventTypes` / `mseva.EventCategories` of the state.
 */
import { describe, expect } from "vitest";
import { behaviour, type Conformance, type Json } from "../src/index.js";

const UE = "egov-user-event/src/main/java/org/egov/userevent";
const EVENTS = "/egov-user-event/v1/events";
const HOUR = 3600 * 1000;

function broadcast(c: Conformance, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    tenantId: c.city,
    eventType: "BROADCAST",
    name: c.unique("EV"),
    description: "Conformance broadcast",
    source: "WEBAPP",
    eventDetails: { fromDate: now + HOUR, toDate: now + 48 * HOUR },
    ...overrides,
  };
}

async function create(c: Conformance, ...events: Record<string, unknown>[]) {
  return c.digit.post(`${EVENTS}/_create`, { events });
}

async function search(c: Conformance, query: Record<string, string>) {
  return c.digit.post(`${EVENTS}/_search`, {}, { query });
}

const codes = (res: { body: Json }): string[] => (res.body?.Errors ?? []).map((e: Json) => e.code);

describe("user events", () => {
  behaviour(
    "_create answers the events with a new id, postedBy the caller and status ACTIVE, without totalCount",
    `${UE}/service/UserEventsService.java:423`,
    async (c) => {
      const res = await create(c, broadcast(c, { id: "client-chosen-id", postedBy: "someone-else" }));
      expect(res.status, res.text).toBe(200);
      const [event] = res.body.events;
      expect(event.id).not.toBe("client-chosen-id");
      expect(event.postedBy).toBe(c.digit.user.uuid);
      expect(event.status).toBe("ACTIVE");
      expect(event.auditDetails.createdBy).toBe(c.digit.user.uuid);
      expect(typeof event.eventDetails.id).toBe("string");
      expect(res.body).not.toHaveProperty("totalCount");
    },
  );

  behaviour("a broadcast starting more than a day ahead is created INACTIVE", `${UE}/service/UserEventsService.java:438`, async (c) => {
    const now = Date.now();
    const res = await create(c, broadcast(c, { eventDetails: { fromDate: now + 72 * HOUR, toDate: now + 96 * HOUR } }));
    expect(res.status, res.text).toBe(200);
    expect(res.body.events[0].status).toBe("INACTIVE");
  });

  behaviour("source is required (WEBAPP or MOBILEAPP)", `${UE}/web/contract/Event.java:63`, async (c) => {
    const e = broadcast(c);
    delete e["source"];
    const res = await create(c, e);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.Errors)).toContain("source");
  });

  behaviour("an eventType outside mseva.EventTypes is refused", `${UE}/web/validator/UserEventsValidator.java:263`, async (c) => {
    const res = await create(c, broadcast(c, { eventType: "NOPE" }));
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["MEN_INVALID_EVENTTYPE"]);
  });

  behaviour("dates in the past are refused on create", `${UE}/web/validator/UserEventsValidator.java:212`, async (c) => {
    const now = Date.now();
    const res = await create(c, broadcast(c, { eventDetails: { fromDate: now + HOUR, toDate: now - HOUR } }));
    expect(res.status).toBe(400);
    expect(codes(res).sort()).toEqual(["MEN_INVALID_EVENT_DATE", "MEN_INVALID_FROM_TO_DATE"]);
  });

  behaviour("events of two tenants in one request are refused", `${UE}/web/validator/UserEventsValidator.java:50`, async (c) => {
    const res = await create(c, broadcast(c), broadcast(c, { tenantId: c.state }));
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["MEN_DIFF_TENANT_ERROR"]);
  });

  behaviour("_search needs tenantId", `${UE}/web/contract/EventSearchCriteria.java:42`, async (c) => {
    const res = await search(c, {});
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["NotNull.eventSearchCriteria.tenantId"]);
  });

  behaviour("an employee search lists the tenant's events newest first with totalCount, CANCELLED ones only when asked", `${UE}/repository/querybuilder/UserEventsQueryBuilder.java:216`, async (c) => {
    const first = (await create(c, broadcast(c))).body.events[0];
    await new Promise((r) => setTimeout(r, 5));
    const second = (await create(c, broadcast(c))).body.events[0];
    await new Promise((r) => setTimeout(r, 5));
    const third = (await create(c, broadcast(c))).body.events[0];
    const cancelled = await c.digit.post(`${EVENTS}/_update`, { events: [{ ...third, status: "CANCELLED" }] });
    expect(cancelled.status, cancelled.text).toBe(200);
    await c.eventually(async () => {
      const res = await search(c, { tenantId: c.city, ids: [first.id, second.id, third.id].join(",") });
      expect(res.status).toBe(200);
      expect(res.body.events.map((e: Json) => e.id)).toEqual([second.id, first.id]);
      expect(res.body.totalCount).toBe(2);
      const all = await search(c, { tenantId: c.city, ids: [first.id, third.id].join(","), status: "CANCELLED" });
      expect(all.body.events.map((e: Json) => e.id)).toEqual([third.id]);
    });
  });

  behaviour("_update needs a status and an existing event", `${UE}/web/validator/UserEventsValidator.java:100`, async (c) => {
    const event = (await create(c, broadcast(c))).body.events[0];
    await c.eventually(async () => expect((await search(c, { tenantId: c.city, ids: event.id })).body.events).toHaveLength(1));
    const { status: _s, ...noStatus } = event;
    const res = await c.digit.post(`${EVENTS}/_update`, { events: [noStatus] });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(["MEN_UPDATE_STATUS_NOTNULL"]);
    const missing = await c.digit.post(`${EVENTS}/_update`, { events: [{ ...event, id: "00000000-0000-4000-8000-00000000dead" }] });
    expect(missing.status).toBe(400);
    expect(codes(missing)).toContain("MEN_UPDATE_MISSING_EVENTS");
  });

  behaviour("lat/_update answers a bare ResponseInfo", `${UE}/service/UserEventsService.java:410`, async (c) => {
    const res = await c.digit.post(`${EVENTS}/lat/_update`, {});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("successful");
    expect(res.body).not.toHaveProperty("ResponseInfo");
  });

  behaviour("notifications/_count answers ResponseInfo, totalCount and unreadCount", `${UE}/web/contract/NotificationCountResponse.java:25`, async (c) => {
    const res = await c.digit.post(`${EVENTS}/notifications/_count`, {}, { query: { tenantId: c.city, userids: c.digit.user.uuid } });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["ResponseInfo", "totalCount", "unreadCount"]);
  });
});
