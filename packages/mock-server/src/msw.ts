/**
 * In-process transport: `createDigitMock()` gives msw handlers (one `http.all('*')` dispatching through the same
 * engine as the standalone server) and a `fetch` that needs no msw at all.
 */
import { http } from "msw";
import { setupServer } from "msw/node";
import type { Bundle } from "@digit-kit/bundle";
import { createMockControl, type MockControl } from "./control-client.js";
import { createEngine, type CreateEngineOptions } from "./create-engine.js";
import type { MockEngine } from "./core/dispatch.js";
import type { FaultConfig } from "./core/faults.js";
import type { StateSnapshot } from "./core/state.js";
import type { MockContext } from "./core/types.js";
import { createMockFetch, toHandleInput, toResponse } from "./fetch-adapter.js";
import { configureFilestore } from "./services/filestore/index.js";

export interface DigitMockOptions extends CreateEngineOptions {
  seed?: Bundle;
  /**
   * Only answer requests to this origin (e.g. `https://digit.example`); every path there is DIGIT's, so unknown
   * paths get the 404 envelope. Without it, the handler answers any origin but only for DIGIT context paths,
   * `/health` and `/_mock/*`, and lets everything else pass.
   */
  baseUrl?: string;
  /** Uploaded file bytes stay in memory (never in the JSON state), up to `quotaBytes` in total (default 256 MB). */
  filestore?: { quotaBytes?: number };
}

export interface DigitMock {
  /** msw request handlers: `setupServer(...mock.handlers)`. */
  readonly handlers: ReturnType<typeof http.all>[];
  /**
   * `fetch` answering from the mock through the gateway door, as a client reaches DIGIT (inject it into the SDK:
   * `createDigitClient({ fetch: mock.fetch })`): token checked, RBAC applied, `userInfo` replaced.
   */
  readonly fetch: typeof fetch;
  /**
   * `fetch` through the internal door, as one DIGIT service calls another inside the cluster: no token check,
   * no RBAC, `RequestInfo.userInfo` taken as sent. Give it to a service under test for its calls to DIGIT.
   */
  readonly internalFetch: typeof fetch;
  readonly state: { snapshot(): StateSnapshot; restore(snapshot: StateSnapshot): void; reset(): void };
  /** The token `/_mock/*` requests must carry (header `x-mock-control-token`); `control` sends it for you. */
  readonly controlToken: string;
  /** The control API over `mock.fetch`, with the token (the `state` methods above need none). */
  readonly control: MockControl;
  readonly ctx: MockContext;
  readonly engine: MockEngine;
  /** Replace the fault configuration. */
  setFaults(faults: FaultConfig): void;
  /** A new msw node server over these handlers (call `.listen()` yourself). */
  server(): ReturnType<typeof setupServer>;
}

export function createDigitMock(opts: DigitMockOptions = {}): DigitMock {
  const { baseUrl, filestore, ...engineOpts } = opts;
  const engine = createEngine(engineOpts);
  if (filestore?.quotaBytes !== undefined) configureFilestore(engine.ctx, { quotaBytes: filestore.quotaBytes });
  const origin = baseUrl ? new URL(baseUrl).origin : undefined;
  const contexts = new Set(engine.router.contexts());
  const ours = (url: URL) => {
    if (origin) return url.origin === origin;
    if (url.pathname === "/health" || url.pathname.startsWith("/_mock/")) return true;
    return contexts.has(`/${url.pathname.split("/")[1] ?? ""}`);
  };
  const handler = http.all("*", async ({ request }) => {
    if (!ours(new URL(request.url))) return undefined;
    return toResponse(await engine.handle(await toHandleInput(request)));
  });
  const handlers = [handler];
  const mockFetch = createMockFetch(engine);
  return {
    handlers,
    fetch: mockFetch,
    controlToken: engine.controlToken,
    control: createMockControl(mockFetch, origin ?? "http://digit.mock", engine.controlToken),
    internalFetch: createMockFetch(engine, "internal"),
    state: {
      snapshot: () => engine.state.snapshot(),
      restore: (s) => engine.state.restore(s),
      reset: () => engine.state.reset(),
    },
    ctx: engine.ctx,
    engine,
    setFaults: (f) => engine.faults.set(f),
    server: () => setupServer(...handlers),
  };
}
