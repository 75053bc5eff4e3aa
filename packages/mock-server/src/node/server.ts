/**
 * The standalone transport: plain node:http, no Fetch Request/Response on the hot path. The body is read as
 * a Buffer (with the size limit enforced while reading), handed to the engine, and the result written as JSON.
 * CORS (on unless `cors: false`) is answered here, before the engine: preflights never reach it (./cors.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Bundle } from "@digit-kit/bundle";
import { createEngine, loadSeed, type CreateEngineOptions } from "../create-engine.js";
import { defaultBodyLimits } from "../core/body.js";
import type { MockEngine } from "../core/dispatch.js";
import { digitFail, ErrorCodes } from "../core/errors.js";
import { attachPersistence, readStateFile, type Persistence } from "../core/persist.js";
import type { Door, OperationResult } from "../core/types.js";
import { addCorsHeaders, answerPreflight, corsOrigin } from "./cors.js";

export interface MockServerOptions extends Omit<CreateEngineOptions, "seed"> {
  /** Port to listen on (default 8080; 0 picks a free one). */
  port?: number;
  host?: string;
  /** A bundle directory (loaded with `@digit-kit/bundle`) or an already-loaded bundle. */
  seed?: string | Bundle;
  /** Value for the `{tenantid}` placeholder when loading a default-data-handler bundle. */
  seedTenant?: string;
  /** Persist state to this file: loaded on start, saved (atomically) after writes and on close. */
  statePath?: string;
  /**
   * Answer CORS preflights and add `Access-Control-Allow-Origin` (the request's `Origin`, or `*`) to every
   * response, so browser apps on another origin can call the mock (default true).
   */
  cors?: boolean;
  /**
   * Also listen on this port as the internal door: requests there reach the services as one DIGIT service
   * reaches another (no token check, no RBAC, `RequestInfo.userInfo` taken as sent). 0 picks a free port;
   * omitted: no internal door.
   */
  internalPort?: number;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  readonly engine: MockEngine;
  /** Base URL of the internal door, when `internalPort` was given. */
  readonly internalUrl: string | undefined;
  /** Stop listening and save state (when `statePath` is set). */
  close(): Promise<void>;
}

/** `allowOrigin`: the CORS origin to grant, or null when CORS is off. */
function send(res: ServerResponse, result: OperationResult, allowOrigin: string | null): void {
  const headers: Record<string, string> = { ...result.headers };
  if (allowOrigin !== null) addCorsHeaders(headers, allowOrigin);
  if (result.raw) {
    headers["content-type"] = result.raw.contentType;
    res.writeHead(result.status, headers);
    res.end(result.raw.data);
    return;
  }
  const text = result.body === undefined ? "" : JSON.stringify(result.body);
  headers["content-type"] = "application/json";
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(result.status, headers);
  res.end(text);
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export async function createMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const { seed, seedTenant, statePath, port = 8080, host = "127.0.0.1", cors = true, internalPort, ...engineOpts } = opts;
  const bundle = typeof seed === "string" ? await loadSeed(seed, seedTenant ? { tenant: seedTenant } : {}) : seed;
  const engine = createEngine({ ...engineOpts, ...(bundle ? { seed: bundle } : {}) });
  let persistence: Persistence | null = null;
  if (statePath) {
    const saved = readStateFile(statePath);
    if (saved) engine.state.restore(saved, { owned: true });
    persistence = attachPersistence(engine.state, statePath);
  }
  const maxBytes = opts.limits?.maxBytes ?? defaultBodyLimits.maxBytes;

  const listener = (door: Door) => (req: IncomingMessage, res: ServerResponse) => {
    if (cors && req.method === "OPTIONS") {
      answerPreflight(req, res);
      return;
    }
    const allowOrigin = cors ? corsOrigin(req) : null;
    readBody(req, maxBytes)
      .then((body) => {
        if (body === null) {
          send(res, digitFail(413, ErrorCodes.payloadTooLarge, `Request body exceeds ${maxBytes} bytes.`), allowOrigin);
          return;
        }
        return engine
          .handle({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body, door })
          .then((result) => send(res, result, allowOrigin));
      })
      .catch((err: unknown) => {
        console.error(`digit-mock: transport error: ${(err as Error)?.message ?? String(err)}`);
        if (!res.headersSent) send(res, digitFail(500, ErrorCodes.internal, "The mock could not read this request."), allowOrigin);
        else res.destroy();
      });
  };
  const server: Server = createServer(listener("gateway"));
  server.keepAliveTimeout = 5000;
  await listen(server, port, host);
  let internal: Server | null = null;
  if (internalPort !== undefined) {
    internal = createServer(listener("internal"));
    internal.keepAliveTimeout = 5000;
    try {
      await listen(internal, internalPort, host);
    } catch (err) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw err;
    }
  }
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  let closed = false;
  const internalAddress = internal?.address() as AddressInfo | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    internalUrl: internalAddress ? `http://${shownHost}:${internalAddress.port}` : undefined,
    engine,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(
        [server, internal].map(
          (srv) =>
            new Promise<void>((resolve) => {
              if (!srv) return resolve();
              srv.close(() => resolve());
              srv.closeAllConnections();
            }),
        ),
      );
      persistence?.close();
    },
  };
}
