/**
 * The standalone transport: plain node:http, no Fetch Request/Response on the hot path. The body is read as
 * a Buffer (with the size limit enforced while reading), handed to the engine, and the result written as JSON.
 * CORS (on unless `cors: false`) is answered here, before the engine: preflights never reach it (./cors.ts).
 */
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bundle } from "@digit-kit/bundle";
import { createEngine, loadSeed, type CreateEngineOptions } from "../create-engine.js";
import { defaultBodyLimits, MULTIPART_MAX_BYTES } from "../core/body.js";
import type { MockEngine } from "../core/dispatch.js";
import { digitFail, ErrorCodes } from "../core/errors.js";
import { DurableState, loadStateFiles, type DurableStateOptions } from "../core/durable-state.js";
import { removeStaleTempFiles, StateFileError } from "../core/persist.js";
import type { Door, OperationResult } from "../core/types.js";
import { configureFilestore, diskBlobStore, moveLegacyBytes, type BlobStore, type FilestoreSlice } from "../services/filestore/index.js";
import { createMockControl, type MockControl } from "../control-client.js";
import { isControlPath } from "../core/control.js";
import { normalisePath } from "../core/router.js";
import { addCorsHeaders, answerPreflight, corsOrigin, refusePreflight } from "./cors.js";
import { createHostAllowList, hostName } from "./hosts.js";
import { closeAfterResponse, readBody } from "./read-body.js";
import { applyTimeouts, resolveTimeouts, serverOptions, type ServerTimeouts } from "./timeouts.js";
import { removeControlTokenFile, writeControlTokenFile } from "./token-file.js";

export interface MockServerOptions extends Omit<CreateEngineOptions, "seed"> {
  /** Port to listen on (default 8080; 0 picks a free one). */
  port?: number;
  host?: string;
  /** A bundle directory (loaded with `@digit-kit/bundle`) or an already-loaded bundle. */
  seed?: string | Bundle;
  /** Value for the `{tenantid}` placeholder when loading a default-data-handler bundle. */
  seedTenant?: string;
  /**
   * Persist state to this file (and `<file>.journal`): loaded on start; every acknowledged write is in the
   * journal before its answer; compacted into the file periodically and on close (core/durable-state.ts).
   */
  statePath?: string;
  /** Tuning for `statePath` (journal compaction size). */
  stateOptions?: DurableStateOptions;
  /**
   * Answer CORS preflights and add `Access-Control-Allow-Origin` (the request's `Origin`, or `*`) to every
   * response, so browser apps on another origin can call the mock (default true). Never for `/_mock/*`.
   */
  cors?: boolean;
  /**
   * Also listen on this port as the internal door: requests there reach the services as one DIGIT service
   * reaches another (no token check, no RBAC, `RequestInfo.userInfo` taken as sent). 0 picks a free port;
   * omitted: no internal door.
   */
  internalPort?: number;
  /**
   * Where uploaded file bytes go (never into the JSON state): `dir` (default `<statePath>.files`, or a temporary
   * directory removed on close when there is no statePath), and the total `quotaBytes` of stored files.
   */
  filestore?: { dir?: string; quotaBytes?: number };
  /**
   * Host names accepted in the `Host` header besides loopback (`localhost`, `127.0.0.1`, `[::1]`) and the
   * bound host (all local addresses when bound to 0.0.0.0 / ::). Other hosts get 403 (DNS rebinding).
   */
  allowedHosts?: readonly string[];
  /**
   * Write the control token to this file (mode 0600) on start and remove it on close; a function gets the
   * port the server listens on (for `--port 0`).
   */
  controlTokenFile?: string | ((port: number) => string);
  /** Socket timeouts against slow or stalled clients; defaults in node/timeouts.ts. */
  timeouts?: Partial<ServerTimeouts>;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  readonly engine: MockEngine;
  /** Base URL of the internal door, when `internalPort` was given. */
  readonly internalUrl: string | undefined;
  /** The token `/_mock/*` requests must carry (`x-mock-control-token` header or `Authorization: Bearer`). */
  readonly controlToken: string;
  /** Where the token was written, when `controlTokenFile` was given. */
  readonly controlTokenFile: string | undefined;
  /** The control API over HTTP, sending the token. */
  readonly control: MockControl;
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
  const {
    seed,
    seedTenant,
    statePath,
    port = 8080,
    host = "127.0.0.1",
    cors = true,
    internalPort,
    filestore,
    allowedHosts = [],
    controlTokenFile,
    timeouts,
    stateOptions,
    ...engineOpts
  } = opts;
  const timing = resolveTimeouts(timeouts);
  const bundle = typeof seed === "string" ? await loadSeed(seed, seedTenant ? { tenant: seedTenant } : {}) : seed;
  const engine = createEngine({ ...engineOpts, ...(bundle ? { seed: bundle } : {}) });
  const filesDir = filestore?.dir ?? (statePath ? `${statePath}.files` : undefined);
  let blobs: BlobStore;
  try {
    blobs = filesDir ? diskBlobStore(filesDir) : diskBlobStore(mkdtempSync(join(tmpdir(), "digit-mock-files-")), { removeOnClose: true });
  } catch (err) {
    // The blob directory next to --state is part of the state: an unusable path is a state-file problem.
    if (statePath && !filestore?.dir) throw new StateFileError(`Cannot save the mock state (--state ${statePath}): ${(err as Error).message}. Check the path and its permissions, or start without --state.`);
    throw err;
  }
  configureFilestore(engine.ctx, { store: blobs, ...(filestore?.quotaBytes !== undefined ? { quotaBytes: filestore.quotaBytes } : {}) });
  let durable: DurableState | null = null;
  if (statePath) {
    removeStaleTempFiles(statePath);
    const loaded = loadStateFiles(statePath);
    if (loaded.snapshot) {
      try {
        engine.state.restore(loaded.snapshot, `Mock state file ${statePath}${loaded.replayed ? ` with its journal` : ""}`);
      } catch (err) {
        blobs.close();
        throw new StateFileError(`${(err as Error).message} Fix or move the file, or start without --state.`);
      }
    }
    if (loaded.tornTail) console.error(`digit-mock: ignored a torn last line in ${statePath}.journal (a write cut short by a crash; it was never acknowledged).`);
    if (engine.state.keys().includes("filestore")) {
      // States written before the blob store kept file bytes in JSON: move them out (the compaction below drops
      // them from the file), then drop blobs no file names.
      engine.state.write(() => moveLegacyBytes(engine.state.current<FilestoreSlice>("filestore"), blobs));
      blobs.prune(new Set(Object.keys(engine.state.raw<FilestoreSlice>("filestore").files)));
    }
    durable = new DurableState(engine.state, statePath, loaded.seq, stateOptions);
  }
  const maxBytes = opts.limits?.maxBytes ?? defaultBodyLimits.maxBytes;
  const multipartMaxBytes = Math.max(maxBytes, MULTIPART_MAX_BYTES);

  const hosts = createHostAllowList(host, allowedHosts);
  const listener = (door: Door) => (req: IncomingMessage, res: ServerResponse) => {
    if (!hosts.allows(req.headers.host)) {
      closeAfterResponse(req, res);
      const name = hostName(req.headers.host ?? "");
      send(
        res,
        digitFail(403, ErrorCodes.hostNotAllowed, `Host "${name.slice(0, 100)}" is not allowed (DNS rebinding protection). Start the mock with --allow-host ${name.slice(0, 100)} to accept it.`),
        null,
      );
      return;
    }
    const control = isControlPath(normalisePath((req.url ?? "/").split("?")[0]!));
    if (req.method === "OPTIONS" && (cors || control)) {
      // The control API is never cross-origin: its preflights fail, so a page cannot send the token header.
      if (control) refusePreflight(req, res);
      else answerPreflight(req, res);
      return;
    }
    const allowOrigin = cors && !control ? corsOrigin(req) : null;
    const multipart = String(req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data");
    const limit = multipart ? multipartMaxBytes : maxBytes;
    readBody(req, limit)
      .then((body) => {
        if (body === null) {
          closeAfterResponse(req, res);
          send(res, digitFail(413, ErrorCodes.payloadTooLarge, `Request body exceeds ${limit} bytes.`), allowOrigin);
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
  const failStart = async (err: unknown, servers: Server[]): Promise<never> => {
    for (const srv of servers) {
      srv.close();
      srv.closeAllConnections();
    }
    await durable?.close();
    blobs.close();
    throw err;
  };
  const server: Server = createServer(serverOptions(timing), listener("gateway"));
  applyTimeouts(server, timing);
  await listen(server, port, host).catch((err: unknown) => failStart(err, []));
  let internal: Server | null = null;
  if (internalPort !== undefined) {
    internal = createServer(serverOptions(timing), listener("internal"));
    applyTimeouts(internal, timing);
    // `door` tells a caller which port failed (digit-mock names the flag: --internal-port).
    await listen(internal, internalPort, host).catch((err: unknown) => failStart(Object.assign(err as object, { door: "internal" }), [server]));
  }
  const address = server.address() as AddressInfo;
  const shownHost = host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  const url = `http://${shownHost}:${address.port}`;
  let tokenFile: string | undefined;
  if (controlTokenFile) {
    try {
      tokenFile = typeof controlTokenFile === "function" ? controlTokenFile(address.port) : controlTokenFile;
      writeControlTokenFile(tokenFile, engine.controlToken);
    } catch (err) {
      await failStart(new Error(`Cannot write the control token file${tokenFile ? ` ${tokenFile}` : ""}: ${(err as Error).message}`), internal ? [server, internal] : [server]);
    }
  }
  let closed = false;
  const internalAddress = internal?.address() as AddressInfo | undefined;
  return {
    url,
    port: address.port,
    internalUrl: internalAddress ? `http://${shownHost}:${internalAddress.port}` : undefined,
    engine,
    controlToken: engine.controlToken,
    controlTokenFile: tokenFile,
    control: createMockControl(fetch, url, engine.controlToken),
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
      await durable?.close();
      blobs.close();
      if (tokenFile) removeControlTokenFile(tokenFile, engine.controlToken);
    },
  };
}
