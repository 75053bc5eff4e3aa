/**
 * The answer for operations no service module handles: a spec-shaped empty result, so every route in the
 * table answers. `{ResponseInfo, <listKey>: []}` for searches, `{ResponseInfo, <countKey>: 0}` for counts.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import { responseInfo } from "./errors.js";
import type { OperationResult } from "./types.js";

export function defaultResponse(route: RouteDef, requestInfo: unknown, now: number): OperationResult {
  const body: Record<string, unknown> = { ResponseInfo: responseInfo(requestInfo, "successful", now) };
  if (route.listKey) body[route.listKey] = [];
  if (route.countKey) body[route.countKey] = 0;
  return { status: route.successStatus, body };
}
