import { Text, useInput } from "ink";
import { useState, type ReactElement } from "react";

export type ConfirmAnswer = "yes" | "no" | "interrupted";

/** A y/N question. Enter takes the default (no). */
export function Confirm({ message, onAnswer }: { message: string; onAnswer: (answer: ConfirmAnswer) => void }): ReactElement {
  const [answer, setAnswer] = useState<ConfirmAnswer | undefined>();
  useInput((input, key) => {
    if (answer) return;
    let next: ConfirmAnswer | undefined;
    // Piped or pasted input may arrive as one chunk ("y\r"): the first character decides.
    const first = input.slice(0, 1).toLowerCase();
    if (key.ctrl && input === "c") next = "interrupted";
    else if (first === "y") next = "yes";
    else if (first === "n" || first === "\r" || key.return || key.escape) next = "no";
    if (next) {
      setAnswer(next);
      onAnswer(next);
    }
  });
  return (
    <Text>
      <Text bold>{message}</Text>
      <Text dimColor>{" (y/N) "}</Text>
      {answer ? <Text>{answer === "yes" ? "yes" : "no"}</Text> : null}
    </Text>
  );
}
