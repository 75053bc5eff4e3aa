/**
 * Builds the SDK client a command talks to. Settings come from flags, then DIGIT_* variables, then the
 * profile (DIGIT_PROFILE or the current one). With a logged-in profile the token comes from
 * credentials.json (refreshed tokens are written back); with DIGIT_USERNAME + DIGIT_PASSWORD the client logs
 * in on its first call (CI).
 */
import { createDigitClient, redact, memoryTokenStore, type DigitClient, type DigitHooks } from "@digit-kit/sdk";
import { UserError } from "../errors.js";
import type { CliIo, Output } from "../output.js";
import { readConfig, type Profile, type UserType } from "./config-file.js";
import { readTokens } from "./credentials.js";
import { configPaths } from "./paths.js";
import { fileTokenStore } from "./token-store.js";

export interface ConnectionFlags {
  profile?: string;
  url?: string;
  username?: string;
  userType?: string;
  /** Tenant the command works on; its state is the login tenant when nothing else says. */
  tenant?: string;
}

export interface Connection {
  /** The profile used (even when flags override parts of it), or undefined. */
  profileName: string | undefined;
  profile: Profile | undefined;
  url: string;
  /** State tenant to log in to. */
  loginTenant: string;
  username: string | undefined;
  userType: UserType;
  password: string | undefined;
  /** Whether the profile's saved tokens apply (same gateway and user). */
  useSavedTokens: boolean;
}

const USER_TYPES: readonly UserType[] = ["EMPLOYEE", "CITIZEN", "SYSTEM"];

/** Resolves where and as whom to connect: flags > env > profile. */
export function resolveConnection(flags: ConnectionFlags, env: CliIo["env"]): Connection {
  const paths = configPaths(env);
  const config = readConfig(paths);
  const profileName = flags.profile ?? env.DIGIT_PROFILE ?? config.current;
  const profile = profileName ? config.profiles[profileName] : undefined;
  if (flags.profile && !profile) {
    throw new UserError(`No profile named "${flags.profile}".`, {
      where: paths.config,
      fix: `Create it with digit login --profile ${flags.profile} ..., or list profiles with digit profile list.`,
    });
  }
  const url = flags.url ?? env.DIGIT_URL ?? profile?.url;
  if (!url) {
    throw new UserError("No DIGIT gateway to talk to.", {
      fix: ["Pass --url <gateway> or set DIGIT_URL,", "or log in once: digit login --profile <name> --url <gateway> --tenant <state> --username <user>."],
    });
  }
  const userTypeRaw = (flags.userType ?? env.DIGIT_USER_TYPE ?? profile?.userType ?? "EMPLOYEE").toUpperCase();
  if (!USER_TYPES.includes(userTypeRaw as UserType)) {
    throw new UserError(`Unknown user type "${userTypeRaw}".`, { fix: `Use one of ${USER_TYPES.join(", ")} (--user-type or DIGIT_USER_TYPE).` });
  }
  const loginTenant = env.DIGIT_TENANT ?? profile?.tenant ?? flags.tenant?.split(".")[0];
  if (!loginTenant) {
    throw new UserError("No tenant to log in to.", { fix: "Pass --tenant, set DIGIT_TENANT, or use a profile (digit login)." });
  }
  const username = flags.username ?? env.DIGIT_USERNAME ?? profile?.username;
  const sameTarget = profile !== undefined && profile.url === url && profile.username === username && profile.tenant === loginTenant;
  return {
    profileName,
    profile,
    url,
    loginTenant,
    username,
    userType: userTypeRaw as UserType,
    password: env.DIGIT_PASSWORD,
    useSavedTokens: sameTarget,
  };
}

/** SDK hooks that log each request and response to stderr (already redacted by the SDK; redacted again here). */
export function verboseHooks(out: Output): DigitHooks {
  return {
    beforeRequest: (r) => out.debug(`→ ${r.method} ${r.url} ${r.operationId}${r.attempt ? ` (retry ${r.attempt})` : ""} ${JSON.stringify(redact(r.body))}`),
    afterResponse: (r) => out.debug(`← ${r.status} ${r.operationId} ${Math.round(r.durationMs)} ms`),
    onError: (r) => out.debug(`✗ ${r.operationId}: ${r.error instanceof Error ? r.error.message : String(r.error)}`),
  };
}

export interface ResolvedClient {
  client: DigitClient;
  connection: Connection;
}

/** The SDK client for this invocation. Fails early, with the fix, when there is no way to authenticate. */
export function resolveClient(io: CliIo, out: Output, flags: ConnectionFlags): ResolvedClient {
  const connection = resolveConnection(flags, io.env);
  const paths = configPaths(io.env);
  const saved = connection.useSavedTokens && connection.profileName ? readTokens(paths, connection.profileName) : undefined;
  const credentials =
    connection.username && connection.password
      ? { username: connection.username, password: connection.password, userType: connection.userType, tenantId: connection.loginTenant }
      : undefined;
  if (!saved && !credentials) {
    const p = connection.profile;
    // A saved session exists but is for another target: say why it was not used.
    const skipped =
      p && connection.profileName && !connection.useSavedTokens
        ? ` Profile "${connection.profileName}" is logged in as ${p.username ?? "?"} to ${p.url} (tenant ${p.tenant}), ` +
          `but this command targets ${connection.username ?? "?"} at ${connection.url} (tenant ${connection.loginTenant}); ` +
          "saved tokens are only used for the same URL, user and tenant."
        : "";
    throw new UserError(`Not logged in to ${connection.url}.${skipped}`, {
      fix: [
        `Log in: digit login --profile <name> --url ${connection.url} --tenant ${connection.loginTenant} --username <user>,`,
        "or set DIGIT_USERNAME and DIGIT_PASSWORD (CI).",
      ],
    });
  }
  const store = saved && connection.profileName ? fileTokenStore(paths, connection.profileName) : memoryTokenStore();
  const client = createDigitClient({
    baseUrl: connection.url,
    tenantId: connection.loginTenant,
    auth: { store, ...(credentials ? { credentials } : {}) },
    ...(io.fetch ? { fetch: io.fetch } : {}),
    // Without --verbose no hooks: the SDK then skips redacting a copy of every request for them.
    ...(out.verbose ? { hooks: verboseHooks(out) } : {}),
  });
  return { client, connection };
}
