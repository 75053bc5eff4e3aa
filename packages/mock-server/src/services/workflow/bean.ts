/**
 * The request checks egov-workflow-v2 really makes before its code runs: Spring's data binding and the
 * jakarta.validation constraints of BusinessService, BusinessServiceRequest and the two search criteria. (The
 * ProcessInstance, State, Action and Document models carry javax.validation annotations, which Spring Boot 3 does not
 * enforce.) Errors are rendered as DIGIT's tracer renders binding errors: `code` = Spring's first message code
 * (`NotNull.<object>.<path>`), `message` = Hibernate Validator's default message.
 */
import type { DigitErrorItem } from "../../core/types.js";
import { isRecord } from "../shared/values.js";

const MUST_NOT_BE_NULL = "must not be null";
const size = (min: number, max: number) => `size must be between ${min} and ${max}`;
const INT_MAX = 2147483647;

function bindingError(code: string, message: string): DigitErrorItem {
  return { code, message, description: message, params: null };
}

/** `BusinessServiceRequest` (web/models/BusinessServiceRequest.java:21-24, BusinessService.java:32-65). */
export function businessServiceRequestErrors(body: Record<string, unknown>): DigitErrorItem[] {
  const list = body["BusinessServices"];
  const object = "businessServiceRequest";
  if (list === undefined || list === null) return [bindingError(`NotNull.${object}.businessServices`, MUST_NOT_BE_NULL)];
  if (!Array.isArray(list)) return [];
  const errors: DigitErrorItem[] = [];
  list.forEach((item, i) => {
    if (!isRecord(item)) return;
    const path = `${object}.businessServices[${i}]`;
    for (const field of ["tenantId", "businessService", "business", "states"]) {
      if (item[field] === undefined || item[field] === null) errors.push(bindingError(`NotNull.${path}.${field}`, MUST_NOT_BE_NULL));
    }
    for (const [field, max] of [
      ["tenantId", 256],
      ["uuid", 256],
      ["businessService", 256],
      ["business", 256],
      ["getUri", 1024],
      ["postUri", 1024],
    ] as const) {
      const value = item[field];
      if (typeof value === "string" && value.length > max) errors.push(bindingError(`Size.${path}.${field}`, size(0, max)));
    }
  });
  return errors;
}

/** A query parameter or body value bound to a `List<String>`: undefined when absent. */
function listOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(String);
  const text = String(value);
  return text === "" ? [] : text.split(",");
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

/** The process search criteria as DIGIT binds them (web/models/ProcessInstanceSearchCriteria.java). */
export interface ProcessCriteria {
  tenantId: string;
  /** State uuids. */
  status?: string[];
  businessIds?: string[];
  assignee?: string;
  ids?: string[];
  history: boolean;
  offset?: number;
  limit?: number;
  businessService?: string;
  moduleName?: string;
}

/** DIGIT's `isNull()` (ProcessInstanceSearchCriteria.java:82-87): no businessIds, ids, assignee or status → inbox mode. */
export function isInbox(c: ProcessCriteria): boolean {
  return c.businessIds === undefined && c.ids === undefined && c.assignee === undefined && c.status === undefined;
}

function typeMismatch(object: string, field: string, type: string, value: string, detail: string): DigitErrorItem {
  return bindingError(
    `typeMismatch.${object}.${field}`,
    `Failed to convert property value of type 'java.lang.String' to required type '${type}' for property '${field}'; ${detail}`,
  );
}

function integerOf(value: unknown, object: string, field: string, errors: DigitErrorItem[]): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  const text = String(value).trim();
  if (/^[+-]?\d+$/.test(text) && Math.abs(Number(text)) <= INT_MAX) return Number(text);
  errors.push(typeMismatch(object, field, "java.lang.Integer", text, `For input string: "${text}"`));
  return undefined;
}

function booleanOf(value: unknown, object: string, field: string, errors: DigitErrorItem[]): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  const text = String(value).trim().toLowerCase();
  if (["true", "on", "yes", "1"].includes(text)) return true;
  if (["false", "off", "no", "0"].includes(text)) return false;
  errors.push(typeMismatch(object, field, "java.lang.Boolean", text, `Invalid boolean value [${String(value)}]`));
  return undefined;
}

/**
 * Binds `source` (the query, or the `_statuscount` body criteria) to the process search criteria, with DIGIT's
 * binding and bean-validation errors: tenantId not null, each businessIds element at least 4 characters.
 */
export function bindProcessCriteria(source: Record<string, unknown>, validate = true): { criteria: ProcessCriteria | null; errors: DigitErrorItem[] } {
  const object = "processInstanceSearchCriteria";
  const errors: DigitErrorItem[] = [];
  const tenantId = textOf(source["tenantId"]);
  if (tenantId === undefined) errors.push(bindingError(`NotNull.${object}.tenantId`, MUST_NOT_BE_NULL));
  const businessIds = listOf(source["businessIds"]);
  (businessIds ?? []).forEach((id, i) => {
    if (id.length < 4) errors.push(bindingError(`Size.${object}.businessIds[${i}]`, size(4, INT_MAX)));
  });
  const offset = integerOf(source["offset"], object, "offset", errors);
  const limit = integerOf(source["limit"], object, "limit", errors);
  const history = booleanOf(source["history"], object, "history", errors);
  if (validate && (errors.length > 0 || tenantId === undefined)) return { criteria: null, errors };
  // Unvalidated (a JSON body bound by Jackson): a null tenantId matches no record.
  const criteria: ProcessCriteria = { tenantId: tenantId ?? "", history: history ?? false };
  const status = listOf(source["status"]);
  const ids = listOf(source["ids"]);
  const assignee = textOf(source["assignee"]);
  const businessService = textOf(source["businessService"]);
  const moduleName = textOf(source["moduleName"]);
  if (status !== undefined) criteria.status = status;
  if (businessIds !== undefined) criteria.businessIds = businessIds;
  if (ids !== undefined) criteria.ids = ids;
  if (assignee !== undefined) criteria.assignee = assignee;
  if (offset !== undefined) criteria.offset = offset;
  if (limit !== undefined) criteria.limit = limit;
  if (businessService !== undefined) criteria.businessService = businessService;
  if (moduleName !== undefined) criteria.moduleName = moduleName;
  return { criteria, errors };
}

/** BusinessServiceSearchCriteria (web/models/BusinessServiceSearchCriteria.java:22-27), bound from the query. */
export function bindBusinessServiceCriteria(query: Record<string, string>): { tenantId: string | null; codes: string[] | undefined; errors: DigitErrorItem[] } {
  const tenantId = textOf(query["tenantId"]);
  if (tenantId === undefined) {
    return { tenantId: null, codes: undefined, errors: [bindingError("NotNull.businessServiceSearchCriteria.tenantId", MUST_NOT_BE_NULL)] };
  }
  return { tenantId, codes: listOf(query["businessServices"]), errors: [] };
}

/** Whether `value` is a list in DIGIT's sense (Jackson also takes a lone object where a list is expected). */
export function asList(value: unknown): unknown[] | null {
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? value : [value];
}
