/** collection-services state: payments with the bill each detail paid (the `collection` slice). */

/** Payment modes (PaymentModeEnum), read case-insensitively. */
export const PAYMENT_MODES = ["CASH", "CHEQUE", "DD", "ONLINE", "OFFLINE_NEFT", "OFFLINE_RTGS", "ONLINE_NEFT", "ONLINE_RTGS", "POSTAL_ORDER", "CARD"] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/** Modes paid through a gateway or card: the payment is DEPOSITED and its instrument REMITTED at once. */
export const ONLINE_MODES: readonly string[] = ["ONLINE", "CARD", "ONLINE_NEFT", "ONLINE_RTGS"];
/** Modes whose instrument date is the transaction date (set by collection). */
export const INSTRUMENT_DATE_IS_TRANSACTION_DATE: readonly string[] = ["CASH", "CARD", "ONLINE", "ONLINE_NEFT", "ONLINE_RTGS"];
/** Instrument statuses that make a bill "already paid" (APPROVED, APPROVAL_PENDING, REMITTED). */
export const PAID_INSTRUMENT_STATUSES: readonly string[] = ["APPROVED", "APPROVAL_PENDING", "REMITTED"];

/** A stored payment: DIGIT's Payment JSON (details carry the paid bill's copy) plus insertion order. */
export interface PaymentRecord {
  payment: Record<string, unknown>;
  seq: number;
}

export interface CollectionSlice {
  payments: Record<string, PaymentRecord>;
  seq: number;
}

export const COLLECTION_SLICE = "collection";

export function initialCollectionState(): CollectionSlice {
  return { payments: {}, seq: 0 };
}
