import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { routes, serviceKeys, type RouteDef } from "@digit-kit/sdk/routes";

const canonicalDir = fileURLToPath(new URL("../../../../specs/canonical/", import.meta.url));
const all: RouteDef[] = Object.values(routes);

const CONTEXT_PATHS: Record<string, string> = {
  user: "/user/",
  access: "/access/v1/",
  mdmsV1: "/egov-mdms-service/v1/",
  mdms: "/mdms-v2/",
  workflow: "/egov-workflow-v2/egov-wf/",
  localization: "/localization/messages/",
  idgen: "/egov-idgen/",
  filestore: "/filestore/v1/",
  enc: "/egov-enc-service/crypto/v1/",
  boundary: "/boundary-service/",
  hrms: "/egov-hrms/employees/",
  userEvent: "/egov-user-event/v1/events/",
  urlShortener: "/egov-url-shortening/",
  pdf: "/pdf-service/v1/",
  billing: "/billing-service/",
  collection: "/collection-services/",
  pg: "/pg-service/",
  pgr: "/pgr-services/v2/request/",
};

/** The operations CONTRACTS.md marks safe to retry (searches, counts, GETs). */
const RETRY_SAFE = new Set([
  "user.search", "user.details", "user.searchV1",
  "access.searchActions", "access.validateActions", "access.authorize", "access.getMdmsActions", "access.searchRoles",
  "mdmsV1.search", "mdmsV1.get",
  "mdms.searchSchemas", "mdms.search", "mdms.count", "mdms.searchV1",
  "workflow.searchProcesses", "workflow.countProcesses", "workflow.nearingSlaCount", "workflow.statusCount",
  "workflow.searchEscalated", "workflow.searchBusinessServices", "workflow.searchBusinessServicesV2",
  "localization.search", "localization.getMessages", "localization.searchV2",
  "filestore.getUrl", "filestore.searchByTag", "filestore.getMetadata", "filestore.download",
  "enc.verify",
  "boundary.search", "boundary.searchHierarchies", "boundary.searchRelationships",
  "hrms.search", "hrms.count",
  "userEvent.search", "userEvent.countNotifications",
  "urlShortener.resolve",
  "pdf.search", "pdf.getUnregisteredCodes", "pdf.getBulkRecords",
  "billing.searchAmendments", "billing.searchBills", "billing.searchBusinessServices", "billing.searchDemands",
  "billing.searchTaxHeads", "billing.searchTaxPeriods",
  "collection.searchBankAccountMappings", "collection.searchPayments", "collection.plainSearchPayments",
  "collection.searchModulePayments", "collection.searchRemittances",
  "pg.searchGateways", "pg.searchTransactions",
  "pgr.search", "pgr.count", "pgr.plainSearch",
]);

describe("generated route table", () => {
  it("covers all 18 service keys", () => {
    expect([...serviceKeys].sort()).toEqual(Object.keys(CONTEXT_PATHS).sort());
    for (const key of serviceKeys) expect(all.some((r) => r.service === key)).toBe(true);
  });

  it("has unique `<service>.<method>` operationIds matching the table keys", () => {
    for (const [id, route] of Object.entries(routes)) {
      expect(route.operationId).toBe(id);
      expect(id).toBe(`${route.service}.${route.method}`);
      expect(route.method).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
    expect(new Set(all.map((r) => r.operationId)).size).toBe(all.length);
  });

  it("uses full gateway paths under each service's context path, without placeholders or doubled prefixes", () => {
    for (const r of all) {
      const context = CONTEXT_PATHS[r.service] as string;
      // GET /localization/messages is the context path itself (MessageController's class mapping).
      expect(r.path.startsWith(context) || `${r.path}/` === context, r.operationId).toBe(true);
      expect(r.path).not.toContain("[API endpoint]");
      expect(r.path).not.toContain("//");
      const [first, second] = r.path.split("/").filter(Boolean);
      expect(first === second, `${r.operationId}: ${r.path}`).toBe(false);
      expect(r.path).not.toMatch(/\/egov-pg-service\/pg-service|^\/users\/|metaData/);
      expect(r.pathParams).toEqual([...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
    }
  });

  it("has no two operations on the same method and path", () => {
    const keys = all.map((r) => `${r.httpMethod} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("marks exactly the search, count and GET-style operations retry-safe", () => {
    const safe = all.filter((r) => r.retrySafe).map((r) => r.operationId).sort();
    expect(safe).toEqual([...RETRY_SAFE].sort());
  });

  it("answers mdms-v2 writes and schema calls with 202 and data searches with 200", () => {
    expect(routes["mdms.create"].successStatus).toBe(202);
    expect(routes["mdms.create"].path).toBe("/mdms-v2/v2/_create/{schemaCode}");
    expect(routes["mdms.create"].pathParams).toEqual(["schemaCode"]);
    expect(routes["mdms.update"].successStatus).toBe(202);
    expect(routes["mdms.createSchema"].successStatus).toBe(202);
    expect(routes["mdms.searchSchemas"].successStatus).toBe(202);
    expect(routes["mdms.search"].successStatus).toBe(200);
    expect(routes["mdms.search"].listKey).toBe("mdms");
    expect(routes["mdms.searchV1"].successStatus).toBe(200);
  });

  it("logs in with a form body and no auth", () => {
    expect(routes["user.login"]).toMatchObject({ httpMethod: "POST", path: "/user/oauth/token", body: "form", auth: false });
    expect(routes["filestore.upload"].body).toBe("multipart");
    // The gateway lets url through only with a token; upload, download and tag search are mixed mode.
    expect(routes["filestore.getUrl"]).toMatchObject({ httpMethod: "GET", body: "none", auth: true });
    expect(routes["filestore.download"]).toMatchObject({ httpMethod: "GET", auth: false });
    // DIGIT's gateway does not whitelist the GET mapping of transaction/v1/_update: it needs a token.
    expect(routes["pg.updateTransactionCallback"]).toMatchObject({ httpMethod: "GET", auth: true });
  });

  it("applies the upstream fixes", () => {
    expect(routes["access.updateActions"].httpMethod).toBe("POST");
    expect(routes["access.updateRoles"].httpMethod).toBe("POST");
    expect(routes["workflow.searchEscalated"].path).toBe("/egov-workflow-v2/egov-wf/escalate/_search");
    expect(routes["filestore.getMetadata"].path).toBe("/filestore/v1/files/metadata");
    expect(routes["hrms.search"].queryParams).toContain("tenantId");
    expect(all.some((r) => r.path.includes("feature-role"))).toBe(false);
    expect(all.some((r) => r.path.startsWith("/user/citizen/_search"))).toBe(false);
  });

  it("matches the canonical documents operation for operation", () => {
    for (const key of serviceKeys) {
      const doc = parse(readFileSync(`${canonicalDir}${key}.yaml`, "utf8")) as {
        openapi: string;
        paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; "x-digit-not-implemented"?: boolean }>>;
      };
      expect(doc.openapi).toBe("3.0.3");
      const inDoc = new Map<string, { method: string; path: string; status: number }>();
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          // A route DIGIT maps but does not implement answers 501 (x-digit-not-implemented), not a 2xx.
          const status = op["x-digit-not-implemented"] ? 501 : Number(Object.keys(op.responses).find((s) => /^[23]\d\d$/.test(s)));
          inDoc.set(op.operationId, { method: method.toUpperCase(), path, status });
          expect(op.responses["400"], `${op.operationId} has a 400 response`).toBeDefined();
        }
      }
      const table = all.filter((r) => r.service === key);
      expect([...inDoc.keys()].sort()).toEqual(table.map((r) => r.operationId).sort());
      for (const r of table) expect(inDoc.get(r.operationId)).toEqual({ method: r.httpMethod, path: r.path, status: r.successStatus });
    }
  });
});
