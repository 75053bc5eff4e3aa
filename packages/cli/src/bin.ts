#!/usr/bin/env node
/**
 * The `digit` executable. Keeps startup light: commander and the command table only; every command
 * module (and with it the SDK, the bundle loader, ink) is imported when that command runs.
 */
import { EXIT } from "./errors.js";
import { main } from "./run.js";

const controller = new AbortController();
const cleanups: (() => Promise<void>)[] = [];
let interrupts = 0;
process.on("SIGINT", () => {
  // A second Ctrl-C does not wait.
  if (++interrupts > 1) process.exit(EXIT.INTERRUPTED);
  controller.abort();
  // Commands that handle the interrupt (apply: finish the writes in flight, print what was applied and how to
  // resume; mock start: save state) registered a cleanup; the others just stop.
  if (cleanups.length === 0) {
    process.stderr.write("\nInterrupted.\n");
    process.exit(EXIT.INTERRUPTED);
  }
  const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 30_000).unref());
  void Promise.race([Promise.allSettled(cleanups.map((c) => c())), giveUp]).finally(() => process.stdout.write("", () => process.exit(EXIT.INTERRUPTED)));
});

const code = await main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
  onInterrupt: (cleanup) => void cleanups.push(cleanup),
});
// Exit once pending stdout writes (pipes) have drained; open handles (sockets, timers) must not keep us alive.
process.exitCode = code;
process.stdout.write("", () => process.exit(code));
