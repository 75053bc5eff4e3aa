/**
 * MDMS v1-compatible reads over the MDMS v2 data: `/egov-mdms-service/v1/_search`, `/_get` and
 * `/mdms-v2/v1/_search`. schemaCode = `${moduleName}.${masterName}`.
 */
import type { MdmsSlice, OperationHandler } from "../../core/types.js";
import { handle, ok, reject } from "../shared/respond.js";
import { recordAt, recordsAt, str } from "../shared/values.js";
import { compileFilter, FilterSyntaxError } from "./json-filter.js";
import type { MasterFilter } from "./json-filter.js";
import { readMdms } from "./reader.js";

interface MasterRequest {
  moduleName: string;
  name: string;
  filter?: string;
}

function compile(master: MasterRequest): MasterFilter | undefined {
  if (master.filter === undefined) return undefined;
  try {
    return compileFilter(master.filter);
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    reject(
      "INVALID_FILTER",
      `Unsupported filter for ${master.moduleName}.${master.name}: ${error.message}. The mock supports [?(<cond>)] with ==, !=, <, >, IN, NIN, &&, ||.`,
      [master.filter],
    );
  }
}

/**
 * Builds `MdmsRes`. Masters with no records at all are left out (as DIGIT's v1 search does); a master
 * whose records the filter rejects answers an empty list.
 */
function search(slice: MdmsSlice, tenantId: string, masters: MasterRequest[], now: number): Record<string, Record<string, unknown[]>> {
  const compiled = masters.map((m) => ({ master: m, filter: compile(m) }));
  const res: Record<string, Record<string, unknown[]>> = {};
  for (const { master, filter } of compiled) {
    const data = readMdms(slice, tenantId, `${master.moduleName}.${master.name}`, now).map((r) => structuredClone(r.data));
    if (data.length === 0) continue;
    (res[master.moduleName] ??= {})[master.name] = filter === undefined ? data : filter(data);
  }
  return res;
}

export const searchV1: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = recordAt(req.body, "MdmsCriteria");
    const tenantId = str(criteria["tenantId"]);
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "MdmsCriteria.tenantId is required.");
    const masters: MasterRequest[] = [];
    for (const module of recordsAt(criteria, "moduleDetails")) {
      const moduleName = str(module["moduleName"]);
      if (moduleName === undefined) reject("INVALID_SEARCH_CRITERIA", "Every MdmsCriteria.moduleDetails[] entry needs a moduleName.");
      for (const master of recordsAt(module, "masterDetails")) {
        const name = str(master["name"]);
        if (name === undefined) reject("INVALID_SEARCH_CRITERIA", `masterDetails[] of module ${moduleName} needs a name.`);
        masters.push({ moduleName, name, filter: str(master["filter"]) });
      }
    }
    const now = ctx.now();
    return ok(req, now, 200, { MdmsRes: search(slice, tenantId, masters, now) });
  });

/** `/egov-mdms-service/v1/_get?moduleName&masterName&tenantId&filter`. */
export const getV1: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.query["tenantId"]);
    const moduleName = str(req.query["moduleName"]);
    const name = str(req.query["masterName"]);
    if (tenantId === undefined || moduleName === undefined || name === undefined) {
      reject("INVALID_SEARCH_CRITERIA", "Query parameters tenantId, moduleName and masterName are required.");
    }
    const now = ctx.now();
    return ok(req, now, 200, { MdmsRes: search(slice, tenantId, [{ moduleName, name, filter: str(req.query["filter"]) }], now) });
  });
