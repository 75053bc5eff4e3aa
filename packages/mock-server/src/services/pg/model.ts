/** egov-pg-service state: transactions, and what the mock's fake gateway recorded for each (the `pg` slice). */

export type TxnStatus = "SUCCESS" | "FAILURE" | "PENDING";

/** A stored transaction (the columns of eg_pg_transactions DIGIT keeps, plus the mock's bookkeeping). */
export interface TransactionRecord {
  txnId: string;
  tenantId: string;
  txnAmount: number;
  billId: string;
  module: string | null;
  consumerCode: string;
  productInfo: string;
  gateway: string;
  callbackUrl: string;
  redirectUrl: string | null;
  user: { uuid: string | null; userName: string | null; mobileNumber: string | null; emailId: string | null; name: string | null; tenantId: string | null };
  txnStatus: TxnStatus;
  txnStatusMsg: string;
  gatewayTxnId: string | null;
  gatewayPaymentMode: string | null;
  gatewayStatusCode: string | null;
  gatewayStatusMsg: string | null;
  receipt: string | null;
  additionalDetails: unknown;
  auditDetails: { createdBy: string | null; createdTime: number; lastModifiedBy: string | null; lastModifiedTime: number | null };
  /** Searches see the transaction from this time on (DIGIT persists it through Kafka). */
  visibleFrom: number;
  seq: number;
}

/** What the payer did at the fake gateway page. */
export interface GatewayOutcome {
  status: "SUCCESS" | "FAILURE";
  at: number;
}

export interface PgSlice {
  transactions: Record<string, TransactionRecord>;
  /** The fake gateway's own record per txnId: what `_update` asks "the gateway" for. */
  gateway: Record<string, GatewayOutcome>;
  seq: number;
}

export const PG_SLICE = "pg";

export function initialPgState(): PgSlice {
  return { transactions: {}, gateway: {}, seq: 0 };
}

/**
 * Gateways registered in DIGIT's egov-pg-service, in the order its gateway search answers them (a HashMap's
 * key order), and which are active by default (application.properties: axis.active, payu.active).
 */
export const GATEWAYS = ["PAYTM", "PAYU", "PHONEPE", "AXIS"] as const;
export const ACTIVE_GATEWAYS: readonly string[] = ["AXIS", "PAYU"];
/** Query keys holding the transaction id in gateways' callbacks, besides DIGIT's own `eg_pg_txnid`. */
export const TXN_ID_KEYS = ["eg_pg_txnid", "vpc_MerchTxnRef", "ORDERID", "txnid", "transactionId"] as const;
