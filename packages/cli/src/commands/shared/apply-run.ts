/** The confirm → progress → apply → result sequence shared by `apply` and `tenant create`. */
import type { Bundle } from "@digit-kit/bundle";
import { apply, formatApplyResult, plan, type ApplyResult, type DigitGateway, type ResourceKind } from "../../services/index.js";
import { createReadCache } from "../../services/read-cache.js";
import { EXIT, UserError } from "../../errors.js";
import type { Output } from "../../output.js";
import { renderConfirm, renderProgress } from "../../ui/render.js";
import { planJson, showPlan } from "./plan-output.js";

export interface ApplyRunOptions {
  only?: ResourceKind[];
  dryRun: boolean;
  yes: boolean;
  concurrency: number;
  /** Command to suggest in the "needs --yes" error. */
  commandHint: string;
  /** The exact command that resumes an interrupted apply (default: `commandHint --yes`). */
  resumeCommand?: string;
  /** Printed after the plan in text mode (e.g. `tenant create`'s rewrites). */
  describe?: () => void;
  /** Added to every JSON document this run prints. */
  extraJson?: Record<string, unknown>;
  /** Runs after a successful apply, or when there was nothing to apply (checks such as `tenant create`'s trace check). */
  afterApply?: () => Promise<{ json: Record<string, unknown>; text: string; ok: boolean }>;
}

/** `argv` as a shell command line (`digit …`), quoting arguments that need it. */
export function commandLine(argv: readonly string[]): string {
  return ["digit", ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(" ");
}

/** JSON form of an apply result (the plan's write functions dropped). */
export function applyJson(tenant: string, result: ApplyResult, resume?: string) {
  const { plan: p, ...rest } = result;
  return { tenant, ...rest, ...(result.interrupted && resume ? { resume } : {}), plan: planJson(tenant, p) };
}

/** Refuses, before any network call, to apply without --yes when there is no terminal to confirm on. */
export function requireConfirmable(out: Output, options: Pick<ApplyRunOptions, "yes" | "dryRun" | "commandHint">): void {
  if (options.yes || options.dryRun || (out.interactive && out.io.stdin.isTTY)) return;
  throw new UserError("apply changes DIGIT and needs confirmation, but there is no terminal to ask on.", {
    fix: [`Re-run with --yes to apply without asking: ${options.commandHint} --yes`, "or preview first with --dry-run."],
  });
}

export async function runApply(out: Output, gateway: DigitGateway, bundle: Bundle, options: ApplyRunOptions): Promise<{ exitCode: number; result?: ApplyResult }> {
  requireConfirmable(out, options);
  // On SIGINT bin.ts waits for this run to print what it applied (one JSON document with --json) before exiting.
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  out.io.onInterrupt?.(() => finished);
  try {
    return await applyRun(out, gateway, bundle, options);
  } finally {
    finish();
  }
}

async function applyRun(out: Output, gateway: DigitGateway, bundle: Bundle, options: ApplyRunOptions): Promise<{ exitCode: number; result?: ApplyResult }> {
  const tenant = bundle.stateTenant;
  const filter = options.only ? { only: options.only } : {};
  const signal = out.io.signal;
  const resume = options.resumeCommand ?? `${options.commandHint} --yes`;
  const interruptedHint = (): void => out.status(`Interrupted. To resume, run: ${resume}\n(apply re-plans from live state: what was written is not written again.)`);
  // The phases reuse what this plan read, as long as nothing they read was written since (services/read-cache.ts).
  const reads = createReadCache(gateway);
  const before = await plan(reads.gateway, bundle, filter);
  if (signal?.aborted) {
    out.result({ interrupted: true, applied: false, resume, ...planJson(tenant, before) }, () => "Nothing was written.");
    interruptedHint();
    return { exitCode: EXIT.INTERRUPTED };
  }
  await showPlan(out, tenant, before);
  if (!out.json) options.describe?.();
  const extra = options.extraJson ?? {};
  if (options.dryRun) {
    out.result({ dryRun: true, ...planJson(tenant, before), ...extra }, () => "Dry run: nothing was written.");
    return { exitCode: EXIT.OK };
  }
  if (!before.hasChanges) {
    const check = await options.afterApply?.();
    out.result({ applied: false, ...planJson(tenant, before), ...extra, ...(check?.json ?? {}) }, () => ["Nothing to apply.", ...(check ? [check.text] : [])].join("\n"));
    return { exitCode: !check || check.ok ? EXIT.OK : EXIT.ERROR };
  }
  if (!options.yes) {
    const t = before.totals;
    const ok = await renderConfirm(out, `Apply ${t.create} create(s) and ${t.update} update(s) to ${tenant}?`);
    if (!ok) {
      out.status("Apply cancelled. Nothing was written.");
      return { exitCode: EXIT.ERROR };
    }
    reads.clear(); // time passed while asking: others may have written
  }
  const progress = await renderProgress(out);
  let result: ApplyResult;
  try {
    result = await apply(gateway, bundle, {
      ...filter,
      concurrency: options.concurrency,
      reads,
      ...(signal ? { signal } : {}),
      onProgress: (e) => progress.update({ label: e.phase, total: e.total, done: e.done, failed: e.failed, skipped: e.skipped }),
    });
  } finally {
    await progress.done();
  }
  if (result.interrupted) {
    out.result({ ...applyJson(tenant, result, resume), ...extra }, () => formatApplyResult(result));
    interruptedHint();
    return { exitCode: EXIT.INTERRUPTED, result };
  }
  const applied = result.failures.length === 0 && result.verification.ok;
  const check = applied ? await options.afterApply?.() : undefined;
  out.result({ ...applyJson(tenant, result, resume), ...extra, ...(check?.json ?? {}) }, () => [formatApplyResult(result), ...(check ? [check.text] : [])].join("\n"));
  const ok = applied && (!check || check.ok);
  return { exitCode: ok ? EXIT.OK : EXIT.ERROR, result };
}
