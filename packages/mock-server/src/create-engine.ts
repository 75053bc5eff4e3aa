/**
 * Builds a seeded `MockEngine` from the route table and the service registry. Both transports
 * (`createMockServer`, `createDigitMock`) start here.
 */
import type { Bundle } from "@digit-kit/bundle";
import { routes as routeTable } from "@digit-kit/sdk/routes";
import type { RouteDef } from "@digit-kit/sdk/routes";
import { MockEngine, type EngineConfig } from "./core/dispatch.js";
import type { FaultConfig } from "./core/faults.js";
import { requestSchemas } from "./core/request-schemas.js";
import type { StateSnapshot } from "./core/state.js";
import type { MockOptions, RoleRef } from "./core/types.js";
import { applyBundle } from "./seed/apply-bundle.js";
import { accessControlSeed, DEFAULT_CREDENTIALS, defaultSeed, DEFAULT_STATE_TENANT, withSchemaPathActions } from "./seed/default-seed.js";
import { mockOnlyRoutes, serviceModules } from "./services/index.js";

export interface CreateEngineOptions {
  /** A loaded bundle to seed on top of the built-in seed (see `loadSeed` for a directory). */
  seed?: Bundle;
  options?: Partial<MockOptions>;
  faults?: FaultConfig;
  /** Injectable clock (epoch ms). */
  now?: () => number;
  /** Override the route table (tests); defaults to `@digit-kit/sdk/routes`. */
  routes?: Record<string, RouteDef>;
  modules?: EngineConfig["modules"];
  requestSchemas?: EngineConfig["requestSchemas"];
  limits?: EngineConfig["limits"];
  random?: () => number;
  /** Called for each warning: a check DIGIT does not make, failed by a request the mock let through (not `--strict`). */
  onWarning?: EngineConfig["onWarning"];
  /** The control API token (default: a new random one, `engine.controlToken`). */
  controlToken?: string;
}

/** DIGIT's routes plus those only the mock serves (its fake payment gateway); one object, as the seed cache keys on it. */
const defaultRoutes: Record<string, RouteDef> = { ...(routeTable as unknown as Record<string, RouteDef>), ...mockOnlyRoutes };

/** The built-in seed's resulting state, computed once per route table and module list (seeding is the slow part). */
const seededCache = new WeakMap<object, WeakMap<object, StateSnapshot>>();

export function createEngine(opts: CreateEngineOptions = {}): MockEngine {
  const routes = opts.routes ?? defaultRoutes;
  const modules = opts.modules ?? serviceModules;
  const engine = new MockEngine({
    routes,
    modules,
    requestSchemas: opts.requestSchemas ?? requestSchemas,
    ...(opts.options ? { options: opts.options } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.faults ? { faults: opts.faults } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    ...(opts.controlToken !== undefined ? { controlToken: opts.controlToken } : {}),
  });
  const cached = opts.now ? undefined : seededCache.get(routes)?.get(modules);
  if (cached) engine.state.restore(cached);
  else {
    withoutWriteLag(engine, () => applyBundle(engine, defaultSeed(Object.values(routes))));
    if (!opts.now) {
      const byModules = seededCache.get(routes) ?? new WeakMap<object, StateSnapshot>();
      byModules.set(modules, engine.state.snapshot());
      seededCache.set(routes, byModules);
    }
  }
  if (opts.seed) withoutWriteLag(engine, () => seedBundle(engine, opts.seed!));
  engine.state.markSeeded();
  return engine;
}

/**
 * Seed data exists from the start: DIGIT's persister lag delays clients' writes, not the data a
 * deployment boots with (and seeding reads its own writes, e.g. a city tenant before its users).
 */
function withoutWriteLag(engine: MockEngine, run: () => void): void {
  const lag = engine.options.writeLagMs;
  engine.options.writeLagMs = 0;
  try {
    run();
  } finally {
    engine.options.writeLagMs = lag;
  }
}

/** Apply a bundle on top of the built-in seed; its state tenant also gets the access-control masters and ADMIN roles. */
export function seedBundle(engine: MockEngine, bundle: Bundle): void {
  const state = bundle.stateTenant;
  if (state !== DEFAULT_STATE_TENANT) {
    const routes = Object.values(engine.routes);
    const ac = withSchemaPathActions(accessControlSeed(routes, state), routes, state);
    const have = new Set(bundle.mdmsSchemas.filter((s) => s.tenantId === state).map((s) => s.code));
    bundle = {
      ...bundle,
      mdmsSchemas: [...bundle.mdmsSchemas, ...ac.schemas.filter((s) => !have.has(s.code))],
      mdmsData: [...ac.data, ...bundle.mdmsData],
    };
  }
  // Schemas must precede tenant records; applyBundle orders the phases itself.
  applyBundle(engine, bundle);
  if (state !== DEFAULT_STATE_TENANT) {
    engine.state.write(() => {
      const admin = engine.ctx.users.byUserName(DEFAULT_CREDENTIALS.username, DEFAULT_CREDENTIALS.tenantId);
      if (!admin) return;
      const extra: RoleRef[] = [
        { code: "SUPERUSER", name: "Super User", tenantId: state },
        { code: "EMPLOYEE", name: "Employee", tenantId: state },
      ];
      const roles = [...admin.roles, ...extra.filter((r) => !admin.roles.some((x) => x.code === r.code && x.tenantId === r.tenantId))];
      engine.ctx.users.update(admin.uuid, { roles }, "system");
    });
  }
}

/** Load a bundle directory with `@digit-kit/bundle` (imported lazily: only `--seed` needs it). */
export async function loadSeed(dir: string, options: { tenant?: string; env?: Record<string, string | undefined> } = {}): Promise<Bundle> {
  const { loadBundle } = await import("@digit-kit/bundle");
  return loadBundle(dir, options);
}
