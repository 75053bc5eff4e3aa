import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE, testClient } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const records = Array.from({ length: 250 }, (_, i) => ({ id: `r${i}` }));

describe("pagination", () => {
  it("iterates a body-criteria search over 3 pages and stops on the short page", async () => {
    const pages: { offset: number; limit: number }[] = [];
    server.use(
      http.post(`${BASE}/mdms-v2/v2/_search`, async ({ request }) => {
        const { MdmsCriteria } = (await request.json()) as { MdmsCriteria: { offset: number; limit: number; schemaCode: string } };
        expect(MdmsCriteria.schemaCode).toBe("a.b");
        pages.push({ offset: MdmsCriteria.offset, limit: MdmsCriteria.limit });
        return HttpResponse.json({ mdms: records.slice(MdmsCriteria.offset, MdmsCriteria.offset + MdmsCriteria.limit) });
      }),
    );
    const digit = testClient();
    const seen: string[] = [];
    for await (const r of digit.paginate(digit.api.search, { MdmsCriteria: { tenantId: "pb", schemaCode: "a.b" } }, { pageSize: 100 })) {
      seen.push(r.id);
    }
    expect(seen).toEqual(records.map((r) => r.id));
    expect(pages).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
      { offset: 200, limit: 100 },
    ]);
  });

  it("puts offset/limit in the query when the route takes them there, honours max and caps page size", async () => {
    const queries: string[] = [];
    server.use(
      http.post(`${BASE}/egov-hrms/employees/_search`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q.toString());
        const offset = Number(q.get("offset"));
        return HttpResponse.json({ Employees: records.slice(offset, offset + Number(q.get("limit"))) });
      }),
    );
    const digit = testClient();
    const items = [];
    for await (const e of digit.api.hrmsSearch.iterate({}, { pageSize: 10_000, max: 120 })) items.push(e);
    expect(items).toHaveLength(120);
    expect(queries).toEqual(["offset=0&limit=120&tenantId=pb"]);
  });

  it("stops on an empty page", async () => {
    let calls = 0;
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => (calls++, HttpResponse.json({ mdms: calls === 1 ? [{ id: 1 }, { id: 2 }] : [] }))));
    const items = [];
    for await (const r of testClient().api.search.iterate({ MdmsCriteria: {} }, { pageSize: 2 })) items.push(r);
    expect(items).toHaveLength(2);
    expect(calls).toBe(2);
  });

  it("stops when the server ignores paging (same page again, or more items than asked)", async () => {
    let calls = 0;
    const all = Array.from({ length: 3 }, (_, i) => ({ id: i }));
    server.use(http.post(`${BASE}/mdms-v2/v2/_search`, () => (calls++, HttpResponse.json({ mdms: all }))));
    const same = [];
    for await (const r of testClient().api.search.iterate({}, { pageSize: 3 })) same.push(r);
    expect(same).toEqual(all);
    expect(calls).toBe(2);
    calls = 0;
    const longer = [];
    for await (const r of testClient().api.search.iterate({}, { pageSize: 2 })) longer.push(r);
    expect(longer).toEqual(all);
    expect(calls).toBe(1);
  });
});
