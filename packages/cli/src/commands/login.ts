/**
 * `digit login`: password login, then the profile goes to config.json and the session (tokens) to
 * credentials.json (mode 0600). The password is never stored.
 */
import { createDigitClient, memoryTokenStore } from "@digit-kit/sdk";
import { readConfig, writeConfig, type UserType } from "../config/config-file.js";
import { writeTokens } from "../config/credentials.js";
import { readPassword } from "../config/password.js";
import { configPaths } from "../config/paths.js";
import { verboseHooks } from "../config/resolve-client.js";
import { UserError } from "../errors.js";
import type { CommandContext } from "./types.js";

function required(value: unknown, flag: string, env: string): string {
  if (typeof value === "string" && value !== "") return value;
  throw new UserError(`Missing ${flag}.`, { where: "digit login", fix: `Pass ${flag} <value> or set ${env}.` });
}

export default async function login({ io, out, options }: CommandContext): Promise<number> {
  const profileName = (options.profile as string | undefined) ?? "default";
  const url = required(options.url, "--url", "DIGIT_URL");
  const tenant = required(options.tenant, "--tenant", "DIGIT_TENANT");
  const username = required(options.username, "--username", "DIGIT_USERNAME");
  const userType = ((options.userType as string | undefined) ?? "EMPLOYEE").toUpperCase() as UserType;
  try {
    new URL(url);
  } catch {
    throw new UserError(`"${url}" is not a URL.`, { where: "--url", fix: "Give the gateway origin, e.g. https://dev.digit.org" });
  }
  const password = await readPassword(io, {
    fromStdin: options.passwordStdin === true,
    envVar: "DIGIT_PASSWORD",
    label: `Password for ${username}@${tenant}`,
    stdinFlag: "--password-stdin",
  });

  const store = memoryTokenStore();
  const client = createDigitClient({
    baseUrl: url,
    tenantId: tenant,
    auth: { store },
    ...(io.fetch ? { fetch: io.fetch } : {}),
    hooks: verboseHooks(out),
  });
  const session = await client.auth.login({ username, password, userType, tenantId: tenant });

  const paths = configPaths(io.env);
  writeTokens(paths, profileName, session);
  const config = readConfig(paths);
  config.profiles[profileName] = { url, tenant, username, userType };
  config.current = profileName;
  writeConfig(paths, config);

  const roles = (session.user?.roles ?? []).map((r) => r.code);
  out.result(
    { profile: profileName, url, tenant, username, userType, roles, credentialsFile: paths.credentials },
    () => `Logged in to ${url} as ${username} (${tenant}). Profile "${profileName}" saved and now current.`,
  );
  return 0;
}
