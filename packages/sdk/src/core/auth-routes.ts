import type { AuthRoutes } from "./auth.js";

/**
 * The user-service routes the auth layer uses, taken from the one route table. Loaded lazily: a client
 * with a static token never needs them.
 */
export const authRoutes = (): Promise<AuthRoutes> =>
  import("../generated/user/routes.gen.js").then(({ userRoutes }) => ({ login: userRoutes.login, logout: userRoutes.logout }));
