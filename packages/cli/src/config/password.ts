/**
 * Where a password comes from: `--password-stdin`, then `DIGIT_PASSWORD`, then a hidden prompt on a
 * terminal. Without a terminal we never prompt; the error says which flag or variable to use.
 */
import { UserError } from "../errors.js";
import type { CliIo } from "../output.js";
import { promptSecret } from "../ui/prompt-secret.js";

/** Reads all of stdin as text, without the trailing newline. */
export async function readAllStdin(stdin: CliIo["stdin"]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export interface PasswordSource {
  fromStdin: boolean;
  /** Env variable to read, e.g. DIGIT_PASSWORD. */
  envVar: string;
  /** Prompt label, e.g. "Password for admin@pb". */
  label: string;
  /** Flag that reads stdin, for the error message (omit when there is none). */
  stdinFlag?: string;
}

export async function readPassword(io: CliIo, source: PasswordSource): Promise<string> {
  if (source.fromStdin) {
    if (io.stdin.isTTY) {
      throw new UserError(`${source.stdinFlag ?? "--password-stdin"} expects the password piped on stdin, but stdin is a terminal.`, {
        fix: `Pipe it: printf '%s' "$PASSWORD" | digit … ${source.stdinFlag ?? "--password-stdin"}`,
      });
    }
    const password = await readAllStdin(io.stdin);
    if (!password) throw new UserError("No password on stdin.", { fix: "Pipe the password into the command, without extra lines." });
    return password;
  }
  const fromEnv = io.env[source.envVar];
  if (fromEnv) return fromEnv;
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    const ways = [`set ${source.envVar}`];
    if (source.stdinFlag) ways.push(`pipe it with ${source.stdinFlag}`);
    throw new UserError("A password is needed, and there is no terminal to ask for it.", {
      fix: `Provide it without a prompt: ${ways.join(", or ")}.`,
    });
  }
  const password = await promptSecret(io, `${source.label}: `);
  if (!password) throw new UserError("Empty password.", { fix: "Type the password, or set " + source.envVar + "." });
  return password;
}
