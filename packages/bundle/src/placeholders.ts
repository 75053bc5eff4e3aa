/** DIGIT's default-data-handler placeholder for the root tenant (`{tenantid}`, `{tenantid}.citya`). */
export const TENANT_PLACEHOLDER = /\{tenantid\}/gi;

/** True when any string inside `value` contains the `{tenantid}` placeholder. */
export function hasPlaceholder(value: unknown): boolean {
  if (typeof value === "string") return /\{tenantid\}/i.test(value);
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  if (value && typeof value === "object") return Object.values(value).some(hasPlaceholder);
  return false;
}

/** Returns a deep copy of `value` with `{tenantid}` replaced by `tenant` in every string (keys included). */
export function substituteTenant<T>(value: T, tenant: string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.replace(TENANT_PLACEHOLDER, tenant);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k.replace(TENANT_PLACEHOLDER, tenant)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** A tenant code DIGIT accepts: `pb`, `pb.amritsar`. */
export const TENANT_CODE = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
