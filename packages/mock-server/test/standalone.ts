/** Test helper: the standalone mock as a real child process (tsx on the sources), for kill -9 tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "packages/mock-server/src/bin.ts");

export interface Standalone {
  url: string;
  controlToken: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGKILL, and wait for the process to be gone. */
  kill9(): Promise<void>;
  /** SIGTERM (saves state), and wait for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Start `digit-mock <args>` (port 0) from the sources; resolves once it printed its URL and control token.
 * `shell` wraps the command (e.g. `ulimit -f 64; exec "$@"`), POSIX only.
 */
export function startStandalone(args: string[], opts: { shell?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Standalone> {
  const nodeArgs = ["--conditions", "@digit-kit/source", "--import", "tsx", bin, "--port", "0", ...args];
  const child = opts.shell
    ? spawn("/bin/sh", ["-c", `${opts.shell}; exec "$@"`, "sh", process.execPath, ...nodeArgs], { cwd: root, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, nodeArgs, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`digit-mock did not start:\n${out}`));
    }, 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /Control API token: (\S+)/.exec(out)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({
          url,
          controlToken: token,
          child,
          output: () => out,
          kill9: async () => {
            child.kill("SIGKILL");
            await exited;
          },
          stop: async () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`digit-mock exited with ${code} before it was ready:\n${out}`));
    });
  });
}
