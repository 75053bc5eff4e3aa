/**
 * An undo journal over plain JSON state, used to roll back a write operation that throws.
 * Slices are wrapped in recording proxies for the duration of one write: every set/delete records the
 * previous value, so a rollback costs O(changes) instead of a deep copy of the slice up front.
 * Reading through the proxies costs one Proxy per object touched; handlers share one handler object per slice.
 */
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
  }
}
