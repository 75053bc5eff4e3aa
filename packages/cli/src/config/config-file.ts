/** config.json: profiles and the current profile. Holds no secrets. */
import { readFileSync } from "node:fs";
import { UserError } from "../errors.js";
import { writeFileAtomic } from "./atomic-write.js";
import type { ConfigPaths } from "./paths.js";

export type UserType = "EMPLOYEE" | "CITIZEN" | "SYSTEM";

export interface Profile {
  /** Gateway base URL, e.g. https://dev.digit.org */
  url: string;
  /** State tenant the user logs in to. */
  tenant: string;
  username: string;
  userType: UserType;
}

export interface ConfigFile {
  version: 1;
  current?: string;
  profiles: Record<string, Profile>;
}

/** Reads a JSON file, or undefined when it does not exist. Bad JSON is a UserError naming the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path} is not valid JSON: ${(error as Error).message}`, {
      where: path,
      fix: "Fix or delete the file; `digit login` recreates it.",
    });
  }
}

export function readConfig(paths: ConfigPaths): ConfigFile {
  const raw = readJsonFile(paths.config) as Partial<ConfigFile> | undefined;
  return { version: 1, profiles: raw?.profiles ?? {}, ...(raw?.current ? { current: raw.current } : {}) };
}

export function writeConfig(paths: ConfigPaths, config: ConfigFile): void {
  writeFileAtomic(paths.config, `${JSON.stringify(config, null, 2)}\n`, 0o644);
}
