/**
 * The state (root) tenant of any tenant id: `stateTenantOf("pb.amritsar") === "pb"`, `stateTenantOf("pb") === "pb"`.
 *
 * @example
 * ```ts
 * stateTenantOf("pb.amritsar"); // "pb"
 * ```
 */
export function stateTenantOf(tenantId: string): string {
  return tenantId.split(".")[0] ?? tenantId;
}

/**
 * Whether a tenant id names a city (ULB) under a state: `isCityTenant("pb.amritsar") === true`, `isCityTenant("pb") === false`.
 *
 * @example
 * ```ts
 * isCityTenant("pb.amritsar"); // true
 * ```
 */
export function isCityTenant(tenantId: string): boolean {
  return tenantId.includes(".");
}

/**
 * The city tenant id for a state and a city code: `cityTenant("pb", "amritsar") === "pb.amritsar"`.
 * Accepts a city tenant as `state` too (its state part is used).
 *
 * @example
 * ```ts
 * cityTenant("pb", "amritsar"); // "pb.amritsar"
 * ```
 */
export function cityTenant(state: string, city: string): string {
  if (!city || city.includes(".")) throw new TypeError(`cityTenant: city code "${city}" must be non-empty and contain no "."`);
  return `${stateTenantOf(state)}.${city.toLowerCase()}`;
}
