/** egov-url-shortening: `shortener` keeps a small id → URL map, `GET /{id}` redirects (302 Location). */
import type { OperationHandler, ServiceModule } from "../../core/types.js";
import { handle, reject } from "../shared/respond.js";
import { str } from "../shared/values.js";

export interface ShortUrl {
  url: string;
  validFrom: number | null;
  validTill: number | null;
}

export interface UrlShortenerSlice {
  urls: Record<string, ShortUrl>;
}

/** Path prefix of short links; the transport may make them absolute. */
export const SHORT_PREFIX = "/egov-url-shortening/";

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** DIGIT answers the short URL as plain text. */
const shorten: OperationHandler<UrlShortenerSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const url = str(req.body["url"]);
    if (url === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      reject("INVALID_URL", "Body field url must be an absolute URL (e.g. https://example.org/path).", ["url"]);
    }
    const existing = Object.entries(slice.urls).find(([, v]) => v.url === url);
    let id = existing?.[0] ?? str(req.body["id"]);
    if (id === undefined || (existing === undefined && slice.urls[id] !== undefined)) {
      do id = ctx.uuid().replace(/-/g, "").slice(-7);
      while (slice.urls[id] !== undefined);
    }
    if (existing === undefined) slice.urls[id] = { url, validFrom: num(req.body["validFrom"]), validTill: num(req.body["validTill"]) };
    return { status: req.route.successStatus, raw: { contentType: "text/plain", data: new TextEncoder().encode(`${SHORT_PREFIX}${id}`) } };
  });

const resolve: OperationHandler<UrlShortenerSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const id = str(req.params["id"]) ?? "";
    const entry = slice.urls[id];
    const now = ctx.now();
    if (entry === undefined || (entry.validFrom !== null && now < entry.validFrom) || (entry.validTill !== null && now > entry.validTill)) {
      reject("URL_NOT_FOUND", `No valid short URL ${id}.`, [id], 404);
    }
    return { status: 302, headers: { location: entry.url } };
  });

export const urlShortenerService: ServiceModule<UrlShortenerSlice> = {
  key: "urlShortener",
  initialState: () => ({ urls: {} }),
  handlers: { "urlShortener.shorten": shorten, "urlShortener.resolve": resolve },
};
