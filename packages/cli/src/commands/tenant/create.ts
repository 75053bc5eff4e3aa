/** `digit tenant create <city> --from <template-city>`: builds a bundle from the template, then plans/applies it. */
import { tenantFromTemplate } from "../../services/index.js";
import { UserError } from "../../errors.js";
import { requireConfirmable, runApply } from "../shared/apply-run.js";
import { connect } from "../shared/connect.js";
import type { CommandContext } from "../types.js";

const CITY = /^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$/;

export default async function tenantCreate(ctx: CommandContext): Promise<number> {
  const city = String(ctx.args[0]);
  const from = ctx.options.from as string | undefined;
  if (!CITY.test(city)) throw new UserError(`"${city}" is not a city tenant code.`, { where: "<city>", fix: "Use <state>.<city>, e.g. pb.jalandhar." });
  if (!from) throw new UserError("--from <template-city> is required.", { fix: `e.g. digit tenant create ${city} --from ${city.split(".")[0]}.amritsar` });
  if (from.split(".")[0] !== city.split(".")[0]) {
    throw new UserError(`${city} and ${from} are in different states.`, { fix: "Copy a city of the same state." });
  }
  const commandHint = `digit tenant create ${city} --from ${from}`;
  requireConfirmable(ctx.out, { yes: ctx.options.yes === true, dryRun: ctx.options.dryRun === true, commandHint });
  const { gateway } = connect(ctx, city);
  const name = ctx.options.name as string | undefined;
  const bundle = await tenantFromTemplate(gateway, { city, from, ...(name ? { name } : {}) });
  const { exitCode } = await runApply(ctx.out, gateway, bundle, {
    dryRun: ctx.options.dryRun === true,
    yes: ctx.options.yes === true,
    concurrency: 8,
    commandHint,
  });
  return exitCode;
}
