/**
 * `--state <file>` persistence: load on start, debounced atomic saves after writes, a final save on shutdown.
 * A corrupt state file is an error naming the file; it is never silently discarded.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, existsSync } from "node:fs";
import { assertSnapshot, type StateContainer, type StateSnapshot } from "./state.js";

/** File-system calls used by `writeFileAtomic`, injectable so tests can simulate a crash mid-write. */
export interface AtomicFs {
  openSync: typeof openSync;
  writeSync: (fd: number, data: string) => number;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
  unlinkSync: typeof unlinkSync;
}

const nodeFs: AtomicFs = { openSync, writeSync: (fd, data) => writeSync(fd, data), fsyncSync, closeSync, renameSync, unlinkSync };

/** Write tmp file, fsync, rename over the target: readers see the old file or the new one, never half of one. */
export function writeFileAtomic(path: string, data: string, fs: AtomicFs = nodeFs): void {
  const tmp = `${path}.${process.pid}.tmp`;
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, "w", 0o600);
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, path);
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

export interface Persistence {
  /** Save now if anything changed since the last save. */
  flush(): void;
  /** Flush and stop listening. */
  close(): void;
}

/** Save `state` to `path` `debounceMs` after the last write, and on `flush()`/`close()`. */
export function attachPersistence(state: StateContainer, path: string, debounceMs = 200): Persistence {
  // A new state file is written on the first save even without writes, so the file always exists after a run.
  let dirty = !existsSync(path);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty) return;
    dirty = false;
    writeFileAtomic(path, JSON.stringify(state.serializable()));
  };
  state.onWrite(() => {
    if (closed) return;
    dirty = true;
    if (!timer) {
      timer = setTimeout(() => {
        try {
          save();
        } catch (err) {
          console.error(`digit-mock: could not save state to ${path}: ${(err as Error).message}`);
        }
      }, debounceMs);
      timer.unref();
    }
  });
  return {
    flush: save,
    close() {
      save();
      closed = true;
    },
  };
}
