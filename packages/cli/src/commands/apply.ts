/** `digit apply -f <bundle>`: plan, confirm (or --yes), apply with progress, verify. */
import type { ResourceKind } from "../services/index.js";
import { UserError } from "../errors.js";
import { commandLine, requireConfirmable, runApply } from "./shared/apply-run.js";
import { loadBundleFor } from "./shared/bundle.js";
import { connect } from "./shared/connect.js";
import type { CommandContext } from "./types.js";

export default async function applyCommand(ctx: CommandContext): Promise<number> {
  const concurrency = Number(ctx.options.concurrency ?? 32);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UserError(`--concurrency must be an integer from 1 to 64, got "${String(ctx.options.concurrency)}".`, { where: "--concurrency" });
  }
  const yes = ctx.options.yes === true;
  const dryRun = ctx.options.dryRun === true;
  const file = String(ctx.options.file ?? "<bundle>");
  requireConfirmable(ctx.out, { yes, dryRun, commandHint: `digit apply -f ${file}` });
  const bundle = await loadBundleFor(ctx);
  const { gateway } = connect(ctx, bundle.stateTenant);
  const only = ctx.options.only as ResourceKind[] | undefined;
  const { exitCode } = await runApply(ctx.out, gateway, bundle, {
    ...(only ? { only } : {}),
    dryRun,
    yes,
    concurrency,
    commandHint: `digit apply -f ${file}`,
    resumeCommand: commandLine(ctx.argv),
  });
  return exitCode;
}
