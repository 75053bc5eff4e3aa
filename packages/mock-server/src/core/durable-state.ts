/**
 * `--state <file>`: every acknowledged write is on disk before its answer leaves the mock.
 *
 * - Each committed write transaction becomes one line of `<file>.journal` (core/state-journal.ts).
 * - Group commit: the lines of all writes committed in one event-loop turn (and while the previous flush
 *   was in flight) are appended with one `write` and one `fdatasync`; the engine awaits `sync()` before
 *   it answers, so a write is acknowledged only once its line is durable.
 * - Compaction: the whole state goes to `<file>` atomically (tmp + fsync + rename + directory fsync) on
 *   start, after a restore/reset, when the journal passes `compactBytes`, and on close; the file records
 *   the last transaction it holds (`journalSeq`), so journal lines it already holds are skipped on replay.
 * - Start: `loadStateFiles` = state file + journal replay; a torn last line (cut by a crash) is ignored,
 *   any other bad line stops the start.
 * - Failure: if a flush fails, the writes waiting for it are answered 5xx (never acknowledged), and writes
 *   are refused until a full save succeeds again (retried at most once a second).
 */
import { closeSync, existsSync, fdatasync, ftruncateSync, openSync, readFileSync, unlinkSync, write } from "node:fs";
import { dirname } from "node:path";
import { fsyncDir, readStateFile, StateFileError, writeFileAtomic } from "./persist.js";
import type { Durability, StateChange, StateContainer, StateSnapshot } from "./state.js";
import { encodeJournalLine, JournalError, replayJournal } from "./state-journal.js";

/** The journal next to a state file. */
export function journalPathOf(statePath: string): string {
  return `${statePath}.journal`;
}

export interface LoadedState {
  /** The state file with the journal replayed onto it; undefined when there is neither. */
  snapshot: StateSnapshot | undefined;
  /** Last transaction in `snapshot` (0 for none). */
  seq: number;
  /** Journal lines replayed. */
  replayed: number;
  /** The journal ended in a torn line (a crash mid-write), which was ignored. */
  tornTail: boolean;
}

/** Read `<file>` and replay `<file>.journal` onto it. Throws `StateFileError` naming the file on anything corrupt. */
export function loadStateFiles(statePath: string): LoadedState {
  const snapshot = readStateFile(statePath);
  const journal = journalPathOf(statePath);
  let text = "";
  if (existsSync(journal)) {
    try {
      text = readFileSync(journal, "utf8");
    } catch (err) {
      throw new StateFileError(`Cannot read mock state journal ${journal}: ${(err as Error).message}.`);
    }
  }
  if (!snapshot) {
    if (text.trim()) throw new StateFileError(`Mock state journal ${journal} exists but the state file ${statePath} does not; restore the file or move the journal away.`);
    return { snapshot: undefined, seq: 0, replayed: 0, tornTail: false };
  }
  try {
    const r = replayJournal(text, snapshot, `Mock state journal ${journal}`);
    return { snapshot, seq: r.seq, replayed: r.applied, tornTail: r.tornTail };
  } catch (err) {
    if (err instanceof JournalError) throw new StateFileError(`${err.message} Move it away to start from ${statePath} alone.`);
    throw err;
  }
}

export interface DurableStateOptions {
  /** Compact into the state file once the journal is larger than this (default 8 MiB). */
  compactBytes?: number;
  /** Where errors are reported (default console.error). */
  log?: (line: string) => void;
}

/** An error saving state; its message names the file and the OS error. */
export class StateSaveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateSaveError";
  }
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

const RETRY_MS = 1_000;

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String((err as Error)?.message ?? err);
}

export class DurableState implements Durability {
  /** Counters: transactions recorded, journal appends (one fdatasync each), full saves. */
  readonly stats = { transactions: 0, appends: 0, compactions: 0 };
  private readonly journalPath: string;
  private readonly compactBytes: number;
  private readonly log: (line: string) => void;
  private fd: number | null = null;
  private journalBytes = 0;
  /** Last transaction recorded (in memory). */
  private seq: number;
  /** Last transaction known durable. */
  private durableSeq: number;
  private pending: string[] = [];
  private replaced = false;
  private waiters: Waiter[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;
  private failure: StateSaveError | null = null;
  private lastAttempt = 0;
  private closed = false;

  /**
   * Attach to `state` (which already holds the loaded state, up to transaction `seq`): compacts at once, so
   * a start fails loudly when the state file cannot be written, and leaves an empty journal open.
   */
  constructor(
    private readonly state: StateContainer,
    private readonly statePath: string,
    seq: number,
    options: DurableStateOptions = {},
  ) {
    this.journalPath = journalPathOf(statePath);
    this.compactBytes = options.compactBytes ?? 8 * 1024 * 1024;
    this.log = options.log ?? ((line) => console.error(line));
    this.seq = seq;
    this.durableSeq = seq;
    try {
      this.fd = openSync(this.journalPath, "a", 0o600);
      fsyncDir(dirname(this.journalPath));
      this.compact();
    } catch (err) {
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
      const what = err instanceof StateSaveError ? err.message : `could not open ${this.journalPath}: ${describe(err)}`;
      throw new StateFileError(`Cannot save the mock state (--state ${statePath}): ${what}. Check the path and its permissions, or start without --state.`);
    }
    state.attachDurability(this);
  }

  record(change: StateChange): void {
    if (this.closed) return;
    this.seq++;
    this.stats.transactions++;
    if (change.kind === "replaced") this.replaced = true;
    else {
      try {
        this.pending.push(encodeJournalLine(this.seq, change.ops));
      } catch (err) {
        // Not JSON (a handler bug): the write cannot be saved, so it must not be acknowledged.
        this.fail(new StateSaveError(`could not encode transaction ${this.seq} for ${this.journalPath}: ${describe(err)}`));
        return;
      }
    }
    this.schedule();
  }

  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durableSeq >= this.seq) return Promise.resolve();
    const seq = this.seq;
    return new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  blocked(): Error | null {
    if (!this.failure || this.closed) return this.failure;
    if (Date.now() - this.lastAttempt < RETRY_MS || this.flushing) return this.failure;
    // Try to recover: a full save holds everything in memory, including the writes that failed.
    try {
      this.compact();
      this.pending = [];
      this.replaced = false;
      this.durableSeq = this.seq;
      this.log(`digit-mock: state saved to ${this.statePath} again; accepting writes.`);
      this.failure = null;
    } catch (err) {
      this.failure = err instanceof StateSaveError ? err : new StateSaveError(describe(err));
    }
    return this.failure;
  }

  /** Wait for pending flushes, save the whole state, remove the journal. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing) await this.flushing;
    this.closed = true;
    this.state.attachDurability(null);
    const waiting = this.waiters;
    this.waiters = [];
    try {
      this.compact();
      closeSync(this.fd!);
      this.fd = null;
      unlinkSync(this.journalPath);
      fsyncDir(dirname(this.journalPath));
      for (const w of waiting) w.resolve();
    } catch (err) {
      const failure = err instanceof StateSaveError ? err : new StateSaveError(describe(err));
      this.log(`digit-mock: could not save state on close: ${failure.message}; ${this.journalPath} keeps every acknowledged write.`);
      for (const w of waiting) w.reject(failure);
    } finally {
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing || this.failure) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if ((this.pending.length || this.replaced) && !this.failure) this.schedule();
      });
    });
  }

  /** Save what is pending, batch after batch, until nothing is. */
  private async flush(): Promise<void> {
    while ((this.pending.length || this.replaced) && !this.failure && !this.closed) {
      const upTo = this.seq;
      try {
        if (this.replaced || this.journalBytes >= this.compactBytes) {
          this.compact();
          this.pending = [];
          this.replaced = false;
        } else {
          const batch = Buffer.from(this.pending.join(""));
          this.pending = [];
          await this.append(batch);
        }
      } catch (err) {
        this.fail(err);
        return;
      }
      this.durableSeq = upTo;
      const ready = this.waiters.filter((w) => w.seq <= upTo);
      this.waiters = this.waiters.filter((w) => w.seq > upTo);
      for (const w of ready) w.resolve();
    }
  }

  /** Append and fdatasync, off the event loop; on failure cut the journal back to its last good size. */
  private async append(batch: Buffer): Promise<void> {
    const fd = this.fd;
    if (fd === null) throw new Error("the journal is closed");
    const goodSize = this.journalBytes;
    try {
      let offset = 0;
      while (offset < batch.length) {
        const n = await new Promise<number>((resolve, reject) => write(fd, batch, offset, batch.length - offset, null, (err, written) => (err ? reject(err) : resolve(written))));
        if (n <= 0) throw new Error("short write");
        offset += n;
      }
      await new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
      this.journalBytes += batch.length;
      this.stats.appends++;
    } catch (err) {
      try {
        ftruncateSync(fd, goodSize);
      } catch {
        /* the failure below is reported either way */
      }
      throw new StateSaveError(`could not append to ${this.journalPath}: ${describe(err)}`);
    }
  }

  /**
   * Write the whole state to the state file (atomically) and empty the journal. Lines the journal still held
   * would be harmless (the file names its last transaction), but a journal that cannot be emptied may end in a
   * torn line, so that is a failure too.
   */
  private compact(): void {
    this.lastAttempt = Date.now();
    try {
      writeFileAtomic(this.statePath, this.state.serialize({ journalSeq: this.seq }));
      this.stats.compactions++;
    } catch (err) {
      throw new StateSaveError(`could not write ${this.statePath}: ${describe(err)}`);
    }
    try {
      if (this.fd !== null) ftruncateSync(this.fd, 0);
      this.journalBytes = 0;
    } catch (err) {
      throw new StateSaveError(`could not empty ${this.journalPath}: ${describe(err)}`);
    }
  }

  private fail(err: unknown): void {
    this.failure = err instanceof StateSaveError ? err : new StateSaveError(describe(err));
    this.lastAttempt = Date.now();
    this.log(`digit-mock: ${this.failure.message}. Writes are refused (answered 5xx) until the state can be saved again.`);
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(this.failure);
  }
}
