import { Box, Text } from "ink";
import type { ReactElement } from "react";
import type { PlanView } from "../plan-view.js";

/** Per-kind create / update / unchanged counts, with the totals and a one-line verdict. */
export function PlanTable({ plan }: { plan: PlanView }): ReactElement {
  const kindWidth = Math.max(4, ...plan.rows.map((r) => r.kind.length));
  const num = (n: number, width = 9) => String(n).padStart(width);
  return (
    <Box flexDirection="column">
      <Text bold>
        {`Plan for ${plan.tenant}`}
      </Text>
      <Text bold>{`${"kind".padEnd(kindWidth)}${"create".padStart(9)}${"update".padStart(9)}${"unchanged".padStart(12)}`}</Text>
      {plan.rows.map((row) => (
        <Text key={row.kind}>
          {row.kind.padEnd(kindWidth)}
          <Text color={row.create ? "green" : undefined}>{num(row.create)}</Text>
          <Text color={row.update ? "yellow" : undefined}>{num(row.update)}</Text>
          <Text dimColor>{num(row.unchanged, 12)}</Text>
        </Text>
      ))}
      <Text>
        {plan.create + plan.update === 0 ? (
          <Text color="green">No changes. The tenant matches the bundle.</Text>
        ) : (
          <Text>
            <Text color="green">{`${plan.create} to create`}</Text>
            {", "}
            <Text color="yellow">{`${plan.update} to update`}</Text>
            {`, ${plan.unchanged} unchanged.`}
          </Text>
        )}
      </Text>
    </Box>
  );
}
