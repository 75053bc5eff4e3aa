#!/usr/bin/env node
/**
 * The `digit` executable. Keeps startup light: commander and the command table only; every command
 * module (and with it the SDK, the bundle loader, ink) is imported when that command runs.
 */
import { EXIT } from "./errors.js";
import { main } from "./run.js";

const controller = new AbortController();
const cleanups: (() => Promise<void>)[] = [];
let signals = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  const code = signal === "SIGTERM" ? 143 : EXIT.INTERRUPTED;
  // A second signal does not wait.
  if (++signals > 1) process.exit(code);
  controller.abort();
  if (cleanups.length === 0) {
    // Nothing to finish: stop now.
    process.stderr.write(signal === "SIGINT" ? "\nInterrupted.\n" : "");
    process.exit(code);
  }
  // The running command handles the signal (apply: finishes the writes in flight, prints what it applied and how
  // to resume, 130; mock start: saves state and stops, 0). Its exit code ends the process; give up after 30 s.
  void Promise.allSettled(cleanups.map((c) => c()));
  setTimeout(() => process.exit(code), 30_000).unref();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

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
