import { Box, Text } from "ink";
import type { ReactElement } from "react";

export interface TableProps {
  title?: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  /** Column indexes to right-align (numbers). */
  alignRight?: readonly number[];
}

/** A bordered-free column table; widths from the widest cell. */
export function Table({ title, columns, rows, alignRight = [] }: TableProps): ReactElement {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const cell = (value: string | number, i: number) => {
    const text = String(value);
    const w = widths[i] ?? text.length;
    return alignRight.includes(i) ? text.padStart(w) : text.padEnd(w);
  };
  return (
    <Box flexDirection="column">
      {title ? <Text bold>{title}</Text> : null}
      <Text bold>{columns.map(cell).join("  ")}</Text>
      <Text dimColor>{widths.map((w) => "─".repeat(w)).join("  ")}</Text>
      {rows.map((row, r) => (
        <Text key={r}>{row.map(cell).join("  ")}</Text>
      ))}
    </Box>
  );
}
