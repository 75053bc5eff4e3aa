/** The real mock server behind the SDK, as a DigitGateway, plus wrappers to count or cut writes. */
import { createDigitMock } from "@digit-kit/mock-server";
import { createDigitClient } from "@digit-kit/sdk";
import { createSdkGateway, type DigitGateway } from "../../src/services/index.js";

export function createMockGateway(): { gateway: DigitGateway; mock: ReturnType<typeof createDigitMock> } {
  const mock = createDigitMock();
  const client = createDigitClient({
    baseUrl: "http://mock",
    fetch: mock.fetch,
    tenantId: "pg",
    auth: { credentials: { username: "ADMIN", password: "eGov@123", tenantId: "pg", userType: "EMPLOYEE" } },
  });
  return { gateway: createSdkGateway(client), mock };
}

/** Counts write calls and, when `killAfter` is set, fails every write after that many (a killed apply). */
export function meter(gateway: DigitGateway, killAfter?: number): { gateway: DigitGateway; writes: () => number; revive: () => void } {
  let writes = 0;
  let limit = killAfter;
  const wrapped = new Proxy(gateway, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (typeof prop === "string" && prop.startsWith("search")) return value.bind(target);
      return async (...args: unknown[]) => {
        if (limit !== undefined && writes >= limit) throw Object.assign(new Error("socket hang up (simulated kill)"), { name: "DigitConnectionError" });
        writes += 1;
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { gateway: wrapped, writes: () => writes, revive: () => (limit = undefined) };
}
