/** The SDK client alone (for commands that call DIGIT APIs directly rather than the provisioning services). */
import { resolveClient, type ResolvedClient } from "../../config/resolve-client.js";
import type { CommandContext } from "../types.js";

export function clientFor(ctx: CommandContext, tenant?: string): ResolvedClient {
  const o = ctx.options;
  return resolveClient(ctx.io, ctx.out, {
    ...(typeof o.profile === "string" ? { profile: o.profile } : {}),
    ...(typeof o.url === "string" ? { url: o.url } : {}),
    ...(typeof o.username === "string" ? { username: o.username } : {}),
    ...(typeof o.userType === "string" ? { userType: o.userType } : {}),
    ...(tenant ? { tenant } : {}),
  });
}

/** `--tenant`, else the login tenant. */
export function tenantOf(ctx: CommandContext, loginTenant: string): string {
  return (ctx.options.tenant as string | undefined) ?? loginTenant;
}
