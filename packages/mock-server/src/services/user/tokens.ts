/**
 * Access/refresh token issue, lookup and revocation. Tokens are random UUIDs, like DIGIT's. Lookups are by token
 * string; expired tokens are purged lazily when a token is issued, through an expiry index of hour buckets, so
 * neither login nor token resolution looks at the other live tokens.
 */
import type { StoredUser } from "../../core/types.js";
import type { UserSlice } from "./slice.js";

/** DIGIT's refresh tokens live twice as long as access tokens (egov-user application.properties:42-43: 10080 / 20160 min). */
const REFRESH_FACTOR = 2;
/** Width of one expiry bucket. */
const BUCKET_MS = 3_600_000;

export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);

function index(slice: UserSlice, expiresAt: number, entry: string): void {
  const buckets = (slice.tokenExpiry ??= {});
  const key = String(Math.floor(expiresAt / BUCKET_MS));
  const bucket = own(buckets, key);
  if (bucket) bucket.push(entry);
  else buckets[key] = [entry];
}

/**
 * Drop tokens whose bucket has fully expired, oldest first; stops at the first live bucket. Each token is looked
 * at once in its life, so the cost per issue is constant on average. Bucket keys are integer strings, which
 * JavaScript enumerates in ascending order.
 */
export function purgeExpired(slice: UserSlice, now: number): void {
  const buckets = slice.tokenExpiry;
  if (!buckets) return;
  for (const key in buckets) {
    if ((Number(key) + 1) * BUCKET_MS > now) break;
    for (const entry of buckets[key]!) {
      const token = entry.slice(2);
      const map = entry.startsWith("a:") ? slice.tokens : slice.refreshTokens;
      const found = own<{ expiresAt: number }>(map, token);
      if (found && found.expiresAt <= now) delete map[token];
    }
    delete buckets[key];
  }
}

/**
 * A new access token for `user`. With `refreshToken`, DIGIT's refresh grant: the refresh token is kept and the
 * access token it was issued with is removed (Spring's DefaultTokenServices.refreshAccessToken).
 */
export function issueToken(slice: UserSlice, user: StoredUser, ttlSeconds: number, now: number, uuid: () => string, refreshToken?: string): IssuedToken {
  purgeExpired(slice, now);
  const accessToken = uuid();
  const expiresAt = now + ttlSeconds * 1000;
  let refresh = refreshToken;
  if (refresh) {
    const entry = own(slice.refreshTokens, refresh);
    if (entry?.accessToken && own(slice.tokens, entry.accessToken)) delete slice.tokens[entry.accessToken];
    if (entry) entry.accessToken = accessToken;
  } else {
    refresh = uuid();
    const refreshExpiresAt = now + ttlSeconds * 1000 * REFRESH_FACTOR;
    slice.refreshTokens[refresh] = { uuid: user.uuid, expiresAt: refreshExpiresAt, accessToken };
    index(slice, refreshExpiresAt, `r:${refresh}`);
  }
  slice.tokens[accessToken] = { uuid: user.uuid, expiresAt, refreshToken: refresh };
  index(slice, expiresAt, `a:${accessToken}`);
  return { accessToken, refreshToken: refresh, expiresIn: ttlSeconds };
}

/** The active user behind an unexpired access token, or null. */
export function resolveToken(slice: UserSlice, token: string, now: number): StoredUser | null {
  const entry = own(slice.tokens, token);
  if (!entry || entry.expiresAt <= now) return null;
  const user = own(slice.users, entry.uuid);
  return user && user.active ? user : null;
}

/** The user behind an unexpired refresh token, or null. */
export function resolveRefreshToken(slice: UserSlice, token: string, now: number): StoredUser | null {
  const entry = own(slice.refreshTokens, token);
  if (!entry || entry.expiresAt <= now) return null;
  return own(slice.users, entry.uuid) ?? null;
}

/**
 * Revoke an access token and the refresh token issued with it. (DIGIT's Redis store keeps the refresh token
 * at logout, so it can mint new access tokens; the mock does not let a logged-out session come back.)
 */
export function revokeToken(slice: UserSlice, token: string, now: number): boolean {
  const entry = own(slice.tokens, token);
  if (!entry || entry.expiresAt <= now) return false;
  delete slice.tokens[token];
  if (own(slice.refreshTokens, entry.refreshToken)) delete slice.refreshTokens[entry.refreshToken];
  return true;
}
