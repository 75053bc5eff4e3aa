import { Text, useInput } from "ink";
import { useRef, useState, type ReactElement } from "react";

export interface PromptProps {
  message: string;
  defaultValue?: string;
  /** Returns an error message for a bad value, or undefined. */
  validate?: (value: string) => string | undefined;
  onSubmit: (value: string | undefined) => void;
}

/**
 * A one-line text question; Enter accepts, an empty answer takes the default, Ctrl-C cancels (undefined).
 * Input is handled character by character because pasted or piped text arrives as one chunk ("abc\r").
 */
export function Prompt({ message, defaultValue, validate, onSubmit }: PromptProps): ReactElement {
  const value = useRef("");
  const submitted = useRef(false);
  const [shown, setShown] = useState("");
  const [error, setError] = useState<string | undefined>();
  useInput((input, key) => {
    if (submitted.current) return;
    if (key.ctrl && input === "c") {
      submitted.current = true;
      onSubmit(undefined);
      return;
    }
    const submit = () => {
      const final = value.current === "" ? (defaultValue ?? "") : value.current;
      const problem = validate?.(final);
      if (problem) {
        setError(problem);
        return false;
      }
      submitted.current = true;
      onSubmit(final);
      return true;
    };
    if (key.return) {
      submit();
    } else if (key.backspace || key.delete) {
      value.current = value.current.slice(0, -1);
    } else if (!key.ctrl && !key.meta) {
      for (const ch of input) {
        if (ch === "\r" || ch === "\n") {
          if (submit()) break;
        } else if (ch === "\u007f" || ch === "\b") {
          value.current = value.current.slice(0, -1);
        } else {
          setError(undefined);
          value.current += ch;
        }
      }
    }
    setShown(value.current);
  });
  return (
    <Text>
      <Text color="cyan">? </Text>
      <Text bold>{message}</Text>
      {defaultValue !== undefined && !shown ? <Text dimColor>{` (${defaultValue})`}</Text> : null}
      <Text>{` ${shown}`}</Text>
      {error ? <Text color="red">{`  ${error}`}</Text> : null}
    </Text>
  );
}
