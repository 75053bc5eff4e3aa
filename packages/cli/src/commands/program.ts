/**
 * Builds the commander program from the command table. Command modules are imported only when their
 * command runs, so help and `--version` never load the SDK, the bundle loader or ink.
 */
import { Command, InvalidArgumentError, Option } from "./commander.js";
import type { CliIo } from "../output.js";
import { commands, groups, globalOptions, optionsOf } from "./index.js";
import type { CommandSpec, OptionSpec } from "./types.js";

/** Filled by the action that ran: its exit code and the --json flag (for error reporting). */
export interface RunState {
  exitCode: number;
  json: boolean;
  verbose: boolean;
  ran?: CommandSpec;
}

export interface ProgramOptions {
  version: string;
  /** Raw argv (after the binary), for pass-through commands such as `mock start`. */
  argv: readonly string[];
}

/** Help text block listing a command's examples. */
export function examplesHelp(spec: Pick<CommandSpec, "examples">): string {
  if (spec.examples.length === 0) return "";
  const lines = spec.examples.map((e) => `  $ ${e.command}\n      ${e.description}`);
  return `\nExamples:\n${lines.join("\n")}\n`;
}

function collectList(option: OptionSpec) {
  return (value: string, previous: unknown): string[] => {
    const items = value.split(",").map((s) => s.trim()).filter(Boolean);
    const refused = items.find((i) => option.unsupported?.[i] !== undefined);
    if (refused !== undefined && option.choices) {
      throw new InvalidArgumentError(`${option.unsupported![refused]!} Allowed: ${option.choices.join(", ")}.`);
    }
    if (option.choices) {
      const bad = items.filter((i) => !option.choices!.includes(i));
      if (bad.length) throw new InvalidArgumentError(`Unknown value ${bad.join(", ")}. Allowed: ${option.choices.join(", ")}.`);
    }
    return [...(Array.isArray(previous) ? (previous as string[]) : []), ...items];
  };
}

function toOption(spec: OptionSpec): Option {
  let description = spec.env ? `${spec.description} [env: ${spec.env}]` : spec.description;
  if (spec.list && spec.choices) description += ` (one or more of: ${spec.choices.join(", ")})`;
  const option = new Option(spec.flags, description);
  if (spec.list) option.argParser(collectList(spec));
  else if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.hidden) option.hideHelp();
  return option;
}

/** Fill options left at their default from their `env` variable (flags > env > default). */
function applyEnv(command: Command, specs: readonly OptionSpec[], env: CliIo["env"]): void {
  for (const spec of specs) {
    if (!spec.env) continue;
    const value = env[spec.env];
    if (value === undefined || value === "") continue;
    const key = new Option(spec.flags).attributeName();
    const source = command.getOptionValueSource(key);
    if (source === undefined || source === "default") {
      command.setOptionValueWithSource(key, spec.list ? collectList(spec)(value, undefined) : value, "env");
    }
  }
}

/**
 * The commander program for one invocation. `onAction` runs the lazily loaded command module; the
 * caller owns error handling (commander is set to throw instead of exiting).
 */
export function buildProgram(
  io: CliIo,
  options: ProgramOptions,
  onAction: (spec: CommandSpec, opts: Record<string, unknown>, args: unknown[], command: Command) => Promise<void>,
): Command {
  const program = new Command("digit")
    .description("Declarative provisioning for eGov DIGIT tenants: plan, apply, diff, export, and a local mock.")
    .version(options.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run with --help for usage and examples)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  program.addHelpText(
    "after",
    examplesHelp({
      examples: [
        { command: "digit demo", description: "start a mock, apply the example bundle, verify" },
        { command: "digit login --profile dev --url https://dev.digit.org --tenant pb --username admin", description: "save a profile" },
        { command: "digit plan -f ./bundle", description: "what would change (exit 2 if anything)" },
        { command: "digit apply -f ./bundle --yes", description: "provision" },
      ],
    }),
  );
  for (const g of globalOptions) program.addOption(toOption(g));

  // Groups are created where their first command appears, so help lists commands in table order.
  const groupCommands = new Map<string, Command>();
  const groupOf = (name: string): Command => {
    let cmd = groupCommands.get(name);
    if (!cmd) {
      const group = groups.find((g) => g.name === name);
      if (!group) throw new Error(`command table: no group "${name}"`);
      cmd = program.command(group.name).description(group.summary).summary(group.summary);
      groupCommands.set(name, cmd);
    }
    return cmd;
  };

  // When argv names a known command or group, only that one is defined: building every command's options
  // costs startup time and only the invoked command's help and suggestions are ever shown.
  const firstWord = options.argv.find((a) => !a.startsWith("-"));
  const focus = commands.some((c) => c.path[0] === firstWord) ? firstWord : undefined;
  const versionOnly = firstWord === undefined && options.argv.some((a) => a === "--version" || a === "-V");

  for (const spec of commands) {
    if (versionOnly || (focus !== undefined && spec.path[0] !== focus)) continue;
    const parent = spec.path.length > 1 ? groupOf(spec.path[0]!) : program;
    const cmd = parent.command(spec.path.at(-1)!);
    cmd.summary(spec.summary).description(spec.description ? `${spec.summary}\n\n${spec.description}` : spec.summary);
    for (const arg of spec.args ?? []) {
      cmd.argument(arg.name, arg.choices ? `${arg.description} (${arg.choices.join(", ")})` : arg.description);
    }
    const specs = optionsOf(spec);
    for (const o of specs) cmd.addOption(toOption(o));
    cmd.addHelpText("after", examplesHelp(spec));
    if (spec.path[0] === "mock") cmd.allowUnknownOption().allowExcessArguments();
    cmd.action(async (...actionArgs: unknown[]) => {
      const command = actionArgs.at(-1) as Command;
      applyEnv(command, specs, io.env);
      const args = actionArgs.slice(0, -2);
      await onAction(spec, command.optsWithGlobals(), args, command);
    });
  }

  return program;
}
