/** `digit profile use <name>` */
import { readConfig, writeConfig } from "../../config/config-file.js";
import { configPaths } from "../../config/paths.js";
import { UserError } from "../../errors.js";
import type { CommandContext } from "../types.js";

export default async function profileUse({ io, out, args }: CommandContext): Promise<number> {
  const name = String(args[0]);
  const paths = configPaths(io.env);
  const config = readConfig(paths);
  if (!config.profiles[name]) {
    const known = Object.keys(config.profiles);
    throw new UserError(`No profile named "${name}".`, {
      where: paths.config,
      fix: known.length ? `Use one of: ${known.join(", ")}, or create it with digit login --profile ${name} ...` : `Create it: digit login --profile ${name} --url <gateway> --tenant <state> --username <user>`,
    });
  }
  writeConfig(paths, { ...config, current: name });
  out.result({ current: name }, () => `Now using profile "${name}".`);
  return 0;
}
