import { Box, Text } from "ink";
import type { ReactElement } from "react";
import type { ProgressStep } from "../progress-state.js";

const WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  return "█".repeat(filled) + "░".repeat(WIDTH - filled);
}

/** One bar per step with counts, rate and failures. */
export function ProgressBars({ steps, now }: { steps: readonly ProgressStep[]; now: number }): ReactElement {
  const labelWidth = Math.max(4, ...steps.map((s) => s.label.length));
  return (
    <Box flexDirection="column">
      {steps.map((s) => {
        const seconds = ((s.finishedAt ?? now) - s.startedAt) / 1000;
        const rate = seconds > 0 ? s.done / seconds : 0;
        const finished = s.finishedAt !== undefined;
        return (
          <Text key={s.label}>
            {s.label.padEnd(labelWidth)} <Text color={s.failed ? "red" : finished ? "green" : "cyan"}>{bar(s.done, s.total)}</Text>
            {` ${String(s.done).padStart(String(s.total).length)}/${s.total}  ${rate.toFixed(1)}/s`}
            {s.failed ? <Text color="red">{`  ${s.failed} failed`}</Text> : null}
            {s.skipped ? <Text color="yellow">{`  ${s.skipped} skipped`}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
