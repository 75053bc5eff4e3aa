import { readFile, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import type { IssueSink } from "./errors.js";

/** Reads and parses a JSON or YAML file; on a syntax error records an issue and returns `undefined`. */
export async function readData(root: string, rel: string, sink: IssueSink): Promise<unknown> {
  const text = await readFile(join(root, rel), "utf8");
  try {
    return rel.endsWith(".json") ? (JSON.parse(text) as unknown) : (parseYaml(text) as unknown);
  } catch (err) {
    sink.error(rel, "", `cannot parse file: ${(err as Error).message.split("\n")[0]}`, "Fix the syntax and retry.");
    return undefined;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Lists files under `dir` (recursively), as paths relative to `root` with `/` separators, sorted. */
export async function listFiles(root: string, dir: string, exts: readonly string[]): Promise<string[]> {
  const abs = join(root, dir);
  if (!(await isDir(abs))) return [];
  const entries = await readdir(abs, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && exts.some((x) => e.name.endsWith(x)))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}
