/**
 * `digit logout`: revokes the profile's session on the server (best effort, short timeout) and forgets its
 * tokens locally. The profile itself stays.
 */
import { createDigitClient } from "@digit-kit/sdk";
import { readConfig } from "../config/config-file.js";
import { readTokens, writeTokens } from "../config/credentials.js";
import { configPaths } from "../config/paths.js";
import { verboseHooks } from "../config/resolve-client.js";
import { fileTokenStore } from "../config/token-store.js";
import { UserError } from "../errors.js";
import type { CommandContext } from "./types.js";

export default async function logout({ io, out, options }: CommandContext): Promise<number> {
  const paths = configPaths(io.env);
  const config = readConfig(paths);
  const name = (options.profile as string | undefined) ?? config.current;
  if (!name) throw new UserError("No profile to log out of.", { fix: "Name one: digit logout --profile <name>." });
  const session = readTokens(paths, name);
  const profile = config.profiles[name];
  let revoked = false;
  if (session && profile) {
    const client = createDigitClient({
      baseUrl: profile.url,
      tenantId: profile.tenant,
      auth: { store: fileTokenStore(paths, name) },
      timeout: 5000,
      retry: false,
      ...(io.fetch ? { fetch: io.fetch } : {}),
      hooks: verboseHooks(out),
    });
    try {
      await client.auth.logout();
      revoked = true;
    } catch (error) {
      out.status(`warning: could not revoke the session on ${profile.url} (${(error as Error).message}); forgetting it locally.`);
    }
  }
  if (readTokens(paths, name)) writeTokens(paths, name, undefined);
  out.result({ profile: name, loggedOut: session !== undefined, revoked }, () =>
    session ? `Logged out of "${name}"${revoked ? "" : " (locally)"}.` : `"${name}" was not logged in.`,
  );
  return 0;
}
