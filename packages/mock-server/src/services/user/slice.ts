/** The `user` state slice: users by uuid, issued access and refresh tokens, and the tokens' expiry index. */
import type { StoredUser } from "../../core/types.js";

export interface AccessTokenEntry {
  uuid: string;
  expiresAt: number;
  refreshToken: string;
}

export interface RefreshTokenEntry {
  uuid: string;
  expiresAt: number;
  /** The access token last issued with this refresh token (DIGIT removes it when the refresh token is used). */
  accessToken?: string;
}

export interface UserSlice {
  nextId: number;
  users: Record<string, StoredUser>;
  /** Access tokens by token string. */
  tokens: Record<string, AccessTokenEntry>;
  /** Refresh tokens by token string. */
  refreshTokens: Record<string, RefreshTokenEntry>;
  /**
   * Expiry index: hour bucket (`floor(expiresAt / 1 h)`) → tokens expiring in it (`a:` access, `r:` refresh).
   * Lets issuing purge expired tokens lazily, oldest bucket first, without looking at live ones.
   */
  tokenExpiry?: Record<string, string[]>;
}

export const USER_SLICE = "user";

export function initialUserSlice(): UserSlice {
  return { nextId: 1, users: {}, tokens: {}, refreshTokens: {}, tokenExpiry: {} };
}
