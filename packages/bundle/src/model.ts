/**
 * The normalised in-memory form of a tenant bundle. Both on-disk layouts (DIGIT Kit's own and DIGIT's
 * default-data-handler layout) load into this one shape, which the CLI plans/applies and the mock seeds from.
 * Fields DIGIT defines are typed by the SDK's generated entity types, so an overlay change shows up here.
 */
import type {
  BoundaryEntity,
  BoundaryHierarchy,
  BoundaryRelationship,
  BoundaryTypeHierarchy,
  BusinessService,
  LocalizationMessage,
  MdmsRecord,
  MdmsSchemaDefinition,
  Role,
  WorkflowAction,
  WorkflowState,
} from "@digit-kit/sdk";

/** Where an item came from, for error messages: file path (relative to the bundle root) and JSON pointer. */
export interface Origin {
  file: string;
  pointer: string;
}

export type BundleLayout = "digit-kit" | "default-data-handler";

export interface TenantSpec {
  /** Tenant code, e.g. `pb` or `pb.amritsar`. */
  code: string;
  name: string;
  /** `state` for a root tenant, `city` for `<state>.<city>`. */
  kind: "state" | "city";
  /** The full `tenant.tenants` MDMS record for this tenant. */
  record: Record<string, unknown>;
  origin: Origin;
}

export interface MdmsSchemaSpec extends Pick<MdmsSchemaDefinition, "tenantId" | "code" | "description"> {
  isActive: boolean;
  /** JSON Schema draft-07 with DIGIT's `x-unique` and `x-ref-schema` extensions. */
  definition: MdmsSchemaDefinition["definition"];
  origin: Origin;
}

export interface MdmsRecordSpec extends Pick<MdmsRecord, "tenantId" | "schemaCode" | "data"> {
  isActive: boolean;
  origin: Origin;
}

/** An action as a bundle carries it: DIGIT's workflow `Action` with its name, next state (a state name) and roles. */
export type WorkflowActionSpec = WorkflowAction & { action: string; nextState: string; roles: string[] };

/** A state as a bundle carries it: DIGIT's workflow `State` with its name (`null` for the start state) and actions. */
export type WorkflowStateSpec = NonNullable<WorkflowState> & { state: string | null; actions?: WorkflowActionSpec[] | null };

/**
 * A business service as DIGIT's businessservice/_create takes it (RequestInfo excluded): the SDK's
 * `BusinessService` with the fields DIGIT requires (NotNull.businessServiceRequest.businessServices[i].*) given.
 */
export type BusinessServiceSpec = BusinessService & { tenantId: string; businessService: string; business: string; states: WorkflowStateSpec[] };

export interface WorkflowSpec {
  tenantId: string;
  businessService: BusinessServiceSpec;
  origin: Origin;
}

export interface LocalizationSpec extends LocalizationMessage {
  tenantId: string;
  origin: Origin;
}

/** One level of a hierarchy: DIGIT's `BoundaryTypeHierarchy` with its type always named. */
export type HierarchyLevelSpec = BoundaryTypeHierarchy & { boundaryType: string; parentBoundaryType: string | null };

export interface BoundaryHierarchySpec extends Pick<BoundaryHierarchy, "tenantId" | "hierarchyType"> {
  boundaryHierarchy: HierarchyLevelSpec[];
  origin: Origin;
}

export interface BoundaryEntitySpec extends Pick<BoundaryEntity, "tenantId" | "code" | "additionalDetails"> {
  /** GeoJSON Point or Polygon; boundary-service stores null when it is left out. */
  geometry?: BoundaryEntity["geometry"];
  origin: Origin;
}

export interface BoundaryRelationshipSpec extends Pick<BoundaryRelationship, "tenantId" | "code" | "hierarchyType" | "boundaryType"> {
  parent: string | null;
  origin: Origin;
}

export interface UserSpec {
  tenantId: string;
  userName: string;
  name: string;
  type: "EMPLOYEE" | "CITIZEN" | "SYSTEM";
  mobileNumber?: string;
  emailId?: string;
  /** Plain password to set on create; taken from the bundle or from an env var reference. Never logged. */
  password?: string;
  roles: RoleSpec[];
  origin: Origin;
}

/** A role a user holds: DIGIT's `Role` with its code and tenant always given. */
export type RoleSpec = Role & { code: string; tenantId: string };

export interface EmployeeSpec {
  tenantId: string;
  code: string;
  /** The HRMS Employee object (user, assignments, jurisdictions, ...) as egov-hrms takes it. */
  employee: Record<string, unknown>;
  origin: Origin;
}

export interface Bundle {
  root: string;
  layout: BundleLayout;
  /** The state tenant everything is provisioned under. */
  stateTenant: string;
  tenants: TenantSpec[];
  mdmsSchemas: MdmsSchemaSpec[];
  mdmsData: MdmsRecordSpec[];
  workflows: WorkflowSpec[];
  localization: LocalizationSpec[];
  boundary: {
    hierarchies: BoundaryHierarchySpec[];
    entities: BoundaryEntitySpec[];
    relationships: BoundaryRelationshipSpec[];
  };
  users: UserSpec[];
  employees: EmployeeSpec[];
  /** Non-fatal findings from loading and validation (stripped extensions, unreachable states, ignored files). */
  warnings?: BundleIssue[];
}

/** One problem found in a bundle: where (file + JSON pointer), what, and how to fix it. */
export interface BundleIssue {
  file: string;
  pointer: string;
  /** 1-based line and column, for a syntax error (the file cannot be parsed, so there is no pointer). */
  line?: number;
  column?: number;
  message: string;
  hint?: string;
  severity?: "error" | "warning";
}
