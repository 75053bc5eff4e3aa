import type { RouteDef } from "./route.js";
import type { DigitUser, RequestInfo } from "./options.js";

/** Values the pipeline knows when it builds one envelope. */
export interface EnvelopeContext {
  route: RouteDef;
  locale: string;
  authToken?: string | undefined;
  user?: DigitUser | undefined;
  /** Client-wide overrides, then whatever the caller put in `body.RequestInfo`, then per-call overrides. */
  layers: (Partial<RequestInfo> | undefined)[];
}

/**
 * Builds DIGIT's `RequestInfo`: apiId `digit-kit`, ver `.01`, `ts`, `action` (from the path's `_verb`),
 * `msgId` `<ts>|<locale>`, the token, the logged-in user and a fresh `correlationId`. Later layers win.
 */
export function buildRequestInfo(ctx: EnvelopeContext): RequestInfo {
  const ts = Date.now();
  const info: RequestInfo = {
    apiId: "digit-kit",
    ver: ".01",
    ts,
    action: actionOf(ctx.route),
    did: "1",
    key: "",
    msgId: `${ts}|${ctx.locale}`,
    correlationId: randomId(),
  };
  if (ctx.authToken) info.authToken = ctx.authToken;
  if (ctx.user) info.userInfo = ctx.user;
  for (const layer of ctx.layers) if (layer) Object.assign(info, layer);
  return info;
}

/** `_search` for `/mdms-v2/v2/_search`, `_create` for `/mdms-v2/v2/_create/{schemaCode}`; else the method name. */
function actionOf(route: RouteDef): string {
  return route.path.split("/").find((s) => s.startsWith("_")) ?? route.method;
}

/** A UUID from Web Crypto (Node 20+, browsers, Deno, Bun); a random fallback where it is missing. */
export function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}
