/** Fetch `Request` ⇄ core conversion, shared by the msw handler and `mock.fetch`. */
import type { HandleInput, MockEngine } from "./core/dispatch.js";
import type { Door, OperationResult } from "./core/types.js";

export async function toHandleInput(request: Request): Promise<HandleInput> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    headers[k] = v;
  });
  // A fetch Request carries no Host header; handlers that build absolute URLs (the url shortener) read it.
  headers["host"] ??= url.host;
  const input: HandleInput = { method: request.method, path: url.pathname, query: url.searchParams, headers };
  if (request.method === "GET" || request.method === "HEAD") return input;
  if ((headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")) {
    try {
      input.form = await request.formData();
      return input;
    } catch {
      // fall through: the core answers 400 for an unparsable multipart body
    }
  }
  input.body = new Uint8Array(await request.arrayBuffer());
  return input;
}

export function toResponse(result: OperationResult): Response {
  const headers = new Headers(result.headers);
  if (result.raw) {
    headers.set("content-type", result.raw.contentType);
    return new Response(result.raw.data as BodyInit, { status: result.status, headers });
  }
  headers.set("content-type", "application/json");
  return new Response(result.body === undefined ? null : JSON.stringify(result.body), { status: result.status, headers });
}

/** A `fetch`-compatible function answering from the engine through `door`, with no network and no msw. */
export function createMockFetch(engine: MockEngine, door: Door = "gateway"): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    return toResponse(await engine.handle({ ...(await toHandleInput(request)), door }));
  }) as typeof fetch;
}
