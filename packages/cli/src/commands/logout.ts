/** `digit logout`: forgets the profile's tokens (the profile itself stays). */
import { readConfig } from "../config/config-file.js";
import { readTokens, writeTokens } from "../config/credentials.js";
import { configPaths } from "../config/paths.js";
import { UserError } from "../errors.js";
import type { CommandContext } from "./types.js";

export default async function logout({ io, out, options }: CommandContext): Promise<number> {
  const paths = configPaths(io.env);
  const config = readConfig(paths);
  const name = (options.profile as string | undefined) ?? config.current;
  if (!name) throw new UserError("No profile to log out of.", { fix: "Name one: digit logout --profile <name>." });
  const had = readTokens(paths, name) !== undefined;
  if (had) writeTokens(paths, name, undefined);
  out.result({ profile: name, loggedOut: had }, () => (had ? `Logged out of "${name}".` : `"${name}" was not logged in.`));
  return 0;
}
