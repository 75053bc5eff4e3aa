import { uniqueIdentifierOf, unresolvedReferences, type Bundle } from "@digit-kit/bundle";
import { stateTenantOf } from "@digit-kit/sdk";
import { tolerantReads, type DigitGateway } from "./gateway.js";
import { phasesFor } from "./phases.js";
import { groupBy, type PlanContext } from "./resources/context.js";
import { readMdms } from "./resources/mdms.js";
import { checkWorkflowTenants } from "./resources/workflow.js";
import { summarize, type KindFilter, type Plan, type PlanItem } from "./types.js";

/**
 * Compares a bundle with live state and lists, per resource, whether apply would create, update or leave it.
 * Reads only. Resources are matched on natural keys (schema code, MDMS uniqueIdentifier, business service code,
 * localization module+code+locale, boundary code, userName, employee code); server-added fields are ignored.
 *
 * @example
 * ```ts
 * const p = await plan(gateway, bundle);
 * console.log(formatPlan(p)); process.exitCode = p.hasChanges ? 2 : 0;
 * ```
 */
export async function plan(gateway: DigitGateway, bundle: Bundle, options: KindFilter = {}): Promise<Plan> {
  const ctx: PlanContext = { gateway: tolerantReads(gateway), bundle };
  // Reads only, so the phases and checks read at once (a few round trips instead of one per phase); items keep
  // phase order.
  const workflows = !options.only || options.only.includes("workflow");
  const [perPhase, missing, references, tenants] = await Promise.all([
    Promise.all(phasesFor(ctx, options.only).map((phase) => phase.plan(ctx))),
    checkMissingSchemas(ctx),
    checkLiveReferences(ctx),
    workflows ? checkWorkflowTenants(ctx) : [],
  ]);
  const items: PlanItem[] = perPhase.flat();
  return { items, ...summarize(items), problems: [...missing, ...references, ...tenants] };
}

/** MDMS records whose schema is neither in the bundle nor on the server: apply would fail on every one. */
export async function checkMissingSchemas(ctx: PlanContext): Promise<Plan["problems"]> {
  const problems: Plan["problems"] = [];
  const inBundle = new Set(ctx.bundle.mdmsSchemas.map((s) => s.code));
  const records = ctx.bundle.mdmsData.filter((r) => !inBundle.has(r.schemaCode));
  for (const [group, list] of groupBy(records, (r) => `${r.tenantId}|${r.schemaCode}`)) {
    const [tenantId, schemaCode] = group.split("|") as [string, string];
    // MDMS v2 resolves a city record's schema at the state tenant.
    const state = stateTenantOf(tenantId);
    const tenants = state === tenantId ? [tenantId] : [tenantId, state];
    const found = await Promise.all(tenants.map((t) => ctx.gateway.searchSchemas(t, [schemaCode])));
    if (found.some((list) => list.length > 0)) continue;
    const first = list[0]!;
    problems.push({
      file: first.origin.file,
      pointer: first.origin.pointer,
      message:
        `schema ${schemaCode} is neither in the bundle nor on the server for ${tenantId}, so its ${list.length} record(s) ` +
        `cannot be created; add it under mdms/schemas/ (docs/bundles.md)`,
    });
  }
  return problems;
}

/** x-ref-schema references the bundle cannot satisfy must exist live; lists those that do not. */
export async function checkLiveReferences(ctx: PlanContext): Promise<Plan["problems"]> {
  const problems: Plan["problems"] = [];
  const refs = unresolvedReferences(ctx.bundle);
  for (const [group, list] of groupBy(refs, (r) => `${r.tenantId}|${r.refSchemaCode}`)) {
    const [tenantId, schemaCode] = group.split("|") as [string, string];
    const def = (await ctx.gateway.searchSchemas(tenantId, [schemaCode]))[0]?.definition;
    const live = new Set((await readMdms(ctx, tenantId, schemaCode)).map((r) => r.uniqueIdentifier ?? uniqueIdentifierOf(def, r.data)));
    for (const r of list) {
      if (!live.has(r.value)) {
        problems.push({ file: r.origin.file, pointer: r.origin.pointer, message: `"${r.value}" is not a ${schemaCode} record in the bundle or on the server` });
      }
    }
  }
  return problems;
}
