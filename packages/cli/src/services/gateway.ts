/**
 * The narrow view of DIGIT the provisioning services need. `createSdkGateway` adapts the SDK client to it;
 * tests use an in-memory fake. Every method speaks plain DIGIT shapes with server-assigned fields included.
 */

import type {
  BoundaryEntity,
  BoundaryHierarchy,
  BoundaryRelationship,
  BusinessService as SdkBusinessService,
  Employee,
  LocalizationMessage,
  MdmsRecord,
  MdmsSchemaDefinition,
  User,
  UserRequest,
} from "@digit-kit/sdk";

/** An MDMS v2 schema as DIGIT returns it. */
export type LiveSchema = MdmsSchemaDefinition;

/** An MDMS v2 record as DIGIT returns it (searches always answer its id). */
export type LiveMdmsRecord = MdmsRecord & { readonly id: string };

export type LiveMessage = LocalizationMessage;

export type LiveHierarchy = BoundaryHierarchy;

export type LiveBoundary = BoundaryEntity;

/** One boundary relationship, flattened from DIGIT's TenantBoundary tree. */
export type LiveRelationship = Omit<BoundaryRelationship, "parent" | "auditDetails"> & { parent: string | null };

/** A user as egov-user's search answers it; the CLI only handles users it found by userName. */
export type LiveUser = User & { userName: string };

/** A user to create: egov-user's request user with the fields a bundle always gives. */
export type NewUser = UserRequest & { tenantId: string; userName: string; name: string; type: string };

/** A business service as the CLI reads and writes it: always with its code and tenant. */
export type BusinessService = SdkBusinessService & { businessService: string; tenantId: string };

export type LiveEmployee = Employee;

export interface Page {
  offset: number;
  limit: number;
}

/** What plan/apply/export/diff call on a DIGIT environment. */
export interface DigitGateway {
  searchSchemas(tenantId: string, codes?: string[]): Promise<LiveSchema[]>;
  createSchema(schema: Omit<LiveSchema, "id" | "auditDetails">): Promise<void>;
  updateSchema(schema: LiveSchema): Promise<void>;

  /** One page of active and inactive records of one schema at exactly `tenantId`. */
  searchMdms(tenantId: string, schemaCode: string, page: Page): Promise<LiveMdmsRecord[]>;
  createMdms(record: { tenantId: string; schemaCode: string; data: Record<string, unknown>; isActive: boolean }): Promise<void>;
  updateMdms(record: LiveMdmsRecord): Promise<void>;

  /**
   * Business services as DIGIT's search answers them, every one labelled with `tenantId`: with codes, each code at
   * the state tenant (or at `tenantId` when MDMS Workflow.BusinessServiceMasterConfig maps it to isStatelevel
   * "false"); without codes, every business service through the tenant hierarchy (the nearest tenant wins).
   */
  searchBusinessServices(tenantId: string, codes?: string[]): Promise<BusinessService[]>;
  /** V1 create: DIGIT answers 200 for a code that already exists and keeps the stored one. */
  createBusinessService(bs: BusinessService): Promise<void>;
  /** An upsert keyed by the uuids of the business service, its states and actions; nothing is deleted. */
  updateBusinessService(bs: BusinessService): Promise<void>;

  /** Messages of one locale at `tenantId`; all modules when `module` is omitted. */
  searchMessages(tenantId: string, locale: string, module?: string): Promise<LiveMessage[]>;
  upsertMessages(tenantId: string, messages: LiveMessage[]): Promise<void>;

  searchHierarchies(tenantId: string, hierarchyType?: string): Promise<LiveHierarchy[]>;
  /** DIGIT has no hierarchy update: a definition is created once (see HIERARCHY_NOT_UPDATABLE). */
  createHierarchy(h: Omit<LiveHierarchy, "id" | "auditDetails">): Promise<void>;
  searchBoundaries(tenantId: string, codes: string[]): Promise<LiveBoundary[]>;
  createBoundaries(list: Omit<LiveBoundary, "id" | "auditDetails">[]): Promise<void>;
  updateBoundaries(list: LiveBoundary[]): Promise<void>;
  searchRelationships(tenantId: string, hierarchyType: string): Promise<LiveRelationship[]>;
  createRelationship(r: Omit<LiveRelationship, "id">): Promise<void>;
  updateRelationship(r: LiveRelationship): Promise<void>;

  searchUsers(tenantId: string, userNames: string[]): Promise<LiveUser[]>;
  createUser(user: NewUser & { password?: string }): Promise<void>;
  updateUser(user: LiveUser): Promise<void>;

  searchEmployees(tenantId: string, codes: string[]): Promise<LiveEmployee[]>;
  /** Employees as the bundle writes them; refused before any call unless they carry HRMS's required fields. */
  createEmployees(tenantId: string, employees: Record<string, unknown>[]): Promise<void>;
  updateEmployees(tenantId: string, employees: Record<string, unknown>[]): Promise<void>;
}

/** DIGIT error codes carried by an error from the SDK or a gateway (`codes`, `errors[].code`, `code`). */
export function errorCodes(err: unknown): string[] {
  if (!err || typeof err !== "object") return [];
  const e = err as { codes?: unknown; errors?: unknown; code?: unknown };
  if (Array.isArray(e.codes)) return e.codes.map(String);
  if (Array.isArray(e.errors)) return e.errors.map((x) => String((x as { code?: unknown }).code ?? "")).filter(Boolean);
  if (typeof e.code === "string") return [e.code];
  return [];
}

/** True for DIGIT's "already exists" family (DUPLICATE_RECORD, DUPLICATE_SCHEMA, DuplicateUserNameException...). */
export function isDuplicateError(err: unknown): boolean {
  return errorCodes(err).some((c) => /DUPLICATE|ALREADY[_ ]?EXISTS?/i.test(c));
}

/** A one-line message for a failed write, without secrets (the SDK already redacts bodies). */
export function errorMessage(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { errors?: { message?: string }[]; message?: string };
    const first = Array.isArray(e.errors) ? e.errors[0]?.message : undefined;
    return first ?? e.message ?? String(err);
  }
  return String(err);
}

/**
 * Wraps a gateway so searches at a tenant the server does not know yet (INVALID_TENANT_ID: a city this very
 * bundle creates) read as empty instead of failing the plan.
 */
export function tolerantReads(gateway: DigitGateway): DigitGateway {
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== "string" || !prop.startsWith("search") || typeof value !== "function") {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        try {
          return (await Reflect.apply(value, target, args)) as unknown;
        } catch (err) {
          if (errorCodes(err).some((c) => /INVALID_TENANT|UNKNOWN_TENANT|TENANT_NOT_FOUND/i.test(c))) return [];
          throw err;
        }
      };
    },
  });
}
