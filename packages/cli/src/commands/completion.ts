/** `digit completion <shell>`: prints a completion script generated from the command table. */
import { UserError } from "../errors.js";
import { completionScript, SHELLS, type Shell } from "./completion-script.js";
import type { CommandContext } from "./types.js";

export default async function completion({ out, args }: CommandContext): Promise<number> {
  const shell = String(args[0]);
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UserError(`Unknown shell "${shell}".`, { where: "digit completion <shell>", fix: `Use one of: ${SHELLS.join(", ")}.` });
  }
  const script = completionScript(shell as Shell);
  out.result({ shell, script }, () => script);
  return 0;
}
