/**
 * The mock's control API under `/_mock/`: reset, state (secrets removed), named snapshots, faults.
 * Not part of DIGIT; never behind auth (the mock is a local test tool).
 */
import type { RawBody } from "./body.js";
import type { MockEngine } from "./dispatch.js";
import { digitFail, ErrorCodes } from "./errors.js";
import { normaliseFaults } from "./faults.js";
import { redactSecrets } from "./redact.js";
import type { OperationResult } from "./types.js";

function parse(body: RawBody): Record<string, unknown> | null {
  if (body == null) return {};
  if (typeof body === "object" && !(body instanceof Uint8Array)) return body;
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const bad = (message: string): OperationResult => digitFail(400, ErrorCodes.invalidRequest, message);

export function handleControl(engine: MockEngine, method: string, path: string, rawBody: RawBody): OperationResult {
  const key = `${method} ${path}`;
  if (key === "GET /_mock/state") return { status: 200, body: redactSecrets(engine.state.snapshot()) };
  if (key === "GET /_mock/faults") return { status: 200, body: { ...engine.faults.get(), writeLagMs: engine.options.writeLagMs } };
  if (method !== "POST") return digitFail(404, ErrorCodes.routeNotFound, `No control route ${method} ${path}; see docs/mock-server.md#control-api.`);
  const body = parse(rawBody);
  if (body === null) return bad(`${path} takes a JSON object body.`);
  switch (path) {
    case "/_mock/reset":
      engine.state.reset();
      return { status: 200, body: { status: "reset" } };
    case "/_mock/snapshot": {
      const name = typeof body["name"] === "string" && body["name"] ? body["name"] : "default";
      engine.savedSnapshots.set(name, engine.state.snapshot());
      return { status: 200, body: { status: "saved", name } };
    }
    case "/_mock/restore": {
      try {
        if (body["state"] !== undefined) engine.state.restore(body["state"]);
        else {
          const name = typeof body["name"] === "string" && body["name"] ? body["name"] : "default";
          const snap = engine.savedSnapshots.get(name);
          if (!snap) return bad(`No snapshot named "${name}"; save one with POST /_mock/snapshot {"name": "${name}"} first.`);
          engine.state.restore(snap);
        }
      } catch (err) {
        return bad((err as Error).message);
      }
      return { status: 200, body: { status: "restored" } };
    }
    case "/_mock/faults": {
      try {
        const { writeLagMs, ...rest } = body;
        if (writeLagMs !== undefined) {
          if (typeof writeLagMs !== "number" || writeLagMs < 0) return bad("writeLagMs must be a number >= 0.");
          engine.options.writeLagMs = writeLagMs;
        }
        engine.faults.set(normaliseFaults(rest));
      } catch (err) {
        return bad((err as Error).message);
      }
      return { status: 200, body: { ...engine.faults.get(), writeLagMs: engine.options.writeLagMs } };
    }
    default:
      return digitFail(404, ErrorCodes.routeNotFound, `No control route POST ${path}; known: /_mock/reset, /_mock/snapshot, /_mock/restore, /_mock/faults, GET /_mock/state.`);
  }
}
