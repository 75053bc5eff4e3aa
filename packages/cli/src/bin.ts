#!/usr/bin/env node
/**
 * The `digit` executable. Keeps startup light: commander and the command table only; every command
 * module (and with it the SDK, the bundle loader, ink) is imported when that command runs.
 */
import { EXIT } from "./errors.js";
import { main } from "./run.js";

const controller = new AbortController();
const cleanups: (() => Promise<void>)[] = [];
process.once("SIGINT", () => {
  controller.abort();
  process.stderr.write("\nInterrupted.\n");
  const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  void Promise.race([Promise.allSettled(cleanups.map((c) => c())), giveUp]).finally(() => process.exit(EXIT.INTERRUPTED));
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
