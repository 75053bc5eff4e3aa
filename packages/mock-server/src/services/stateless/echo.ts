/** Building blocks for the stateless services: spec-shaped empty searches and echoing writes. */
import type { MockContext, OperationHandler, OperationRequest } from "../../core/types.js";
import { actorOf, newAudit } from "../shared/audit.js";
import { handle, ok } from "../shared/respond.js";
import { isRecord } from "../shared/values.js";

/** A slice for modules that keep no state. */
export type NoState = Record<string, never>;

/** `{ResponseInfo, <listKey>: []}` (or `infoKey` for services that spell it `responseInfo`). */
export function emptySearch<S>(listKey: string, infoKey = "ResponseInfo"): OperationHandler<S> {
  return (req, ctx) =>
    handle(req, ctx.now(), () => {
      const body = ok(req, ctx.now(), req.route.successStatus, { [listKey]: [] }).body as Record<string, unknown>;
      if (infoKey !== "ResponseInfo") {
        body[infoKey] = body["ResponseInfo"];
        delete body["ResponseInfo"];
      }
      return { status: req.route.successStatus, body };
    });
}

/** `{ResponseInfo, ...payload}` with the route's success status. */
export function fixed<S>(payload: (req: OperationRequest, ctx: MockContext) => Record<string, unknown>): OperationHandler<S> {
  return (req, ctx) => handle(req, ctx.now(), () => ok(req, ctx.now(), req.route.successStatus, payload(req, ctx)));
}

/** The objects under `key` (one object or an array of them), each given an `id` and audit details. */
export function stamped(req: OperationRequest, ctx: MockContext, key: string, idField = "id"): Record<string, unknown>[] {
  const value = req.body[key];
  const items = Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : [];
  return items.map((item) => ({
    ...structuredClone(item),
    [idField]: item[idField] ?? ctx.uuid(),
    auditDetails: item["auditDetails"] ?? newAudit(actorOf(req), ctx.now()),
  }));
}

/** Echoes the objects of `requestKey` as `{ResponseInfo, <listKey>: [...]}` with generated ids. */
export function echoCreate<S>(requestKey: string, listKey: string, extra: Record<string, unknown> = {}): OperationHandler<S> {
  return (req, ctx) =>
    handle(req, ctx.now(), () =>
      ok(req, ctx.now(), req.route.successStatus, { [listKey]: stamped(req, ctx, requestKey).map((item) => ({ ...extra, ...item })) }),
    );
}
