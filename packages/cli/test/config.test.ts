import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/config/atomic-write.js";
import { readTokens, writeTokens } from "../src/config/credentials.js";
import { configPaths } from "../src/config/paths.js";
import { resolveConnection } from "../src/config/resolve-client.js";
import { writeConfig } from "../src/config/config-file.js";
import { tempDir } from "./helpers.js";

describe("config paths", () => {
  it("uses XDG_CONFIG_HOME, else ~/.config", () => {
    expect(configPaths({ XDG_CONFIG_HOME: "/x" }).credentials).toBe("/x/digit-kit/credentials.json");
    expect(configPaths({ HOME: "/home/u" }).config).toBe("/home/u/.config/digit-kit/config.json");
  });
});

describe("credentials file", () => {
  it("is written atomically with mode 0600, leaving no temp files, even under a permissive umask", () => {
    const dir = tempDir();
    const paths = configPaths({ XDG_CONFIG_HOME: dir });
    const old = process.umask(0o000);
    try {
      writeTokens(paths, "a", { accessToken: "t1" });
      writeTokens(paths, "b", { accessToken: "t2", refreshToken: "r2", expiresAt: 1 });
    } finally {
      process.umask(old);
    }
    expect(statSync(paths.credentials).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, "digit-kit")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(readTokens(paths, "b")).toEqual({ accessToken: "t2", refreshToken: "r2", expiresAt: 1 });
    writeTokens(paths, "a", undefined);
    expect(readTokens(paths, "a")).toBeUndefined();
  });

  it("writeFileAtomic replaces the file in one step", () => {
    const file = join(tempDir(), "f.json");
    writeFileAtomic(file, "1", 0o600);
    writeFileAtomic(file, "2", 0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("resolveConnection: flags > env > profile", () => {
  function setup() {
    const env: Record<string, string> = { XDG_CONFIG_HOME: tempDir() };
    writeConfig(configPaths(env), {
      version: 1,
      current: "dev",
      profiles: { dev: { url: "https://dev.example", tenant: "pb", username: "admin", userType: "EMPLOYEE" } },
    });
    return env;
  }

  it("takes the current profile", () => {
    const c = resolveConnection({}, setup());
    expect(c).toMatchObject({ profileName: "dev", url: "https://dev.example", loginTenant: "pb", username: "admin", useSavedTokens: true });
  });

  it("env overrides the profile and flags override env; overridden targets do not reuse saved tokens", () => {
    const env = { ...setup(), DIGIT_URL: "https://env.example", DIGIT_USERNAME: "ci" };
    expect(resolveConnection({}, env)).toMatchObject({ url: "https://env.example", username: "ci", useSavedTokens: false });
    expect(resolveConnection({ url: "https://flag.example" }, env).url).toBe("https://flag.example");
  });

  it("explains what is missing", () => {
    expect(() => resolveConnection({}, { XDG_CONFIG_HOME: tempDir() })).toThrow(/No DIGIT gateway/);
    expect(() => resolveConnection({ profile: "nope" }, setup())).toThrow(/No profile named "nope"/);
    expect(() => resolveConnection({ userType: "ROBOT" }, setup())).toThrow(/Unknown user type/);
  });
});
