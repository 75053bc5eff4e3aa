/**
 * pdf-service's answer messages (pdf-service/src/index.js, queries.js). pdf-service has no error codes: its
 * errors are `{ResponseInfo, message}` with these texts.
 */
export const KEY_MISSING = " key is missing,";
export const TENANT_MISSING = " tenantId is missing,";
export const REQUEST_INFO_MISSING = " requestInfo is missing,";
export const USER_INFO_MISSING = " userInfo is missing,";
export const CREATE_FAILED = "some unknown error while creating: ";
/** The mock cannot name the template's baseKeyPath: it has no template configs. */
export const NO_DATA_ARRAY = "could not find property of type array in request body with name (the template's baseKeyPath)";
export const SEARCH_NEEDS_ID = "jobid and entityid both can not be empty";
export const SEARCH_FAILED = "some unknown error while searching: ";
export const NOTHING_FOUND = "no matching result found";
export const NO_BULK_RECORDS = "Group bill pdf records details are not present for the employee ";
export const BULK_DETAILS_FAILED = "Error while retreving the details";
export const BULK_CLEARED = "Bulk PDF records details are clear";
export const CANCEL_NEEDS_JOB = "jobid or userid can not be empty";
