/**
 * One entry of the route table: everything the SDK, the mock server and the CLI need to know about
 * one DIGIT operation. The table itself is generated (`pnpm generate`) into `src/generated/`.
 */
export type ServiceKey =
  | "user"
  | "access"
  | "mdmsV1"
  | "mdms"
  | "workflow"
  | "localization"
  | "idgen"
  | "filestore"
  | "enc"
  | "boundary"
  | "hrms"
  | "userEvent"
  | "urlShortener"
  | "pdf"
  | "billing"
  | "collection"
  | "pg";

/** How the request body travels on the wire. */
export type BodyEncoding = "json" | "form" | "multipart" | "none";

export interface RouteDef {
  /** Stable id `<service>.<method>`, e.g. `mdms.search`. SDK method names and mock handler keys reuse it. */
  readonly operationId: string;
  readonly service: ServiceKey;
  /** SDK method name inside the service namespace (the operationId without the service prefix). */
  readonly method: string;
  readonly httpMethod: "GET" | "POST";
  /** Full gateway path: context path + path, with `{param}` placeholders. */
  readonly path: string;
  /** Path parameter names in order of appearance. */
  readonly pathParams: readonly string[];
  /** Query parameter names the operation accepts. */
  readonly queryParams: readonly string[];
  readonly body: BodyEncoding;
  /** The 2xx status DIGIT answers with on success (mdms-v2 schema/data writes answer 202). */
  readonly successStatus: number;
  /** Safe to retry without the caller opting in (searches, counts, GETs). */
  readonly retrySafe: boolean;
  /** Whether the call needs an authenticated user (false for login and public GETs). */
  readonly auth: boolean;
  /** Response payload key holding the result list, for pagination (e.g. `mdms`, `Employees`). */
  readonly listKey?: string;
}
