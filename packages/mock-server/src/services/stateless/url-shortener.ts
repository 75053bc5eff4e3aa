/**
 * egov-url-shortening: `shortener` stores a URL under a new short id and answers the absolute short URL as
 * plain text; `GET /{id}` redirects (302 Location). DIGIT: egov-url-shortening/src/main/java/org/egov/url/shortening
 * (controller/ShortenController.java, service/URLConverterService.java). Errors go through the tracer.
 */
import type { OperationHandler, ServiceModule } from "../../core/types.js";
import { requestOrigin } from "../shared/origin.js";
import { ownGet, ownSet } from "../shared/own.js";
import { customException, queryExecutionError, tracerError, unhandledException } from "../shared/tracer.js";

export interface ShortUrl {
  url: string;
  /** Stored as sent; DIGIT never enforces them. */
  validFrom: number | null;
  validTill: number | null;
}

export interface UrlShortenerSlice {
  urls: Record<string, ShortUrl>;
  /** The row sequence (`UrlDBRepository.incrementID`); absent in states from before it existed. */
  lastId?: number;
}

/** Path prefix of short links (the context path). */
export const SHORT_PREFIX = "/egov-url-shortening/";

/** URLValidator (URLValidator.java:9): scheme optional, a lower-case host with a 2–5 letter TLD. */
export const URL_PATTERN = /^(http:\/\/www\.|https:\/\/www\.|http:\/\/|https:\/\/)?[a-z0-9]+([-.]{1}[a-z0-9]+)*\.[a-z]{2,5}(:[0-9]{1,5})?(\/.*)?$/;

/** ShortenRequest's properties: the service's own `new ObjectMapper()` fails on any other (UrlSorteningApplication.java:17). */
const FIELDS = new Set(["id", "url", "validFrom", "validTill"]);

const BASE62 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A short id for row `n`: unique, at least 3 characters, letters and digits (DIGIT uses hashids, min length 3). */
function shortId(n: number): string {
  let v = n + 3844; // 62² : every id has three or more characters
  let out = "";
  while (v > 0) {
    out = BASE62.charAt(v % 62) + out;
    v = Math.floor(v / 62);
  }
  return out;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

const shorten: OperationHandler<UrlShortenerSlice> = (req, _ctx, slice) => {
  if (Object.keys(req.body).some((k) => !FIELDS.has(k))) {
    return tracerError([{ code: "JsonMappingException", message: "Failed to deserialize certain JSON fields" }]);
  }
  const raw = req.body["url"];
  if (raw === undefined || raw === null) return tracerError([{ code: "NotNull.shortenRequest.url", message: "must not be null" }]);
  const url = typeof raw === "string" ? raw : String(raw);
  if (!URL_PATTERN.test(url)) return customException("URL_SHORTENING_INVALID_URL", "Please enter a valid URL");
  // Every call stores a new row; a body `id` is ignored (URLConverterService.java:94-98).
  const n = Math.max(slice.lastId ?? 0, Object.keys(slice.urls).length) + 1;
  let id = shortId(n);
  for (let k = n; ownGet(slice.urls, id) !== undefined; ) id = shortId((k += 1));
  slice.lastId = n;
  ownSet(slice.urls, id, { url, validFrom: num(req.body["validFrom"]), validTill: num(req.body["validTill"]) });
  return { status: req.route.successStatus, raw: { contentType: "text/plain", data: new TextEncoder().encode(`${requestOrigin(req)}${SHORT_PREFIX}${id}`) } };
};

const resolve: OperationHandler<UrlShortenerSlice> = (req, _ctx, slice) => {
  const id = req.params["id"] ?? "";
  const entry = ownGet(slice.urls, id);
  if (entry === undefined) {
    // Characters outside base62 fail the legacy decoder with a NullPointerException; any other id finds no row.
    if (!/^[A-Za-z0-9]*$/.test(id)) return unhandledException("NullPointerException", null);
    return queryExecutionError();
  }
  // validFrom/validTill are not checked (URLConverterService.java:130-140).
  const location = entry.url.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  return { status: 302, headers: { location } };
};

export const urlShortenerService: ServiceModule<UrlShortenerSlice> = {
  key: "urlShortener",
  initialState: () => ({ urls: {}, lastId: 0 }),
  handlers: { "urlShortener.shorten": shorten, "urlShortener.resolve": resolve },
};
