/**
 * `@digit-kit/cli` as a library: run `digit` in-process (tests, embedding), read the command table (help,
 * completion and docs come from it), and reuse the profile / client resolution.
 *
 * @example
 * ```ts
 * import { runDigit } from "@digit-kit/cli";
 * import { createDigitMock } from "@digit-kit/mock-server";
 * const mock = createDigitMock();
 * const { exitCode, stdout } = await runDigit(["plan", "-f", "bundle", "--json"], {
 *   fetch: mock.fetch,
 *   env: { DIGIT_URL: "http://digit.test", DIGIT_TENANT: "pg", DIGIT_USERNAME: "ADMIN", DIGIT_PASSWORD: "eGov@123" },
 * });
 * ```
 * @packageDocumentation
 */
export { runDigit, main, VERSION, type RunDigitOptions, type RunDigitResult } from "./run.js";
export { commands, groups, globalOptions, connectionOptions, optionsOf } from "./commands/index.js";
export type { CommandSpec, CommandContext, CommandHandler, GroupSpec, OptionSpec, ArgSpec, Example } from "./commands/types.js";
export { completionScript, SHELLS, type Shell } from "./commands/completion-script.js";
export { UserError, BugError, EXIT } from "./errors.js";
export { Output, type CliIo } from "./output.js";
export { configPaths, type ConfigPaths } from "./config/paths.js";
export { resolveClient, resolveConnection, type Connection, type ConnectionFlags } from "./config/resolve-client.js";
export { fileTokenStore } from "./config/token-store.js";
