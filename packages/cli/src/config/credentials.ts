/**
 * credentials.json: tokens per profile, apart from config.json so the config can be shared or printed.
 * Always written with mode 0600 (atomic write, chmod, verified).
 */
import { writeFileAtomic } from "./atomic-write.js";
import { readJsonFile } from "./config-file.js";
import type { ConfigPaths } from "./paths.js";

import type { DigitSession } from "@digit-kit/sdk";

/** A profile's session: tokens, expiry and the user DIGIT returned at login (the SDK's DigitSession). */
export type StoredTokens = DigitSession;

interface CredentialsFile {
  version: 1;
  profiles: Record<string, StoredTokens>;
}

export const CREDENTIALS_MODE = 0o600;

function read(paths: ConfigPaths): CredentialsFile {
  const raw = readJsonFile(paths.credentials) as Partial<CredentialsFile> | undefined;
  return { version: 1, profiles: raw?.profiles ?? {} };
}

export function readTokens(paths: ConfigPaths, profile: string): StoredTokens | undefined {
  return read(paths).profiles[profile];
}

export function writeTokens(paths: ConfigPaths, profile: string, tokens: StoredTokens | undefined): void {
  const file = read(paths);
  if (tokens) file.profiles[profile] = tokens;
  else delete file.profiles[profile];
  writeFileAtomic(paths.credentials, `${JSON.stringify(file, null, 2)}\n`, CREDENTIALS_MODE);
}
