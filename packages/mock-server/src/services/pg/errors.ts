/**
 * egov-pg-service's error codes and messages as DIGIT's code spells them
 * (egov-pg-service/src/main/java/org/egov/pg/validator/TransactionValidator.java, constants/PgConstants.java).
 */
export const E = {
  userDetails: { code: "INVALID_USER_DETAILS", message: "User UUID, Name, Username, Mobile Number and Tenant Id are mandatory" },
  gateway: { code: "INVALID_PAYMENT_GATEWAY", message: "Invalid or inactive payment gateway provided" },
  /** `pg.earlyReconcileJobRunInterval.mins` (15) × 2. */
  pending: { code: "TXN_ABRUPTLY_DISCARDED", message: "A transaction for this bill has been abruptly discarded, please retry after 30 mins" },
  paid: { code: "TXN_CREATE_BILL_ALREADY_PAID", message: "Bill has already been paid or is in pending state" },
  amount: { code: "TXN_CREATE_INVALID_TXN_AMT", message: "Transaction amount should be equal to sum of all  amountPaids in taxAndPayments" },
  missingTxnId: { code: "MISSING_UPDATE_TXN_ID", message: "Cannot process request, missing transaction id" },
  notFound: { code: "TXN_UPDATE_NOT_FOUND", message: "Transaction not found" },
  missingBody: { code: "MissingJsonException", message: "JSON body has errors or is missing" },
  validationFailed: { code: "PAYMENT_VALIDATION_FAILED", message: "Failed to validate this payment at collection-service" },
  registrationFailed: { code: "PAYMENT_REGISTRATION_FAILED", message: "Failed to register this payment at collection-service" },
} as const;

/** Transaction status messages (PgConstants). */
export const STATUS_MESSAGES = {
  initiated: "Transaction initiated",
  success: "Transaction successful",
  gatewayFailure: "Transaction failed at gateway",
  amountMismatch: "Transaction failed, amount mismatch",
} as const;
