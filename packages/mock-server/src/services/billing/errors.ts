/**
 * billing-service's error codes and messages, as DIGIT's code spells them (typos included):
 * billing-service/src/main/java/org/egov/demand/util/Constants.java and the validators.
 */

/** DIGIT's tracer answers any exception it does not map (a NullPointerException, a missing MDMS path) with this code. */
export const UNHANDLED = "An unhandled exception occurred on the server";

export const E = {
  invalidTenantForEmployee: { code: "EG_BS_INVALID_TENANTID", message: "Employees cannot search based on state level tenantid" },
  mdmsTenant: { code: "INVALID TENANTID", message: "No data found for this tenentID" },
  taxPeriodsForService: { code: "EG_BS_TAXPERIODS_BUINESSSERVICE", message: "No Tax Periods Found for the given BusinessServices value of {}" },
  taxPeriodForDemand: { code: "EG_BS_TAXPERIODS_DEMAND", message: "No Tax Periods Found for the given demand with fromDate : {fromDate} and toDate : {toDate}" },
  businessServiceNotFound: { code: "EG_BS_BUSINESSSERVICE_NOTFOUND", message: "No Business Service masters found for give codes {}" },
  taxHeadsNotFound: { code: "EG_BS_TAXHEADS_NOTFOUND", message: "No TaxHead masters found for give codes {}" },
  userUuidNotFound: { code: "EG_BS_USER_UUID_NOTFOUND", message: "No users found for following uuids  {}" },
  employeePayer: { code: "EG_BS_EMPLOYEE_UUID_NOTALLOWED", message: "Employees cannot own a demand in system. The following uuids belonging to employees are rejected : {}" },
  invalidDemandDetail: { code: "EG_DEMAND_DEATIL_INVALID", message: "Invalid demand details found with following Values : {}" },
  demandNotFound: { code: "EG_BS_DEMANDS_NOT_FOUND", message: "No Demands not found in db for following ids : {}" },
  demandDetailNotFound: { code: "EG_BS_DEMAND_DETAIL_NOTFOUND", message: "No Demand details found for the given ids :  {}" },
  duplicateConsumerCode: { code: "EG_BS_DUPLICATE_CONSUMERCODE", message: "Demand already exists in the same period with the same businessService for the given consumercodes : {}" },
  demandWithoutId: { code: "EG_BS_DEMANDS_UNDIDENTIFIABLE", message: "Demands, must contain ids in the update payload" },
  demandSearchCriteria: { code: "businessService", message: " Any one of the fields additional to tenantId is mandatory" },
  advanceFlag: { code: "BUSINESSSERVICE_ERROR", message: "Failed to fetch isAdvanceAllowed for businessService: {}" },
  noAdvanceTaxHead: { code: "NO TAXHEAD FOUND", message: "No Advance taxHead found for businessService: {}" },
  billGenCriteria: {
    code: "BILL_GEN_MANDATORY_FIELDS_MISSING",
    message: "Valid search criteria fields missing, please give some valid criteria like mobileNumber/email OR 'businessService & consumerCode' OR demandId",
  },
  taxHeadCodeEmpty: { code: "EG_BS_TAXHEADCODE_EMPTY", message: "No taxhead masters found for the given codes" },
  generateDeprecated: { code: "EG_BS_API_ERROR", message: "The Generate bill API has been deprecated, Access the fetchBill" },
  billSearchCriteria: {
    code: "EGBS_MANDATORY_FIELDS_ERROR",
    message: "BILL_SEARCH_MANDATORY_FIELDS_MISSING Any one of the fields additional to tenantId is mandatory like consumerCode,billId, mobileNumber or email",
  },
  billSearchConsumerCode: { code: "BILL_SEARCH_CONSUMERCODE_BUSINESSSERVICE", message: " the consumerCode & Service values should be given together or mobilenumber/email can be given " },
  cancelReasonCodeMissing: { code: "EG_BS_CANCELL_REASON_CODE_NOT", message: "Cancellation Reason with key 'reason' is a madnatory Text field in additionalDetails of Bill cancell Request" },
  cancelReasonCodeEmpty: { code: "EG_BS_CANCELL_REASON_CODE_NOT", message: "Cancell Reason code cannot be empty" },
  cancelReasonMsgMissing: { code: "EG_BS_CANCELL_REASON_MSG_NOT", message: "Cancell Reason message with key 'reasonMessage' is madnatory Text field in additionalDetails of Bill cancell Request" },
  cancelReasonMsgEmpty: { code: "EG_BS_CANCELL_REASON_MSG_NOT", message: "Cancell Reason message cannot be empty" },
  cancelOneConsumerCode: { code: "EG_BS_CANCEL_BILL_ERROR", message: "Only one consumer code can be provided in the Cancel request" },
  idgen: { code: "IDGEN_SERVICE_ERROR", message: "Failed to generate ID, unknown error occurred" },
} as const;

/** `Message` texts of bill/v2/_cancelbill (Constants.java:169-175). */
export const CANCEL_MESSAGES = {
  success: "Successfully cancelled {count} Active bills for given consumer codes",
  none: "No Active bills found for cancellation for the given criteria",
  paid: "You cannot cancel the bill in the workflow",
} as const;

/** The error-item message with `{}` (or a named `{placeholder}`) filled in. */
export function fill(message: string, values: Record<string, string> | string): string {
  if (typeof values === "string") return message.replace("{}", values);
  let out = message;
  for (const [key, value] of Object.entries(values)) out = out.replace(`{${key}}`, value);
  return out;
}

/** Java's `Collection.toString()`: `[a, b]`. */
export function javaList(values: Iterable<string>): string {
  return `[${[...values].join(", ")}]`;
}
