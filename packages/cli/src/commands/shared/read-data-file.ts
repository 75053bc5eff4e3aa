/** Reads a JSON or YAML file for a command, turning I/O and syntax problems into UserErrors naming the file. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { UserError } from "../../errors.js";

export function readDataFile(cwd: string, file: string): unknown {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? `File not found: ${file}` : `Cannot read ${file}: ${(error as Error).message}`, {
      where: path,
      fix: "Check the path (relative paths are from the current directory).",
    });
  }
  try {
    return /\.json$/i.test(path) ? JSON.parse(text) : parse(text);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    throw new UserError(`${file} is not valid ${/\.json$/i.test(path) ? "JSON" : "YAML/JSON"}: ${message}`, {
      where: path,
      fix: "Fix the syntax error at the position given.",
    });
  }
}

/** Parses `--data` values: inline JSON, or `@path` to a JSON/YAML file. */
export function readInlineOrFile(cwd: string, value: string, flag: string): unknown {
  if (value.startsWith("@")) return readDataFile(cwd, value.slice(1));
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new UserError(`${flag} is not valid JSON: ${(error as Error).message}`, { where: flag, fix: `Quote the JSON, or pass ${flag} @file.json.` });
  }
}
