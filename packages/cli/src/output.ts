/**
 * The one writer. Text mode prints results on stdout and status on stderr; `--json` prints only JSON
 * on stdout (status and logs go to stderr). Every JSON value and every line passes the SDK's `redact` first.
 */
import { redact } from "@digit-kit/sdk/redact";
/** The process surface a command sees. `runDigit` injects fakes; `bin.ts` passes the real process. */
export interface CliIo {
  argv0?: string;
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** fetch used by every SDK client the command builds (tests inject the in-process mock). */
  fetch?: typeof globalThis.fetch;
  /** Aborted on SIGINT. */
  signal?: AbortSignal;
  /** Registers cleanup to await on SIGINT before exiting with 130 (e.g. a server saving its state). */
  onInterrupt?: (cleanup: () => Promise<void>) => void;
}

/** True when the environment says "CI" (any non-empty value except "false"/"0"). */
export function isCi(env: CliIo["env"]): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
}

export interface OutputOptions {
  json: boolean;
  verbose: boolean;
}

/** `line` with its secrets redacted, newline-terminated. */
function redactLine(line: string): string {
  const safe = redact(line);
  return safe.endsWith("\n") ? safe : `${safe}\n`;
}

export class Output {
  readonly json: boolean;
  readonly verbose: boolean;
  /** stdout is an interactive terminal, not CI and not --json: ink rendering and prompts are allowed. */
  readonly interactive: boolean;

  constructor(
    readonly io: CliIo,
    options: OutputOptions,
  ) {
    this.json = options.json;
    this.verbose = options.verbose;
    this.interactive = !options.json && Boolean(io.stdout.isTTY) && !isCi(io.env);
  }

  /** Human text result (stdout); dropped in --json mode, where `result` carries the data. */
  text(line: string): void {
    if (!this.json) this.io.stdout.write(redactLine(line));
  }

  /** Status line for humans (stderr, so stdout stays pipeable). */
  status(line: string): void {
    this.io.stderr.write(redactLine(line));
  }

  /** Debug line, only with --verbose (stderr). */
  debug(line: string): void {
    if (this.verbose) this.io.stderr.write(`${redact(line)}\n`);
  }

  /** The command's result: JSON on stdout with --json, else the text rendering. */
  result(value: unknown, renderText: () => string): void {
    if (this.json) {
      this.io.stdout.write(`${JSON.stringify(redact(value), null, 2)}\n`);
    } else {
      const text = renderText();
      if (text) this.io.stdout.write(redactLine(text));
    }
  }
}
