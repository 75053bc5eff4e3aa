/** `npx @digit-kit/mock-server` / `digit-mock`. */
import { MockCliUsageError, startMockServerCli } from "./cli.js";

startMockServerCli(process.argv.slice(2), { handleSignals: true }).catch((err: unknown) => {
  console.error(err instanceof MockCliUsageError ? err.message : `digit-mock: ${(err as Error).message}`);
  process.exit(err instanceof MockCliUsageError ? 2 : 1);
});
