import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDigitClient, DigitTimeoutError } from "@digit-kit/sdk";
import { createHttpFetch } from "../src/config/http-fetch.js";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const routes: Record<string, Handler> = {
  "/echo": (req, body, res) => {
    res.writeHead(201, { "content-type": "application/json", "x-seen": "yes" });
    res.end(JSON.stringify({ method: req.method, contentType: req.headers["content-type"], auth: req.headers["auth-token"], body }));
  },
  "/gzip": (_req, _body, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    res.end(gzipSync(JSON.stringify({ ok: true })));
  },
  "/empty": (_req, _body, res) => {
    res.writeHead(204);
    res.end();
  },
  "/see-other": (_req, _body, res) => {
    res.writeHead(303, { location: "/echo" });
    res.end();
  },
  "/moved": (_req, _body, res) => {
    res.writeHead(307, { location: "/echo" });
    res.end();
  },
  "/never": () => {},
  "/mdms-v2/v2/_search": () => {},
};

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => routes[new URL(req.url!, "http://x").pathname]!(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("the CLI's node:http fetch", () => {
  const fetch = createHttpFetch();

  it("sends method, headers and a string body, and answers status, headers and body like fetch", async () => {
    const res = await fetch(`${base}/echo`, { method: "POST", headers: { "content-type": "application/json", "auth-token": "t" }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get("x-seen")).toBe("yes");
    expect(await res.json()).toEqual({ method: "POST", contentType: "application/json", auth: "t", body: '{"a":1}' });
  });

  it("decodes a gzip body and answers a 204 with no body", async () => {
    expect(await (await fetch(`${base}/gzip`)).json()).toEqual({ ok: true });
    const empty = await fetch(`${base}/empty`, { method: "POST", body: "{}" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("follows redirects as fetch does (303 becomes a GET, 307 keeps the method and body) unless told not to", async () => {
    expect(await (await fetch(`${base}/see-other`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json()).toMatchObject({ method: "GET", body: "" });
    expect(await (await fetch(`${base}/moved`, { method: "POST", body: "x" })).json()).toMatchObject({ method: "POST", body: "x" });
    const manual = await fetch(`${base}/see-other`, { redirect: "manual" });
    expect(manual.status).toBe(303);
    expect(manual.headers.get("location")).toBe("/echo");
  });

  it("rejects with the signal's reason when aborted, and with fetch's TypeError (cause: the system error) when it cannot connect", async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/never`, { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    const refused = await fetch("http://127.0.0.1:1/", {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  it("hands what it does not cover (Request objects, non-string bodies) to the fallback", async () => {
    const fallback = vi.fn(async () => new Response("fallback"));
    const f = createHttpFetch(fallback as unknown as typeof globalThis.fetch);
    await f(`${base}/echo`, { method: "POST", body: new URLSearchParams({ a: "1" }) });
    await f(new Request(`${base}/echo`));
    expect(fallback).toHaveBeenCalledTimes(2);
  });

  it("carries an SDK call whose server does not answer into the SDK's timeout error", async () => {
    const client = createDigitClient({ baseUrl: base, tenantId: "pg", auth: { token: "t" }, fetch, timeout: 50, retry: { limit: 0 } });
    const error = await client.mdms.search({ MdmsCriteria: { tenantId: "pg" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigitTimeoutError);
  });
});
