/**
 * `digit-mock` / `digit mock start`: flags → `createMockServer`. Exported as `startMockServerCli(argv)` so the
 * CLI package reuses this flag parser instead of declaring a second one.
 */
import { parseArgs } from "node:util";
import { parseLatencyFlag } from "./core/faults.js";
import { createWarningLog } from "./node/warning-log.js";
import type { MockOptions } from "./core/types.js";
import { CONTROL_TOKEN_HEADER } from "./core/control-token.js";
import { createMockServer, type MockServer } from "./node/server.js";
import { defaultControlTokenFile } from "./node/token-file.js";
import { DEFAULT_CREDENTIALS } from "./seed/default-seed.js";

export const mockCliUsage = `Usage: digit-mock [options]

Start a stateful DIGIT mock on plain HTTP.

Options:
  --port <n>          port to listen on (default 8080; 0 = any free port): the gateway door, as clients reach
                      DIGIT (token checked, RBAC, userInfo replaced by the token's user)
  --internal-port <n> port of the internal door, as DIGIT services reach each other (no token check, no RBAC,
                      RequestInfo.userInfo taken as sent); default --port + 1 (any free port when --port is 0)
  --no-internal       do not open the internal door
  --host <host>       interface to bind (default 127.0.0.1)
  --seed <dir>        seed from a tenant bundle (DIGIT Kit or default-data-handler layout)
  --seed-tenant <t>   value for {tenantid} placeholders in the bundle
  --state <file>      persist state in this JSON file (+ <file>.journal); every acknowledged write is on disk;
                      uploaded files go to <file>.files/ (without --state: a temporary directory)
  --filestore-quota <MB>  total size of the uploaded files the mock keeps (default 256)
  --allow-host <h>    also accept this Host header (repeatable; loopback and the bound host always are)
  --control-token-file <f>
                      write the control API token here (default: <state>.control-token, else
                      $XDG_RUNTIME_DIR or the temp dir /digit-mock-<uid>/<port>.control-token)
  --no-rbac           do not enforce role-action access control
  --no-cors           do not answer CORS preflights or add Access-Control-* headers
  --strict            refuse what real DIGIT refuses where the mock is lenient by default
  --latency <ms|a-b>  add fixed or random latency to every request
  --write-lag <ms>    writes become visible to searches after this delay
  --token-ttl <s>     access token lifetime in seconds (default 604800)
  -h, --help          show this help

Environment:
  DIGIT_MOCK_CONTROL_TOKEN  use this control token instead of a random one (16+ printable characters)
`;

export class MockCliUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${mockCliUsage}`);
    this.name = "MockCliUsageError";
  }
}

/**
 * The mock could not listen: the port is taken by another program (`EADDRINUSE`) or not allowed (`EACCES`, a port
 * below 1024). Names the port and the flag that chose it; `fix` lists what to do. `digit-mock` exits 1.
 */
export class MockPortError extends Error {
  readonly where: string;
  readonly fix: string[];
  constructor(
    readonly port: number,
    readonly host: string,
    readonly flag: "--port" | "--internal-port",
    readonly code: string,
  ) {
    const door = flag === "--port" ? "gateway door" : "internal door";
    super(
      code === "EACCES"
        ? `Cannot listen on port ${port} (${host}, the ${door}, ${flag}): permission denied.`
        : `Cannot listen on port ${port} (${host}, the ${door}, ${flag}): it is already in use by another program.`,
    );
    this.name = "MockPortError";
    this.where = `${flag} ${port}`;
    const other = flag === "--port" ? "--port 0 (any free port; the URL is printed)" : "--no-internal, or --internal-port 0";
    this.fix =
      code === "EACCES"
        ? [`Use a port from 1024 up: ${flag} ${port < 1024 ? port + 8000 : port + 1}, or ${other}.`]
        : [
            `Use another port: ${flag} ${port + 10}, or ${other}.`,
            `Or find and stop what holds it: lsof -i :${port} (Linux, macOS), ss -ltnp 'sport = :${port}' (Linux), netstat -ano | findstr :${port} (Windows).`,
          ];
  }
}

function nonNegativeInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new MockCliUsageError(`${flag} expects a whole number >= 0, got "${value}".`);
  return n;
}

export interface StartedMockCli {
  server: MockServer;
  /** Save state and stop (also bound to SIGINT/SIGTERM when `handleSignals`). */
  stop(): Promise<void>;
}

export async function startMockServerCli(
  argv: string[],
  io: { log?: (line: string) => void; handleSignals?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<StartedMockCli | null> {
  const log = io.log ?? ((l: string) => console.log(l));
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        "internal-port": { type: "string" },
        "no-internal": { type: "boolean" },
        host: { type: "string" },
        seed: { type: "string" },
        "seed-tenant": { type: "string" },
        state: { type: "string" },
        "filestore-quota": { type: "string" },
        "allow-host": { type: "string", multiple: true },
        "control-token-file": { type: "string" },
        "no-rbac": { type: "boolean" },
        "no-cors": { type: "boolean" },
        strict: { type: "boolean" },
        latency: { type: "string" },
        "write-lag": { type: "string" },
        "token-ttl": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new MockCliUsageError((err as Error).message);
  }
  if (values["help"]) {
    log(mockCliUsage);
    return null;
  }
  const port = nonNegativeInt("--port", values["port"] as string | undefined) ?? 8080;
  if (port > 65535) throw new MockCliUsageError(`--port must be at most 65535, got ${port}.`);
  const internalPort = values["no-internal"] ? undefined : (nonNegativeInt("--internal-port", values["internal-port"] as string | undefined) ?? (port === 0 ? 0 : port + 1));
  if (internalPort !== undefined && internalPort > 65535) throw new MockCliUsageError(`--internal-port must be at most 65535, got ${internalPort}.`);
  const options: Partial<MockOptions> = {
    rbac: !values["no-rbac"],
    strict: Boolean(values["strict"]),
  };
  const quotaMb = nonNegativeInt("--filestore-quota", values["filestore-quota"] as string | undefined);
  const lag = nonNegativeInt("--write-lag", values["write-lag"] as string | undefined);
  if (lag !== undefined) options.writeLagMs = lag;
  const ttl = nonNegativeInt("--token-ttl", values["token-ttl"] as string | undefined);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  let latencyMs;
  if (typeof values["latency"] === "string") {
    try {
      latencyMs = parseLatencyFlag(values["latency"]);
    } catch (err) {
      throw new MockCliUsageError((err as Error).message);
    }
  }
  const statePath = typeof values["state"] === "string" ? values["state"] : undefined;
  const allowedHosts = ((values["allow-host"] as string[] | undefined) ?? []).flatMap((h) => h.split(",")).map((h) => h.trim()).filter(Boolean);
  const tokenFileFlag = values["control-token-file"] as string | undefined;
  const env = io.env ?? process.env;
  const envToken = env["DIGIT_MOCK_CONTROL_TOKEN"];
  const started = Date.now();
  const warnings = createWarningLog({ write: (line) => console.error(line) });
  let server: MockServer;
  try {
    server = await createMockServer({
      port,
      ...(internalPort !== undefined ? { internalPort } : {}),
      host: (values["host"] as string | undefined) ?? "127.0.0.1",
      cors: !values["no-cors"],
      options,
      ...(latencyMs !== undefined ? { faults: { latencyMs } } : {}),
      ...(typeof values["seed"] === "string" ? { seed: values["seed"] } : {}),
      ...(typeof values["seed-tenant"] === "string" ? { seedTenant: values["seed-tenant"] } : {}),
      ...(statePath !== undefined ? { statePath } : {}),
      allowedHosts,
      controlTokenFile: tokenFileFlag ?? ((p: number) => defaultControlTokenFile(p, statePath, env)),
      ...(envToken ? { controlToken: envToken } : {}),
      ...(quotaMb !== undefined ? { filestore: { quotaBytes: quotaMb * 1024 * 1024 } } : {}),
      // Checks DIGIT does not make, failed by a request the mock let through (refused only with --strict).
      onWarning: (w) => warnings.onWarning(w),
    });
  } catch (err) {
    const e = err as { code?: unknown; port?: unknown; door?: unknown };
    if (e.code === "EADDRINUSE" || e.code === "EACCES") {
      const internal = e.door === "internal";
      const failed = typeof e.port === "number" ? e.port : internal ? (internalPort ?? port) : port;
      throw new MockPortError(failed, (values["host"] as string | undefined) ?? "127.0.0.1", internal ? "--internal-port" : "--port", e.code);
    }
    warnings.close();
    throw err;
  }
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= server.close().finally(() => warnings.close()));
  // Before the "listening" line: a supervisor may signal as soon as it sees it, and without a listener SIGTERM kills.
  if (io.handleSignals) {
    const onSignal = (signal: string) => {
      log(`\nReceived ${signal}; saving state and stopping.`);
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`digit-mock: error while stopping: ${(err as Error).message}`);
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  log(`DIGIT mock listening on ${server.url} (ready in ${Date.now() - started} ms): the gateway door, for clients`);
  if (server.internalUrl) log(`Internal door on ${server.internalUrl}: service to service, no token check, RequestInfo.userInfo as sent`);
  log(`Default login: username ${DEFAULT_CREDENTIALS.username}, password ${DEFAULT_CREDENTIALS.password}, tenantId ${DEFAULT_CREDENTIALS.tenantId}, userType ${DEFAULT_CREDENTIALS.userType}`);
  log(`Tenants: ${server.engine.ctx.tenants.list().join(", ")}${options.rbac ? "" : "  (RBAC off)"}${options.strict ? "  (strict)" : ""}${values["no-cors"] ? "  (CORS off)" : ""}`);
  log(`Control API token: ${server.controlToken} (send it as ${CONTROL_TOKEN_HEADER}; saved to ${server.controlTokenFile ?? "(no file)"})`);
  return { server, stop };
}
