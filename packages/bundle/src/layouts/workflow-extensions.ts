import type { z } from "zod";
import type { IssueSink } from "../errors.js";
import type { businessService } from "../structure.js";

/** A business service as the structure check passed it. */
type LoadedBusinessService = z.infer<typeof businessService>;

/** Fields DIGIT assigns itself; sending dumped values back would pin stale uuids. */
const SERVER_FIELDS = ["uuid", "currentState", "auditDetails"];
/** CCRS-only extensions stock egov-workflow-v2 does not know. */
const CCRS_FIELDS = ["notifications", "notificationTemplates"];

/** A shallow copy of `o` without `keys`. */
function without<T extends object>(o: T, keys: readonly string[]): T {
  const out = { ...o };
  for (const k of keys) Reflect.deleteProperty(out, k);
  return out;
}

/**
 * Returns a copy of a BusinessService without CCRS-only extensions (reported as warnings) and without
 * server-assigned fields (uuids, currentState).
 */
export function stripWorkflowExtensions(bs: LoadedBusinessService, file: string, base: string, sink: IssueSink): LoadedBusinessService {
  const warnCcrs = (o: object, at: string) => {
    for (const k of CCRS_FIELDS) if (k in o) sink.warn(file, `${at}/${k}`, `stripped the CCRS-only "${k}" extension`);
  };
  warnCcrs(bs, base);
  const states = bs.states.map((s, si) => ({
    ...without(s, SERVER_FIELDS),
    actions:
      s.actions?.map((a, ai) => {
        warnCcrs(a, `${base}/states/${si}/actions/${ai}`);
        return without(a, [...CCRS_FIELDS, ...SERVER_FIELDS]);
      }) ?? null,
  }));
  return { ...without(bs, [...CCRS_FIELDS, ...SERVER_FIELDS]), states };
}
