/** `digit profile show [name]`: the profile's settings and token status, never the tokens. */
import { readConfig } from "../../config/config-file.js";
import { readTokens } from "../../config/credentials.js";
import { configPaths } from "../../config/paths.js";
import { UserError } from "../../errors.js";
import type { CommandContext } from "../types.js";

export default async function profileShow({ io, out, args }: CommandContext): Promise<number> {
  const paths = configPaths(io.env);
  const config = readConfig(paths);
  const name = (args[0] as string | undefined) ?? io.env.DIGIT_PROFILE ?? config.current;
  if (!name) throw new UserError("No current profile.", { fix: "Create one with digit login, or name one: digit profile show <name>." });
  const profile = config.profiles[name];
  if (!profile) throw new UserError(`No profile named "${name}".`, { where: paths.config, fix: "List them with digit profile list." });
  const tokens = readTokens(paths, name);
  const view = {
    name,
    current: name === config.current,
    ...profile,
    loggedIn: tokens !== undefined,
    tokenExpiresAt: tokens?.expiresAt ? new Date(tokens.expiresAt).toISOString() : null,
    configFile: paths.config,
    credentialsFile: paths.credentials,
  };
  out.result(view, () =>
    [
      `profile:     ${name}${view.current ? " (current)" : ""}`,
      `url:         ${profile.url}`,
      `tenant:      ${profile.tenant}`,
      `username:    ${profile.username}`,
      `user type:   ${profile.userType}`,
      `logged in:   ${view.loggedIn ? `yes${view.tokenExpiresAt ? `, token expires ${view.tokenExpiresAt}` : ""}` : "no"}`,
      `config:      ${paths.config}`,
      `credentials: ${paths.credentials}`,
    ].join("\n"),
  );
  return 0;
}
