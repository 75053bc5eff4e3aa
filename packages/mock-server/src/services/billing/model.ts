/** billing-service state: demands and bills as DIGIT stores them (the `billing` slice). */
import type { AuditDetails } from "../../core/types.js";

export interface DemandDetailRecord {
  id: string;
  demandId: string;
  taxHeadMasterCode: string;
  taxAmount: number;
  collectionAmount: number;
  additionalDetails: unknown;
  auditDetails: AuditDetails;
  tenantId: string;
}

export interface DemandRecord {
  id: string;
  tenantId: string;
  consumerCode: string;
  consumerType: string;
  businessService: string;
  /** The payer's uuid (DIGIT stores only the uuid and looks the user up on every read). */
  payer: string | null;
  taxPeriodFrom: number;
  taxPeriodTo: number;
  demandDetails: DemandDetailRecord[];
  auditDetails: AuditDetails;
  billExpiryTime: number;
  additionalDetails: unknown;
  minimumAmountPayable: number;
  isPaymentCompleted: boolean;
  status: string;
  /** Insertion order (ties of taxPeriodFrom keep it). */
  seq: number;
}

export interface BillAccountDetailRecord {
  id: string;
  tenantId: string;
  billDetailId: string;
  demandDetailId: string;
  order: number | null;
  amount: number;
  adjustedAmount: number;
  taxHeadCode: string;
}

export interface BillDetailRecord {
  id: string;
  tenantId: string;
  demandId: string;
  billId: string;
  expiryDate: number;
  amount: number;
  fromPeriod: number;
  toPeriod: number;
  additionalDetails: unknown;
  billAccountDetails: BillAccountDetailRecord[];
}

export interface BillRecord {
  id: string;
  userId: string | null;
  mobileNumber: string | null;
  payerName: string | null;
  payerAddress: string | null;
  payerEmail: string | null;
  status: string;
  totalAmount: number;
  businessService: string;
  billNumber: string;
  billDate: number;
  consumerCode: string;
  additionalDetails: unknown;
  billDetails: BillDetailRecord[];
  tenantId: string;
  fileStoreId: string | null;
  auditDetails: AuditDetails;
  /** Insertion order: DIGIT picks the latest bill per consumer code by created time; equal times keep this order. */
  seq: number;
}

export interface BillingSlice {
  demands: Record<string, DemandRecord>;
  bills: Record<string, BillRecord>;
  /** Next insertion sequence number. */
  seq: number;
  /** Payments already applied to demands (`<paymentId>|create` / `<paymentId>|cancel`), as billing's back-update audit. */
  backUpdates: Record<string, true>;
  /** Last number given by bill/v2/_create (DIGIT's DB sequence seq_egbs_billnumber). */
  billNumberSeq: number;
}

export const BILLING_SLICE = "billing";

export function initialBillingState(): BillingSlice {
  return { demands: {}, bills: {}, seq: 0, backUpdates: {}, billNumberSeq: 0 };
}

/** Bill statuses (BillV2.BillStatus). */
export const BILL_STATUSES = ["ACTIVE", "CANCELLED", "PAID", "PARTIALLY_PAID", "PAYMENT_CANCELLED", "EXPIRED"] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

/** Demand statuses (Demand.StatusEnum). */
export const DEMAND_STATUSES = ["ACTIVE", "CANCELLED", "ADJUSTED"] as const;
