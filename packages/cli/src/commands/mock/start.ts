/** `digit mock start [...]`: hands every argument after `start` to @digit-kit/mock-server's own flag parser. */
import { EXIT } from "../../errors.js";
import type { CommandContext } from "../types.js";

/** The argv after `mock start`, minus digit's own global flags. */
export function passThroughArgs(argv: readonly string[]): string[] {
  const mock = argv.indexOf("mock");
  const start = argv.indexOf("start", mock + 1);
  const rest = start >= 0 ? argv.slice(start + 1) : [];
  return rest.filter((a) => a !== "--json" && a !== "--verbose" && a !== "-v" && a !== "--");
}

export default async function mockStart({ io, out, argv }: CommandContext): Promise<number> {
  const { startMockServerCli } = await import("@digit-kit/mock-server");
  const started = await startMockServerCli(passThroughArgs(argv), {
    log: (line) => (out.json ? out.status(line) : out.text(line)),
    handleSignals: false,
    env: io.env,
  });
  if (!started) return EXIT.OK; // --help
  const { url, port, controlToken, controlTokenFile } = started.server;
  out.result({ url, port, controlToken, controlTokenFile: controlTokenFile ?? null }, () => "Press Ctrl-C to stop.");
  io.onInterrupt?.(() => started.stop());
  // Serve until interrupted (bin.ts awaits the stop above, then exits 130).
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  await started.stop();
  return EXIT.INTERRUPTED;
}
