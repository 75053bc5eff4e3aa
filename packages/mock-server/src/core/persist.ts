/**
 * State files on disk: atomic whole-file writes, reading and checking a `--state` file, and cleaning up what
 * a crashed run left. The journal that makes each write durable is core/durable-state.ts.
 * A corrupt state file is an error naming the file; it is never silently discarded.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { assertSnapshot, type StateSnapshot } from "./state.js";

/** File-system calls used by `writeFileAtomic`, injectable so tests can simulate a crash mid-write. */
export interface AtomicFs {
  openSync: typeof openSync;
  /** Write `data` from `offset`; returns the bytes written (may be fewer). */
  writeSync: (fd: number, data: Buffer, offset: number) => number;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
  unlinkSync: typeof unlinkSync;
}

const nodeFs: AtomicFs = { openSync, writeSync: (fd, data, offset) => writeSync(fd, data, offset), fsyncSync, closeSync, renameSync, unlinkSync };

/** Write all of `data` at the file position, looping over short writes. */
export function writeFully(fd: number, data: Buffer, write: AtomicFs["writeSync"] = nodeFs.writeSync): void {
  let offset = 0;
  while (offset < data.length) {
    const n = write(fd, data, offset);
    if (n <= 0) throw new Error(`short write (${offset} of ${data.length} bytes)`);
    offset += n;
  }
}

/** fsync a directory so a rename or a new file in it survives a crash (a no-op where directories cannot be opened). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch (err) {
    if (process.platform === "win32") return;
    throw err;
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (process.platform !== "win32" && code !== "EINVAL" && code !== "ENOTSUP") throw err;
  } finally {
    closeSync(fd);
  }
}

/**
 * Write tmp file (mode 0600), fsync, rename over the target, fsync the directory: readers see the old file
 * or the new one, never half of one, and the new one survives a crash once this returns.
 */
export function writeFileAtomic(path: string, data: string, fs: AtomicFs = nodeFs): void {
  const tmp = `${path}.${process.pid}.tmp`;
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, "w", 0o600);
    writeFully(fd, Buffer.from(data), fs.writeSync);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, path);
    if (fs === nodeFs) fsyncDir(dirname(path));
  } catch (err) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw err;
  }
}

export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateFileError";
  }
}

/** Read a state file; undefined when it does not exist; throws `StateFileError` naming the file when corrupt. */
export function readStateFile(path: string): StateSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new StateFileError(`Cannot read mock state file ${path}: ${(err as Error).message}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(
      `Mock state file ${path} is not valid JSON (${(err as Error).message}). Fix it, move it away, or start without --state.`,
    );
  }
  try {
    return assertSnapshot(parsed, `Mock state file ${path}`);
  } catch (err) {
    throw new StateFileError(`${(err as Error).message} Move it away or start without --state.`);
  }
}

/** Whether process `pid` is alive (false when it is gone; true when it exists but is not ours to signal). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove `<file>.<pid>.tmp` (and `<file>.<anything>.<pid>.tmp`) files left next to `file` by a run that
 * crashed mid-save. Temp files of live processes are left alone. Returns the names removed.
 */
export function removeStaleTempFiles(file: string): string[] {
  const dir = dirname(file);
  const base = basename(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const m = /\.(\d+)\.tmp$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && alive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      /* gone already */
    }
  }
  return removed;
}
