/** Access/refresh token issue and lookup. Tokens are random UUIDs, like DIGIT's. */
import type { StoredUser } from "../../core/types.js";
import type { UserSlice } from "./slice.js";

/** Refresh tokens outlive access tokens; DIGIT's default refresh validity is much longer than the access one. */
const REFRESH_FACTOR = 24;

export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export function issueToken(slice: UserSlice, user: StoredUser, ttlSeconds: number, now: number, uuid: () => string, reuseRefresh?: string): IssuedToken {
  pruneExpired(slice, now);
  const accessToken = uuid();
  const refreshToken = reuseRefresh ?? uuid();
  slice.tokens[accessToken] = { uuid: user.uuid, expiresAt: now + ttlSeconds * 1000, refreshToken };
  if (!reuseRefresh) slice.refreshTokens[refreshToken] = { uuid: user.uuid, expiresAt: now + ttlSeconds * 1000 * REFRESH_FACTOR };
  return { accessToken, refreshToken, expiresIn: ttlSeconds };
}

/** The active user behind an unexpired access token, or null. */
export function resolveToken(slice: UserSlice, token: string, now: number): StoredUser | null {
  const entry = slice.tokens[token];
  if (!entry || entry.expiresAt <= now) return null;
  const user = slice.users[entry.uuid];
  return user && user.active ? user : null;
}

export function revokeToken(slice: UserSlice, token: string): boolean {
  if (!slice.tokens[token]) return false;
  delete slice.tokens[token];
  return true;
}

function pruneExpired(slice: UserSlice, now: number): void {
  for (const [t, e] of Object.entries(slice.tokens)) if (e.expiresAt <= now) delete slice.tokens[t];
  for (const [t, e] of Object.entries(slice.refreshTokens)) if (e.expiresAt <= now) delete slice.refreshTokens[t];
}
