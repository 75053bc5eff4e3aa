/**
 * The mock's control API under `/_mock/`: reset, state (secrets removed), named snapshots, faults.
 * Not part of DIGIT. Every call needs the engine's control token (core/control-token.ts); POST bodies must be
 * JSON (`application/json` or `+json`), so a cross-site form or `text/plain` post never gets this far.
 */
import type { RawBody } from "./body.js";
import { CONTROL_TOKEN_HEADER, presentedControlToken, tokensMatch } from "./control-token.js";
import type { MockEngine } from "./dispatch.js";
import { digitError, digitFail, ErrorCodes } from "./errors.js";
import { normaliseFaults } from "./faults.js";
import { StateValidationError } from "./state.js";
import type { OperationResult } from "./types.js";

/** Whether a (normalised) path belongs to the control API. */
export function isControlPath(path: string): boolean {
  return path === "/_mock" || path.startsWith("/_mock/");
}

function isEmpty(body: RawBody): boolean {
  if (body == null) return true;
  if (typeof body === "string") return body.trim() === "";
  if (body instanceof Uint8Array) return body.byteLength === 0 || new TextDecoder().decode(body).trim() === "";
  return false;
}

function isJsonType(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

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

/** 401 unless the request carries the engine's control token. */
export function checkControlToken(engine: MockEngine, headers: Readonly<Record<string, string>>): OperationResult | null {
  const presented = presentedControlToken(headers);
  if (tokensMatch(presented, engine.controlToken)) return null;
  return digitFail(
    401,
    ErrorCodes.controlTokenRequired,
    presented === undefined
      ? `The mock's control API needs its control token in the ${CONTROL_TOKEN_HEADER} header (or Authorization: Bearer). The token is printed when the mock starts and saved to its token file; in code use server.control or mock.control.`
      : `The control token is wrong. Use the one printed when this mock started (each start makes a new one unless DIGIT_MOCK_CONTROL_TOKEN is set).`,
  );
}

export function handleControl(engine: MockEngine, method: string, path: string, rawBody: RawBody, headers: Readonly<Record<string, string>>): OperationResult {
  const denied = checkControlToken(engine, headers);
  if (denied) return denied;
  const key = `${method} ${path}`;
  if (key === "GET /_mock/state") return { status: 200, body: engine.state.publicSnapshot() };
  if (key === "GET /_mock/faults") return { status: 200, body: { ...engine.faults.get(), writeLagMs: engine.options.writeLagMs } };
  if (method !== "POST") return digitFail(404, ErrorCodes.routeNotFound, `No control route ${method} ${path}; see docs/mock-server.md#control-api.`);
  if (!isEmpty(rawBody) && !(typeof rawBody === "object" && !(rawBody instanceof Uint8Array)) && !isJsonType(headers["content-type"])) {
    return digitFail(415, ErrorCodes.unsupportedMediaType, `${path} takes a JSON body with Content-Type: application/json (got "${headers["content-type"] ?? "(none)"}").`);
  }
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
        if (body["state"] !== undefined) engine.state.restore(body["state"], "The snapshot in the request body");
        else {
          const name = typeof body["name"] === "string" && body["name"] ? body["name"] : "default";
          const snap = engine.savedSnapshots.get(name);
          if (!snap) return bad(`No snapshot named "${name}"; save one with POST /_mock/snapshot {"name": "${name}"} first.`);
          engine.state.restore(snap);
        }
      } catch (err) {
        if (err instanceof StateValidationError) {
          return digitError(
            400,
            err.problems.map((problem) => ({ code: ErrorCodes.invalidState, message: `Snapshot refused, nothing was changed: ${problem}` })),
          );
        }
        throw err;
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
