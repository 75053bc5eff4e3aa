/**
 * What the conformance suite runs against, chosen by the environment:
 *
 * - nothing set: the mock in-process (`createDigitMock`, no network);
 * - `CONFORMANCE_TARGET=standalone`: the built mock (`packages/mock-server/dist/bin.js`) as its own process,
 *   over HTTP;
 * - `DIGIT_URL=https://…`: a real DIGIT, logged in with `DIGIT_USERNAME` / `DIGIT_PASSWORD` at `DIGIT_TENANT`
 *   (a state tenant), using the city `DIGIT_CITY` for city-level calls; `DIGIT_INTERNAL_URL` optionally reaches
 *   services without the gateway (e.g. a port-forward), for the internal-door behaviours.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDigitMock, DEFAULT_CITY_TENANT, DEFAULT_CREDENTIALS, DEFAULT_STATE_TENANT } from "@digit-kit/mock-server";

export type TargetKind = "in-process" | "standalone" | "remote";

export interface Credentials {
  username: string;
  password: string;
  /** Tenant the user logs in at. */
  tenantId: string;
  userType: string;
}

export interface Target {
  readonly kind: TargetKind;
  /** Whether this is DIGIT Kit's mock (mock-only behaviours run only there). */
  readonly isMock: boolean;
  readonly strict: boolean;
  readonly baseUrl: string;
  /** The gateway door: what clients reach. */
  readonly fetch: typeof fetch;
  /** The internal door (service to service), when the target offers one. */
  readonly internalFetch: typeof fetch | undefined;
  readonly credentials: Credentials;
  readonly stateTenant: string;
  readonly cityTenant: string;
  close(): Promise<void>;
}

export interface TargetOptions {
  /** A mock started with `--strict` (mock targets only). */
  strict?: boolean;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The kind of target the environment selects. */
export function targetKind(env: NodeJS.ProcessEnv = process.env): TargetKind {
  if (env["DIGIT_URL"]) return "remote";
  const named = env["CONFORMANCE_TARGET"] ?? "in-process";
  if (named !== "in-process" && named !== "standalone") {
    throw new Error(`CONFORMANCE_TARGET must be "in-process" or "standalone" (or set DIGIT_URL for a real DIGIT), got "${named}".`);
  }
  return named;
}

const mockCredentials: Credentials = {
  username: DEFAULT_CREDENTIALS.username,
  password: DEFAULT_CREDENTIALS.password,
  tenantId: DEFAULT_CREDENTIALS.tenantId,
  userType: DEFAULT_CREDENTIALS.userType,
};

function inProcess(options: TargetOptions): Target {
  const mock = createDigitMock({ options: { strict: options.strict ?? false } });
  return {
    kind: "in-process",
    isMock: true,
    strict: options.strict ?? false,
    baseUrl: "http://digit.mock",
    fetch: mock.fetch,
    internalFetch: mock.internalFetch,
    credentials: mockCredentials,
    stateTenant: DEFAULT_STATE_TENANT,
    cityTenant: DEFAULT_CITY_TENANT,
    close: async () => {},
  };
}

/** Starts `digit-mock --port 0` and waits for its banner's URL. */
async function standalone(options: TargetOptions): Promise<Target> {
  const bin = join(repoRoot, "packages/mock-server/dist/bin.js");
  if (!existsSync(bin)) throw new Error(`${bin} does not exist: run \`pnpm build\` before the standalone conformance run.`);
  const args = [bin, "--port", "0", ...(options.strict ? ["--strict"] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const [url, internalUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`digit-mock did not start within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s:]+:\d+)/.exec(output);
      const internal = /Internal door on (http:\/\/[^\s:]+:\d+)/.exec(output);
      if (match && internal) {
        clearTimeout(timer);
        resolve([match[1] as string, internal[1] as string]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`digit-mock exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    kind: "standalone",
    isMock: true,
    strict: options.strict ?? false,
    baseUrl: url,
    fetch: globalThis.fetch,
    internalFetch: ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(String(input).replace(url, internalUrl), init)) as typeof fetch,
    credentials: mockCredentials,
    stateTenant: DEFAULT_STATE_TENANT,
    cityTenant: DEFAULT_CITY_TENANT,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required when DIGIT_URL is set (see docs/conformance.md).`);
  return value;
}

function remote(env: NodeJS.ProcessEnv): Target {
  const baseUrl = required(env, "DIGIT_URL").replace(/\/+$/, "");
  const stateTenant = required(env, "DIGIT_TENANT");
  const internal = env["DIGIT_INTERNAL_URL"]?.replace(/\/+$/, "");
  return {
    kind: "remote",
    isMock: false,
    strict: false,
    baseUrl,
    fetch: globalThis.fetch,
    // The internal door is another base URL; requests are rewritten onto it.
    internalFetch: internal
      ? (((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(String(input).replace(baseUrl, internal), init)) as typeof fetch)
      : undefined,
    credentials: {
      username: required(env, "DIGIT_USERNAME"),
      password: required(env, "DIGIT_PASSWORD"),
      tenantId: env["DIGIT_LOGIN_TENANT"] ?? stateTenant,
      userType: env["DIGIT_USER_TYPE"] ?? "EMPLOYEE",
    },
    stateTenant,
    cityTenant: required(env, "DIGIT_CITY"),
    close: async () => {},
  };
}

/** Open the target the environment selects. A strict target exists only for the mock. */
export async function openTarget(options: TargetOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const kind = targetKind(env);
  if (kind === "remote") return remote(env);
  return kind === "standalone" ? standalone(options) : inProcess(options);
}
