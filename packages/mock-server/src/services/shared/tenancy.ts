/** DIGIT tenancy: `pb` is a state tenant, `pb.amritsar` a city of it. */
export function stateOf(tenantId: string): string {
  const dot = tenantId.indexOf(".");
  return dot === -1 ? tenantId : tenantId.slice(0, dot);
}

/** The tenant itself, then its state tenant when different: the lookup order for fallbacks. */
export function tenantChain(tenantId: string): string[] {
  const state = stateOf(tenantId);
  return state === tenantId ? [tenantId] : [tenantId, state];
}
