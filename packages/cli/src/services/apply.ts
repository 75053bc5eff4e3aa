import type { Bundle } from "@digit-kit/bundle";
import { errorCodes, errorMessage, isDuplicateError, tolerantReads, type DigitGateway } from "./gateway.js";
import { phasesFor, type Phase } from "./phases.js";
import { callLimited, AdaptiveLimiter } from "./limiter.js";
import { runPool } from "./pool.js";
import { createReadCache, type ReadCache } from "./read-cache.js";
import type { PlanContext } from "./resources/context.js";
import { summarize, type KindFilter, type Plan, type PlanItem, type ResourceKind } from "./types.js";

/**
 * Progress of one phase, emitted after every write. The counts are the phase's {@link PhaseResult} counts
 * (the summary table's), so progress and summary cannot disagree.
 */
export interface ApplyProgressEvent {
  phase: string;
  /** Items settled so far, whatever the outcome (written, failed, skipped, already there). */
  done: number;
  total: number;
  /** Of `done`: failed writes (the table's FAILED). */
  failed: number;
  /** Of `done`: skipped because something they depend on failed (the table's SKIPPED). */
  skipped: number;
  /** Writes per second in this phase so far. */
  rate: number;
}

export interface ApplyOptions extends KindFilter {
  /**
   * Most writes in flight at once (default 4). The limit adapts below it (AIMD, services/limiter.ts): it grows
   * while latency stays flat and halves on 429/5xx/timeouts, which are retried.
   */
  concurrency?: number;
  /** A fixed number of writes in flight instead of the adaptive limit. */
  fixedConcurrency?: boolean;
  /** Plan every phase, write nothing. */
  dryRun?: boolean;
  onProgress?: (event: ApplyProgressEvent) => void;
  /** How long to wait for written records to become readable (DIGIT's persister lag); default 10 000 ms. */
  verifyTimeoutMs?: number;
  /**
   * Interrupts the apply (SIGINT): no new write starts, writes in flight finish, later phases do not run, and the
   * result says `interrupted: true`. Re-running apply resumes: every phase re-plans from live state.
   */
  signal?: AbortSignal;
  /**
   * Searches already made through this cache over the same gateway (apply-run passes the up-front plan's): a phase
   * plans from them while nothing of theirs was written since. Verification always searches afresh.
   */
  reads?: ReadCache;
}

/** A write that failed, with DIGIT's error code and where the resource came from. */
export interface ApplyFailure {
  kind: ResourceKind;
  key: string;
  tenantId: string;
  code: string;
  message: string;
  file?: string;
  pointer?: string;
  /** What to do about it: a change DIGIT cannot make (see `PlanItem.blocked`), or a write the gateway forbade (403). */
  hint?: string;
}

export interface PhaseResult {
  name: string;
  kind: ResourceKind;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

export interface ApplyResult {
  dryRun: boolean;
  /** `signal` was aborted: `phases` lists what ran (the last one possibly in part); the rest was not attempted. */
  interrupted: boolean;
  /** What each phase planned when it started (the plan apply executed). */
  plan: Plan;
  phases: PhaseResult[];
  failures: ApplyFailure[];
  /** Read-back after writing: per kind, resources expected vs found up to date. */
  verification: {
    ok: boolean;
    byKind: Partial<Record<ResourceKind, { expected: number; present: number }>>;
    /** MDMS kinds (tenant, mdms, role, action, role-action) per schema code. */
    bySchema: Record<string, { expected: number; present: number }>;
    missing: string[];
  };
  durationMs: number;
  /** How the adaptive limit moved: where it started, its peak, how often it halved, where it ended. */
  concurrency: { max: number; peak: number; decreases: number; holds: number; final: number };
}

export { NOT_SUPPORTED_BY_DIGIT } from "./types.js";

const MDMS_KINDS = new Set<ResourceKind>(["tenant", "mdms", "role", "action", "role-action"]);
const idOf = (i: Pick<PlanItem, "kind" | "key">): string => `${i.kind}:${i.key}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Applies a bundle phase by phase in dependency order. Each phase is re-planned from live state before it
 * runs, so apply is idempotent and a killed apply resumes without duplicates; creates that the server rejects
 * as duplicates count as present and are verified. Per-record failures are collected (dependants skipped),
 * and every written record is read back, waiting out write lag with a bounded backoff.
 */
export async function apply(gateway: DigitGateway, bundle: Bundle, options: ApplyOptions = {}): Promise<ApplyResult> {
  const started = Date.now();
  const reads = options.reads ?? createReadCache(gateway);
  const ctx: PlanContext = { gateway: tolerantReads(reads.gateway), bundle };
  const verifyCtx: PlanContext = { gateway: tolerantReads(reads.fresh), bundle };
  const concurrency = options.concurrency ?? 4;
  // One limiter for the whole run: what it learns about the server carries over from phase to phase.
  const limiter = new AdaptiveLimiter({ max: concurrency, initial: options.fixedConcurrency ? concurrency : Math.min(4, concurrency) });
  // Only requests go through the limiter: an item with nothing to send (blocked) would teach it a 0 ms round trip.
  // Items sharing one write (a localization batch) share one call: one slot, one latency sample.
  const shared = new Map<() => Promise<void>, Promise<void>>();
  const write = (item: PlanItem): Promise<void> => {
    const run = item.run;
    if (!run) return Promise.resolve();
    if (options.fixedConcurrency) return run();
    let call = shared.get(run);
    if (!call) {
      call = callLimited(limiter, run);
      shared.set(run, call);
      // A failed write is tried again by the next item that shares it, as before.
      call.catch(() => shared.get(run) === call && shared.delete(run));
    }
    return call;
  };
  const verifyTimeoutMs = options.verifyTimeoutMs ?? 10_000;
  const planned: PlanItem[] = [];
  const phases: PhaseResult[] = [];
  const failures: ApplyFailure[] = [];
  const failedIds = new Set<string>();
  const byKind: ApplyResult["verification"]["byKind"] = {};
  const bySchema: ApplyResult["verification"]["bySchema"] = {};
  const missing: string[] = [];

  for (const phase of phasesFor(ctx, options.only)) {
    if (options.signal?.aborted) break;
    const t0 = Date.now();
    const items = await phase.plan(ctx);
    planned.push(...items);
    const todo = items.filter((i) => i.action !== "unchanged");
    const result: PhaseResult = { name: phase.name, kind: phase.kind, created: 0, updated: 0, unchanged: items.length - todo.length, failed: 0, skipped: 0, durationMs: 0 };
    if (options.dryRun) {
      result.created = todo.filter((i) => i.action === "create").length;
      result.updated = todo.filter((i) => i.action === "update" && !i.blocked).length;
      for (const item of todo) {
        if (!item.blocked) continue;
        result.failed += 1;
        failures.push({ ...failureOf(item, item.blocked.code, item.blocked.message), hint: item.blocked.hint });
      }
      phases.push(result);
      continue;
    }
    const written: PlanItem[] = [];
    let done = 0;
    const emit = (): void =>
      options.onProgress?.({ phase: phase.name, done, total: todo.length, failed: result.failed, skipped: result.skipped, rate: done / Math.max(0.001, (Date.now() - t0) / 1000) });
    if (todo.length > 0) emit();
    await runPool(todo, options.fixedConcurrency ? concurrency : todo.length, async (item) => {
      if (item.dependsOn?.some((d) => failedIds.has(d))) {
        result.skipped += 1;
        failedIds.add(idOf(item));
        failures.push(failureOf(item, "SKIPPED_DEPENDENCY_FAILED", `skipped: ${item.dependsOn.filter((d) => failedIds.has(d)).join(", ")} failed`));
      } else {
        try {
          await write(item);
          if (item.blocked) {
            // DIGIT has no API for (part of) this change: report it, but do not hold back dependants.
            result.failed += 1;
            failures.push({ ...failureOf(item, item.blocked.code, item.blocked.message), hint: item.blocked.hint });
          } else {
            written.push(item);
            if (item.action === "create") result.created += 1;
            else result.updated += 1;
          }
        } catch (err) {
          if (item.action === "create" && isDuplicateError(err)) {
            written.push(item); // already there: verified below like any write
          } else {
            if ((err as { status?: number }).status === 401) throw err;
            result.failed += 1;
            failedIds.add(idOf(item));
            const hint = forbiddenHint(err);
            failures.push({ ...failureOf(item, errorCodes(err)[0] ?? (err as Error).name ?? "ERROR", errorMessage(err)), ...(hint ? { hint } : {}) });
          }
        }
      }
      done += 1;
      emit();
    }, options.signal);
    const final = written.length > 0 ? await awaitVisible(phase, verifyCtx, written, options.signal?.aborted ? 0 : verifyTimeoutMs) : items;
    const finalById = new Map(final.map((i) => [idOf(i), i]));
    for (const w of written) {
      if (finalById.get(idOf(w))?.action !== "unchanged") {
        missing.push(idOf(w));
        failedIds.add(idOf(w));
      }
    }
    const k = (byKind[phase.kind] ??= { expected: 0, present: 0 });
    k.expected += items.length;
    k.present += final.filter((i) => i.action === "unchanged").length;
    if (MDMS_KINDS.has(phase.kind)) {
      for (const i of final) {
        const code = i.key.slice(0, i.key.indexOf(":"));
        const v = (bySchema[code] ??= { expected: 0, present: 0 });
        v.expected += 1;
        if (i.action === "unchanged") v.present += 1;
      }
    }
    result.durationMs = Date.now() - t0;
    phases.push(result);
  }

  const plan: Plan = { items: planned, ...summarize(planned), problems: [] };
  const interrupted = options.signal?.aborted === true;
  const ok = !options.dryRun && !interrupted && missing.length === 0 && failures.length === 0 && Object.values(byKind).every((v) => v.expected === v.present);
  return {
    dryRun: !!options.dryRun,
    interrupted,
    plan,
    phases,
    failures,
    verification: { ok, byKind, bySchema, missing },
    durationMs: Date.now() - started,
    concurrency: { max: concurrency, peak: limiter.peak, decreases: limiter.decreases, holds: limiter.holds, final: limiter.limit },
  };
}

/** Re-plans the phase until every written item reads back unchanged or the timeout passes (backoff 50 ms → 2 s). */
async function awaitVisible(phase: Phase, ctx: PlanContext, written: PlanItem[], timeoutMs: number): Promise<PlanItem[]> {
  const deadline = Date.now() + timeoutMs;
  const wanted = new Set(written.map(idOf));
  for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
    const items = await phase.plan(ctx);
    const pending = items.filter((i) => wanted.has(idOf(i)) && i.action !== "unchanged");
    if (pending.length === 0 || Date.now() + delay > deadline) return items;
    await sleep(delay);
  }
}

/**
 * What to do about a 403 from the gateway: no role of the logged-in user maps to an action for the request's exact
 * path at that tenant (egov-accesscontrol ActionService.java:112-199; a `{placeholder}` is read as `\w+`,
 * util/Utils.java:9-23, so it never matches an MDMS schema code, which has a dot).
 */
function forbiddenHint(err: unknown): string | undefined {
  const e = err as { status?: unknown; path?: unknown };
  if (e.status !== 403) return undefined;
  const path = typeof e.path === "string" ? (e.path.split("?")[0] ?? e.path) : "this path";
  const example = path.startsWith("/mdms-v2/") ? " (DIGIT's default data grants MDMS writes to MDMS_ADMIN)" : "";
  return (
    `No role of the logged-in user maps to an action whose url is exactly ${path} at this tenant. Log in as a user ` +
    `with such a role${example}, or add the action and a role-action to the bundle (actions and role-actions are ` +
    `applied before the masters) and apply again.`
  );
}

function failureOf(item: PlanItem, code: string, message: string): ApplyFailure {
  return {
    kind: item.kind,
    key: item.key,
    tenantId: item.tenantId,
    code,
    message,
    ...(item.origin ? { file: item.origin.file, pointer: item.origin.pointer } : {}),
  };
}
