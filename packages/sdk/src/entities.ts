/**
 * Named DIGIT entity types, taken from the generated schema components (`generated/<service>/types.gen.ts`).
 * They are what the SDK's methods accept and answer (free-form objects as `Record<string, unknown>`, see
 * {@link FreeForm}), so code typed with them breaks at compile time when an overlay changes a shape.
 * Types only: nothing here exists at runtime.
 */
import type { FreeForm } from "./core/types.js";
import type { components as Access } from "./generated/access/types.gen.js";
import type { components as Boundary } from "./generated/boundary/types.gen.js";
import type { components as Common } from "./generated/common/types.gen.js";
import type { components as Hrms } from "./generated/hrms/types.gen.js";
import type { components as Localization } from "./generated/localization/types.gen.js";
import type { components as Mdms } from "./generated/mdms/types.gen.js";
import type { components as UserApi } from "./generated/user/types.gen.js";
import type { components as Workflow } from "./generated/workflow/types.gen.js";

export type { FreeForm };

/** A role reference as DIGIT's requests and users carry it (`code`, `name`, `tenantId`). */
export type Role = FreeForm<Common["schemas"]["Role"]>;
/** The roles a user holds in one tenant. */
export type TenantRole = FreeForm<Common["schemas"]["TenantRole"]>;
/** `auditDetails` of MDMS, boundary, workflow and localization entities. */
export type AuditDetails = FreeForm<Common["schemas"]["AuditDetails"]>;

/** An MDMS v2 record (`Mdms` of mdms-v2). */
export type MdmsRecord = FreeForm<Mdms["schemas"]["Mdms"]>;
/** An MDMS v2 schema definition. */
export type MdmsSchemaDefinition = FreeForm<Mdms["schemas"]["SchemaDefinition"]>;

/** A workflow business service (egov-workflow-v2 `BusinessService`). */
export type BusinessService = FreeForm<Workflow["schemas"]["BusinessService"]>;
/** One state of a business service. */
export type WorkflowState = NonNullable<FreeForm<Workflow["schemas"]["State"]>>;
/** One action of a business service state. */
export type WorkflowAction = FreeForm<Workflow["schemas"]["Action"]>;
/** A workflow process instance. */
export type ProcessInstance = FreeForm<Workflow["schemas"]["ProcessInstance"]>;

/** A localization message (egov-localization `Message`). */
export type LocalizationMessage = FreeForm<Localization["schemas"]["Message"]>;

/** A boundary hierarchy definition (boundary-service `BoundaryHierarchy`). */
export type BoundaryHierarchy = FreeForm<Boundary["schemas"]["BoundaryHierarchy"]>;
/** One level of a boundary hierarchy definition. */
export type BoundaryTypeHierarchy = FreeForm<Boundary["schemas"]["BoundaryTypeHierarchy"]>;
/** A boundary entity (code, geometry). */
export type BoundaryEntity = FreeForm<Boundary["schemas"]["Boundary"]>;
/** A boundary's place in a hierarchy (boundary-service `BoundaryRelationship`). */
export type BoundaryRelationship = FreeForm<Boundary["schemas"]["BoundaryRelationship"]>;
/** A node of the relationship tree the relationship search answers. */
export type BoundaryNode = FreeForm<Boundary["schemas"]["BoundaryNode"]>;
/** One hierarchy's tree in the relationship search answer (`TenantBoundary[]`). */
export type HierarchyRelation = FreeForm<Boundary["schemas"]["HierarchyRelation"]>;

/** A user as egov-user's searches and updates answer it. */
export type User = FreeForm<UserApi["schemas"]["UserSearchItem"]>;
/** A user as egov-user's create and update take it. */
export type UserRequest = FreeForm<UserApi["schemas"]["UserRequest"]>;

/** An HRMS employee (egov-hrms `Employee`). */
export type Employee = FreeForm<Hrms["schemas"]["Employee"]>;
/** The user part of an HRMS employee. */
export type EmployeeUser = FreeForm<Hrms["schemas"]["User"]>;

/** An access-control action (access-control `ActionContract`). */
export type Action = FreeForm<Access["schemas"]["ActionContract"]>;
/** A role as access-control's role search answers it. */
export type RoleContract = FreeForm<Access["schemas"]["RoleContract"]>;
