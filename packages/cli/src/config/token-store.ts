/** An SDK TokenStore backed by credentials.json, so refreshed tokens persist between runs. */
import type { DigitSession, TokenStore } from "@digit-kit/sdk";
import { readTokens, writeTokens } from "./credentials.js";
import type { ConfigPaths } from "./paths.js";

export function fileTokenStore(paths: ConfigPaths, profile: string): TokenStore {
  return {
    get: () => readTokens(paths, profile),
    set: (session: DigitSession) => writeTokens(paths, profile, session),
    clear: () => writeTokens(paths, profile, undefined),
  };
}
