/**
 * The built-in seed's BillingService masters (MDMS module `BillingService`), without which billing-service
 * cannot create a demand: two business services, their tax heads and annual tax periods (financial years,
 * 1 April to 31 March in IST, 2018-19 to 2030-31). Keys are the ones DIGIT's billing and collection read.
 *
 * - `PT` (Property Tax): part payment allowed.
 * - `TL` (Trade License): paid in full only; DD not accepted.
 *
 * Neither allows advance payments (the mock does not model carrying an advance into later demands).
 */
import type { MdmsRecordSpec, MdmsSchemaSpec } from "@digit-kit/bundle";
import { seedOrigin, seedSchemas } from "./spec.js";

export const BILLING_SCHEMAS = {
  businessService: "BillingService.BusinessService",
  taxHead: "BillingService.TaxHeadMaster",
  taxPeriod: "BillingService.TaxPeriod",
} as const;

const draft07 = "http://json-schema.org/draft-07/schema#";

const definitions: Record<string, Record<string, unknown>> = {
  [BILLING_SCHEMAS.businessService]: {
    $schema: draft07,
    type: "object",
    required: ["code", "businessService", "isAdvanceAllowed"],
    "x-unique": ["code"],
    properties: {
      code: { type: "string", minLength: 1 },
      businessService: { type: "string" },
      collectionModesNotAllowed: { type: "array", items: { type: "string" } },
      partPaymentAllowed: { type: "boolean" },
      isAdvanceAllowed: { type: "boolean" },
      isBillAmendmentEnabled: { type: "boolean" },
      demandUpdateTime: { type: "number" },
      isVoucherCreationEnabled: { type: "boolean" },
      billGineiURL: { type: "string" },
    },
  },
  [BILLING_SCHEMAS.taxHead]: {
    $schema: draft07,
    type: "object",
    required: ["code", "service", "category", "order"],
    "x-unique": ["code"],
    properties: {
      code: { type: "string", minLength: 1 },
      name: { type: "string" },
      service: { type: "string" },
      category: { type: "string", enum: ["TAX", "FEE", "REBATE", "EXEMPTION", "ADVANCE_COLLECTION", "PENALTY", "FINES", "CHARGES"] },
      isDebit: { type: "boolean" },
      isActualDemand: { type: "boolean" },
      isRequired: { type: "boolean" },
      order: { type: ["number", "string"] },
    },
    "x-ref-schema": [{ fieldPath: "service", schemaCode: BILLING_SCHEMAS.businessService }],
  },
  [BILLING_SCHEMAS.taxPeriod]: {
    $schema: draft07,
    type: "object",
    required: ["code", "service", "fromDate", "toDate", "periodCycle"],
    "x-unique": ["service", "code"],
    properties: {
      code: { type: "string", minLength: 1 },
      service: { type: "string" },
      fromDate: { type: "number" },
      toDate: { type: "number" },
      periodCycle: { type: "string", enum: ["MONTH", "QUARTER", "HALFYEAR", "ANNUAL"] },
      financialYear: { type: "string" },
    },
    "x-ref-schema": [{ fieldPath: "service", schemaCode: BILLING_SCHEMAS.businessService }],
  },
};

const businessServices = [
  {
    businessService: "Property Tax",
    code: "PT",
    collectionModesNotAllowed: [],
    partPaymentAllowed: true,
    isAdvanceAllowed: false,
    isBillAmendmentEnabled: true,
    demandUpdateTime: 86_400_000,
    isVoucherCreationEnabled: false,
  },
  {
    businessService: "Trade License",
    code: "TL",
    collectionModesNotAllowed: ["DD"],
    partPaymentAllowed: false,
    isAdvanceAllowed: false,
    isBillAmendmentEnabled: false,
    demandUpdateTime: 86_400_000,
    isVoucherCreationEnabled: false,
  },
];

const taxHeads = [
  { code: "PT_TAX", name: "Property Tax", service: "PT", category: "TAX", isDebit: false, isActualDemand: true, isRequired: true, order: 2 },
  { code: "PT_FIRE_CESS", name: "Fire Cess", service: "PT", category: "TAX", isDebit: false, isActualDemand: true, isRequired: false, order: 3 },
  { code: "PT_TIME_PENALTY", name: "Penalty", service: "PT", category: "PENALTY", isDebit: false, isActualDemand: false, isRequired: false, order: 4 },
  { code: "PT_TIME_REBATE", name: "Rebate", service: "PT", category: "REBATE", isDebit: true, isActualDemand: false, isRequired: false, order: 0 },
  { code: "TL_TAX", name: "Trade License Fee", service: "TL", category: "FEE", isDebit: false, isActualDemand: true, isRequired: true, order: 1 },
  { code: "TL_TIME_PENALTY", name: "Late Fee", service: "TL", category: "PENALTY", isDebit: false, isActualDemand: false, isRequired: false, order: 2 },
];

const IST_OFFSET_MS = 5.5 * 3_600_000;

/** Annual periods of a service: 1 April 00:00:00 to 31 March 23:59:59 IST. */
function annualPeriods(service: string, first: number, last: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let year = first; year <= last; year += 1) {
    out.push({
      service,
      code: `${service}AN${year}`,
      fromDate: Date.UTC(year, 3, 1) - IST_OFFSET_MS,
      toDate: Date.UTC(year + 1, 3, 1) - IST_OFFSET_MS - 1000,
      periodCycle: "ANNUAL",
      financialYear: `${year}-${String((year + 1) % 100).padStart(2, "0")}`,
    });
  }
  return out;
}

/** Schemas and records of the BillingService masters for a state tenant. */
export function billingMastersSeed(state: string): { schemas: MdmsSchemaSpec[]; data: MdmsRecordSpec[] } {
  const schemas = seedSchemas(definitions, state);
  const record = (schemaCode: string, data: Record<string, unknown>, key: string): MdmsRecordSpec => ({ tenantId: state, schemaCode, data, isActive: true, origin: seedOrigin(`/${schemaCode}/${key}`) });
  const data = [
    ...businessServices.map((b) => record(BILLING_SCHEMAS.businessService, { ...b }, b.code)),
    ...taxHeads.map((t) => record(BILLING_SCHEMAS.taxHead, { ...t }, t.code)),
    ...["PT", "TL"].flatMap((s) => annualPeriods(s, 2018, 2030)).map((p) => record(BILLING_SCHEMAS.taxPeriod, p, String(p["code"]))),
  ];
  return { schemas, data };
}

/** The access-control seed of a state tenant with the BillingService masters added (default-seed.ts hooks this in). */
export function withBillingMasters<T extends { schemas: MdmsSchemaSpec[]; data: MdmsRecordSpec[] }>(seed: T, state: string): T {
  const billing = billingMastersSeed(state);
  return { ...seed, schemas: [...seed.schemas, ...billing.schemas], data: [...seed.data, ...billing.data] };
}
