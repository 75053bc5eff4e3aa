/**
 * A typed client for the control API that sends the control token: `server.control` (over HTTP) and
 * `mock.control` (over the in-process `fetch`). Tests and scripts use it instead of hand-written requests.
 */
import { CONTROL_TOKEN_HEADER } from "./core/control-token.js";
import type { FaultConfig } from "./core/faults.js";
import type { StateSnapshot } from "./core/state.js";

/** Fault settings as the control API reads and writes them. */
export interface ControlFaults extends FaultConfig {
  writeLagMs?: number;
}

export interface MockControl {
  /** `POST /_mock/reset`: back to the seeded state (tokens are dropped). */
  reset(): Promise<void>;
  /** `GET /_mock/state`: the public view (no passwords, tokens or keys; `redacted: true`). */
  state(): Promise<StateSnapshot>;
  /** `POST /_mock/snapshot`: remember the current state in the mock under `name` (default `default`). */
  snapshot(name?: string): Promise<void>;
  /** `POST /_mock/restore`: a named snapshot, or a snapshot document (a full one or the public view). */
  restore(from?: string | StateSnapshot): Promise<void>;
  /** `GET /_mock/faults`. */
  faults(): Promise<ControlFaults>;
  /** `POST /_mock/faults`: replace the fault settings; answers the new ones. */
  setFaults(faults: ControlFaults): Promise<ControlFaults>;
}

/** A control call the mock refused; `status` is the HTTP status, the message the mock's own. */
export class MockControlError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, message: string, body: unknown) {
    super(message);
    this.name = "MockControlError";
    this.status = status;
    this.body = body;
  }
}

export function createMockControl(fetchFn: typeof fetch, baseUrl: string, token: string): MockControl {
  const base = baseUrl.replace(/\/+$/, "");
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { [CONTROL_TOKEN_HEADER]: token };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetchFn(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      /* keep the text */
    }
    if (!res.ok) {
      const errors = (parsed as { Errors?: { message?: unknown }[] } | undefined)?.Errors;
      const messages = Array.isArray(errors) ? errors.map((e) => String(e.message)).join("; ") : String(text).slice(0, 500);
      throw new MockControlError(res.status, `${method} ${path} answered ${res.status}: ${messages}`, parsed);
    }
    return parsed as T;
  };
  return {
    reset: async () => void (await call("POST", "/_mock/reset", {})),
    state: () => call<StateSnapshot>("GET", "/_mock/state"),
    snapshot: async (name) => void (await call("POST", "/_mock/snapshot", name === undefined ? {} : { name })),
    restore: async (from) => void (await call("POST", "/_mock/restore", from === undefined ? {} : typeof from === "string" ? { name: from } : { state: from })),
    faults: () => call<ControlFaults>("GET", "/_mock/faults"),
    setFaults: (faults) => call<ControlFaults>("POST", "/_mock/faults", faults),
  };
}
