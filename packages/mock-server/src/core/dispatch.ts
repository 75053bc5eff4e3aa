/**
 * THE pipeline shared by every transport: route lookup → body decode → limits → schema validation →
 * RequestInfo → tenant check → auth → RBAC → faults → handler (transactional) → result.
 * Nothing here knows about node:http or msw; transports only convert to and from `HandleInput`/`OperationResult`.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import { createAppendOnlyReader, readMdms } from "../services/mdms/reader.js";
import { createUserDirectory, resolveToken, USER_SLICE, type UserSlice } from "../services/user/index.js";
import { UserDirectoryError } from "../services/user/directory.js";
import { presentSessionUser } from "../services/user/present.js";
import { decodeBody, defaultBodyLimits, fromFormData, type BodyLimits, type DecodedBody, type RawBody } from "./body.js";
import { handleControl, isControlPath } from "./control.js";
import { newControlToken } from "./control-token.js";
import { defaultResponse } from "./default-response.js";
import { dict, getOwn } from "./dict.js";
import { digitError, digitFail, ErrorCodes, MockHttpError } from "./errors.js";
import { Faults, type FaultConfig } from "./faults.js";
import { createRbac, type Rbac } from "./rbac.js";
import { findToken, invalidToken, missingToken, MIXED_MODE_ENDPOINTS, nonDigitTokenWarning, rbacDenied } from "./gateway.js";
import { routeFacts } from "../generated/route-facts.gen.js";
import { isPlausibleTenantId, requestTenants } from "./request-tenants.js";
import { createRouter, normalisePath, type Router } from "./router.js";
import { StateContainer } from "./state.js";
import { createTenantDirectory, TENANT_SCHEMA } from "./tenants.js";
import type {
  Caller,
  DigitErrorItem,
  MdmsReader,
  MdmsSlice,
  MockContext,
  MockOptions,
  OperationHandler,
  OperationRequest,
  OperationResult,
  Door,
  ServiceModule,
  StoredUser,
} from "./types.js";
import { createRequestValidator, type RequestSchemas, type RequestValidator } from "./validate.js";
import { callerFromUserInfo } from "./internal-caller.js";
import { withWarnings, type MockWarning } from "./warnings.js";

/** One request as a transport hands it to the core. */
export interface HandleInput {
  method: string;
  /** Path without the query string (a query string is tolerated and split off). */
  path: string;
  query?: Record<string, string | string[] | undefined> | URLSearchParams;
  headers?: Record<string, string | string[] | undefined>;
  /** Raw bytes / text, or an already-parsed JSON object. */
  body?: RawBody;
  /** Already-parsed multipart form (fetch/msw transport). */
  form?: FormData;
  /** `gateway` (default) or `internal`: see `Door` in core/types.ts. */
  door?: Door;
}

export const defaultMockOptions: MockOptions = { strict: false, rbac: true, writeLagMs: 0, tokenTtlSeconds: 7 * 24 * 3600 };

export interface EngineConfig {
  routes: Record<string, RouteDef>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  modules: ServiceModule<any>[];
  options?: Partial<MockOptions>;
  /** Clock (epoch ms); inject one in tests to move time (token expiry, write lag). */
  now?: () => number;
  uuid?: () => string;
  /** Per-operationId JSON Schemas of request bodies; omitted operations are not schema-checked. */
  requestSchemas?: RequestSchemas;
  limits?: Partial<BodyLimits>;
  faults?: FaultConfig;
  random?: () => number;
  /** Called for every warning (a check DIGIT does not make, failed without `--strict`); the server logs them. */
  onWarning?: (warning: MockWarning) => void;
  /** The control API's token (default: a new random one); see core/control-token.ts. */
  controlToken?: string;
}

interface HandlerEntry {
  key: string;
  handler: OperationHandler<unknown>;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Operations whose tenant may not exist yet: provisioning a new state tenant starts with them (route facts'
 * `tenantBootstrap`), plus creating the `tenant.tenants` record itself.
 */
function tenantCheckExempt(route: RouteDef, params: Record<string, string>, body: Record<string, unknown>): boolean {
  if (routeFacts[route.operationId]?.tenantBootstrap) return true;
  if (route.operationId === "mdms.create") {
    const code = params["schemaCode"] ?? (isObj(body["Mdms"]) ? body["Mdms"]["schemaCode"] : undefined);
    return code === TENANT_SCHEMA;
  }
  return false;
}

function flattenQuery(q: HandleInput["query"], path: string): { path: string; query: Record<string, string> } {
  const out = dict<string>();
  const put = (k: string, v: string) => {
    const had = getOwn(out, k);
    out[k] = had === undefined ? v : `${had},${v}`;
  };
  let p = path;
  const qi = p.indexOf("?");
  if (qi >= 0) {
    for (const [k, v] of new URLSearchParams(p.slice(qi + 1))) put(k, v);
    p = p.slice(0, qi);
  }
  if (q instanceof URLSearchParams) for (const [k, v] of q) put(k, v);
  else if (q) {
    for (const [k, v] of Object.entries(q)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) put(k, x);
      else put(k, v);
    }
  }
  return { path: p, query: out };
}

function lowerHeaders(h: HandleInput["headers"]): Record<string, string> {
  const out = dict<string>();
  if (!h) return out;
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/** The mock's core: state, context and the request pipeline. Transports wrap `handle`. */
export class MockEngine {
  readonly router: Router;
  readonly state: StateContainer;
  readonly ctx: MockContext;
  readonly options: MockOptions;
  readonly faults: Faults;
  readonly rbac: Rbac;
  private readonly validator: RequestValidator;
  private readonly requestSchemas: RequestSchemas;
  private readonly limits: BodyLimits;
  private readonly handlers = new Map<string, HandlerEntry>();
  private readonly onWarning: ((warning: MockWarning) => void) | undefined;
  readonly routes: Record<string, RouteDef>;
  /**
   * The secret every `/_mock/*` request must carry (`x-mock-control-token` or `Authorization: Bearer`).
   * Engine methods (`state.reset()`, `state.restore()`, `faults.set()`) need none.
   */
  readonly controlToken: string;
  /** Server-side named snapshots (`POST /_mock/snapshot`). */
  readonly savedSnapshots = new Map<string, ReturnType<StateContainer["snapshot"]>>();

  constructor(config: EngineConfig) {
    this.routes = config.routes;
    this.onWarning = config.onWarning;
    if (config.controlToken !== undefined && !/^[\x21-\x7e]{16,512}$/.test(config.controlToken)) {
      throw new Error("The mock's control token must be 16 to 512 printable ASCII characters without spaces.");
    }
    this.controlToken = config.controlToken ?? newControlToken();
    this.options = { ...defaultMockOptions, ...config.options };
    this.router = createRouter(config.routes);
    this.state = new StateContainer(config.modules);
    this.limits = { ...defaultBodyLimits, ...config.limits };
    this.faults = new Faults(config.faults ?? {}, config.random);
    this.requestSchemas = config.requestSchemas ?? {};
    this.validator = createRequestValidator(this.requestSchemas, this.options.strict);
    for (const m of config.modules) {
      for (const [op, handler] of Object.entries(m.handlers)) {
        if (!config.routes[op]) throw new Error(`Service module "${m.key}" has a handler for ${op}, which is not in the route table.`);
        if (this.handlers.has(op)) throw new Error(`Two service modules handle ${op} ("${this.handlers.get(op)!.key}" and "${m.key}").`);
        this.handlers.set(op, { key: m.key, handler: handler as OperationHandler<unknown> });
      }
    }
    const now = config.now ?? Date.now;
    const uuid = config.uuid ?? (() => crypto.randomUUID());
    const state = this.state;
    const hasMdms = state.keys().includes("mdms");
    const options = this.options;
    const appendOnly = hasMdms ? createAppendOnlyReader(() => state.raw<MdmsSlice>("mdms")) : undefined;
    const mdms: MdmsReader = {
      records: (tenantId, schemaCode) => (hasMdms ? readMdms(state.raw<MdmsSlice>("mdms"), tenantId, schemaCode, now()) : []),
      // Write lag makes visibility a matter of time, which an append-only list cannot follow.
      get appendOnly() {
        return options.writeLagMs > 0 ? undefined : appendOnly;
      },
    };
    // With write lag, visibility changes as time passes, so derived caches must not outlive a clock tick.
    const mdmsVersion = () => (options.writeLagMs > 0 ? -now() : state.version("mdms"));
    const tenants = createTenantDirectory(() => (hasMdms ? state.raw<MdmsSlice>("mdms") : undefined), mdms, mdmsVersion);
    const users = createUserDirectory({ slice: () => state.current<UserSlice>(USER_SLICE), now, uuid });
    this.ctx = {
      options,
      now,
      uuid,
      users,
      tenants,
      mdms,
      slice: <T>(key: string) => state.current<T>(key),
      call: (operationId, body, opts = {}) =>
        this.invoke(operationId, body, {
          caller: opts.caller === undefined ? callerFromUserInfo(body["RequestInfo"]) : opts.caller,
          ...(opts.query ? { query: opts.query } : {}),
          ...(opts.params ? { params: opts.params } : {}),
          door: "internal",
        }),
    };
    this.rbac = createRbac(mdms, mdmsVersion);
  }

  /** Handle one request; never throws (an unexpected error becomes a 500 envelope). */
  async handle(input: HandleInput): Promise<OperationResult> {
    try {
      return await this.pipeline(input);
    } catch (err) {
      console.error(`digit-mock: internal error on ${input.method} ${input.path.split("?")[0]}: ${(err as Error)?.stack ?? String(err)}`);
      return digitFail(500, ErrorCodes.internal, "The mock failed while handling this request; this is a mock bug, please report it.");
    }
  }

  /**
   * Whether the operation's body schema requires RequestInfo (the generator marks it required wherever a body
   * declares it; enc's crypto calls and bodies DIGIT ignores, such as any-JSON schemas, do not).
   */
  private requiresRequestInfo(operationId: string): boolean {
    const schema = this.requestSchemas[operationId] as { required?: unknown } | undefined;
    return schema === undefined || (Array.isArray(schema.required) && schema.required.includes("RequestInfo"));
  }

  /** Whether the operation's body may be any JSON value rather than an object. */
  private acceptsAnyJson(operationId: string): boolean {
    const schema = this.requestSchemas[operationId] as { type?: unknown; properties?: unknown } | undefined;
    return schema !== undefined && schema.type === undefined && schema.properties === undefined;
  }

  private async pipeline(input: HandleInput): Promise<OperationResult> {
    const method = input.method.toUpperCase();
    const flat = flattenQuery(input.query, input.path);
    const path = normalisePath(flat.path);
    const query = flat.query;
    const headers = lowerHeaders(input.headers);

    if (path === "/health" || (path.endsWith("/health") && this.router.contexts().includes(path.slice(0, -"/health".length)))) {
      return { status: 200, body: { status: "UP" } };
    }
    if (isControlPath(path)) {
      const before = this.state.commitCount;
      return this.durable(handleControl(this, method, path, input.body, headers), before);
    }

    const match = this.router.match(method, path);
    if (!match) {
      if (this.router.hasPath(path)) {
        return digitFail(405, ErrorCodes.methodNotAllowed, `${method} is not supported on ${path}; DIGIT APIs are POST unless documented otherwise.`);
      }
      const near = this.router.suggest(path);
      return digitError(404, [
        {
          code: ErrorCodes.routeNotFound,
          message: `No DIGIT route ${method} ${path}. Closest known routes: ${near.join(", ")}.`,
          params: near,
        },
      ]);
    }
    const { route, params } = match;

    const delay = this.faults.latency();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));

    let decoded: DecodedBody | OperationResult;
    if (input.form) decoded = await fromFormData(input.form);
    else decoded = await decodeBody(input.body, headers["content-type"], route.body, this.limits, this.acceptsAnyJson(route.operationId));
    if ("status" in decoded) return decoded;
    const { files } = decoded;
    let body = decoded.body;
    const requestInfo = body["RequestInfo"];

    if (route.body === "json" && method === "POST") {
      if (!isObj(requestInfo) && this.requiresRequestInfo(route.operationId)) {
        return digitFail(400, ErrorCodes.requestInfoMissing, `RequestInfo is required in the body of ${route.path}: {"RequestInfo": {"apiId": ..., "authToken": ...}, ...}.`);
      }
      const schemaError = this.validator.validate(route.operationId, body, requestInfo);
      if (schemaError) return schemaError;
    }

    const tenants = requestTenants(query, body);
    const implausible = tenants.filter((t) => !isPlausibleTenantId(t));
    if (implausible.length) {
      return digitError(
        400,
        implausible.slice(0, 5).map((t) => ({
          code: ErrorCodes.invalidTenant,
          message: `"${t.slice(0, 80)}" is not a DIGIT tenant id: use a state (pb) or a city (pb.amritsar) made of letters, digits, "_" and "-".`,
          params: [t.slice(0, 80)],
        })),
        requestInfo,
      );
    }
    const warnings: string[] = [];
    if (!tenantCheckExempt(route, params, body)) {
      // DIGIT's services do not refuse an unknown tenant (the gateway and most services never look it up).
      const unknown = tenants.filter((t) => !this.ctx.tenants.isKnown(t));
      const errors = unknown.slice(0, 5).map((t) => ({
        code: ErrorCodes.invalidTenant,
        message: `Tenant "${t}" is not known to this DIGIT (known: ${this.ctx.tenants.list().slice(0, 10).join(", ")}). Create it as a tenant.tenants MDMS record first.`,
        params: [t],
      }));
      if (errors.length > 0 && this.options.strict) return digitError(400, errors, requestInfo);
      for (const e of errors) warnings.push(`${e.code}: ${e.message}`);
    }

    const door: Door = input.door ?? "gateway";
    let caller: Caller | null = null;
    if (door === "internal") {
      caller = callerFromUserInfo(requestInfo);
    } else {
      // DIGIT's gateway: open paths (route.auth false) skip auth and RBAC; mixed paths take a token if there is one.
      // The token as zuul reads it; `access_token` in the query and `Authorization: Bearer` are the mock's extras:
      // a warning by default, not read at all under --strict.
      const found = findToken(body, headers, query);
      const extra = found !== null && (found.source === "query" || found.source === "bearer");
      if (extra && route.auth && !this.options.strict) warnings.push(nonDigitTokenWarning(found.source as "query" | "bearer"));
      const token = found && !(extra && this.options.strict) ? found.token : undefined;
      const mixed = MIXED_MODE_ENDPOINTS.has(path);
      if (route.auth) {
        if (!token && !mixed) return missingToken();
        if (token) {
          const user = this.resolveToken(token);
          if (!user) return invalidToken();
          caller = { user, token };
        }
      }
      // Open paths skip the gateway's auth entirely: no caller, and RequestInfo.userInfo passes as sent.
      if (this.options.rbac && route.auth && caller) {
        const verdict = this.rbac.check(caller.user, route, path, tenants);
        if (!verdict.allowed) {
          if (!verdict.lenient || this.options.strict) return rbacDenied();
          warnings.push(verdict.lenient);
        }
      }
    }

    const fault = this.faults.error(route);
    if (fault) return fault;

    if (!route.retrySafe) {
      const blocked = this.state.writeBlocked();
      if (blocked) {
        return digitFail(503, ErrorCodes.stateNotSaved, `The mock cannot save its state (${blocked.message}); writes are refused until it can. Reads still work.`, requestInfo);
      }
    }

    if (door === "gateway" && route.auth && isObj(requestInfo)) {
      // The gateway replaces userInfo with the authenticated user, whatever the client sent (an anonymous call to
      // a mixed path gets none: zuul puts its ANONYMOUS system user there).
      const { userInfo: _sent, ...rest } = requestInfo;
      body = { ...body, RequestInfo: caller ? { ...rest, userInfo: presentSessionUser(caller.user) } : rest };
    }
    const before = this.state.commitCount;
    const result = this.run(route, { operationId: route.operationId, route, body, query, params, headers, files, caller, door, warnings });
    return this.durable(result, before, requestInfo);
  }

  /**
   * `result`, once every change committed since `before` is durable (with `--state`); a 500 envelope
   * naming the file and the OS error when it could not be saved, so the write is never acknowledged.
   */
  private async durable(result: OperationResult, before: number, requestInfo?: unknown): Promise<OperationResult> {
    if (this.state.commitCount === before) return result;
    try {
      await this.state.sync();
      return result;
    } catch (err) {
      return digitFail(
        500,
        ErrorCodes.stateNotSaved,
        `The change was made in memory but could not be saved, so it is not acknowledged: ${(err as Error).message}.`,
        requestInfo,
      );
    }
  }

  private resolveToken(token: string): StoredUser | null {
    if (!this.state.keys().includes(USER_SLICE)) return null;
    return resolveToken(this.state.raw<UserSlice>(USER_SLICE), token, this.ctx.now());
  }

  /** Run an operation's handler (or the default answer), transactionally for writes unless told otherwise. */
  run(route: RouteDef, req: OperationRequest, transactional = !route.retrySafe): OperationResult {
    const result = this.runHandler(route, req, transactional);
    if (req.warnings.length > 0 && this.onWarning) for (const message of req.warnings) this.onWarning({ operationId: route.operationId, message });
    return withWarnings(result, req.warnings);
  }

  private runHandler(route: RouteDef, req: OperationRequest, transactional: boolean): OperationResult {
    const entry = this.handlers.get(route.operationId);
    if (!entry) return defaultResponse(route, req.body["RequestInfo"], this.ctx.now());
    const call = () => entry.handler(req, this.ctx, this.state.current(entry.key));
    try {
      if (transactional) return this.state.write(call);
      const result = call();
      if (!route.retrySafe) this.state.touch();
      return result;
    } catch (err) {
      return this.errorResult(err, req.body["RequestInfo"], route);
    }
  }

  private errorResult(err: unknown, requestInfo: unknown, route: RouteDef): OperationResult {
    if (err instanceof MockHttpError) return err.result;
    if (err instanceof UserDirectoryError) return digitFail(400, err.code, err.message, requestInfo);
    const e = err as { status?: unknown; errors?: unknown };
    if (e && typeof e.status === "number" && e.status >= 400 && e.status < 500 && Array.isArray(e.errors)) {
      return digitError(e.status, e.errors as DigitErrorItem[], requestInfo);
    }
    console.error(`digit-mock: handler for ${route.operationId} threw (state rolled back): ${(err as Error)?.stack ?? String(err)}`);
    return digitFail(500, ErrorCodes.internal, `The mock's ${route.operationId} handler failed; state was rolled back. This is a mock bug, please report it.`, requestInfo);
  }

  /** Whether a service module handles `operationId` (false: the default spec-shaped answer). */
  isStateful(operationId: string): boolean {
    return this.handlers.has(operationId);
  }

  /**
   * Call an operation directly as `caller` (seeding, tests): no gateway checks (tenant, auth, RBAC, faults),
   * but the handler's own validation applies. `transactional: false` skips the undo journal (bulk seeding,
   * where any failure aborts the whole start anyway).
   */
  invoke(
    operationId: string,
    body: Record<string, unknown>,
    opts: { caller?: Caller | null; params?: Record<string, string>; query?: Record<string, string>; transactional?: boolean; door?: Door } = {},
  ): OperationResult {
    const route = this.routes[operationId];
    if (!route) throw new Error(`Unknown operationId ${operationId}.`);
    const req: OperationRequest = {
      operationId,
      route,
      body,
      query: opts.query ?? {},
      params: opts.params ?? {},
      headers: {},
      files: [],
      caller: opts.caller ?? null,
      door: opts.door ?? "internal",
      warnings: [],
    };
    return this.run(route, req, opts.transactional ?? !route.retrySafe);
  }
}
