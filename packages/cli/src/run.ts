/**
 * Runs the CLI in-process. `bin.ts` calls `main` with the real process; tests call `runDigit` with
 * captured streams and an injected fetch (the in-process mock), like wrangler's runWrangler.
 */
import { PassThrough, Readable, Writable } from "node:stream";
import { CommanderError } from "./commands/commander.js";
import pkg from "../package.json" with { type: "json" };
import { buildProgram, type RunState } from "./commands/program.js";
import { EXIT, ExitSignal, reportError } from "./errors.js";
import { Output, type CliIo } from "./output.js";

/** The CLI's version (from package.json, inlined by the bundler). */
export const VERSION: string = pkg.version;

/** Runs one `digit` invocation against the given I/O and resolves to its exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const state: RunState = {
    exitCode: EXIT.OK,
    json: argv.includes("--json"),
    verbose: argv.includes("--verbose") || argv.includes("-v"),
  };
  const program = buildProgram(io, { version: VERSION, argv }, async (spec, options, args) => {
    state.ran = spec;
    state.json = options.json === true;
    state.verbose = options.verbose === true;
    const out = new Output(io, { json: state.json, verbose: state.verbose });
    const mod = await spec.load();
    const code = await mod.default({ io, out, options, args, argv });
    state.exitCode = code ?? EXIT.OK;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed help / version / the usage error (with its "Did you mean" hint).
      return error.exitCode === 0 ? EXIT.OK : EXIT.ERROR;
    }
    if (error instanceof ExitSignal) return error.exitCode;
    return reportError(error, io, { json: state.json, verbose: state.verbose, argv, version: VERSION });
  }
}

export interface RunDigitOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Text fed to stdin (e.g. for --password-stdin), or a stream. */
  stdin?: string | NodeJS.ReadableStream;
  /** Pretend stdout/stdin are terminals (ink rendering, prompts). Default false. */
  tty?: boolean;
  /** fetch for every SDK client the command builds, e.g. `createDigitMock().fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Stands in for SIGINT: aborting it interrupts long-running commands (mock start). */
  signal?: AbortSignal;
  /** Extra sinks receiving the output as it is written. */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export interface RunDigitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function capture(tee: NodeJS.WritableStream | undefined, tty: boolean): { stream: CliIo["stdout"]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      chunks.push(text);
      tee?.write(text);
      callback();
    },
  }) as CliIo["stdout"];
  if (tty) {
    stream.isTTY = true;
    stream.columns = 100;
  }
  return { stream, text: () => chunks.join("") };
}

/**
 * Runs `digit <argv>` in this process and collects its output. `argv` is an array or a string split on
 * whitespace (no quoting; pass an array when arguments contain spaces).
 */
export async function runDigit(argv: readonly string[] | string, options: RunDigitOptions = {}): Promise<RunDigitResult> {
  const args = typeof argv === "string" ? argv.split(/\s+/).filter(Boolean) : argv;
  const stdout = capture(options.stdout, options.tty ?? false);
  const stderr = capture(options.stderr, false);
  let stdin: CliIo["stdin"];
  if (typeof options.stdin === "string" || options.stdin === undefined) {
    stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]) as CliIo["stdin"];
  } else {
    stdin = options.stdin as CliIo["stdin"];
  }
  if (options.tty && !(stdin as { isTTY?: boolean }).isTTY) {
    const pass = new PassThrough() as unknown as CliIo["stdin"];
    pass.isTTY = true;
    pass.setRawMode = () => pass;
    // ink refs/unrefs stdin while it listens for keys.
    Object.assign(pass, { ref: () => pass, unref: () => pass });
    if (typeof options.stdin !== "string" && options.stdin) options.stdin.pipe(pass as unknown as NodeJS.WritableStream);
    stdin = pass;
  }
  const io: CliIo = {
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const exitCode = await main(args, io);
  return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
}
