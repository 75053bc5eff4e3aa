import { Text, useInput } from "ink";
import { useState, type ReactElement } from "react";

export interface PromptProps {
  message: string;
  defaultValue?: string;
  /** Returns an error message for a bad value, or undefined. */
  validate?: (value: string) => string | undefined;
  onSubmit: (value: string | undefined) => void;
}

/** A one-line text question; Enter accepts, an empty answer takes the default, Ctrl-C cancels (undefined). */
export function Prompt({ message, defaultValue, validate, onSubmit }: PromptProps): ReactElement {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [submitted, setSubmitted] = useState(false);
  useInput((input, key) => {
    if (submitted) return;
    if (key.ctrl && input === "c") {
      setSubmitted(true);
      onSubmit(undefined);
      return;
    }
    if (key.return) {
      const final = value === "" ? (defaultValue ?? "") : value;
      const problem = validate?.(final);
      if (problem) {
        setError(problem);
        return;
      }
      setSubmitted(true);
      onSubmit(final);
      return;
    }
    if (key.backspace || key.delete) {
      setValue((v) => v.slice(0, -1));
      return;
    }
    if (input && !key.ctrl && !key.meta) {
      setError(undefined);
      setValue((v) => v + input);
    }
  });
  return (
    <Text>
      <Text color="cyan">? </Text>
      <Text bold>{message}</Text>
      {defaultValue !== undefined && !value ? <Text dimColor>{` (${defaultValue})`}</Text> : null}
      <Text>{` ${value}`}</Text>
      {error ? <Text color="red">{`  ${error}`}</Text> : null}
    </Text>
  );
}
