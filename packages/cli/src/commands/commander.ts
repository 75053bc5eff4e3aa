/**
 * commander, loaded with `require`: importing a CommonJS package from ESM makes Node scan its source for
 * named exports (cjs-module-lexer), which measurably slows every `digit` start (bench/cli-cold-start).
 */
import { createRequire } from "node:module";
import type * as CommanderModule from "commander";

const commander = createRequire(import.meta.url)("commander") as typeof CommanderModule;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
export type Command = CommanderModule.Command;
export type Option = CommanderModule.Option;
