/** `digit mock start [...]`: hands every argument after `start` to @digit-kit/mock-server's own flag parser. */
import { EXIT, UserError } from "../../errors.js";
import type { CommandContext } from "../types.js";

/** The argv after `mock start`, minus digit's own global flags. */
export function passThroughArgs(argv: readonly string[]): string[] {
  const mock = argv.indexOf("mock");
  const start = argv.indexOf("start", mock + 1);
  const rest = start >= 0 ? argv.slice(start + 1) : [];
  return rest.filter((a) => a !== "--json" && a !== "--verbose" && a !== "-v" && a !== "--");
}

/**
 * Serves until SIGINT or SIGTERM (bin.ts aborts `io.signal`), then saves state and stops: exit 0, as
 * docs/mock-server.md says. A port in use is a user error naming the port and the fix (exit 1).
 */
export default async function mockStart({ io, out, argv }: CommandContext): Promise<number> {
  const { startMockServerCli, MockPortError } = await import("@digit-kit/mock-server");
  let started;
  try {
    started = await startMockServerCli(passThroughArgs(argv), {
      log: (line) => (out.json ? out.status(line) : out.text(line)),
      handleSignals: false,
      env: io.env,
    });
  } catch (err) {
    if (err instanceof MockPortError) {
      throw new UserError(err.message, { where: err.where, fix: err.fix.map((f) => f.replace(/--/, "digit mock start --")) });
    }
    throw err;
  }
  if (!started) return EXIT.OK; // --help
  const { url, port, controlToken, controlTokenFile } = started.server;
  out.result({ url, port, controlToken, controlTokenFile: controlTokenFile ?? null }, () => "Press Ctrl-C to stop.");
  io.onInterrupt?.(() => started.stop());
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  out.status("Stopping: saving state.");
  await started.stop();
  return EXIT.OK;
}
