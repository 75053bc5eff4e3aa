import { describe, expect, it } from "vitest";
import { cityTenant, isCityTenant, stateTenantOf } from "../src/tenant.js";

describe("tenant helpers", () => {
  it("stateTenantOf, isCityTenant, cityTenant", () => {
    expect(stateTenantOf("pb.amritsar")).toBe("pb");
    expect(stateTenantOf("pb")).toBe("pb");
    expect(isCityTenant("pb.amritsar")).toBe(true);
    expect(isCityTenant("pb")).toBe(false);
    expect(cityTenant("pb", "amritsar")).toBe("pb.amritsar");
    expect(cityTenant("pb.jalandhar", "Amritsar")).toBe("pb.amritsar");
    expect(() => cityTenant("pb", "")).toThrow(/city code/);
  });
});
