/**
 * Unknown keys where a typo would otherwise be silently ignored or dropped (`stateTenat:`, `chidren:`): each is
 * named with its file and JSON pointer, and the closest known key is suggested.
 */
import type { IssueSink } from "./errors.js";
import { joinPointer } from "./pointer.js";

/** The keys an object may have, and the shape of nested objects and lists of objects by key. */
export interface KeySpec {
  keys: readonly string[];
  /** Nested: a key whose value is an object (`spec`) or a list of objects (`each`). */
  nested?: Readonly<Record<string, { spec?: KeySpec; each?: KeySpec | (() => KeySpec) }>>;
}

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length]!;
}

/** The known key closest to `key`, if it is close enough to be a typo (at most a third of its length, min 2). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = distance(key, k);
    if (!best || d < best.d) best = { k, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.k.length / 3)) ? best.k : undefined;
}

/**
 * Records an error per unknown key of `value` (recursively through `spec.nested`) and returns the pointers of
 * known keys that a typo stood for (so "missing stateTenant" is not reported beside `unknown key "stateTenat"`).
 */
export function checkKnownKeys(value: unknown, spec: KeySpec, file: string, sink: IssueSink, base = ""): Set<string> {
  const meant = new Set<string>();
  const visit = (v: unknown, s: KeySpec, ptr: string): void => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return;
    const obj = v as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (s.keys.includes(key)) continue;
      const near = closestKey(key, s.keys.filter((k) => !(k in obj)));
      if (near) meant.add(joinPointer(ptr, near));
      sink.error(
        file,
        joinPointer(ptr, key),
        `unknown key "${key}"`,
        `${near ? `Did you mean "${near}"? ` : ""}Known keys here: ${s.keys.join(", ")} (docs/bundles.md).`,
      );
    }
    for (const [key, sub] of Object.entries(s.nested ?? {})) {
      const child = obj[key];
      if (sub.spec) visit(child, sub.spec, joinPointer(ptr, key));
      if (sub.each && Array.isArray(child)) {
        const each = typeof sub.each === "function" ? sub.each() : sub.each;
        child.forEach((c, i) => visit(c, each, joinPointer(ptr, key, i)));
      }
    }
  };
  visit(value, spec, base);
  return meant;
}

export const MANIFEST_KEYS: KeySpec = { keys: ["apiVersion", "stateTenant", "tenants"] };

const BOUNDARY_NODE_KEYS: KeySpec = {
  keys: ["code", "type", "geometry", "additionalDetails", "children"],
  nested: { children: { each: () => BOUNDARY_NODE_KEYS } },
};
export const BOUNDARIES_KEYS: KeySpec = {
  keys: ["hierarchies", "entities"],
  nested: {
    hierarchies: { each: { keys: ["tenantId", "hierarchyType", "levels", "boundaries"], nested: { boundaries: { each: BOUNDARY_NODE_KEYS } } } },
    entities: { each: { keys: ["tenantId", "code", "geometry", "additionalDetails"] } },
  },
};
