/**
 * The control token file: written (mode 0600) when the standalone mock starts, removed when it stops, so
 * scripts on the same machine can read the token (`curl -H "x-mock-control-token: $(cat <file>)" ...`).
 * Default place: next to the `--state` file, else a per-user 0700 directory under $XDG_RUNTIME_DIR or the
 * system temp directory, named after the port.
 */
import { lstatSync, mkdirSync, readFileSync, unlinkSync, chmodSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../core/persist.js";

/**
 * `<state file>.control-token` with `--state`; else `<runtime dir>/digit-mock-<uid>/<port>.control-token`,
 * creating that per-user directory (0700) and refusing one another user owns.
 */
export function defaultControlTokenFile(port: number, statePath?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (statePath) return `${statePath}.control-token`;
  const user = typeof process.getuid === "function" ? String(process.getuid()) : userInfo().username.replace(/[^\w.-]/g, "_");
  const dir = join(env["XDG_RUNTIME_DIR"] || tmpdir(), `digit-mock-${user}`);
  ensurePrivateDir(dir);
  return join(dir, `${port}.control-token`);
}

/** Make the per-user directory (0700) for a default token file; refuse one that is not ours. */
function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory.`);
  if (typeof process.getuid === "function" && st.uid !== process.getuid()) throw new Error(`${dir} belongs to another user; pass --control-token-file.`);
  if (process.platform !== "win32" && (st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Write the token (mode 0600, atomically; a missing directory is created 0700). */
export function writeControlTokenFile(path: string, token: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, `${token}\n`);
}

/** Remove the token file if it still holds `token` (another mock may have replaced it). */
export function removeControlTokenFile(path: string, token: string): void {
  try {
    if (readFileSync(path, "utf8").trim() === token) unlinkSync(path);
  } catch {
    /* already gone */
  }
}
