/**
 * The standalone server's warning log: each distinct warning (its code and message) is printed once, when it first
 * happens; repeats are only counted, and reported as one "repeated N more times" line per warning every
 * `intervalMs` and when the log closes. A client that makes the same lenient call thousands of times (an apply as
 * a user whose role-actions name route templates) leaves a readable log.
 */
import type { MockWarning } from "../core/warnings.js";

export interface WarningLogOptions {
  /** Where lines go (one call per line, without the newline). */
  write: (line: string) => void;
  /** How often repeats are reported; default 10 000 ms. 0: only on close. */
  intervalMs?: number;
}

export interface WarningLog {
  onWarning(warning: MockWarning): void;
  /** Reports the repeats not yet reported. */
  flush(): void;
  /** Flushes and stops the periodic report. */
  close(): void;
}

export function createWarningLog(options: WarningLogOptions): WarningLog {
  /** message → repeats since it was last reported, with the operation it was first seen on. */
  const seen = new Map<string, { operationId: string; pending: number }>();
  const flush = (): void => {
    for (const [message, entry] of seen) {
      if (entry.pending === 0) continue;
      options.write(`digit-mock: warning repeated ${entry.pending} more time${entry.pending === 1 ? "" : "s"}: ${entry.operationId}: ${message}`);
      entry.pending = 0;
    }
  };
  const interval = options.intervalMs ?? 10_000;
  const timer = interval > 0 ? setInterval(flush, interval) : undefined;
  timer?.unref();
  return {
    onWarning(w) {
      const entry = seen.get(w.message);
      if (entry) {
        entry.pending += 1;
        return;
      }
      seen.set(w.message, { operationId: w.operationId, pending: 0 });
      options.write(`digit-mock: warning: ${w.operationId}: ${w.message}`);
    },
    flush,
    close() {
      if (timer) clearInterval(timer);
      flush();
    },
  };
}
