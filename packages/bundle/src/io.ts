import { readFile, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { IssueSink } from "./errors.js";

/** Reads and parses a JSON or YAML file; on a syntax error records an issue and returns `undefined`. */
export async function readData(root: string, rel: string, sink: IssueSink): Promise<unknown> {
  const text = await readFile(join(root, rel), "utf8");
  try {
    return rel.endsWith(".json") ? (JSON.parse(text) as unknown) : (parseYaml(text) as unknown);
  } catch (err) {
    const { line, column, reason } = syntaxErrorPosition(err, text);
    sink.syntax(rel, line, column, `${rel.endsWith(".json") ? "JSON" : "YAML"} syntax error: ${reason}`, "Fix the syntax and retry.");
    return undefined;
  }
}

/** Line, column (1-based) and the one-line reason of a YAML or JSON parse error. */
function syntaxErrorPosition(err: unknown, text: string): { line?: number; column?: number; reason: string } {
  const message = (err as Error).message.split("\n")[0] ?? "";
  if (err instanceof YAMLParseError) {
    const pos = err.linePos?.[0];
    const reason = message.replace(/ at line \d+, column \d+:?$/, "");
    return pos ? { line: pos.line, column: pos.col, reason } : { reason };
  }
  // JSON.parse: "… in JSON at position 20" (Node 20) or "… (line 2 column 17)" (Node 22+).
  const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), reason };
  const at = /at position (\d+)/.exec(message);
  if (!at) return { reason };
  const before = text.slice(0, Number(at[1])).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1, reason };
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
