/** Plain-text renderings of plans, apply results and drift for the shell (no colours, no ink). */
import type { ApplyResult } from "./apply.js";
import type { DriftReport } from "./diff.js";
import { KINDS, type Plan } from "./types.js";

const SYMBOL = { create: "+", update: "~", unchanged: " " } as const;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd());
}

const short = (v: unknown): string => {
  const s = v === undefined ? "(absent)" : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/**
 * The plan as text: a per-kind count table, then every create/update with its changed fields, then
 * `Plan: N to create, M to update, K unchanged.` (unchanged items are counted, not listed).
 */
export function formatPlan(plan: Plan, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const rows = [["KIND", "CREATE", "UPDATE", "UNCHANGED"]];
  for (const k of KINDS) {
    const s = plan.summary[k];
    if (s) rows.push([k, String(s.create), String(s.update), String(s.unchanged)]);
  }
  if (rows.length > 1) lines.push(...table(rows), "");
  for (const i of plan.items) {
    if (i.action === "unchanged" && !options.verbose) continue;
    const note = i.blocked ?? i.attention;
    lines.push(note ? `! ${i.kind} ${i.key} (${i.tenantId}): ${note.message}` : `${SYMBOL[i.action]} ${i.kind} ${i.key} (${i.tenantId})`);
    for (const c of i.changes ?? []) lines.push(`    ${c.path}: ${short(c.from)} → ${short(c.to)}`);
    if (note) lines.push(`    hint: ${note.hint}`);
  }
  for (const p of plan.problems) lines.push(`! ${p.file}${p.pointer ? `: ${p.pointer}` : ""}: ${p.message}`);
  if (lines.length > 0 && lines[lines.length - 1] !== "") lines.push("");
  const t = plan.totals;
  lines.push(plan.hasChanges ? `Plan: ${t.create} to create, ${t.update} to update, ${t.unchanged} unchanged.` : `No changes. ${t.unchanged} resources up to date.`);
  const blocked = plan.items.filter((i) => i.blocked).length;
  if (blocked > 0) lines.push(`${blocked} of the updates cannot be applied: DIGIT has no way to make them (lines marked !).`);
  return lines.join("\n");
}

/** The apply result as text: per-phase counts, failures with DIGIT codes and origins, verification line. */
export function formatApplyResult(result: ApplyResult): string {
  const rows = [["PHASE", "CREATED", "UPDATED", "UNCHANGED", "FAILED", "SKIPPED", "TIME"]];
  for (const p of result.phases) {
    rows.push([p.name, String(p.created), String(p.updated), String(p.unchanged), String(p.failed), String(p.skipped), `${(p.durationMs / 1000).toFixed(1)}s`]);
  }
  const lines = table(rows);
  if (result.failures.length > 0) {
    lines.push("", "Failures:");
    for (const f of result.failures) {
      lines.push(`  ${f.kind} ${f.key} (${f.tenantId}): ${f.code}: ${f.message}${f.file ? ` [${f.file}${f.pointer ? `#${f.pointer}` : ""}]` : ""}`);
      if (f.hint) lines.push(`    hint: ${f.hint}`);
    }
  }
  const c = result.phases.reduce((a, p) => ({ created: a.created + p.created, updated: a.updated + p.updated, failed: a.failed + p.failed }), { created: 0, updated: 0, failed: 0 });
  lines.push("");
  if (result.interrupted) {
    lines.push(`Interrupted: ${c.created} created, ${c.updated} updated, ${c.failed} failed before the interrupt; the phases not listed were not attempted.`);
  } else if (result.dryRun) {
    lines.push(`Dry run: ${c.created} to create, ${c.updated} to update. Nothing was written.`);
  } else {
    lines.push(`Apply complete: ${c.created} created, ${c.updated} updated, ${c.failed} failed in ${(result.durationMs / 1000).toFixed(1)}s.`);
    const present = Object.values(result.verification.byKind).reduce((a, v) => a + v.present, 0);
    const expected = Object.values(result.verification.byKind).reduce((a, v) => a + v.expected, 0);
    lines.push(result.verification.ok ? `Verified: ${present}/${expected} resources read back.` : `Verification FAILED: ${present}/${expected} resources read back${result.verification.missing.length ? `; not visible: ${result.verification.missing.slice(0, 5).join(", ")}` : ""}.`);
  }
  return lines.join("\n");
}

/** Drift as text: one line per differing resource, then a count. */
export function formatDrift(report: DriftReport): string {
  const lines: string[] = [];
  for (const d of report.items) {
    const mark = d.status === "only-in-a" ? "<" : d.status === "only-in-b" ? ">" : "~";
    lines.push(`${mark} ${d.kind} ${d.key}`);
    for (const c of d.changes ?? []) lines.push(`    ${c.path}: ${short(c.from)} ≠ ${short(c.to)}`);
  }
  lines.push(report.items.length === 0 ? `No drift between ${report.a} and ${report.b}.` : `${report.items.length} difference(s) between ${report.a} (<) and ${report.b} (>).`);
  return lines.join("\n");
}
