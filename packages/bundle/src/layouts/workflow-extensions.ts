import type { IssueSink } from "../errors.js";

/** Fields DIGIT assigns itself; sending dumped values back would pin stale uuids. */
const SERVER_FIELDS = ["uuid", "currentState", "auditDetails"];
/** CCRS-only extensions stock egov-workflow-v2 does not know. */
const CCRS_FIELDS = ["notifications", "notificationTemplates"];

/**
 * Returns a copy of a BusinessService without CCRS-only extensions (reported as warnings) and without
 * server-assigned fields (uuids, currentState).
 */
export function stripWorkflowExtensions(
  bs: Record<string, unknown>,
  file: string,
  base: string,
  sink: IssueSink,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(bs)) {
    if (CCRS_FIELDS.includes(k)) {
      sink.warn(file, `${base}/${k}`, `stripped the CCRS-only "${k}" extension`);
      continue;
    }
    if (SERVER_FIELDS.includes(k)) continue;
    out[k] = v;
  }
  const states = Array.isArray(bs.states) ? bs.states : [];
  out.states = states.map((s: Record<string, unknown>, si: number) => {
    const st: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) if (!SERVER_FIELDS.includes(k)) st[k] = v;
    const actions = Array.isArray(s.actions) ? s.actions : null;
    st.actions = actions?.map((a: Record<string, unknown>, ai: number) => {
      const act: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(a)) {
        if (CCRS_FIELDS.includes(k)) {
          sink.warn(file, `${base}/states/${si}/actions/${ai}/${k}`, `stripped the CCRS-only "${k}" extension`);
          continue;
        }
        if (!SERVER_FIELDS.includes(k)) act[k] = v;
      }
      return act;
    }) ?? null;
    return st;
  });
  return out;
}
