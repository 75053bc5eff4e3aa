import { uniqueIdentifierOf, unresolvedReferences, type Bundle } from "@digit-kit/bundle";
import { tolerantReads, type DigitGateway } from "./gateway.js";
import { phasesFor } from "./phases.js";
import { groupBy, type PlanContext } from "./resources/context.js";
import { readMdms } from "./resources/mdms.js";
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
  const items: PlanItem[] = [];
  for (const phase of phasesFor(ctx, options.only)) items.push(...(await phase.plan(ctx)));
  const problems = await checkLiveReferences(ctx);
  return { items, ...summarize(items), problems };
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
