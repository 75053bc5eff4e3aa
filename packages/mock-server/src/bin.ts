/** `npx @digit-kit/mock-server` / `digit-mock`. Exit codes (docs/mock-server.md): 0 stopped by SIGINT/SIGTERM, 1 could not start (e.g. port in use), 2 usage error. */
import { MockCliUsageError, MockPortError, startMockServerCli } from "./cli.js";

startMockServerCli(process.argv.slice(2), { handleSignals: true }).catch((err: unknown) => {
  if (err instanceof MockCliUsageError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof MockPortError) {
    console.error([`digit-mock: ${err.message}`, ...err.fix.map((f) => `  fix: ${f}`)].join("\n"));
    process.exit(1);
  }
  console.error(`digit-mock: ${(err as Error).message}`);
  process.exit(1);
});
