/** Plain-text table for pipes and CI logs: space-padded columns, a dashed rule under the header. */
export function textTable(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  alignRight: readonly number[] = [],
): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells: readonly (string | number)[]) =>
    cells
      .map((c, i) => (alignRight.includes(i) ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
