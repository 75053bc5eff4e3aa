/** Read access to MDMS v2 data for the core (tenants, RBAC) and for other service modules. */
import type { MdmsDataRecord, MdmsSlice } from "../../core/types.js";
import { stateOf } from "../shared/tenancy.js";
import { bucket } from "./store.js";

function visibleActive(slice: MdmsSlice, tenantId: string, schemaCode: string, now: number): MdmsDataRecord[] {
  return bucket(slice, tenantId, schemaCode).filter((r) => r.isActive && r.visibleFrom <= now);
}

/**
 * Active records of `schemaCode` visible at `now` (`visibleFrom <= now`) for `tenantId`, in creation order; a city
 * tenant with none of its own gets its state tenant's records, as DIGIT's MDMS does.
 */
export function readMdms(slice: MdmsSlice, tenantId: string, schemaCode: string, now: number): MdmsDataRecord[] {
  const own = visibleActive(slice, tenantId, schemaCode, now);
  const state = stateOf(tenantId);
  if (own.length > 0 || state === tenantId) return own;
  return visibleActive(slice, state, schemaCode, now);
}
