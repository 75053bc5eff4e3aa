import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createDigitMock, DEFAULT_CREDENTIALS } from "@digit-kit/mock-server";
import { describe, expect, it } from "vitest";
import { runDigit } from "../src/run.js";
import { isolatedEnv } from "./helpers.js";

const URL_ = "http://digit.test";

function loginArgs(profile = "dev") {
  return ["login", "--profile", profile, "--url", URL_, "--tenant", DEFAULT_CREDENTIALS.tenantId, "--username", DEFAULT_CREDENTIALS.username];
}

describe("digit login / profile / logout", () => {
  it("logs in with DIGIT_PASSWORD and writes credentials.json with mode 0600", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv({ DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password });
    const r = await runDigit(loginArgs(), { env, fetch: mock.fetch });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Profile "dev" saved');
    const credentials = join(env.XDG_CONFIG_HOME!, "digit-kit", "credentials.json");
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(join(env.XDG_CONFIG_HOME!, "digit-kit", "config.json"), "utf8")) as { current: string };
    expect(config.current).toBe("dev");
    expect(readFileSync(join(env.XDG_CONFIG_HOME!, "digit-kit", "config.json"), "utf8")).not.toMatch(/accessToken|eGov/);
    const tokens = JSON.parse(readFileSync(credentials, "utf8")) as { profiles: Record<string, { accessToken: string }> };
    expect(tokens.profiles.dev!.accessToken.length).toBeGreaterThan(8);
  });

  it("--verbose logs the login request without the password or tokens", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv({ DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password });
    const r = await runDigit([...loginArgs(), "--verbose"], { env, fetch: mock.fetch });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/→ POST http:\/\/digit\.test\/user\/oauth\/token user\.login/);
    expect(r.stderr).not.toContain(DEFAULT_CREDENTIALS.password);
    const tokens = JSON.parse(readFileSync(join(env.XDG_CONFIG_HOME!, "digit-kit", "credentials.json"), "utf8")) as {
      profiles: Record<string, { accessToken: string }>;
    };
    expect(r.stderr + r.stdout).not.toContain(tokens.profiles.dev!.accessToken);
  });

  it("reads the password from stdin with --password-stdin", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv();
    const r = await runDigit([...loginArgs(), "--password-stdin"], { env, fetch: mock.fetch, stdin: `${DEFAULT_CREDENTIALS.password}\n` });
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it("never prompts without a terminal: names DIGIT_PASSWORD and --password-stdin", async () => {
    const r = await runDigit(loginArgs(), { env: isolatedEnv(), fetch: createDigitMock().fetch });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("DIGIT_PASSWORD");
    expect(r.stderr).toContain("--password-stdin");
    expect(r.stderr).not.toContain("Password for");
  });

  it("bad credentials are a user error without stack trace or the password", async () => {
    const r = await runDigit(loginArgs(), { env: isolatedEnv({ DIGIT_PASSWORD: "wrong-secret-123" }), fetch: createDigitMock().fetch });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr + r.stdout).not.toContain("wrong-secret-123");
  });

  it("profile show / list never print tokens, also with --json", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv({ DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password });
    await runDigit(loginArgs(), { env, fetch: mock.fetch });
    const tokens = JSON.parse(readFileSync(join(env.XDG_CONFIG_HOME!, "digit-kit", "credentials.json"), "utf8")) as {
      profiles: Record<string, { accessToken: string; refreshToken?: string }>;
    };
    const secret = tokens.profiles.dev!.accessToken;
    for (const argv of [["profile", "show"], ["profile", "show", "dev", "--json"], ["profile", "list"], ["profile", "list", "--json"]]) {
      const r = await runDigit(argv, { env });
      expect(r.exitCode, argv.join(" ")).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(secret);
      if (argv.includes("--json")) JSON.parse(r.stdout);
    }
    const show = JSON.parse((await runDigit(["profile", "show", "--json"], { env })).stdout) as { loggedIn: boolean; url: string };
    expect(show).toMatchObject({ loggedIn: true, url: URL_ });
  });

  it("profile use switches the current profile; unknown names list the known ones", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv({ DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password });
    await runDigit(loginArgs("a"), { env, fetch: mock.fetch });
    await runDigit(loginArgs("b"), { env, fetch: mock.fetch });
    expect((await runDigit(["profile", "use", "a"], { env })).exitCode).toBe(0);
    const list = JSON.parse((await runDigit(["profile", "list", "--json"], { env })).stdout) as { current: string };
    expect(list.current).toBe("a");
    const bad = await runDigit(["profile", "use", "zzz"], { env });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("a, b");
  });

  it("logout drops the tokens but keeps the profile", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv({ DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password });
    await runDigit(loginArgs(), { env, fetch: mock.fetch });
    const token = (JSON.parse(readFileSync(join(env.XDG_CONFIG_HOME!, "digit-kit", "credentials.json"), "utf8")) as {
      profiles: Record<string, { accessToken: string }>;
    }).profiles.dev!.accessToken;
    const r = await runDigit(["logout", "--json"], { env, fetch: mock.fetch });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ loggedOut: true, revoked: true });
    // The server no longer accepts the old token.
    const details = await mock.fetch(`${URL_}/user/_details?access_token=${token}`, { method: "POST" });
    expect(details.status).toBeGreaterThanOrEqual(400);
    const show = JSON.parse((await runDigit(["profile", "show", "--json"], { env })).stdout) as { loggedIn: boolean };
    expect(show.loggedIn).toBe(false);
    expect(statSync(join(env.XDG_CONFIG_HOME!, "digit-kit", "credentials.json")).mode & 0o777).toBe(0o600);
  });

  it("later commands use the saved session: no password needed", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv({ DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password });
    await runDigit(loginArgs(), { env, fetch: mock.fetch });
    const { DIGIT_PASSWORD: _drop, ...noPassword } = env;
    const r = await runDigit(["mdms", "search", "tenant.tenants", "--tenant", "pg", "--json"], { env: noPassword, fetch: mock.fetch });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { count: number }).count).toBeGreaterThan(0);
  });

  it("commands without a login explain how to log in", async () => {
    const r = await runDigit(["mdms", "search", "common-masters.Department", "--url", URL_, "--tenant", "pg"], { env: isolatedEnv() });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("Not logged in");
    expect(r.stderr).toContain("digit login");
  });

  it("says why a saved session was not used when the command targets another tenant", async () => {
    const mock = createDigitMock();
    const env = isolatedEnv({ DIGIT_PASSWORD: DEFAULT_CREDENTIALS.password });
    await runDigit(loginArgs(), { env, fetch: mock.fetch });
    const { DIGIT_PASSWORD: _drop, ...noPassword } = env;
    const r = await runDigit(["mdms", "search", "tenant.tenants", "--json"], { env: { ...noPassword, DIGIT_TENANT: "dk" }, fetch: mock.fetch });
    expect(r.exitCode).toBe(1);
    expect(r.stdout + r.stderr).toContain("saved tokens are only used for the same URL, user and tenant");
    expect(r.stdout + r.stderr).toContain("(tenant dk)");
  });
});
