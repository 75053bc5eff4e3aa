/**
 * The contract between the mock's transport layer (node:http server, msw adapter) and DIGIT's behaviour.
 * Behaviour lives in plain functions keyed by the route table's operationIds; nothing here knows HTTP libraries.
 */
import type { AuditDetails as DigitAuditDetails, MdmsRecord, MdmsSchemaDefinition, Role } from "@digit-kit/sdk";
import type { RouteDef } from "@digit-kit/sdk/routes";

/** DIGIT's `Role` as the mock stores it: every field given. */
export type RoleRef = { [K in keyof Role]-?: NonNullable<Role[K]> };

export type UserType = "EMPLOYEE" | "CITIZEN" | "SYSTEM" | "BUSINESS";

/** A user as the mock stores it. `password` never leaves the mock in a response. */
export interface StoredUser {
  id: number;
  uuid: string;
  userName: string;
  password: string;
  name: string;
  type: UserType;
  tenantId: string;
  active: boolean;
  mobileNumber?: string | null;
  emailId?: string | null;
  gender?: string | null;
  roles: RoleRef[];
  /** Any other DIGIT user fields sent by the client, kept as given. */
  extra?: Record<string, unknown>;
  auditDetails: AuditDetails;
}

/** DIGIT's `AuditDetails` as the mock stores it: every field given. */
export type AuditDetails = Required<DigitAuditDetails>;

/** The authenticated caller of a request, resolved from `RequestInfo.authToken` (or `access_token`). */
export interface Caller {
  user: StoredUser;
  token: string;
}

/** A file part from a multipart request (filestore upload). */
export interface UploadedFile {
  field: string;
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

export interface OperationRequest {
  operationId: string;
  route: RouteDef;
  /** Parsed JSON body, or the form fields for form/multipart bodies. Always an object. */
  body: Record<string, unknown>;
  /** Query parameters; repeated keys are joined with commas, as Spring does for list params. */
  query: Record<string, string>;
  /** Path parameters from the route's `{placeholders}`. */
  params: Record<string, string>;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  files: UploadedFile[];
  caller: Caller | null;
  /**
   * Which door the request came through. `gateway` (the default): as a client reaches DIGIT, through the
   * gateway (token checked, RBAC, `userInfo` replaced by the token's user). `internal`: as one DIGIT service
   * calls another inside the cluster (no token check, no RBAC, `RequestInfo.userInfo` taken as sent).
   */
  door?: Door;
  /** Messages of checks DIGIT does not make that this request failed (see `strictOnly` in core/warnings.ts). */
  warnings: string[];
}

export type Door = "gateway" | "internal";

/** What a handler answers. The transport turns it into an HTTP response. */
export interface OperationResult {
  status: number;
  /** JSON body (default), unless `raw` is given. */
  body?: unknown;
  raw?: { contentType: string; data: Uint8Array };
  headers?: Record<string, string>;
}

/** One DIGIT error as DIGIT's tracer library renders it inside `Errors[]`. */
export interface DigitErrorItem {
  /** The tracer puts an unhandled exception's class name here (ExceptionAdvise.java:182); absent otherwise. */
  id?: string | null;
  code: string;
  message: string;
  description?: string | null;
  params?: string[] | null;
}

export interface MockOptions {
  /** Refuse what real DIGIT refuses even where the mock is lenient by default (see docs/mock-server.md). */
  strict: boolean;
  /** Enforce role-action RBAC like DIGIT's gateway. */
  rbac: boolean;
  /** Writes become visible to searches only after this many milliseconds (Kafka persister lag). */
  writeLagMs: number;
  /** Access token lifetime in seconds. */
  tokenTtlSeconds: number;
}

/** One record of MDMS v2 data (shared: RBAC, tenants, HRMS and the mdms service all read it). */
export interface MdmsDataRecord extends Pick<MdmsRecord, "tenantId" | "schemaCode" | "data"> {
  id: string;
  uniqueIdentifier: string;
  isActive: boolean;
  auditDetails: AuditDetails;
  /** Epoch ms from which searches may see this version (write lag). */
  visibleFrom: number;
}

export interface MdmsSchemaRecord extends Pick<MdmsSchemaDefinition, "tenantId" | "code" | "definition"> {
  id: string;
  description?: string | null;
  isActive: boolean;
  auditDetails: AuditDetails;
  visibleFrom: number;
}

/** Read access to MDMS data with DIGIT's city → state fallback; RBAC and tenants use it. */
export interface MdmsReader {
  /** Active, visible records of `schemaCode` for `tenantId`, falling back to the state tenant when the city has none. */
  records(tenantId: string, schemaCode: string): MdmsDataRecord[];
  /**
   * The same records as a list that grows in place while records are only created, and is another list once
   * anything else changed (an update, a restore): derived caches then add only what is new. Do not mutate it.
   * Absent under write lag (visibility then changes with time).
   */
  appendOnly?(tenantId: string, schemaCode: string): readonly MdmsDataRecord[];
}

/** Users owned by the egov-user module; HRMS creates employees' users through it. */
export interface UserDirectory {
  create(input: Omit<StoredUser, "id" | "uuid" | "auditDetails" | "active"> & { active?: boolean }, by: string): StoredUser;
  update(uuid: string, patch: Partial<Omit<StoredUser, "id" | "uuid">>, by: string): StoredUser;
  byUuid(uuid: string): StoredUser | undefined;
  byUserName(userName: string, tenantId: string): StoredUser | undefined;
  all(): StoredUser[];
}

/** Tenants known to the mock: the `tenant.tenants` MDMS master of each state tenant plus the seed. */
export interface TenantDirectory {
  isKnown(tenantId: string): boolean;
  /** `pb.amritsar` → `pb`; `pb` → `pb`. */
  stateOf(tenantId: string): string;
  list(): string[];
}

export interface MockContext {
  readonly options: MockOptions;
  now(): number;
  /** A new random UUID. */
  uuid(): string;
  readonly users: UserDirectory;
  readonly tenants: TenantDirectory;
  readonly mdms: MdmsReader;
  /** The state slice of another service module, by key. */
  slice<T>(key: string): T;
  /**
   * Call another DIGIT operation as one DIGIT service calls another (the internal door: no token check, no
   * RBAC; the caller is `opts.caller`, else `RequestInfo.userInfo` of `body`). Runs inside the current write,
   * so the outer handler's failure undoes the inner call's writes too. Answers the operation's result; a 4xx
   * is returned, not thrown.
   */
  call(operationId: string, body: Record<string, unknown>, opts?: InternalCallOptions): OperationResult;
}

export interface InternalCallOptions {
  caller?: Caller | null;
  query?: Record<string, string>;
  params?: Record<string, string>;
}

/**
 * One operation's behaviour. Rules for handlers (the core relies on them):
 *
 * 1. **Validate fully, then mutate.** Check everything that can fail (input, references, uniqueness, roles)
 *    before the first write to `slice` or any other slice; answer a 4xx `OperationResult` (or throw
 *    `MockHttpError` from core/errors.ts) on failure. A handler that answers 4xx must not have changed state.
 * 2. **Write ops run in a transaction.** For non-`retrySafe` routes the core passes journaled views of the
 *    slices (`slice`, `ctx.slice()`, `ctx.users`): if the handler throws, every change it made is undone and
 *    the caller gets a 500 envelope. This is a safety net for bugs, not a substitute for rule 1.
 *    Inside a write, `structuredClone` of values read from state works (the core makes it proxy-safe).
 * 3. **Safe ops (searches, counts, GETs) must not mutate** state: they get the raw slice, without a journal.
 * 4. **Honour write lag**: records written get `visibleFrom = ctx.now() + ctx.options.writeLagMs`, and searches
 *    only return records with `visibleFrom <= ctx.now()`.
 * 5. Handlers are synchronous and must not keep references to `slice` objects after returning.
 */
export type OperationHandler<S> = (req: OperationRequest, ctx: MockContext, slice: S) => OperationResult;

/**
 * A building block of the mock: its own JSON-serialisable state slice and its operation handlers.
 * Slices are persisted, snapshotted and reset as a whole by the core.
 */
export interface ServiceModule<S> {
  /** State slice key, e.g. `mdms`. */
  readonly key: string;
  initialState(): S;
  /** Handlers by operationId (`mdms.search`, ...). Every operationId must exist in the route table. */
  readonly handlers: Readonly<Record<string, OperationHandler<S>>>;
  /**
   * Problems with a slice about to be restored (`/_mock/restore`, `--state`, `state.restore()`), one line each,
   * starting with a path relative to the slice (`users.abc.roles: expected an array`); `[]` when it is valid.
   * It gets a prototype-free JSON copy and must not keep it. Without it the core checks the slice's shape
   * against `initialState()` (core/state-shape.ts). Nothing is replaced unless every slice passes.
   */
  validateState?(value: unknown): string[];
  /**
   * What `GET /_mock/state` shows of the slice: no secrets, no key material. Default: the SDK's `redact`
   * (passwords and tokens become "[REDACTED]"). Whatever it leaves out is kept from the running mock when
   * that view is restored (core/public-state.ts). Must not modify `slice`.
   */
  publicState?(slice: S): unknown;
}

/**
 * The `mdms` state slice. Owned by `services/mdms`, read by the core (tenants, RBAC) through
 * `services/mdms/reader.ts`.
 */
export interface MdmsSlice {
  /** Schemas by tenantId, then by schema code. */
  schemas: Record<string, Record<string, MdmsSchemaRecord>>;
  /** Data by tenantId, then schema code, then record id. */
  data: Record<string, Record<string, Record<string, MdmsDataRecord>>>;
}
