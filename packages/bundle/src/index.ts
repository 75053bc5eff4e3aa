/**
 * @digit-kit/bundle: load and validate DIGIT tenant bundles in DIGIT Kit's layout or DIGIT's
 * default-data-handler layout, into one normalised {@link Bundle}.
 *
 * @packageDocumentation
 */
export type * from "./model.js";
export { loadBundle, type LoadBundleOptions } from "./load.js";
export { emptyBundle } from "./empty.js";
export { writeBundle } from "./write.js";
export { BundleValidationError, formatIssue } from "./errors.js";
export { validateWorkflow, workflowToMermaid, type WorkflowIssue } from "./validate/workflow.js";
export { schemaCreateProblems, unresolvedReferences, type SchemaCreateProblem, type UnresolvedRef } from "./validate/mdms.js";
export { uniqueFields, uniqueIdentifierOf, refSpecs, refValues, readPath, type RefSpec } from "./mdms-keys.js";
export { substituteTenant, hasPlaceholder } from "./placeholders.js";
export { retenant } from "./retenant.js";
export { ROLES_SCHEMA, ACTIONS_SCHEMA, ROLE_ACTIONS_SCHEMA } from "./layouts/digit-kit.js";
export { TENANTS_SCHEMA } from "./layouts/default-data-handler.js";
export { CORE_SCHEMA_DEFINITIONS } from "./core-schemas.js";
export { applyOrder, masterLevels, relationshipDepths, schemaKind, type ApplyKind, type ApplyOrderOptions, type ApplyStep, type ApplyStepItems } from "./apply-order.js";
export { toBusinessServiceSpec } from "./business-service.js";
