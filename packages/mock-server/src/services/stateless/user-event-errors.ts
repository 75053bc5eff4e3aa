/**
 * egov-user-event's error codes and messages (egov-user-event/src/main/java/org/egov/userevent/utils/ErrorConstants.java
 * and web/validator/UserEventsValidator.java), spelling included.
 */
import type { DigitErrorItem } from "../../core/types.js";

const item = (code: string, message: string): DigitErrorItem => ({ code, message, description: message, params: null });

export const MISSING_ROLE_USERID = item("MEN_USERID_ROLECODE_MISSING", "User id, tenantid and rolecode are mandatory in the request info");
export const MISSING_REQ_INFO = item("MEN_REQ_INFO_MISSING", "RequestInfo is mandatory in the request.");
export const MISSING_USR_INFO = item("MEN_USR_INFO_MISSING", "UserIndfo is mandatory within the RequestInfo.");
export const INVALID_EVENT_DATE = item("MEN_INVALID_EVENT_DATE", "Date invalid, fromDate cannot be greater than toDate");
export const INVALID_FROM_DATE = item("MEN_INVALID_FROM_DATE", "Date invalid, fromDate cannot be prior to the currentDate");
export const INVALID_TO_DATE = item("MEN_INVALID_TO_DATE", "Date invalid, toDate cannot be prior to the currentDate");
export const INVALID_FROM_TO_DATE = item("MEN_INVALID_FROM_TO_DATE", "Date invalid, fromDate and toDate cannot be prior to the currentDate");
export const ERROR_FROM_MDMS = item("MEN_ERROR_FROM_MDMS", "There was an error while fetching event masters from MDMS");
export const NO_DATA_MDMS = item("MEN_NO_DATA_MDMS", "MDMS data for eventTypes is missing!");
export const INVALID_EVENTTYPE = item("MEN_INVALID_EVENTTYPE", "The provided eventType is not valid.");
export const UPDATE_MISSING_EVENTS = item("MEN_UPDATE_MISSING_EVENTS", "The events you're trying update are missing in the system.");
export const INVALID_SEARCH_CRITERIA = item("MEN_INVALID_SEARCH_CRITERIA", "Atleast one of the parameters is mandatory for searching events.");
export const INVALID_SEARCH_COUNT_CRITERIA = item("MEN_INVALID_SEARCH_COUNT_CRITERIA", "Atleast one of the parameters is mandatory for fetching events or count of unread notifications.");
export const UPDATE_EVENTDETAILS_MANDATORY = item("MEN_UPDATE_EVENTDETAILS_MANDATORY", "EventDetails are mandatory for this type of event.");
export const UPDATE_COUNTEREVENT = item("MEN_UPDATE_COUNTEREVENT", "You're trying to update a system generated counter event, which is not allowed.");
export const CREATE_NAMEMANDATORY = item("MEN_CREATE_NAMEMANDATORY", "Name of the event is mandatory.");
export const CREATE_CATEGORYMANDATORY = item("MEN_CREATE_CATEGORYMANDATORY", "Category of the event is mandatory.");
export const INVALID_CATEGORYMANDATORY = item("MEN_INVALID_CATEGORYMANDATORY", "Category of the event is invalid.");
export const CREATE_BROADCAST = item("MEN_CREATE_BROADCAST", "Broadcast messages should not contain any event details");
export const INVALID_TOROLE = item("MEN_INVALID_TOROLE", "toRoles cannot contain special characters. format - USERTYPE.USERROLE");
export const INVALID_TOROLE_ALL = item("MEN_INVALID_TOROLE_ALL", "toRoles cannot contain other values alongwith 'All', toUsers should be empty");
export const INVALID_TOUSER = item("MEN_INVALID_TOUSER", "toUsers should only contain ids with the UUID type.");
export const INVALID_ACTION_CANCEL = item("MEN_INVALID_ACTION_CANCEL", "Cancelled events cannot be made ACTIVE or INACTIVE.");
export const UPDATE_STATUS_NOTNULL = item("MEN_UPDATE_STATUS_NOTNULL", "Status cannot be null while updating the event.");
export const BROADCAST_ED_FD_MANDATORY = item("MEN_BROADCAST_ED_FD_MANDATORY", "fromDate is mandatory for this type of event.");
export const DIFF_TENANT = item("MEN_DIFF_TENANT_ERROR", "All events must belong to the same tenant");
