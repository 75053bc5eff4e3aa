/**
 * `@digit-kit/sdk`: typed client for eGov DIGIT's building-block APIs.
 *
 * @example
 * ```ts
 * import { createDigitClient } from "@digit-kit/sdk";
 * const digit = createDigitClient({ baseUrl: "https://unified-dev.digit.org", tenantId: "pb" });
 * await digit.auth.login({ username: "ADMIN", password: "eGov@123", userType: "EMPLOYEE" });
 * const { mdms } = await digit.mdms.search({ MdmsCriteria: { tenantId: "pb", schemaCode: "common-masters.Department" } });
 * ```
 * @packageDocumentation
 */
export { createDigitClient, createDigitCore, type DigitClient } from "./client.js";
export type { DigitCore } from "./core/core.js";
export type { DigitAuth } from "./core/auth.js";
export type {
  AuthOptions,
  CallOptions,
  DigitClientOptions,
  DigitRole,
  DigitSession,
  DigitUser,
  PasswordCredentials,
  RequestInfo,
  RequestOptions,
  UserType,
} from "./core/options.js";
export { memoryTokenStore, type TokenStore } from "./core/token-store.js";
export type { DigitHooks, HookError, HookRequest, HookResponse } from "./core/hooks.js";
export type { RetryOptions } from "./core/retry-config.js";
export { shouldRetry } from "./core/retry.js";
export type { PaginateOptions } from "./core/paginate.js";
export type { ResponseValidator } from "./core/validator.js";
export { redact, REDACTED } from "./core/redact.js";
export type { RouteDef, ServiceKey, BodyEncoding } from "./core/route.js";
export type { BodyOf, OptionsOf, ResponseOf, ServiceClient, OperationMethod } from "./core/types.js";
export type {
  Action,
  AuditDetails,
  BoundaryEntity,
  BoundaryHierarchy,
  BoundaryNode,
  BoundaryRelationship,
  BoundaryTypeHierarchy,
  BusinessService,
  Employee,
  EmployeeUser,
  FreeForm,
  HierarchyRelation,
  LocalizationMessage,
  MdmsRecord,
  MdmsSchemaDefinition,
  ProcessInstance,
  Role,
  RoleContract,
  TenantRole,
  User,
  UserRequest,
  WorkflowAction,
  WorkflowState,
} from "./entities.js";
export {
  DigitError,
  DigitApiError,
  DigitAuthError,
  DigitForbiddenError,
  DigitValidationError,
  DigitNotFoundError,
  DigitRateLimitError,
  DigitServerError,
  DigitConnectionError,
  DigitTimeoutError,
  DigitAbortError,
  type DigitErrorDetail,
  type DigitApiErrorInit,
  type DigitRequestRef,
} from "./errors.js";
export { toDigitError, type HttpFailure } from "./to-digit-error.js";
export { stateTenantOf, isCityTenant, cityTenant } from "./tenant.js";
export type { DigitServices } from "./generated/services.gen.js";
// One create<Service>Client per service; each also has its own subpath export (`@digit-kit/sdk/mdms`).
export * from "./generated/service-clients.gen.js";
