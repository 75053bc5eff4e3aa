/**
 * Fault injection: added latency (fixed or a min–max range) and error rates per route or operationId.
 * Write lag lives in `MockOptions.writeLagMs` (records get `visibleFrom = now + lag`).
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import { digitFail, ErrorCodes } from "./errors.js";
import type { OperationResult } from "./types.js";

export interface ErrorFault {
  /** operationId (`mdms.search`), gateway path (`/mdms-v2/v2/_search`), or omitted for every route. */
  route?: string;
  /** Probability in [0, 1]. */
  rate: number;
  /** 500 or 503 (default 503). */
  status?: number;
}

export interface FaultConfig {
  /** Extra latency per request: fixed ms or a uniform range. */
  latencyMs?: number | { min: number; max: number };
  errors?: ErrorFault[];
}

export class Faults {
  private config: FaultConfig = {};
  constructor(
    initial: FaultConfig = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(initial);
  }

  /** Replace the fault configuration (throws with a readable message when invalid). */
  set(config: FaultConfig): void {
    this.config = normaliseFaults(config);
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Milliseconds to delay this request (0 for none). */
  latency(): number {
    const l = this.config.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === "number") return l;
    return l.min + this.random() * (l.max - l.min);
  }

  /** An injected error result for this request, or null. */
  error(route: RouteDef): OperationResult | null {
    for (const f of this.config.errors ?? []) {
      if (f.route !== undefined && f.route !== route.operationId && f.route !== route.path) continue;
      if (f.rate > 0 && this.random() < f.rate) {
        const status = f.status ?? 503;
        return digitFail(
          status,
          status === 503 ? ErrorCodes.serviceUnavailable : ErrorCodes.faultInjected,
          `Injected fault on ${route.operationId} (${route.path}); configured with the mock's faults (rate ${f.rate}).`,
        );
      }
    }
    return null;
  }
}

/** Validate fault settings coming from flags or `POST /_mock/faults`. */
export function normaliseFaults(input: unknown): FaultConfig {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new Error("Faults must be an object {latencyMs?, errors?}.");
  const raw = input as Record<string, unknown>;
  const out: FaultConfig = {};
  const l = raw["latencyMs"];
  if (l !== undefined && l !== null) {
    if (typeof l === "number" && Number.isFinite(l) && l >= 0) out.latencyMs = l;
    else if (typeof l === "object" && l && typeof (l as { min?: unknown }).min === "number" && typeof (l as { max?: unknown }).max === "number") {
      const { min, max } = l as { min: number; max: number };
      if (min < 0 || max < min) throw new Error("latencyMs range needs 0 <= min <= max.");
      out.latencyMs = { min, max };
    } else throw new Error("latencyMs must be a number of ms or {min, max}.");
  }
  const errors = raw["errors"];
  if (errors !== undefined && errors !== null) {
    if (!Array.isArray(errors)) throw new Error("errors must be an array of {route?, rate, status?}.");
    out.errors = errors.map((e: unknown, i) => {
      const f = (e ?? {}) as Record<string, unknown>;
      const rate = f["rate"];
      if (typeof rate !== "number" || rate < 0 || rate > 1) throw new Error(`errors[${i}].rate must be a number between 0 and 1.`);
      const status = f["status"] ?? 503;
      if (status !== 500 && status !== 503) throw new Error(`errors[${i}].status must be 500 or 503.`);
      const route = f["route"];
      if (route !== undefined && typeof route !== "string") throw new Error(`errors[${i}].route must be an operationId or path.`);
      return { ...(route !== undefined ? { route } : {}), rate, status };
    });
  }
  return out;
}

/** Parse `--latency 50` or `--latency 20-80`. */
export function parseLatencyFlag(value: string): FaultConfig["latencyMs"] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`--latency expects <ms> or <min>-<max>, got "${value}".`);
  const min = Number(m[1]);
  if (m[2] === undefined) return min;
  const max = Number(m[2]);
  if (max < min) throw new Error(`--latency range ${value}: max is below min.`);
  return { min, max };
}
