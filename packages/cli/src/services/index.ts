/**
 * Provisioning services of the `digit` CLI: plan, apply, export, diff and tenant clone over a
 * {@link DigitGateway}, plus plain-text renderers. No commander or ink imports here.
 */
export * from "./types.js";
export * from "./gateway.js";
export { plan } from "./plan.js";
export { apply, NOT_SUPPORTED_BY_DIGIT, type ApplyOptions, type ApplyResult, type ApplyFailure, type ApplyProgressEvent, type PhaseResult } from "./apply.js";
export { exportTenant, type ExportOptions, type ExportResult } from "./export.js";
export { readLiveBundle, BOUNDARY_SEARCH_MAX, type ReadLiveOptions } from "./live-bundle.js";
export { PagingError, readAll, MAX_PAGES } from "./resources/context.js";
export { diff, DRIFT_KINDS, type DiffSide, type DriftItem, type DriftKind, type DriftReport } from "./diff.js";
export { cloneTenant, findTraces, moveTenantCode, namesTenant, type CloneAdmin, type CloneDetails, type CloneOptions, type ClonePlan, type DroppedRecord, type Rewrite, type RewriteRule, type TenantDetails, type Trace } from "./tenant-clone.js";
export {
  businessServicesIn,
  checkWorkflows,
  validateWorkflowFile,
  workflowGraph,
  workflowGraphs,
  type FoundBusinessService,
  type WorkflowCheck,
} from "./workflow-tools.js";
export { formatPlan, formatApplyResult, formatDrift } from "./format.js";
export { createSdkGateway } from "./sdk-gateway.js";
export { employeeUpdate, mergeChildren } from "./resources/people.js";
export { ADDITIONAL_DETAILS_NOT_UPDATABLE, HIERARCHY_NOT_UPDATABLE, relationshipBlock } from "./resources/boundary.js";
