import { describe, expect, it } from "vitest";

// Response bodies are checked field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
import { filestoreService } from "../../src/services/filestore/index.js";
import { pdfService, urlShortenerService, userEventService } from "../../src/services/stateless/index.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role } from "./helpers.js";

describe("pdf", () => {
  const requestInfo = (me: { user: { uuid: string; name: string; userName: string } }) => ({ apiId: "test", msgId: "1|en_IN", userInfo: { uuid: me.user.uuid, name: me.user.name, userName: me.user.userName } });

  it("renders one PDF per data object into filestore, answers 201 and finds the job with _search", () => {
    const ctx = fakeContext();
    const me = caller(ctx, [role("EMPLOYEE")]);
    const files = new Harness(filestoreService, ctx);
    const pdf = new Harness(pdfService, ctx);
    const RequestInfo = requestInfo(me);
    const res = pdf.call("pdf.create", { caller: me, query: { tenantId: "pb", key: "pgr-receipt" }, body: { RequestInfo, Bill: [{ id: "B1" }, { id: "B2" }] } });
    expect(res.status).toBe(201);
    const created = bodyOf(res);
    expect(created).toMatchObject({ ResponseInfo: RequestInfo, message: "Success", totalcount: 2, key: "pgr-receipt", documentType: "", moduleName: "" });
    const ids = created["filestoreIds"] as string[];
    expect(ids).toHaveLength(2);
    const download = files.call("filestore.download", { query: { tenantId: "pb", fileStoreId: ids[0] ?? "" } });
    expect(new TextDecoder().decode(download.raw?.data).startsWith("%PDF-1.4")).toBe(true);
    const found = pdf.call("pdf.search", { caller: me, query: { tenantid: "pb", jobid: String(created["jobid"]) }, body: { RequestInfo } });
    expect(found.status).toBe(200);
    expect((bodyOf(found)["searchresult"] as unknown[]).length).toBe(2);
    const byEntity = bodyOf(pdf.call("pdf.search", { caller: me, query: { tenantid: "pb", entityid: "B2" }, body: { RequestInfo } }))["searchresult"] as { filestoreids: string[] }[];
    expect(byEntity.map((r) => r.filestoreids)).toEqual([[ids[1]]]);
    expect(pdf.call("pdf.search", { caller: me, query: { tenantid: "pb", jobid: "nope" }, body: { RequestInfo } }).status).toBe(404);
    const consolidated = bodyOf(pdf.call("pdf.create", { caller: me, query: { tenantId: "pb", key: "k", isconsolidated: "true" }, body: { RequestInfo, Bill: [{ id: "B3" }, { id: "B4" }] } }));
    expect(consolidated["filestoreIds"]).toHaveLength(1);
    expect(pdf.call("pdf.search", { caller: me, query: { tenantid: "pb", jobid: String(consolidated["jobid"]) }, body: { RequestInfo } }).status).toBe(404);
  });

  it("answers pdf-service's {message, ResponseInfo} errors", () => {
    const ctx = fakeContext();
    const me = caller(ctx, [role("EMPLOYEE")]);
    const pdf = new Harness(pdfService, ctx);
    const RequestInfo = requestInfo(me);
    const missing = pdf.call("pdf.create", { caller: me, query: { key: "k" }, body: { RequestInfo, Bill: [{}] } });
    expect(missing.status).toBe(400);
    expect(bodyOf(missing)).toEqual({ ResponseInfo: RequestInfo, message: " tenantId is missing," });
    const noData = bodyOf(pdf.call("pdf.create", { caller: me, query: { key: "k", tenantId: "pb" }, body: { RequestInfo } }));
    expect(String(noData["message"])).toMatch(/^some unknown error while creating: could not find property of type array/);
    expect(bodyOf(pdf.call("pdf.search", { caller: me, query: { tenantid: "pb" }, body: { RequestInfo } }))["message"]).toBe("jobid and entityid both can not be empty");
    expect(String(bodyOf(pdf.call("pdf.search", { caller: me, query: { jobid: "x" }, body: { RequestInfo } }))["message"])).toMatch(/^some unknown error while searching: /);
    expect(pdf.call("pdf.getBulkRecords", { caller: me, query: { jobId: "x" }, body: { RequestInfo } }).status).toBe(500);
    expect(bodyOf(pdf.call("pdf.cancelProcess", { caller: me, body: { RequestInfo } }))["message"]).toBe("jobid or userid can not be empty");
  });

  it("answers the bytes of _createnosave with pdf-service's attachment header", () => {
    const ctx = fakeContext();
    const me = caller(ctx, [role("EMPLOYEE")]);
    const raw = new Harness(pdfService, ctx).call("pdf.createNoSave", { caller: me, query: { tenantId: "pb", key: "k" }, body: { RequestInfo: requestInfo(me), Bill: [{}] } });
    expect(raw.status).toBe(201);
    expect(raw.headers?.["content-disposition"]).toMatch(/^attachment;filename=k-\d+\.pdf$/);
    expect(new TextDecoder().decode(raw.raw?.data)).toContain("%%EOF");
  });
});

describe("url shortener", () => {
  it("stores every URL under a new id, answers the absolute short URL, and redirects without checking validity", () => {
    const ctx = fakeContext();
    const h = new Harness(urlShortenerService, ctx);
    const shorten = (body: Record<string, unknown>) => h.call("urlShortener.shorten", { rawBody: body });
    const short = new TextDecoder().decode(shorten({ url: "https://example.org/a?b=c", validTill: 1 }).raw?.data);
    expect(short).toMatch(/^http:\/\/localhost\/egov-url-shortening\/\w{3,}$/);
    const again = new TextDecoder().decode(shorten({ url: "https://example.org/a?b=c", id: "mine" }).raw?.data);
    expect(again).not.toBe(short);
    expect(again).not.toMatch(/mine$/);
    const id = short.split("/").pop() ?? "";
    const resolved = h.call("urlShortener.resolve", { params: { id } });
    expect(resolved.status).toBe(302);
    expect(resolved.headers?.["location"]).toBe("https://example.org/a?b=c");
    expect(bodyOf(h.call("urlShortener.resolve", { params: { id: "nope" } }))["Errors"]).toEqual([
      { id: null, parentId: null, code: "QUERY_EXECUTION_ERROR", message: "Database operation failed", description: "An error occurred while processing the database request.", params: null },
    ]);
    for (const bad of ["not a url", "http://localhost:8080/a", "https://Example.org", "http://10.0.0.1/x"]) {
      expect(errorCodes(shorten({ url: bad }))).toEqual(["URL_SHORTENING_INVALID_URL"]);
    }
    expect(shorten({ url: "www.example.org/a" }).status).toBe(200);
    expect(errorCodes(shorten({ RequestInfo: {}, url: "https://example.org" }))).toEqual(["JsonMappingException"]);
    expect(errorCodes(shorten({}))).toEqual(["NotNull.shortenRequest.url"]);
  });

  it("treats ids like __proto__ as unknown", () => {
    const h = new Harness(urlShortenerService, fakeContext());
    for (const id of ["__proto__", "constructor", "toString"]) expect(h.call("urlShortener.resolve", { params: { id } }).status).toBe(400);
  });
});

describe("user events", () => {
  const HOUR = 3600 * 1000;
  function setup(writeLagMs = 0) {
    const ctx = fakeContext({ writeLagMs });
    const h = new Harness(userEventService, ctx);
    const me = caller(ctx, [role("EMPLOYEE")]);
    const RequestInfo = { apiId: "test", msgId: "1|en_IN", userInfo: { uuid: me.user.uuid, tenantId: "pb", type: "EMPLOYEE", roles: [{ code: "EMPLOYEE", tenantId: "pb" }] } };
    const event = (overrides: Record<string, unknown> = {}) => ({
      tenantId: "pb.amritsar",
      eventType: "BROADCAST",
      name: "News",
      description: "Something",
      source: "webapp",
      eventDetails: { fromDate: ctx.now() + HOUR, toDate: ctx.now() + 2 * HOUR },
      ...overrides,
    });
    const create = (...events: unknown[]) => h.call("userEvent.create", { caller: me, body: { RequestInfo, events } });
    const search = (query: Record<string, string>) => bodyOf(h.call("userEvent.search", { caller: me, query }));
    return { ctx, h, me, RequestInfo, event, create, search };
  }

  it("creates events with DIGIT's enrichment and finds the tenant's events newest first", () => {
    const { ctx, create, search, event, me } = setup();
    const first = (bodyOf(create(event({ id: "mine", postedBy: "x", name: "One" })))["events"] as Record<string, Json>[])[0];
    expect(first).toMatchObject({ status: "ACTIVE", source: "WEBAPP", postedBy: me.user.uuid, referenceId: null });
    expect(first?.["id"]).not.toBe("mine");
    expect(first?.["eventDetails"].eventId).toBe(first?.["id"]);
    ctx.clock.now += 1;
    create(event({ name: "Two" }), event({ name: "Later", eventDetails: { fromDate: ctx.now() + 48 * HOUR, toDate: ctx.now() + 72 * HOUR } }));
    const found = search({ tenantId: "pb.amritsar" });
    expect((found["events"] as { name: string }[]).map((e) => e.name)).toEqual(["Later", "Two", "One"]);
    expect(found["totalCount"]).toBe(3);
    expect(search({ tenantId: "pb.amritsar", status: "INACTIVE" })["events"]).toHaveLength(1);
    expect(search({ tenantId: "pb.amritsar", limit: "1" })).toMatchObject({ totalCount: 3 });
    expect(search({ tenantId: "pb" })["events"]).toEqual([]);
  });

  it("refuses what DIGIT refuses on create", () => {
    const { create, event } = setup();
    const codes = (res: ReturnType<typeof create>) => errorCodes(res).sort();
    expect(codes(create(event({ source: "SMS" })))).toEqual(["NotNull.eventRequest.events[0].source"]);
    expect(codes(create(event(), event({ tenantId: "pb" })))).toEqual(["MEN_DIFF_TENANT_ERROR"]);
    expect(codes(create(event({ eventDetails: { fromDate: 1, toDate: 0 } })))).toEqual(["MEN_INVALID_EVENT_DATE", "MEN_INVALID_FROM_TO_DATE"]);
    expect(codes(create(event({ recepient: { toRoles: ["All", "CITIZEN.CITIZEN"], toUsers: ["not-a-uuid"] } })))).toEqual(["MEN_INVALID_TOROLE_ALL", "MEN_INVALID_TOUSER"]);
  });

  it("checks eventType against mseva masters when the state has them", () => {
    const { ctx, create, event } = setup();
    const mdms = ctx.slices["mdms"] as { data: Record<string, Record<string, Record<string, unknown>>> };
    const rec = (code: string) => ({ id: code, tenantId: "pb", schemaCode: "x", uniqueIdentifier: code, data: { code, active: true }, isActive: true, auditDetails: {}, visibleFrom: 0 });
    mdms.data["pb"] = { "mseva.EventTypes": { b: rec("BROADCAST") }, "mseva.EventCategories": { c: rec("CULTURAL") } };
    expect(errorCodes(create(event({ eventType: "NOPE" })))).toEqual(["MEN_INVALID_EVENTTYPE"]);
    expect(errorCodes(create(event({ eventDetails: null })))).toEqual(["MEN_UPDATE_EVENTDETAILS_MANDATORY"]);
    expect(create(event()).status).toBe(200);
  });

  it("updates need a status and existing ids; CANCELLED events are hidden unless asked", () => {
    const { h, me, RequestInfo, create, search, event } = setup();
    const created = (bodyOf(create(event()))["events"] as Record<string, unknown>[])[0] as Record<string, unknown>;
    const update = (e: Record<string, unknown>) => h.call("userEvent.update", { caller: me, body: { RequestInfo, events: [e] } });
    expect(errorCodes(update({ ...created, status: null }))).toEqual(["MEN_UPDATE_STATUS_NOTNULL"]);
    expect(errorCodes(update({ ...created, id: "ghost" }))).toEqual(["MEN_UPDATE_MISSING_EVENTS"]);
    expect(update({ ...created, status: "CANCELLED" }).status).toBe(200);
    expect(search({ tenantId: "pb.amritsar" })["events"]).toEqual([]);
    expect(search({ tenantId: "pb.amritsar", status: "CANCELLED" })["events"]).toHaveLength(1);
  });

  it("counts a citizen's notifications and answers a bare ResponseInfo on lat/_update", () => {
    const { ctx, h, create, event } = setup();
    const citizen = caller(ctx, [role("CITIZEN")]);
    expect(create(event(), event({ recepient: { toRoles: ["CITIZEN.CITIZEN"] } }), event({ recepient: { toRoles: ["EMPLOYEE.GRO"] } })).status).toBe(200);
    const count = () => bodyOf(h.call("userEvent.countNotifications", { caller: citizen, query: { tenantId: "pb.amritsar" } }));
    citizen.user.type = "CITIZEN";
    expect(count()).toMatchObject({ totalCount: 2, unreadCount: 2 });
    ctx.clock.now += 1;
    const lat = h.call("userEvent.updateLastAccess", { caller: citizen, body: { RequestInfo: { apiId: "test", msgId: "1|en_IN", userInfo: { uuid: citizen.user.uuid } } } });
    expect(bodyOf(lat)).toMatchObject({ status: "successful" });
    expect(bodyOf(lat)).not.toHaveProperty("ResponseInfo");
    expect(count()).toMatchObject({ totalCount: 2, unreadCount: 0 });
    expect(Object.keys(count()).sort()).toEqual(["ResponseInfo", "totalCount", "unreadCount"]);
  });

  it("hides new events during the write lag and never leaks the stored extras", () => {
    const { ctx, create, search, event } = setup(10);
    expect(JSON.stringify(bodyOf(create(event({ name: "Late" }))))).not.toMatch(/visibleFrom|recipients/);
    expect(search({ tenantId: "pb.amritsar" })["events"]).toEqual([]);
    ctx.clock.now += 10;
    const events = search({ tenantId: "pb.amritsar" })["events"] as Record<string, unknown>[];
    expect(events.map((e) => e["name"])).toEqual(["Late"]);
    expect(JSON.stringify(events)).not.toMatch(/visibleFrom|recipients|"seq"/);
  });
});
