/**
 * The gateway and the two doors: what every DIGIT call goes through before a service sees it.
 */
import { describe, expect } from "vitest";
import { behaviour } from "../src/index.js";

const WORKFLOW_SEARCH = "/egov-workflow-v2/egov-wf/businessservice/_search";

describe("gateway", () => {
  behaviour(
    "a request without a token to a secured route is refused before any service sees it",
    "gateway/src/main/java/com/example/gateway/filters/pre/helpers/AuthCheckFilterHelper.java:19",
    async ({ anonymous, state }) => {
      const res = await anonymous().post(WORKFLOW_SEARCH, {}, { query: { tenantId: state, businessServices: "PGR" }, token: null });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    },
  );

  behaviour(
    "the internal door trusts RequestInfo.userInfo as sent, with no token",
    "egov-workflow-v2/src/main/java/org/egov/wf/web/controllers/BusinessServiceController.java:56",
    async ({ digit, state }) => {
      const res = await digit.post(WORKFLOW_SEARCH, { RequestInfo: { apiId: "Rainmaker", userInfo: digit.user } }, { query: { tenantId: state, businessServices: "PGR" }, door: "internal", raw: true });
      expect(res.status).toBe(200);
    },
    { internal: true },
  );
});
