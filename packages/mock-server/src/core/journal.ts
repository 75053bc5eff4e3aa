/**
 * An undo journal over plain JSON state, used to roll back a write operation that throws.
 * Slices are wrapped in recording proxies for the duration of one write: every set/delete records the
 * previous value, so a rollback costs O(changes) instead of a deep copy of the slice up front.
 * Reading through the proxies costs one Proxy per object touched; handlers share one handler object per slice.
 *
 * With `trackChanges` it also remembers where each changed object sits (the key path by which the write
 * first reached it), so a commit can be described as "these paths now hold these values" for the
 * `--state` journal (`changes()`).
 */

/** One committed change: the slice, and the path (keys from the slice root) whose value changed. */
export interface ChangedPath {
  slice: string;
  path: string[];
}

interface Place {
  parent: object | null;
  key: string;
}

export class Journal {
  private readonly undo: (() => void)[] = [];
  // Short-lived (one write), so plain Maps: faster than WeakMaps and released with the journal.
  private readonly proxies = new Map<object, object>();
  private readonly targets = new Map<object, object>();
  private readonly lengths = new Set<unknown[]>();
  private readonly handlers = new Map<string, ProxyHandler<object>>();
  /** Slice keys written during this journal's life. */
  readonly touched = new Set<string>();
  private closed = false;
  /** Where each object was first reached from its slice root (only with `trackChanges`). */
  private readonly places: Map<object, Place> | null;
  private readonly written: { slice: string; target: object; prop: string }[] = [];

  constructor(options: { trackChanges?: boolean } = {}) {
    this.places = options.trackChanges ? new Map() : null;
  }

  /** A recording view of a slice's root object. */
  wrapRoot<T>(root: T, sliceKey: string): T {
    if (this.places && root !== null && typeof root === "object" && !this.places.has(root)) this.places.set(root, { parent: null, key: sliceKey });
    return this.wrap(root, sliceKey);
  }

  /** A recording view of `obj`; writes through it are journaled under `sliceKey`. */
  wrap<T>(obj: T, sliceKey: string): T {
    if (obj === null || typeof obj !== "object") return obj;
    const existing = this.proxies.get(obj);
    if (existing) return existing as T;
    const proxy = new Proxy(obj, this.handlerFor(sliceKey));
    this.proxies.set(obj, proxy);
    this.targets.set(proxy, obj);
    return proxy as T;
  }

  private handlerFor(sliceKey: string): ProxyHandler<object> {
    let handler = this.handlers.get(sliceKey);
    if (handler) return handler;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const journal = this;
    handler = {
      get(target, prop) {
        const value = (target as Record<string | symbol, unknown>)[prop];
        if (value === null || typeof value !== "object" || journal.closed) return value;
        if (journal.places && typeof prop === "string" && !journal.places.has(value)) journal.places.set(value, { parent: target, key: prop });
        return journal.wrap(value, sliceKey);
      },
      set(target, prop, value) {
        const v = journal.unwrap(value);
        if (!journal.closed) journal.record(target, prop, sliceKey);
        return Reflect.set(target, prop, v, target);
      },
      deleteProperty(target, prop) {
        if (!journal.closed) journal.record(target, prop, sliceKey);
        return Reflect.deleteProperty(target, prop);
      },
      defineProperty(target, prop, desc) {
        if (!journal.closed) journal.record(target, prop, sliceKey);
        const d = "value" in desc ? { ...desc, value: journal.unwrap(desc.value) } : desc;
        return Reflect.defineProperty(target, prop, d);
      },
    };
    this.handlers.set(sliceKey, handler);
    return handler;
  }

  private record(target: object, prop: string | symbol, sliceKey: string): void {
    if (Array.isArray(target) && !this.lengths.has(target)) {
      // Writing an index past the end grows `length` implicitly; restore it last (undo runs newest first).
      this.lengths.add(target);
      const length = target.length;
      this.undo.push(() => {
        target.length = length;
      });
    }
    const t = target as Record<string | symbol, unknown>;
    const had = Object.prototype.hasOwnProperty.call(t, prop);
    const old = t[prop];
    this.undo.push(() => {
      if (had) t[prop] = old;
      else delete t[prop];
    });
    this.touched.add(sliceKey);
    if (this.places && typeof prop === "string") this.written.push({ slice: sliceKey, target, prop });
  }

  /**
   * The paths this write changed (with `trackChanges`; call before `commit()`), minimal: a path under another
   * changed path is left out, and a change inside an array counts as a change of the whole array (arrays
   * are small in DIGIT state and indexes shift). A path is reported even when the write set the old value
   * back; readers take the current value at each path.
   */
  changes(): ChangedPath[] {
    const places = this.places;
    if (!places) return [];
    const found = new Map<string, ChangedPath>();
    for (const w of this.written) {
      const up: { node: object; key: string }[] = [];
      let node: object | null = w.target;
      let slice = w.slice;
      let known = true;
      while (node !== null) {
        const place = places.get(node);
        if (!place) {
          known = false;
          break;
        }
        if (place.parent === null) {
          slice = place.key;
          break;
        }
        up.push({ node, key: place.key });
        node = place.parent;
      }
      if (!known) continue;
      // Keys from the root down; stop at the first array: a write below it changes the whole array.
      const path: string[] = [];
      let inArray = false;
      for (let i = up.length - 1; i >= 0; i--) {
        path.push(up[i]!.key);
        if (Array.isArray(up[i]!.node)) {
          inArray = true;
          break;
        }
      }
      if (!inArray && !Array.isArray(w.target)) path.push(w.prop);
      const id = `${slice}\u0000${path.join("\u0000")}`;
      if (!found.has(id)) found.set(id, { slice, path });
    }
    const sorted = [...found.values()].sort((a, b) => a.path.length - b.path.length);
    const kept = new Set<string>();
    const out: ChangedPath[] = [];
    for (const c of sorted) {
      let covered = false;
      for (let n = 0; n <= c.path.length - 1 && !covered; n++) {
        if (kept.has(`${c.slice}\u0000${c.path.slice(0, n).join("\u0000")}`)) covered = true;
      }
      if (covered) continue;
      kept.add(`${c.slice}\u0000${c.path.join("\u0000")}`);
      out.push(c);
    }
    return out;
  }

  /** Replace any of our proxies inside a value about to be stored with their targets. */
  unwrap(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const target = this.targets.get(value);
    if (target) return target;
    const stack: object[] = [value];
    const seen = new Set<object>();
    while (stack.length) {
      const o = stack.pop() as Record<string, unknown>;
      if (seen.has(o)) continue;
      seen.add(o);
      for (const k of Object.keys(o)) {
        const child = o[k];
        if (child === null || typeof child !== "object") continue;
        const t = this.targets.get(child);
        if (t) o[k] = t;
        else stack.push(child);
      }
    }
    return value;
  }

  /**
   * A copy of `value` with every proxy of this journal replaced by its target, so host APIs that refuse
   * proxies (structuredClone) accept it. Targets never contain proxies (writes unwrap), so this stops at them.
   */
  deproxy(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const target = this.targets.get(value);
    if (target) return target;
    if (Array.isArray(value)) return value.map((v) => this.deproxy(v));
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.deproxy(v);
    return out;
  }

  /** Undo every recorded change, newest first. */
  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    this.close();
  }

  commit(): void {
    this.close();
  }

  private close(): void {
    this.undo.length = 0;
    this.closed = true;
    this.proxies.clear();
    this.targets.clear();
    this.lengths.clear();
    this.places?.clear();
    this.written.length = 0;
  }
}
