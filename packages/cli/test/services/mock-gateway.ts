/** The real mock server behind the SDK, as a DigitGateway, plus wrappers to count, cut or fail writes. */
import type { Bundle } from "@digit-kit/bundle";
import { createDigitMock } from "@digit-kit/mock-server";
import { createDigitClient, DigitValidationError } from "@digit-kit/sdk";
import { createSdkGateway, readLiveBundle, type DigitGateway } from "../../src/services/index.js";

export interface MockGatewayOptions {
  /** Writes become visible to searches after this many ms (the mock's Kafka persister lag). */
  writeLagMs?: number;
  /** The mock's `--strict`: refuses what DIGIT refuses where the mock is otherwise lenient (e.g. template-path RBAC). */
  strict?: boolean;
  /** A bundle seeded on top of the built-in seed (`loadSeed(dir)`), as `digit-mock --seed`. */
  seed?: Bundle;
}

export function createMockGateway(options: MockGatewayOptions = {}): { gateway: DigitGateway; mock: ReturnType<typeof createDigitMock> } {
  const mock = createDigitMock({
    options: { ...(options.writeLagMs !== undefined ? { writeLagMs: options.writeLagMs } : {}), ...(options.strict ? { strict: true } : {}) },
    ...(options.seed ? { seed: options.seed } : {}),
  });
  const client = createDigitClient({
    baseUrl: "http://mock",
    fetch: mock.fetch,
    tenantId: "pg",
    auth: { credentials: { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" } },
  });
  return { gateway: createSdkGateway(client), mock };
}

type Method = (...args: unknown[]) => Promise<unknown>;

/** `gateway` with every method passed through `wrap(name, call, args)`. */
function around(gateway: DigitGateway, wrap: (name: string, call: () => Promise<unknown>, args: unknown[]) => Promise<unknown>): DigitGateway {
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function" || typeof prop !== "string") return value;
      const method = value as Method;
      return (...args: unknown[]) => wrap(prop, () => method.apply(target, args), args);
    },
  });
}

const isWrite = (name: string): boolean => !name.startsWith("search");

/**
 * Counts write calls (and names them, in order) and, when `killAfter` is set, fails every write after that many
 * (a killed apply) until `revive()`.
 */
export function meter(gateway: DigitGateway, killAfter?: number): { gateway: DigitGateway; writes: () => number; calls: string[]; revive: () => void } {
  let writes = 0;
  let limit = killAfter;
  const calls: string[] = [];
  const wrapped = around(gateway, async (name, call) => {
    if (!isWrite(name)) return call();
    if (limit !== undefined && writes >= limit) throw Object.assign(new Error("socket hang up (simulated kill)"), { name: "DigitConnectionError" });
    writes += 1;
    calls.push(name);
    return call();
  });
  return { gateway: wrapped, writes: () => writes, calls, revive: () => (limit = undefined) };
}

/** A DIGIT validation error (HTTP 400 with `Errors: [{code, message}]`), as the SDK throws it. */
export function digitError(code: string, message: string, operationId = "test"): DigitValidationError {
  return new DigitValidationError({ status: 400, errors: [{ code, message }], operationId, method: "POST", path: "/" });
}

/** Writes for which `rule(name, args)` returns an error throw it instead of reaching DIGIT. */
export function failing(gateway: DigitGateway, rule: (name: string, args: unknown[]) => Error | undefined): DigitGateway {
  return around(gateway, async (name, call, args) => {
    const error = isWrite(name) ? rule(name, args) : undefined;
    if (error) throw error;
    return call();
  });
}

/** MDMS searches answer at most `max` records a page, whatever limit is asked (a server with a page-size cap). */
export function cappedPages(gateway: DigitGateway, max: number): DigitGateway {
  return around(gateway, async (name, call, args) => {
    if (name !== "searchMdms") return call();
    const [tenantId, schemaCode, page] = args as Parameters<DigitGateway["searchMdms"]>;
    return gateway.searchMdms(tenantId, schemaCode, { ...page, limit: Math.min(page.limit, max) });
  });
}

/**
 * What a state tenant holds, read back through DIGIT's searches: a count per resource kind (MDMS records of every
 * schema other than tenant.tenants together), plus the given users found by name at their tenants.
 */
export async function liveCounts(gateway: DigitGateway, tenant: string, options: { locales?: string[]; users?: { tenantId: string; userName: string }[] } = {}): Promise<Record<string, number>> {
  const b = await readLiveBundle(gateway, { tenant, locales: options.locales ?? ["en_IN", "hi_IN"] });
  let users = 0;
  for (const u of options.users ?? []) users += (await gateway.searchUsers(u.tenantId, [u.userName])).length;
  return {
    schemas: b.mdmsSchemas.length,
    tenants: b.tenants.length,
    mdms: b.mdmsData.length,
    workflows: b.workflows.length,
    messages: b.localization.length,
    hierarchies: b.boundary.hierarchies.length,
    boundaries: b.boundary.entities.length,
    relationships: b.boundary.relationships.length,
    users,
    employees: b.employees.length,
  };
}
