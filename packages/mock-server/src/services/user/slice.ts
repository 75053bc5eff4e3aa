/** The `user` state slice: users by uuid, issued access and refresh tokens. */
import type { StoredUser } from "../../core/types.js";

export interface AccessTokenEntry {
  uuid: string;
  expiresAt: number;
  refreshToken: string;
}

export interface RefreshTokenEntry {
  uuid: string;
  expiresAt: number;
}

export interface UserSlice {
  nextId: number;
  users: Record<string, StoredUser>;
  tokens: Record<string, AccessTokenEntry>;
  refreshTokens: Record<string, RefreshTokenEntry>;
}

export const USER_SLICE = "user";

export function initialUserSlice(): UserSlice {
  return { nextId: 1, users: {}, tokens: {}, refreshTokens: {} };
}
