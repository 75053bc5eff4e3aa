/** A fake MockContext and request builder for calling service handlers directly. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { routes } from "@digit-kit/sdk/routes";
import type { RouteDef } from "@digit-kit/sdk/routes";
import type {
  Caller,
  MdmsSlice,
  MockContext,
  MockOptions,
  OperationHandler,
  OperationRequest,
  OperationResult,
  RoleRef,
  ServiceModule,
  StoredUser,
  UserDirectory,
} from "../../src/core/types.js";
import { readMdms } from "../../src/services/mdms/reader.js";
import { hasCanonical, specProblems } from "./spec-conformance.js";

/** ../shared beside the project root; tests that need it are skipped where it is absent (a user's machine). */
export const FIXTURES = fileURLToPath(new URL("../../../../../shared/fixtures/digit", import.meta.url));
export const hasFixtures = existsSync(FIXTURES);

/** 2024-05-10T06:00:00Z */
export const T0 = Date.UTC(2024, 4, 10, 6, 0, 0);

export interface FakeContext extends MockContext {
  clock: { now: number };
  slices: Record<string, unknown>;
  options: MockOptions;
}

class FakeUsers implements UserDirectory {
  private readonly users: StoredUser[] = [];
  private seq = 0;
  constructor(private readonly clock: { now: number }) {}
  create(input: Omit<StoredUser, "id" | "uuid" | "auditDetails" | "active"> & { active?: boolean }, by: string): StoredUser {
    this.seq += 1;
    const user: StoredUser = {
      ...input,
      id: this.seq,
      uuid: `user-${this.seq}`,
      active: input.active ?? true,
      auditDetails: { createdBy: by, createdTime: this.clock.now, lastModifiedBy: by, lastModifiedTime: this.clock.now },
    };
    this.users.push(user);
    return user;
  }
  update(uuid: string, patch: Partial<Omit<StoredUser, "id" | "uuid">>, by: string): StoredUser {
    const index = this.users.findIndex((u) => u.uuid === uuid);
    const current = this.users[index];
    if (current === undefined) throw new Error(`no user ${uuid}`);
    const next: StoredUser = { ...current, ...patch, auditDetails: { ...current.auditDetails, lastModifiedBy: by } };
    this.users[index] = next;
    return next;
  }
  byUuid(uuid: string): StoredUser | undefined {
    return this.users.find((u) => u.uuid === uuid);
  }
  byUserName(userName: string, tenantId: string): StoredUser | undefined {
    return this.users.find((u) => u.userName === userName && u.tenantId === tenantId);
  }
  all(): StoredUser[] {
    return [...this.users];
  }
}

/** A context with a fixed, movable clock, counting uuids and in-memory users; `slices` holds other modules' state. */
export function fakeContext(options: Partial<MockOptions> = {}): FakeContext {
  const clock = { now: T0 };
  const slices: Record<string, unknown> = { mdms: { schemas: {}, data: {} } satisfies MdmsSlice };
  let uuidSeq = 0;
  const ctx: FakeContext = {
    clock,
    slices,
    options: { strict: false, rbac: true, writeLagMs: 0, tokenTtlSeconds: 3600, ...options },
    now: () => clock.now,
    uuid: () => {
      uuidSeq += 1;
      return `00000000-0000-4000-8000-${String(uuidSeq).padStart(12, "0")}`;
    },
    users: new FakeUsers(clock),
    tenants: {
      isKnown: () => true,
      stateOf: (t) => t.split(".")[0] ?? t,
      list: () => ["pb", "pb.amritsar"],
    },
    mdms: { records: (tenantId, schemaCode) => readMdms(slices["mdms"] as MdmsSlice, tenantId, schemaCode, clock.now) },
    slice: <T>(key: string) => slices[key] as T,
    call: (operationId) => {
      throw new Error(`ctx.call(${operationId}) is not available in the unit-test harness; test cross-service calls through createDigitMock().`);
    },
  };
  return ctx;
}

export function role(code: string, tenantId = "pb"): RoleRef {
  return { code, name: code, tenantId };
}

/** Registers a user in the fake directory and returns it as a request caller. */
export function caller(ctx: MockContext, roles: RoleRef[], userName = `u${Math.random().toString(36).slice(2, 8)}`): Caller {
  const user = ctx.users.create({ userName, password: "secret", name: userName, type: "EMPLOYEE", tenantId: "pb", roles }, "test");
  return { user, token: `token-${user.uuid}` };
}

export interface RequestInit {
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  params?: Record<string, string>;
  files?: OperationRequest["files"];
  caller?: Caller | null;
  /** Replaces the whole body, e.g. with a bare JSON array (enc `_decrypt`). */
  rawBody?: unknown;
}

export function request(operationId: string, init: RequestInit = {}): OperationRequest {
  const route = (routes as Record<string, RouteDef>)[operationId];
  if (route === undefined) throw new Error(`${operationId} is not in the route table`);
  return {
    operationId,
    route,
    body:
      init.rawBody !== undefined
        ? (init.rawBody as Record<string, unknown>)
        : { RequestInfo: { apiId: "test", ver: "1.0", msgId: "m1" }, ...(init.body ?? {}) },
    query: init.query ?? {},
    params: init.params ?? {},
    headers: {},
    files: init.files ?? [],
    caller: init.caller === undefined ? null : init.caller,
    warnings: [],
  };
}

/** Holds a module's slice and calls its handlers by operationId. */
export class Harness<S> {
  readonly slice: S;
  constructor(
    readonly module: ServiceModule<S>,
    readonly ctx: FakeContext,
  ) {
    this.slice = (ctx.slices[module.key] as S | undefined) ?? module.initialState();
    ctx.slices[module.key] = this.slice;
  }
  call(operationId: string, init: RequestInit = {}): OperationResult {
    const handler: OperationHandler<S> | undefined = this.module.handlers[operationId];
    if (handler === undefined) throw new Error(`${this.module.key} has no handler ${operationId}`);
    const result = handler(request(operationId, init), this.ctx, this.slice);
    // Every answer in these tests (success or error) must match the canonical spec's response schema, where it declares one.
    if (hasCanonical) {
      const problems = specProblems(operationId, result);
      if (problems.length > 0) throw new Error(`Response does not match the canonical spec:\n${problems.join("\n")}`);
    }
    return result;
  }
}

/** The JSON body of a result as a plain record. */
export function bodyOf(result: OperationResult): Record<string, unknown> {
  return result.body as Record<string, unknown>;
}

/** Error codes of a DIGIT error envelope. */
export function errorCodes(result: OperationResult): string[] {
  const errors = (result.body as { Errors?: { code: string }[] } | undefined)?.Errors ?? [];
  return errors.map((e) => e.code);
}

/** The `id` of each error item: the exception class of an unhandled exception (tracer ExceptionAdvise.java:182). */
export function errorIds(result: OperationResult): (string | null)[] {
  const errors = (result.body as { Errors?: { id?: string | null }[] } | undefined)?.Errors ?? [];
  return errors.map((e) => e.id ?? null);
}

/** Replaces `{tenantid}` placeholders in fixture JSON. */
export function substituteTenant<T>(value: T, tenantId: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll("{tenantid}", tenantId)) as T;
}
