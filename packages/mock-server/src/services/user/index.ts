/** The egov-user service module: login, tokens, users. Implements `UserDirectory` (see directory.ts). */
import { redact } from "@digit-kit/sdk/redact";
import type { ServiceModule } from "../../core/types.js";
import { createNoValidate, createCitizen, details, logout, search, updateNoValidate, updatePassword, updatePasswordNoLogin, updateProfile } from "./handlers.js";
import { login } from "./login.js";
import { initialUserSlice, USER_SLICE, type UserSlice } from "./slice.js";

export { createUserDirectory, UserDirectoryError } from "./directory.js";
export { resolveToken } from "./tokens.js";
export { OAUTH_CLIENT_ID } from "./login.js";
export type { UserSlice } from "./slice.js";
export { USER_SLICE } from "./slice.js";

export const userModule: ServiceModule<UserSlice> = {
  key: USER_SLICE,
  initialState: initialUserSlice,
  handlers: {
    "user.login": login,
    "user.search": search,
    "user.searchV1": search,
    "user.details": details,
    "user.logout": logout,
    "user.createNoValidate": createNoValidate,
    "user.updateNoValidate": updateNoValidate,
    "user.createCitizen": createCitizen,
    "user.updateProfile": updateProfile,
    "user.updatePassword": updatePassword,
    "user.updatePasswordNoLogin": updatePasswordNoLogin,
  },
  // The session indexes are left out whole: their keys are the tokens themselves.
  publicState: ({ tokens: _a, refreshTokens: _r, tokenExpiry: _e, ...rest }) => redact(rest),
};
