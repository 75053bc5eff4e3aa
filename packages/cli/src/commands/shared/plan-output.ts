/** How plan results are shown: counts per kind (ink table on a terminal) and the list of changes. */
import { KINDS, formatPlan, type Plan } from "../../services/index.js";
import type { Output } from "../../output.js";
import { planView, type PlanView } from "../../ui/plan-view.js";
import { renderPlan } from "../../ui/render.js";

export function toPlanView(tenant: string, plan: Plan): PlanView {
  const rows = KINDS.flatMap((kind) => {
    const s = plan.summary[kind];
    return s ? [{ kind, create: s.create, update: s.update, unchanged: s.unchanged }] : [];
  });
  return planView(tenant, rows);
}

/** Plan data for --json: items without their write functions, plus counts. */
export function planJson(tenant: string, plan: Plan) {
  return {
    tenant,
    hasChanges: plan.hasChanges,
    totals: plan.totals,
    summary: plan.summary,
    problems: plan.problems,
    changes: plan.items
      .filter((i) => i.action !== "unchanged")
      .map((i) => ({
        action: i.action,
        kind: i.kind,
        key: i.key,
        tenantId: i.tenantId,
        ...(i.changes ? { changes: i.changes } : {}),
        ...(i.blocked ? { blocked: i.blocked } : {}),
        ...(i.attention ? { attention: i.attention } : {}),
        ...(i.origin ? { origin: i.origin } : {}),
      })),
  };
}

/** Text/ink rendering of a plan (nothing in --json mode). */
export async function showPlan(out: Output, tenant: string, plan: Plan): Promise<void> {
  if (out.json) return;
  if (!out.interactive) {
    out.text(formatPlan(plan, { verbose: out.verbose }));
    return;
  }
  await renderPlan(out, toPlanView(tenant, plan));
  await showChanges(out, plan);
}

/** The list of creates and updates (with changed fields) and any problems; nothing when there are none. */
export async function showChanges(out: Output, plan: Plan): Promise<void> {
  if (out.json) return;
  const changes = plan.items.filter((i) => i.action !== "unchanged");
  for (const i of changes.slice(0, 200)) {
    const note = i.blocked ?? i.attention;
    out.text(note ? `! ${i.kind} ${i.key} (${i.tenantId}): ${note.message}` : `${i.action === "create" ? "+" : "~"} ${i.kind} ${i.key} (${i.tenantId})`);
    for (const c of i.changes ?? []) out.text(`    ${c.path}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
    if (note) out.text(`    hint: ${note.hint}`);
  }
  if (changes.length > 200) out.text(`… and ${changes.length - 200} more (use --json for all)`);
  for (const p of plan.problems) out.text(`! ${p.file}${p.pointer ? `: ${p.pointer}` : ""}: ${p.message}`);
}
