/**
 * The normalised in-memory form of a tenant bundle. Both on-disk layouts (DIGIT Kit's own and DIGIT's
 * default-data-handler layout) load into this one shape, which the CLI plans/applies and the mock seeds from.
 */

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

export interface MdmsSchemaSpec {
  tenantId: string;
  code: string;
  description?: string;
  isActive: boolean;
  /** JSON Schema draft-07 with DIGIT's `x-unique` and `x-ref-schema` extensions. */
  definition: Record<string, unknown>;
  origin: Origin;
}

export interface MdmsRecordSpec {
  tenantId: string;
  schemaCode: string;
  data: Record<string, unknown>;
  isActive: boolean;
  origin: Origin;
}

export interface WorkflowSpec {
  tenantId: string;
  /** The BusinessService object as DIGIT's businessservice/_create takes it (RequestInfo excluded). */
  businessService: Record<string, unknown> & { businessService: string; business: string; states: unknown[] };
  origin: Origin;
}

export interface LocalizationSpec {
  tenantId: string;
  locale: string;
  module: string;
  code: string;
  message: string;
  origin: Origin;
}

export interface BoundaryHierarchySpec {
  tenantId: string;
  hierarchyType: string;
  boundaryHierarchy: { boundaryType: string; parentBoundaryType: string | null; active?: boolean }[];
  origin: Origin;
}

export interface BoundaryEntitySpec {
  tenantId: string;
  code: string;
  geometry?: Record<string, unknown> | null;
  additionalDetails?: Record<string, unknown> | null;
  origin: Origin;
}

export interface BoundaryRelationshipSpec {
  tenantId: string;
  code: string;
  hierarchyType: string;
  boundaryType: string;
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
  roles: { code: string; name?: string; tenantId: string }[];
  origin: Origin;
}

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
