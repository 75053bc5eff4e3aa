/**
 * egov-localization's error answers. Its own `CustomControllerAdvice` handles validation, duplicate identities,
 * failed persists and a missing user, each HTTP 400 with
 * `{"responseInfo": {all null}, "error": {"code": 400, "message": null, "description": null, "fields": [...]}}`
 * (egov-localization/src/main/java/org/egov/web/controller/CustomControllerAdvice.java:21-73);
 * everything else goes to the tracer (services/shared/tracer.ts).
 */
import type { OperationResult } from "../../core/types.js";

export const LocalizationErrors = {
  duplicateIdentity: { code: "core.DUPLICATE_MESSAGE_IDENTITY", message: "Combination of tenant, locale, module and code should be unique." },
  persistFailed: { code: "core.MESSAGE_PERSIST_FAILED", message: "Message persist failed" },
  notAuthenticated: { code: "core.NOT_AUTHENTICATED", message: "Not authenticated" },
  /** `Collectors.toMap` on a repeated code (MessageRepository.java:123-129), through the tracer. */
  duplicateRecords: "DUPLICATE_RECORDS",
} as const;

/** Codes of the mock's warnings (checks DIGIT does not make; refusals only under --strict). */
export const LocalizationWarnings = {
  messageNotFound: "MESSAGE_NOT_FOUND",
  mixedUpsert: "UPSERT_MIXED_LOCALE_OR_MODULE",
} as const;

/** One entry of `error.fields`. */
export interface ErrorField {
  code: string;
  message: string;
  field: string;
}

/** Bean-validation constraint names and default messages (Hibernate Validator) as the advice copies them. */
export const Constraint = {
  notEmpty: (field: string): ErrorField => ({ code: "NotEmpty", message: "must not be empty", field }),
  notNull: (field: string): ErrorField => ({ code: "NotNull", message: "must not be null", field }),
  size: (field: string, min: number, max: number): ErrorField => ({ code: "Size", message: `size must be between ${min} and ${max}`, field }),
};

const JAVA_INT_MAX = 2147483647;
export const sizeAtLeastOne = (field: string): ErrorField => Constraint.size(field, 1, JAVA_INT_MAX);

/** Localization's own envelope with the given fields (HTTP 400). */
export function localizationError(fields: ErrorField[]): OperationResult {
  return {
    status: 400,
    body: {
      responseInfo: { apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: null },
      error: { code: 400, message: null, description: null, fields },
    },
  };
}

/** One of the advice's fixed errors: the field repeats the code (CustomControllerAdvice.java:47). */
export function fixedError(error: { code: string; message: string }): OperationResult {
  return localizationError([{ code: error.code, message: error.message, field: error.code }]);
}
