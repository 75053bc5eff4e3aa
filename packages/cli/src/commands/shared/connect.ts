/** Flags → SDK client → provisioning gateway, for commands that talk to DIGIT. */
import { createSdkGateway, type DigitGateway } from "../../services/index.js";
import { resolveClient, type Connection } from "../../config/resolve-client.js";
import type { DigitClient } from "@digit-kit/sdk";
import type { CommandContext } from "../types.js";

export interface Connected {
  client: DigitClient;
  gateway: DigitGateway;
  connection: Connection;
}

/** Connects with the command's connection flags; `tenant` is the tenant the command works on. */
export function connect(ctx: CommandContext, tenant?: string): Connected {
  const o = ctx.options;
  const { client, connection } = resolveClient(ctx.io, ctx.out, {
    ...(typeof o.profile === "string" ? { profile: o.profile } : {}),
    ...(typeof o.url === "string" ? { url: o.url } : {}),
    ...(typeof o.username === "string" ? { username: o.username } : {}),
    ...(typeof o.userType === "string" ? { userType: o.userType } : {}),
    ...(tenant ? { tenant } : {}),
  });
  return { client, gateway: createSdkGateway(client), connection };
}
