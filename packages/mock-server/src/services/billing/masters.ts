/**
 * The MDMS masters billing-service and collection-services read (module `BillingService`): BusinessService,
 * TaxHeadMaster and TaxPeriod, through the mock's MDMS reader (v1 search semantics: the tenant, else its state).
 */
import type { MockContext } from "../../core/types.js";
import { isRecord } from "../shared/values.js";
import { UNHANDLED } from "./errors.js";
import { fail } from "./wire.js";

export const BUSINESS_SERVICE_MASTER = "BillingService.BusinessService";
export const TAX_HEAD_MASTER = "BillingService.TaxHeadMaster";
export const TAX_PERIOD_MASTER = "BillingService.TaxPeriod";

export type MasterRecord = Record<string, unknown>;

/** Records of one master at the tenant (city, else state); null when MDMS has none (DIGIT's JsonPath read then fails). */
export function masterRecords(ctx: MockContext, tenantId: string, schemaCode: string): MasterRecord[] | null {
  const records = ctx.mdms.records(tenantId, schemaCode).map((r) => r.data);
  return records.length > 0 ? records : null;
}

/** Records of a master DIGIT reads with a JsonPath that fails when the master is absent. */
export function requiredMaster(ctx: MockContext, tenantId: string, schemaCode: string): MasterRecord[] {
  const records = masterRecords(ctx, tenantId, schemaCode);
  if (records === null) {
    const [module, master] = schemaCode.split(".");
    fail(UNHANDLED, `PathNotFoundException: No results for path: $['MdmsRes']['${module}']['${master}'] (MDMS has no ${schemaCode} data for ${tenantId})`);
  }
  return records;
}

export interface BillingMasters {
  businessServices: MasterRecord[];
  taxHeads: MasterRecord[];
  taxPeriods: MasterRecord[];
}

/** The three masters at the tenant, as billing's `getMDMSData` reads them for demand create/update. */
export function billingMasters(ctx: MockContext, tenantId: string): BillingMasters {
  return {
    businessServices: requiredMaster(ctx, tenantId, BUSINESS_SERVICE_MASTER),
    taxHeads: requiredMaster(ctx, tenantId, TAX_HEAD_MASTER),
    taxPeriods: requiredMaster(ctx, tenantId, TAX_PERIOD_MASTER),
  };
}

export const text = (value: unknown): string | null => (typeof value === "string" ? value : typeof value === "number" ? String(value) : null);

/** A JSON number or numeric string as Jackson coerces it into a Long/Integer, else null. */
export function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Jackson's Boolean coercion of an MDMS value (true/false or their strings). */
export function flag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

/** TaxHeadMaster as billing answers it (`auditDetail`, singular). */
export function presentTaxHead(r: MasterRecord): Record<string, unknown> {
  return {
    id: text(r["id"]),
    tenantId: text(r["tenantId"]),
    category: text(r["category"]),
    service: text(r["service"]),
    name: text(r["name"]),
    code: text(r["code"]),
    glCodes: Array.isArray(r["glCodes"]) ? r["glCodes"] : null,
    isDebit: flag(r["isDebit"]) ?? false,
    isActualDemand: flag(r["isActualDemand"]),
    order: num(r["order"]),
    validFrom: num(r["validFrom"]),
    validTill: num(r["validTill"]),
    auditDetail: isRecord(r["auditDetail"]) ? r["auditDetail"] : null,
  };
}

export function presentTaxPeriod(r: MasterRecord): Record<string, unknown> {
  return {
    id: text(r["id"]),
    tenantId: text(r["tenantId"]),
    fromDate: num(r["fromDate"]),
    toDate: num(r["toDate"]),
    periodCycle: text(r["periodCycle"]),
    service: text(r["service"]),
    code: text(r["code"]),
    financialYear: text(r["financialYear"]),
    auditDetail: isRecord(r["auditDetail"]) ? r["auditDetail"] : null,
  };
}

export function presentBusinessService(r: MasterRecord): Record<string, unknown> {
  return {
    id: text(r["id"]),
    tenantId: text(r["tenantId"]),
    businessService: text(r["businessService"]),
    code: text(r["code"]),
    collectionModesNotAllowed: Array.isArray(r["collectionModesNotAllowed"]) ? r["collectionModesNotAllowed"].filter((m) => typeof m === "string") : null,
    partPaymentAllowed: flag(r["partPaymentAllowed"]),
    isBillAmendmentEnabled: flag(r["isBillAmendmentEnabled"]) ?? false,
    isAdvanceAllowed: flag(r["isAdvanceAllowed"]),
    demandUpdateTime: num(r["demandUpdateTime"]),
    callBackForApportioning: flag(r["callBackForApportioning"]),
    callBackApportionURL: text(r["callBackApportionURL"]),
    auditDetails: isRecord(r["auditDetails"]) ? r["auditDetails"] : null,
  };
}

/** The ADVANCE_COLLECTION tax head of a business service, if any (apportioning and the payment back-update use it). */
export function advanceTaxHead(taxHeads: readonly MasterRecord[] | null, service: string): string | null {
  const head = (taxHeads ?? []).find((t) => t["category"] === "ADVANCE_COLLECTION" && t["service"] === service);
  return head ? text(head["code"]) : null;
}
