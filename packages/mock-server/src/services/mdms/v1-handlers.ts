/**
 * The v1 reads: mdms-v2's `/mdms-v2/v1/_search` (MDMSService.java, over the v2 data) and egov-mdms-service's
 * `/egov-mdms-service/v1/_search` and `_get` (file-backed on DIGIT; the mock serves them from the same v2 data).
 * schemaCode = `<moduleName>.<masterName>`; both answer `{"ResponseInfo": null, "MdmsRes": {...}}`.
 */
import type { MdmsDataRecord, MdmsSlice, OperationHandler } from "../../core/types.js";
import { MockHttpError } from "../../core/errors.js";
import { handle } from "../shared/respond.js";
import { isRecord, recordsAt } from "../shared/values.js";
import { fail } from "./data-handlers.js";
import { item, MdmsErrors, MockCodes, UNHANDLED } from "./errors.js";
import { compileFilter, FilterSyntaxError, type MasterFilter } from "./json-filter.js";
import { newestFirst, own, schemaCodesOf, setOwn } from "./store.js";
import { fallbackChain } from "./validation.js";

interface MasterRequest {
  moduleName: string;
  name: string;
  filter?: string;
}

type MdmsRes = Record<string, Record<string, unknown[]>>;

function compile(master: MasterRequest): MasterFilter | undefined {
  if (master.filter === undefined) return undefined;
  try {
    return compileFilter(master.filter);
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    throw new MockHttpError(400, [
      item(
        {
          code: MockCodes.invalidFilter,
          message: `The mock cannot evaluate the filter of ${master.moduleName}.${master.name} (${error.message}); it supports [?(<cond>)] with ==, !=, <, >, IN, NIN, &&, ||. DIGIT evaluates any Jayway JsonPath.`,
        },
        [master.filter],
      ),
    ]);
  }
}

/** The answer of a v1 search: `ResponseInfo` is never set (MDMSController.java:35-37 in both services). */
function v1Answer(mdmsRes: MdmsRes): { status: number; body: Record<string, unknown> } {
  return { status: 200, body: { ResponseInfo: null, MdmsRes: mdmsRes } };
}

/** `res[moduleName]`, created empty when absent (prototype-safe: names come from the request). */
function moduleOf(res: MdmsRes, moduleName: string): Record<string, unknown[]> {
  let perModule = own(res, moduleName);
  if (perModule === undefined) {
    perModule = {};
    setOwn(res, moduleName, perModule);
  }
  return perModule;
}

interface Requested {
  modules: string[];
  masters: MasterRequest[];
}

function readMasters(criteria: Record<string, unknown>, npeOnMissingMasters: boolean): Requested {
  const masters: MasterRequest[] = [];
  const names: string[] = [];
  const modules = criteria["moduleDetails"];
  if (!Array.isArray(modules)) fail({ code: "NotNull.mdmsCriteriaReq.mdmsCriteria.moduleDetails", message: "must not be null" });
  for (const module of modules.filter(isRecord)) {
    const moduleName = module["moduleName"];
    if (typeof moduleName !== "string") fail({ code: "NotNull.mdmsCriteriaReq.mdmsCriteria.moduleDetails[].moduleName", message: "must not be null" });
    names.push(moduleName);
    if (!Array.isArray(module["masterDetails"])) {
      if (npeOnMissingMasters) fail({ code: UNHANDLED, message: "Cannot invoke \"java.util.List.iterator()\" because \"masterDetails\" is null" });
      continue;
    }
    for (const master of recordsAt(module, "masterDetails")) {
      const name = master["name"];
      if (typeof name !== "string") continue;
      masters.push({ moduleName, name, ...(typeof master["filter"] === "string" ? { filter: master["filter"] } : {}) });
    }
  }
  return { modules: names, masters };
}

/**
 * mdms-v2 `/v1/_search` (MDMSService.search, MdmsDataQueryBuilder.java): active records newest first, filtered
 * by `ids` and `uniqueIdentifier`, the JsonPath filter applied per tenant, then per master the first level of the
 * tenant chain that had rows (even if the filter emptied them). A master with no rows anywhere is left out, and so
 * is a module none of whose masters has rows. No paging.
 */
export const searchV1: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = req.body["MdmsCriteria"];
    if (!isRecord(criteria)) fail({ code: UNHANDLED, message: "Cannot invoke \"org.egov.infra.mdms.model.MdmsCriteria.getTenantId()\" because the return value of \"org.egov.infra.mdms.model.MdmsCriteriaReq.getMdmsCriteria()\" is null" });
    const tenantId = criteria["tenantId"];
    if (typeof tenantId !== "string") fail({ code: "NotNull.mdmsCriteriaReq.mdmsCriteria.tenantId", message: "must not be null" });
    const ids = Array.isArray(criteria["ids"]) ? new Set((criteria["ids"] as unknown[]).map(String)) : undefined;
    if (ids !== undefined && ids.size === 0) fail(MdmsErrors.queryFailed);
    const uid = typeof criteria["uniqueIdentifier"] === "string" ? criteria["uniqueIdentifier"] : undefined;
    // The same <module>.<master> twice: the last filter wins (HashMap put).
    const bySchema = new Map<string, MasterRequest>();
    for (const m of readMasters(criteria, false).masters) bySchema.set(`${m.moduleName}.${m.name}`, m);
    const filters = new Map([...bySchema].map(([code, m]) => [code, compile(m)] as const));
    const now = ctx.now();
    const res: MdmsRes = {};
    for (const [schemaCode] of bySchema) {
      for (const level of fallbackChain(tenantId)) {
        const rows: Record<string, unknown>[] = [];
        for (const r of newestFirst(slice, level, schemaCode)) {
          if (r.isActive && r.visibleFrom <= now && (ids === undefined || ids.has(r.id)) && (uid === undefined || r.uniqueIdentifier === uid)) rows.push(r.data);
        }
        if (rows.length === 0) continue;
        const filter = filters.get(schemaCode);
        const [moduleName, master] = schemaCode.split(".") as [string, string];
        setOwn(moduleOf(res, moduleName), master, structuredClone(filter === undefined ? rows : filter(rows)));
        break;
      }
    }
    return v1Answer(res);
  });

/** Active, visible records of a master at one tenant, in creation order (egov-mdms-service serves file order). */
function fileOrder(slice: MdmsSlice, tenantId: string, schemaCode: string, now: number): MdmsDataRecord[] {
  const out: MdmsDataRecord[] = [];
  for (const r of newestFirst(slice, tenantId, schemaCode)) if (r.isActive && r.visibleFrom <= now) out.push(r);
  return out.reverse();
}

/**
 * egov-mdms-service (MDMSService.java:36-162): the first level of the tenant chain that has any data at all (a
 * tenant without a dot: only itself); from there, per master, the first level that has it. Every requested module
 * is answered, `{}` when none of its masters was found; no known level at all answers `MdmsRes: {}`.
 */
function searchFileBacked(slice: MdmsSlice, tenantId: string, { modules, masters }: Requested, now: number): MdmsRes {
  const chain = tenantId.includes(".") ? fallbackChain(tenantId) : [tenantId];
  const start = chain.findIndex((t) => schemaCodesOf(slice, t).length > 0);
  const res: MdmsRes = {};
  if (start < 0) return res;
  const compiled = masters.map((m) => ({ master: m, filter: compile(m) }));
  for (const moduleName of modules) moduleOf(res, moduleName);
  for (const { master, filter } of compiled) {
    for (const level of chain.slice(start)) {
      const records = fileOrder(slice, level, `${master.moduleName}.${master.name}`, now);
      if (records.length === 0) continue;
      const data = records.map((r) => structuredClone(r.data));
      setOwn(moduleOf(res, master.moduleName), master.name, filter === undefined ? data : filter(data));
      break;
    }
  }
  return res;
}

export const searchFileV1: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = req.body["MdmsCriteria"];
    if (!isRecord(criteria)) fail({ code: "NotNull.mdmsCriteriaReq.mdmsCriteria", message: "must not be null" });
    const tenantId = criteria["tenantId"];
    if (typeof tenantId !== "string") fail({ code: "NotNull.mdmsCriteriaReq.mdmsCriteria.tenantId", message: "must not be null" });
    return v1Answer(searchFileBacked(slice, tenantId, readMasters(criteria, true), ctx.now()));
  });

/** `/egov-mdms-service/v1/_get?moduleName&masterName&tenantId[&filter]` (MDMSController.java:39-74). */
export const getV1: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    for (const name of ["moduleName", "masterName", "tenantId"]) {
      const value = req.query[name];
      if (value === undefined || value === "") {
        // Spring's MissingServletRequestParameterException as tracer renders it: code "", the parameter in params.
        const message = `Required request parameter '${name}' for method parameter type String is not present`;
        throw new MockHttpError(400, [{ code: "", message, description: message, params: [name] }]);
      }
    }
    const { moduleName, masterName, tenantId, filter } = req.query as Record<string, string>;
    const master: MasterRequest = { moduleName: moduleName!, name: masterName!, ...(filter ? { filter } : {}) };
    return v1Answer(searchFileBacked(slice, tenantId!, { modules: [master.moduleName], masters: [master] }, ctx.now()));
  });
