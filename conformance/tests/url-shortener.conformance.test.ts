/**
 * egov-url-shortening: no gateway route and no RequestInfo; other services call it inside the cluster, so these
 * behaviours use the internal door. Every shorten call stores a row (DIGIT has no delete).
 */
import { describe, expect } from "vitest";
import { behaviour, type Answer, type DigitConnection } from "../src/index.js";

const URL_SVC = "egov-url-shortening/src/main/java/org/egov/url/shortening";
const SHORTEN = "/egov-url-shortening/shortener";

const shorten = (digit: DigitConnection, body: unknown) => digit.post(SHORTEN, body, { door: "internal", raw: true });

/** The path of a short URL (`<host>/egov-url-shortening/<id>`). */
const pathOf = (short: string) => new URL(short).pathname;

async function resolve(digit: DigitConnection, path: string): Promise<Answer> {
  const target = digit.target.internalFetch ?? digit.target.fetch;
  const res = await target(`${digit.target.baseUrl}${path}`, { redirect: "manual" });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text, headers: res.headers };
}

describe("url shortener", () => {
  behaviour(
    "shortener answers an absolute short URL as plain text: <host>/egov-url-shortening/<id>",
    [`${URL_SVC}/controller/ShortenController.java:41`, `${URL_SVC}/service/URLConverterService.java:94`],
    async ({ digit }) => {
      const res = await shorten(digit, { url: "https://example.org/p?q=1" });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^https?:\/\/[^/]+(\/.*)?\/egov-url-shortening\/\w{3,}$/);
    },
    { internal: true },
  );

  behaviour(
    "every call makes a new short id, even for the same URL, and an id in the body is ignored",
    `${URL_SVC}/service/URLConverterService.java:96`,
    async ({ digit }) => {
      const a = await shorten(digit, { url: "https://example.org/same" });
      const b = await shorten(digit, { url: "https://example.org/same", id: "mine" });
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.text).not.toBe(b.text);
      expect(b.text).not.toMatch(/\/mine$/);
    },
    { internal: true },
  );

  behaviour(
    "the short path redirects (302) to the stored URL",
    `${URL_SVC}/controller/ShortenController.java:67`,
    async ({ digit }) => {
      const res = await shorten(digit, { url: "https://example.org/p?q=1" });
      const hop = await resolve(digit, pathOf(res.text));
      expect(hop.status).toBe(302);
      expect(hop.headers.get("location")).toBe("https://example.org/p?q=1");
    },
    { internal: true },
  );

  behaviour(
    "an unknown short id is a 400 QUERY_EXECUTION_ERROR, not a 404",
    [`${URL_SVC}/repository/UrlDBRepository.java:67`, "libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:162"],
    async ({ digit }) => {
      const res = await resolve(digit, "/egov-url-shortening/zzzzzzzzzz");
      expect(res.status).toBe(400);
      expect((res.body as { Errors: { code: string }[] }).Errors[0]?.code).toBe("QUERY_EXECUTION_ERROR");
    },
    { internal: true },
  );

  behaviour(
    "the URL's scheme is optional",
    `${URL_SVC}/validator/URLValidator.java:9`,
    async ({ digit }) => {
      const res = await shorten(digit, { url: "www.example.org/a" });
      expect(res.status).toBe(200);
    },
    { internal: true },
  );

  behaviour(
    "a host without a dot-TLD (localhost) is refused with URL_SHORTENING_INVALID_URL",
    [`${URL_SVC}/validator/URLValidator.java:9`, `${URL_SVC}/controller/ShortenController.java:64`],
    async ({ digit }) => {
      const res = await shorten(digit, { url: "http://localhost:8080/a" });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0]).toMatchObject({ code: "URL_SHORTENING_INVALID_URL", message: "Please enter a valid URL" });
    },
    { internal: true },
  );

  behaviour(
    "validFrom and validTill are stored but never enforced",
    `${URL_SVC}/service/URLConverterService.java:130`,
    async ({ digit }) => {
      const res = await shorten(digit, { url: "https://example.org/expired", validFrom: 1, validTill: 2 });
      expect(res.status).toBe(200);
      const hop = await resolve(digit, pathOf(res.text));
      expect(hop.status).toBe(302);
      expect(hop.headers.get("location")).toBe("https://example.org/expired");
    },
    { internal: true },
  );

  behaviour(
    "a body field the request type lacks (e.g. RequestInfo) is refused: the service's ObjectMapper fails on unknown properties",
    ["egov-url-shortening/src/main/java/org/egov/UrlSorteningApplication.java:17", "libraries/tracer/src/main/java/org/egov/tracer/ExceptionAdvise.java:98"],
    async ({ digit }) => {
      const res = await shorten(digit, { RequestInfo: { apiId: "Rainmaker" }, url: "https://example.org/a" });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].code).toBe("JsonMappingException");
    },
    { internal: true },
  );
});
