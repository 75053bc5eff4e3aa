/**
 * One entry of the route table: everything the SDK, the mock server and the CLI need to know about
 * one DIGIT operation. The table itself is generated (`pnpm generate`) into `src/generated/`.
 */
import type { ServiceKey } from "../generated/service-keys.gen.js";

export type { ServiceKey };

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
  /** `binary`: the success body is a file (the SDK answers a `Blob`); JSON otherwise. */
  readonly response?: "binary";
  /** Response key of the number a count operation answers (e.g. `count`). */
  readonly countKey?: string;
  /** DIGIT maps the route but answers 501 Not Implemented; calling it always fails. */
  readonly notImplemented?: true;
  /**
   * `false`: the JSON body has no `RequestInfo` envelope (egov-enc-service, egov-url-shortening); the body is
   * sent as given (any JSON value) and the token, if any, travels in the `auth-token` header.
   */
  readonly requestInfo?: false;
}
