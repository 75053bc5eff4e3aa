import { describe, expect, it } from "vitest";
import { filestoreService } from "../../src/services/filestore/index.js";
import { pdfService, urlShortenerService, userEventService } from "../../src/services/stateless/index.js";
import { bodyOf, caller, errorCodes, fakeContext, Harness, role } from "./helpers.js";

describe("pdf", () => {
  it("renders a PDF into the filestore slice on _create and answers bytes on _createnosave", () => {
    const ctx = fakeContext();
    const me = caller(ctx, [role("EMPLOYEE")]);
    const files = new Harness(filestoreService, ctx);
    const pdf = new Harness(pdfService, ctx);
    const created = bodyOf(pdf.call("pdf.create", { caller: me, query: { tenantId: "pb", key: "pgr-receipt" } }));
    const [id] = created["filestoreIds"] as string[];
    const download = files.call("filestore.download", { query: { tenantId: "pb", fileStoreId: id ?? "" } });
    expect(download.raw?.contentType).toBe("application/pdf");
    expect(new TextDecoder().decode(download.raw?.data).startsWith("%PDF-1.4")).toBe(true);
    const raw = pdf.call("pdf.createNoSave", { caller: me, query: { tenantId: "pb", key: "k" } });
    expect(raw.status).toBe(201);
    expect(new TextDecoder().decode(raw.raw?.data)).toContain("%%EOF");
    expect(errorCodes(pdf.call("pdf.create", { caller: me, query: { tenantId: "pb" } }))).toEqual(["INVALID_REQUEST"]);
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
  it("stores created events so search and counts find them", () => {
    const ctx = fakeContext();
    const h = new Harness(userEventService, ctx);
    const me = caller(ctx, [role("CITIZEN")]);
    const created = h.call("userEvent.create", {
      caller: me,
      body: { events: [{ tenantId: "pb", eventType: "SYSTEMGENERATED", name: "Hello", source: "webapp" }, { tenantId: "pb", eventType: "BROADCAST", name: "News" }] },
    });
    const ids = (bodyOf(created)["events"] as { id: string }[]).map((e) => e.id);
    const search = (query: Record<string, string>) => (bodyOf(h.call("userEvent.search", { caller: me, query }))["events"] as { name: string }[]).map((e) => e.name);
    expect(search({ tenantId: "pb" })).toEqual(["Hello", "News"]);
    expect(search({ tenantId: "pb", eventTypes: "BROADCAST" })).toEqual(["News"]);
    expect(search({ tenantId: "pb", ids: ids[0] ?? "" })).toEqual(["Hello"]);
    h.call("userEvent.update", { caller: me, body: { events: [{ id: ids[0], name: "Hi", status: "INACTIVE" }] } });
    expect(search({ tenantId: "pb", status: "ACTIVE" })).toEqual(["News"]);
    expect(bodyOf(h.call("userEvent.countNotifications", { caller: me, query: { tenantId: "pb" } }))).toMatchObject({ totalCount: 2, unreadCount: 2 });
    ctx.clock.now += 1;
    h.call("userEvent.updateLastAccess", { caller: me });
    expect(bodyOf(h.call("userEvent.countNotifications", { caller: me, query: { tenantId: "pb" } }))).toMatchObject({ unreadCount: 0 });
    expect(errorCodes(h.call("userEvent.create", { caller: me, body: { events: [{ name: "x" }] } }))).toEqual(["INVALID_EVENT"]);
    expect(errorCodes(h.call("userEvent.update", { caller: me, body: { events: [{ id: "ghost" }] } }))).toEqual(["EVENT_NOT_FOUND"]);
  });

  it("hides new events during the write lag and never leaks the visibility marker", () => {
    const ctx = fakeContext({ writeLagMs: 10 });
    const h = new Harness(userEventService, ctx);
    const me = caller(ctx, [role("CITIZEN")]);
    const created = bodyOf(h.call("userEvent.create", { caller: me, body: { events: [{ tenantId: "pb", eventType: "BROADCAST", name: "Late" }] } }));
    expect(JSON.stringify(created)).not.toContain("visibleFrom");
    const search = () => bodyOf(h.call("userEvent.search", { caller: me, query: { tenantId: "pb" } }))["events"] as Record<string, unknown>[];
    expect(search()).toEqual([]);
    ctx.clock.now += 10;
    expect(search().map((e) => e["name"])).toEqual(["Late"]);
    expect(JSON.stringify(search())).not.toContain("visibleFrom");
  });
});
