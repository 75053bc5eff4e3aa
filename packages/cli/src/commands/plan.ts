/** `digit plan -f <bundle>`: what apply would change. Exit 2 when changes are pending (terraform -detailed-exitcode). */
import { plan, type ResourceKind } from "../services/index.js";
import { EXIT } from "../errors.js";
import { loadBundleFor } from "./shared/bundle.js";
import { connect } from "./shared/connect.js";
import { planJson, showPlan } from "./shared/plan-output.js";
import type { CommandContext } from "./types.js";

export default async function planCommand(ctx: CommandContext): Promise<number> {
  const bundle = await loadBundleFor(ctx);
  const { gateway } = connect(ctx, bundle.stateTenant);
  const only = ctx.options.only as ResourceKind[] | undefined;
  const result = await plan(gateway, bundle, only ? { only } : {});
  ctx.out.result(planJson(bundle.stateTenant, result), () => "");
  await showPlan(ctx.out, bundle.stateTenant, result);
  return result.hasChanges ? EXIT.CHANGES_PENDING : EXIT.OK;
}
