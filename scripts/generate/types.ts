/** Shared types of the spec pipeline. Documents are plain JSON-compatible objects. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One operation entry of a `specs/overlays/<serviceKey>.yaml` file, keyed by SDK method name. */
export interface OperationOverlay {
  /** Upstream operation as `"METHOD /path"` (path as written in the upstream file), or `"alt:METHOD /path"`. */
  from?: string;
  /** Path relative to the context path; defaults to the upstream path minus `upstreamPrefix`. */
  path?: string;
  /** HTTP method fix or method of an added operation. */
  method?: "GET" | "POST" | "PUT";
  retrySafe?: boolean;
  auth?: boolean;
  listKey?: string;
  successStatus?: number;
  /** The POST really takes no body (otherwise a missing upstream body becomes RequestInfoWrapper). */
  noBody?: boolean;
  /**
   * `false`: the JSON body carries no `RequestInfo` envelope (egov-enc-service, egov-url-shortening), so the SDK
   * sends the body as given (any JSON value) and the token, if any, in the `auth-token` header.
   */
  requestInfo?: boolean;
  /** Query parameter renames (upstream name → real name). */
  renameQuery?: Record<string, string>;
  /** Query parameters upstream marks required that DIGIT treats as optional filters. */
  optionalQuery?: string[];
  /**
   * Where DIGIT implements this operation: `<path under ../shared/reference/digit-source>:<line>` of the handler's
   * request mapping. Carried into the canonical spec as `x-digit-source`; `scripts/check-sources.ts` checks it.
   */
  source?: string;
  /** The success body is a file, not JSON (the SDK answers a Blob). */
  response?: "binary";
  /** Key of the number a count operation answers (`count`, `TotalCount`...): the mock's default answer fills it. */
  countKey?: string;
  /** DIGIT answers this route with 501 Not Implemented (kept so clients get DIGIT's answer, not a 404). */
  notImplemented?: boolean;
  /**
   * The mock may skip its (non-DIGIT) unknown-tenant check: the operation is how a new tenant is bootstrapped
   * (login, MDMS schema calls). Mock-only fact, emitted into the mock's route facts.
   */
  tenantBootstrap?: boolean;
  /** Roles the mock's built-in access-control seed grants this action (besides SUPERUSER and the service's admin role). */
  roles?: string[];
  /** OpenAPI 3 operation fragment merged over the upstream operation (responses merge per status). */
  operation?: JsonObject;
}

export interface ServiceOverlay {
  service: string;
  title: string;
  /** Upstream file relative to the specs directory, or null when the overlay authors the whole service. */
  upstream: string | null;
  /** The mock seed's administrator role of this service (granted every operation of it), e.g. `MDMS_ADMIN`. */
  adminRole?: string;
  /** Supplementary upstream file for `alt:` operations. */
  alt?: string;
  contextPath: string;
  /** Prefix the upstream path keys already carry, stripped before the context path is prepended. */
  upstreamPrefix?: string;
  /** Upstream schema name → shared envelope name, on top of the defaults. */
  envelope?: Record<string, string>;
  /** Upstream operations deliberately left out, as `"METHOD /path"`. */
  drop?: string[];
  operations: Record<string, OperationOverlay>;
  /** Deep-merged into upstream component schemas. */
  patches?: Record<string, JsonObject>;
  /** Added or replacing components (schemas replace upstream schemas of the same name). */
  components?: JsonObject;
  defaultSuccessStatus?: number;
}

/** A file the pipeline produces, relative to the repo root. */
export interface OutputFile {
  path: string;
  content: string;
}
