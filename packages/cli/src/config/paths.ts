/** Where the CLI keeps its files: `$XDG_CONFIG_HOME/digit-kit/` (default `~/.config/digit-kit/`). */
import { homedir } from "node:os";
import { join } from "node:path";

export interface ConfigPaths {
  dir: string;
  /** Profiles (no secrets). */
  config: string;
  /** Tokens per profile, mode 0600. */
  credentials: string;
}

export function configPaths(env: Record<string, string | undefined>): ConfigPaths {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  const dir = join(base, "digit-kit");
  return { dir, config: join(dir, "config.json"), credentials: join(dir, "credentials.json") };
}
