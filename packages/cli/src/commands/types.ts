/** Types of the command table (commands/index.ts) and of the command modules it lazily loads. */
import type { CliIo, Output } from "../output.js";

export interface OptionSpec {
  /** Commander flags, e.g. `-f, --file <path>` or `--yes`. */
  flags: string;
  description: string;
  default?: string | boolean | string[];
  /** Environment variable that supplies the value when the flag is absent (shown in help and docs). */
  env?: string;
  /** Allowed values (used for help, validation and shell completion). */
  choices?: readonly string[];
  /** Collect repeated / comma-separated values into a list. */
  list?: boolean;
  /** Values that look valid but are refused, with the reason (e.g. `export --only user`). */
  unsupported?: Readonly<Record<string, string>>;
  /** Hide from help (still accepted). */
  hidden?: boolean;
}

export interface ArgSpec {
  /** `<name>` (required) or `[name]` (optional); `<names...>` for variadic. */
  name: string;
  description: string;
  /** Values offered by shell completion. */
  choices?: readonly string[];
}

export interface Example {
  command: string;
  description: string;
}

/** What a command module receives: parsed flags and positionals plus the I/O surface. */
export interface CommandContext {
  io: CliIo;
  out: Output;
  /** Parsed options (camelCased by commander), including the global ones (`json`, `verbose`, ...). */
  options: Record<string, unknown>;
  /** Positional arguments in declaration order. */
  args: unknown[];
  /** The raw argv of this invocation (after the binary name), for pass-through commands. */
  argv: readonly string[];
}

/** A command module's default export. Returns the exit code (0 when undefined). */
export type CommandHandler = (ctx: CommandContext) => Promise<number | void>;

export interface CommandModule {
  default: CommandHandler;
}

export interface CommandSpec {
  /** Words of the command path, e.g. `["profile", "use"]`. */
  path: readonly string[];
  summary: string;
  /** Longer help text, shown under the summary in `--help`. */
  description?: string;
  args?: readonly ArgSpec[];
  options?: readonly OptionSpec[];
  examples: readonly Example[];
  /** Adds the connection options (`--profile`, `--url`, `--username`, `--user-type`). */
  connects?: boolean;
  load: () => Promise<CommandModule>;
}

export interface GroupSpec {
  name: string;
  summary: string;
}
