/** A hidden terminal prompt (no echo) on raw-mode stdin; Ctrl-C exits with 130. */
import { EXIT, ExitSignal } from "../errors.js";
import type { CliIo } from "../output.js";

export function promptSecret(io: CliIo, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = io.stdin;
    let value = "";
    io.stderr.write(label);
    stdin.setRawMode?.(true);
    stdin.resume?.();
    const done = (error?: Error) => {
      stdin.removeListener("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause?.();
      io.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (ch === "\u0003") return done(new ExitSignal(EXIT.INTERRUPTED));
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return done();
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}
