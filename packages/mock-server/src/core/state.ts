/**
 * The state container: one JSON slice per service module, with snapshot/restore/reset and
 * transactional writes (see `Journal`). Per-slice version counters let caches (RBAC, tenants) notice changes.
 */
import { Journal } from "./journal.js";
import type { ServiceModule } from "./types.js";

/** The on-disk / over-the-wire snapshot format. */
export interface StateSnapshot {
  format: "digit-kit-mock-state";
  version: 1;
  slices: Record<string, unknown>;
}

export class StateContainer {
  private slices = new Map<string, unknown>();
  private readonly versions = new Map<string, number>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly modules: ServiceModule<any>[];
  private journal: Journal | null = null;
  private seeded: StateSnapshot | null = null;
  private readonly writeListeners: (() => void)[] = [];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(modules: ServiceModule<any>[]) {
    this.modules = modules;
    for (const m of modules) this.slices.set(m.key, m.initialState());
  }

  keys(): string[] {
    return [...this.slices.keys()];
  }

  /** The slice for `key`; during a write transaction, its journaled view. */
  current<T>(key: string): T {
    if (!this.slices.has(key)) throw new Error(`No state slice "${key}" (known: ${this.keys().join(", ")}).`);
    const raw = this.slices.get(key);
    return (this.journal ? this.journal.wrap(raw, key) : raw) as T;
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
    const journal = new Journal();
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
      journal.commit();
      if (journal.touched.size) {
        for (const k of journal.touched) this.versions.set(k, this.version(k) + 1);
        for (const l of this.writeListeners) l();
      }
      return out;
    } catch (err) {
      globalThis.structuredClone = nativeClone;
      this.journal = null;
      journal.rollback();
      throw err;
    }
  }

  /** Mark slices changed without a journal (direct seeding) and notify listeners. */
  touch(keys: string[] = this.keys()): void {
    for (const k of keys) this.versions.set(k, this.version(k) + 1);
    for (const l of this.writeListeners) l();
  }

  onWrite(listener: () => void): void {
    this.writeListeners.push(listener);
  }

  /** A deep copy of the whole state. */
  snapshot(): StateSnapshot {
    const slices: Record<string, unknown> = {};
    for (const [k, v] of this.slices) slices[k] = structuredClone(v);
    return { format: "digit-kit-mock-state", version: 1, slices };
  }

  /**
   * The state in the snapshot format without copying it (the live slices): for serialising at once, e.g. the state
   * file. Copying 100k MDMS records with structuredClone takes seconds; JSON.stringify alone a fraction of that.
   */
  serializable(): StateSnapshot {
    return { format: "digit-kit-mock-state", version: 1, slices: Object.fromEntries(this.slices) };
  }

  /**
   * Replace the state with a snapshot; slices the snapshot lacks start from their initial state. `owned`: the
   * caller hands the snapshot over (e.g. just parsed from a file), so it is used as is instead of copied.
   */
  restore(snapshot: unknown, options: { owned?: boolean } = {}): void {
    const snap = assertSnapshot(snapshot, "snapshot");
    const next = new Map<string, unknown>();
    for (const m of this.modules) {
      const slice = snap.slices[m.key];
      next.set(m.key, m.key in snap.slices ? (options.owned ? slice : structuredClone(slice)) : m.initialState());
    }
    this.slices = next;
    this.touch();
  }

  /** Remember the current state as the seeded state that `reset()` returns to. */
  markSeeded(): void {
    this.seeded = this.snapshot();
  }

  reset(): void {
    if (this.seeded) this.restore(this.seeded);
    else {
      for (const m of this.modules) this.slices.set(m.key, m.initialState());
      this.touch();
    }
  }
}

/** Check the outer shape of a snapshot; `where` names the source for the error message. */
export function assertSnapshot(value: unknown, where: string): StateSnapshot {
  const v = value as Partial<StateSnapshot> | null;
  if (!v || typeof v !== "object" || v.format !== "digit-kit-mock-state" || v.version !== 1 || !v.slices || typeof v.slices !== "object") {
    throw new Error(
      `${where} is not a DIGIT Kit mock state snapshot (expected {"format":"digit-kit-mock-state","version":1,"slices":{...}}).`,
    );
  }
  return v as StateSnapshot;
}
