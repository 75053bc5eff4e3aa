/** Atomic file writes: temp file in the same directory, fsync, rename; optional mode enforced and verified. */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "../errors.js";

/**
 * Writes `text` to `path` atomically. With `mode`, the file is created with that mode, chmod-ed
 * (umask cannot widen it) and its final mode verified.
 */
export function writeFileAtomic(path: string, text: string, mode?: number): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", mode ?? 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  if (mode !== undefined && process.platform !== "win32") {
    const actual = statSync(path).mode & 0o777;
    if (actual !== mode) {
      throw new UserError(`Could not restrict ${path} to mode ${mode.toString(8)} (it is ${actual.toString(8)}).`, {
        where: path,
        fix: "Check the file system supports POSIX permissions, or point XDG_CONFIG_HOME at one that does.",
      });
    }
  }
}
