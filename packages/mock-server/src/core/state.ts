/**
 * The state container: one JSON slice per service module, with snapshot/restore/reset and
 * transactional writes (see `Journal`). Per-slice version counters let caches (RBAC, tenants) notice changes.
 */
import { Journal } from "./journal.js";
import { carryHidden, defaultPublicState } from "./public-state.js";
import { copyJson, pathOf, Problems } from "./state-json.js";
import { checkSliceShape } from "./state-shape.js";
import type { ServiceModule } from "./types.js";

/** The on-disk / over-the-wire snapshot format. */
export interface StateSnapshot {
  format: "digit-kit-mock-state";
  version: 1;
  /**
   * Set on the public view (`GET /_mock/state`), which leaves secrets out. Restoring a redacted snapshot keeps
   * the running mock's secrets at the same paths (passwords by user, the token tables).
   */
  redacted?: boolean;
  /** In a `--state` file: the last journal transaction the file includes (see core/persist.ts). */
  journalSeq?: number;
  slices: Record<string, unknown>;
}

/** A snapshot that cannot be restored; `problems` lists each as `<path>: <what is wrong>`. Nothing was changed. */
export class StateValidationError extends Error {
  readonly problems: string[];
  constructor(where: string, problems: string[]) {
    super(`${where} was refused (nothing was changed): ${problems.join("; ")}`);
    this.name = "StateValidationError";
    this.problems = problems;
  }
}

/** One change of a committed write: path (keys from the slice root) set to a value, or deleted. */
export type ChangeOp = ["s", string, string[], unknown] | ["d", string, string[]];

/** What a committed write did: these paths changed, or the whole state was replaced (restore, reset, seeding). */
export type StateChange = { kind: "ops"; ops: ChangeOp[] } | { kind: "replaced" };

/**
 * Makes committed changes durable (`--state`, core/durable-state.ts). `record` runs synchronously at commit
 * and must copy what it needs (values are live state); the engine awaits `sync()` before it answers.
 */
export interface Durability {
  record(change: StateChange): void;
  /** Resolves when every change recorded so far is saved; rejects with the error when saving failed. */
  sync(): Promise<void>;
  /** Non-null while the state cannot be saved: the engine refuses writes with it. */
  blocked(): Error | null;
}

/** A prototype-free copy of trusted JSON state (initial states, values already checked). */
export function plainCopy(value: unknown): unknown {
  return copyJson(value, "", new Problems());
}

export class StateContainer {
  private slices = new Map<string, unknown>();
  private readonly versions = new Map<string, number>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly modules: ServiceModule<any>[];
  private journal: Journal | null = null;
  private seeded: StateSnapshot | null = null;
  private readonly writeListeners: (() => void)[] = [];
  private durability: Durability | null = null;
  private commits = 0;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(modules: ServiceModule<any>[]) {
    this.modules = modules;
    for (const m of modules) this.slices.set(m.key, plainCopy(m.initialState()));
  }

  keys(): string[] {
    return [...this.slices.keys()];
  }

  /** The slice for `key`; during a write transaction, its journaled view. */
  current<T>(key: string): T {
    if (!this.slices.has(key)) throw new Error(`No state slice "${key}" (known: ${this.keys().join(", ")}).`);
    const raw = this.slices.get(key);
    return (this.journal ? this.journal.wrapRoot(raw, key) : raw) as T;
  }

  /** The raw slice, bypassing any journal (readers that never mutate). */
  raw<T>(key: string): T {
    return this.slices.get(key) as T;
  }

  /** Monotonic version of a slice; bumps on every committed write that touched it, and on restore/reset. */
  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  get inTransaction(): boolean {
    return this.journal !== null;
  }

  /**
   * Run `fn` as one write: if it throws, every change it made to any slice is undone and the error rethrown.
   * Nested calls join the outer transaction.
   */
  write<R>(fn: () => R): R {
    if (this.journal) return fn();
    const journal = new Journal({ trackChanges: this.durability !== null });
    this.journal = journal;
    // Handlers may structuredClone values they read from state; the journal's proxies are not cloneable,
    // so for the duration of the (synchronous) write, clone through `deproxy` when the plain clone refuses.
    const nativeClone = globalThis.structuredClone;
    globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) => {
      try {
        return nativeClone(value, options);
      } catch (err) {
        if ((err as Error)?.name !== "DataCloneError") throw err;
        return nativeClone(journal.deproxy(value), options);
      }
    }) as typeof structuredClone;
    try {
      const out = fn();
      globalThis.structuredClone = nativeClone;
      this.journal = null;
      const changed = this.durability && journal.touched.size ? journal.changes() : [];
      journal.commit();
      if (journal.touched.size) {
        for (const k of journal.touched) this.versions.set(k, this.version(k) + 1);
        this.committed({ kind: "ops", ops: changed.map((c) => this.opAt(c.slice, c.path)) });
      }
      return out;
    } catch (err) {
      globalThis.structuredClone = nativeClone;
      this.journal = null;
      journal.rollback();
      throw err;
    }
  }

  /** Mark slices changed without a journal (direct seeding, restore, reset) and notify listeners. */
  touch(keys: string[] = this.keys()): void {
    for (const k of keys) this.versions.set(k, this.version(k) + 1);
    this.committed({ kind: "replaced" });
  }

  onWrite(listener: () => void): void {
    this.writeListeners.push(listener);
  }

  private committed(change: StateChange): void {
    this.commits++;
    this.durability?.record(change);
    for (const l of this.writeListeners) l();
  }

  /** The current value at `path` of a slice as a change op (set, or delete when it is gone). */
  private opAt(slice: string, path: string[]): ChangeOp {
    let node: unknown = this.slices.get(slice);
    for (const key of path) {
      if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) return ["d", slice, path];
      node = (node as Record<string, unknown>)[key];
    }
    return node === undefined ? ["d", slice, path] : ["s", slice, path, node];
  }

  /** Number of committed changes so far (writes that changed something, restores, resets). */
  get commitCount(): number {
    return this.commits;
  }

  /** Make every committed change go through `durability` (null: in memory only). */
  attachDurability(durability: Durability | null): void {
    this.durability = durability;
  }

  /** Resolves when every committed change is durable (at once without `--state`); rejects when saving failed. */
  sync(): Promise<void> {
    return this.durability ? this.durability.sync() : Promise.resolve();
  }

  /** Why writes must be refused right now (the state cannot be saved), or null. */
  writeBlocked(): Error | null {
    return this.durability ? this.durability.blocked() : null;
  }

  /** The whole state as one JSON document (for the state file), without copying it first. */
  serialize(extra: Partial<Pick<StateSnapshot, "journalSeq">> = {}): string {
    return JSON.stringify({ format: "digit-kit-mock-state", version: 1, ...extra, slices: Object.fromEntries(this.slices) });
  }

  /** A deep copy of the whole state. */
  snapshot(): StateSnapshot {
    const slices: Record<string, unknown> = {};
    for (const [k, v] of this.slices) slices[k] = structuredClone(v);
    return { format: "digit-kit-mock-state", version: 1, slices };
  }


  /** The public view (`GET /_mock/state`): each slice through its module's `publicState` (default: secrets removed). */
  publicSnapshot(): StateSnapshot {
    const slices: Record<string, unknown> = {};
    for (const m of this.modules) slices[m.key] = this.publicSlice(m);
    return { format: "digit-kit-mock-state", version: 1, redacted: true, slices };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private publicSlice(m: ServiceModule<any>): unknown {
    const slice = this.slices.get(m.key);
    return m.publicState ? m.publicState(slice) : defaultPublicState(slice);
  }

  /**
   * Replace the state with a snapshot; slices the snapshot lacks start from their initial state. The whole
   * snapshot is checked first (JSON only, every slice's shape or its module's `validateState`); on any
   * problem it throws `StateValidationError` and the state is unchanged. Restored objects have no prototype.
   */
  restore(snapshot: unknown, where = "The snapshot"): void {
    this.slices = this.prepare(snapshot, where);
    this.touch();
  }

  /** The problems `restore(snapshot)` would refuse it for; `[]` when it would be accepted. */
  validate(snapshot: unknown): string[] {
    try {
      this.prepare(snapshot, "The snapshot");
      return [];
    } catch (err) {
      return err instanceof StateValidationError ? err.problems : [(err as Error).message];
    }
  }

  private prepare(snapshot: unknown, where: string): Map<string, unknown> {
    if (!isSnapshotShape(snapshot)) throw new StateValidationError(where, [SHAPE]);
    const snap = snapshot;
    const problems = new Problems();
    const known = new Set(this.modules.map((m) => m.key));
    for (const key of Object.keys(snap.slices)) {
      if (!known.has(key)) problems.add(pathOf("slices", key), `no service module has this key (known: ${[...known].join(", ")})`);
    }
    const next = new Map<string, unknown>();
    for (const m of this.modules) {
      const path = pathOf("slices", m.key);
      if (!Object.prototype.hasOwnProperty.call(snap.slices, m.key)) {
        next.set(m.key, plainCopy(m.initialState()));
        continue;
      }
      const before = problems.count;
      const value = copyJson(snap.slices[m.key], path, problems);
      if (problems.count > before) continue;
      if (snap.redacted) carryHidden(value, this.slices.get(m.key), this.publicSlice(m), plainCopy);
      if (m.validateState) {
        let lines: string[];
        try {
          lines = m.validateState(value);
        } catch (err) {
          lines = [`validateState failed: ${(err as Error).message}`];
        }
        for (const line of lines) problems.add(path, line);
      } else checkSliceShape(value, m.initialState(), this.slices.get(m.key), path, problems);
      next.set(m.key, value);
    }
    if (problems.count) throw new StateValidationError(where, problems.lines());
    return next;
  }

  /** Remember the current state as the seeded state that `reset()` returns to. */
  markSeeded(): void {
    this.seeded = this.snapshot();
  }

  reset(): void {
    if (this.seeded) this.restore(this.seeded);
    else {
      for (const m of this.modules) this.slices.set(m.key, plainCopy(m.initialState()));
      this.touch();
    }
  }
}

const SHAPE = `not a DIGIT Kit mock state snapshot (expected {"format":"digit-kit-mock-state","version":1,"slices":{...}})`;

function isSnapshotShape(value: unknown): value is StateSnapshot {
  const v = value as Partial<StateSnapshot> | null;
  return !!v && typeof v === "object" && v.format === "digit-kit-mock-state" && v.version === 1 && !!v.slices && typeof v.slices === "object" && !Array.isArray(v.slices);
}

/** Check the outer shape of a snapshot; `where` names the source for the error message. */
export function assertSnapshot(value: unknown, where: string): StateSnapshot {
  if (!isSnapshotShape(value)) throw new Error(`${where} is ${SHAPE}.`);
  return value;
}
