/**
 * The `--state` journal format: one JSON line per committed write, `{"seq":N,"ops":[...]}`, where each op
 * is `["s", slice, path, value]` (the value now at that path) or `["d", slice, path]` (the path is gone).
 * Replaying the lines in order onto the snapshot they follow gives the state after the last of them.
 * Pure functions: reading and writing files is core/durable-state.ts's job.
 */
import type { ChangeOp, StateSnapshot } from "./state.js";

/** One journal line for transaction `seq` (with its newline). */
export function encodeJournalLine(seq: number, ops: readonly ChangeOp[]): string {
  return `${JSON.stringify({ seq, ops })}\n`;
}

export interface ReplayResult {
  /** The last transaction applied (or the snapshot's own when none was). */
  seq: number;
  /** Lines applied (lines already in the snapshot are skipped, not counted). */
  applied: number;
  /** Bytes of the file up to the end of its last complete line. */
  validBytes: number;
  /** A last line without its newline: a write cut short by a crash, ignored. */
  tornTail: boolean;
}

/** A journal that cannot be replayed; the message names the line. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JournalError";
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function isOp(op: unknown): op is ChangeOp {
  if (!Array.isArray(op) || typeof op[1] !== "string" || !Array.isArray(op[2]) || !op[2].every((k) => typeof k === "string")) return false;
  return (op[0] === "s" && op.length === 4) || (op[0] === "d" && op.length === 3);
}

/** Define `key` on `obj` as a plain data property (so a `__proto__` key is data, not the prototype). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Apply one op to `slices` (a snapshot's `slices`, modified in place). */
export function applyOp(slices: Record<string, unknown>, op: ChangeOp): void {
  const [kind, slice, path] = op;
  if (path.length === 0) {
    if (kind === "s") put(slices, slice, op[3]);
    else delete slices[slice];
    return;
  }
  if (!isObj(slices[slice]) && !Array.isArray(slices[slice])) {
    if (kind === "d") return;
    put(slices, slice, {});
  }
  let node = slices[slice] as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    let next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    if (next === null || typeof next !== "object") {
      if (kind === "d") return;
      next = {};
      put(node, key, next);
    }
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (kind === "s") put(node, last, op[3]);
  else delete node[last];
}

/**
 * Replay `text` (the journal file) onto `snapshot` (modified in place; its `journalSeq` updated). Lines with
 * `seq <= snapshot.journalSeq` are already in the snapshot and skipped; the rest must follow on without gaps.
 * A last line without a newline is a torn write and ignored; any other bad line is a `JournalError`.
 */
export function replayJournal(text: string, snapshot: StateSnapshot, where: string): ReplayResult {
  let seq = snapshot.journalSeq ?? 0;
  let applied = 0;
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    const end = text.indexOf("\n", offset);
    if (end < 0) break;
    lineNo++;
    const line = text.slice(offset, end);
    offset = end + 1;
    if (!line.trim()) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (err) {
      throw new JournalError(`${where} line ${lineNo} is not valid JSON (${(err as Error).message}); only a torn last line is ignored.`);
    }
    if (!isObj(entry) || !Number.isInteger(entry["seq"]) || !Array.isArray(entry["ops"]) || !entry["ops"].every(isOp)) {
      throw new JournalError(`${where} line ${lineNo} is not a journal entry {"seq": n, "ops": [...]}.`);
    }
    const lineSeq = entry["seq"] as number;
    if (lineSeq <= seq) continue;
    if (lineSeq !== seq + 1) throw new JournalError(`${where} line ${lineNo} is transaction ${lineSeq}, expected ${seq + 1}: the journal does not belong to this state file.`);
    for (const op of entry["ops"] as ChangeOp[]) applyOp(snapshot.slices, op);
    seq = lineSeq;
    applied++;
  }
  const validBytes = Buffer.byteLength(text.slice(0, offset));
  snapshot.journalSeq = seq;
  return { seq, applied, validBytes, tornTail: text.slice(offset).length > 0 };
}
