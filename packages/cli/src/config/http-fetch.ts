/**
 * A `fetch` over node:http(s) with keep-alive, for the `digit` executable's SDK clients. Node's own fetch (undici,
 * WHATWG streams) costs several times more CPU per call than node:http; an apply makes thousands of small calls, so
 * that cost, not the network, bounded its rate (ADR 0009). It covers what the SDK sends: a string URL, a string
 * body or none. Anything else (FormData uploads, form logins, Request objects) goes to `fallback`.
 */
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import zlib from "node:zlib";

const NULL_BODY = new Set([101, 204, 205, 304]);
const MAX_REDIRECTS = 20;

interface Sent {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export function createHttpFetch(fallback: typeof fetch = globalThis.fetch): typeof fetch {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  function send(url: URL, sent: Sent, signal: AbortSignal | undefined): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === "https:";
      const req = (secure ? https : http).request(url, { method: sent.method, headers: sent.headers, agent: secure ? agents.https : agents.http });
      const onAbort = (): void => {
        req.destroy();
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      req.on("response", (res) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(res);
      });
      // Shaped like fetch's own network failure: TypeError("fetch failed") with the system error as `cause`.
      req.on("error", (err) => {
        signal?.removeEventListener("abort", onAbort);
        reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err }));
      });
      req.end(sent.body);
    });
  }

  async function read(res: http.IncomingMessage, signal: AbortSignal | undefined): Promise<Buffer> {
    const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase();
    const stream: Readable =
      encoding === "gzip" || encoding === "x-gzip"
        ? res.pipe(zlib.createGunzip())
        : encoding === "deflate"
          ? res.pipe(zlib.createInflate())
          : encoding === "br"
            ? res.pipe(zlib.createBrotliDecompress())
            : res;
    const chunks: Buffer[] = [];
    const onAbort = (): void => void res.destroy(signal!.reason as Error);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (err) {
      throw signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err });
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
    return Buffer.concat(chunks);
  }

  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const simple = typeof input === "string" && (init.body === undefined || init.body === null || typeof init.body === "string");
    if (!simple || (init.headers !== undefined && (init.headers instanceof Headers || Array.isArray(init.headers)))) return fallback(input, init);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    let url = new URL(input);
    if (url.protocol !== "http:" && url.protocol !== "https:") return fallback(input, init);
    let sent: Sent = { method: (init.method ?? "GET").toUpperCase(), headers: { ...(init.headers as Record<string, string> | undefined) }, body: (init.body as string | null) ?? undefined };
    for (let redirects = 0; ; redirects++) {
      const res = await send(url, sent, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location && init.redirect !== "manual") {
        res.resume();
        if (init.redirect === "error" || redirects >= MAX_REDIRECTS) throw new TypeError("fetch failed", { cause: new Error(`redirect to ${location}`) });
        url = new URL(location, url);
        // As fetch does: 303 (and 301/302 after a POST) go on as a GET without the body.
        if (status === 303 || ((status === 301 || status === 302) && sent.method === "POST")) {
          const headers = Object.fromEntries(Object.entries(sent.headers).filter(([k]) => !/^content-/i.test(k)));
          sent = { method: "GET", headers, body: undefined };
        }
        continue;
      }
      const body = NULL_BODY.has(status) || sent.method === "HEAD" ? null : await read(res, signal);
      if (body === null) res.resume();
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
        const name = res.rawHeaders[i]!;
        // The body handed on is decoded already.
        if (/^content-(encoding|length)$/i.test(name) && body !== null && res.headers["content-encoding"]) continue;
        headers.push([name, res.rawHeaders[i + 1]!]);
      }
      return new Response(body === null ? null : (body as Uint8Array<ArrayBuffer>), { status, statusText: res.statusMessage ?? "", headers });
    }
  }) as typeof fetch;
}
