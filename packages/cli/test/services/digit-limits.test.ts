/**
 * What DIGIT cannot update is planned as blocked (never written) instead of as a call DIGIT would refuse or
 * silently drop: boundary hierarchy definitions (boundary-service's HierarchyDefinitionController.java maps only
 * _create and _search), boundary additionalDetails (boundary-persister.yml:38 updates only the geometry),
 * relationship retypes and roots (BoundaryRelationshipValidator.java:80-98, BoundaryRelationshipEnricher.java:189).
 * `PlanItem.blocked` is the shape MDMS schemas use too: `{code, message, hint}`.
 */
import { describe, expect, it } from "vitest";
import { apply, employeeUpdate, formatPlan, mergeChildren, NOT_SUPPORTED_BY_DIGIT, plan } from "../../src/services/index.js";
import { loadKit } from "./helpers.js";
import { createMockGateway, meter } from "./mock-gateway.js";

describe("DIGIT's limits in plan and apply", () => {
  it("creates boundaries with the geometry key DIGIT needs, even without a geometry", async () => {
    // An absent geometry key is a NullPointerException in boundary-service (BoundaryEntityValidator.java:70-89);
    // the mock answers it the same way, so creating these boundaries at all shows the key was sent.
    const { gateway } = createMockGateway();
    const bundle = await loadKit();
    expect(bundle.boundary.entities.filter((e) => e.geometry === undefined).length).toBeGreaterThan(0);
    const result = await apply(gateway, bundle, { only: ["boundary-hierarchy", "boundary", "boundary-relationship"] });
    expect(result.failures).toEqual([]);
    expect(await gateway.searchBoundaries("ka.mysuru", bundle.boundary.entities.map((e) => e.code))).toHaveLength(bundle.boundary.entities.length);
  });

  it("plans a changed hierarchy as blocked and reports it on apply without writing", async () => {
    const { gateway: gw } = createMockGateway();
    const bundle = await loadKit();
    await apply(gw, bundle);
    const changed = await loadKit();
    changed.boundary.hierarchies[0]!.boundaryHierarchy.push({ boundaryType: "Block", parentBoundaryType: changed.boundary.hierarchies[0]!.boundaryHierarchy.at(-1)!.boundaryType });
    const p = await plan(gw, changed);
    const item = p.items.find((i) => i.kind === "boundary-hierarchy")!;
    expect(item).toMatchObject({
      action: "update",
      blocked: { code: NOT_SUPPORTED_BY_DIGIT, message: expect.stringContaining("no hierarchy _update"), hint: expect.stringContaining("new hierarchyType") },
    });
    expect(item.run).toBeUndefined();
    const text = formatPlan(p);
    expect(text).toContain(`! boundary-hierarchy ${item.key} (${item.tenantId}): DIGIT cannot change a boundary hierarchy definition once created`);
    expect(text).toContain("1 of the updates cannot be applied");
    const m = meter(gw);
    const result = await apply(m.gateway, changed);
    expect(m.writes()).toBe(0);
    expect(result.failures).toEqual([expect.objectContaining({ kind: "boundary-hierarchy", code: NOT_SUPPORTED_BY_DIGIT, hint: item.blocked!.hint })]);
  });

  it("updates a boundary's geometry but plans an additionalDetails change as blocked", async () => {
    const { gateway: gw } = createMockGateway();
    const bundle = await loadKit();
    await apply(gw, bundle);
    const changed = await loadKit();
    const city = changed.boundary.entities[0]!;
    city.geometry = { type: "Point", coordinates: [76.65, 12.3] };
    const p = await plan(gw, changed);
    expect(p.items.find((i) => i.kind === "boundary" && i.key === city.code)).toMatchObject({ action: "update", run: expect.any(Function) });
    expect((await apply(gw, changed)).failures).toEqual([]);
    city.additionalDetails = { population: 1 };
    const blocked = (await plan(gw, changed)).items.find((i) => i.kind === "boundary" && i.key === city.code)!;
    expect(blocked).toMatchObject({ action: "update", blocked: { code: NOT_SUPPORTED_BY_DIGIT, message: expect.stringContaining("additionalDetails") } });
    expect(blocked.run).toBeUndefined();
  });

  it("moves a relationship horizontally but plans a retype or a root change as blocked", async () => {
    const { gateway: gw } = createMockGateway();
    const bundle = await loadKit();
    await apply(gw, bundle);
    const changed = await loadKit();
    const rels = changed.boundary.relationships;
    const root = rels.find((r) => r.parent === null)!;
    const leaf = rels.find((r) => rels.every((o) => o.parent !== r.code))!;
    const sibling = rels.find((r) => r.boundaryType === rels.find((x) => x.code === leaf.parent)!.boundaryType && r.code !== leaf.parent);
    leaf.boundaryType = "Elsewhere";
    root.parent = leaf.code;
    const p = await plan(gw, changed);
    const byCode = (code: string) => p.items.find((i) => i.kind === "boundary-relationship" && i.key.endsWith(`:${code}`))!;
    expect(byCode(leaf.code).blocked).toMatchObject({ code: NOT_SUPPORTED_BY_DIGIT, message: expect.stringContaining("boundaryType") });
    expect(byCode(root.code).blocked).toMatchObject({ code: NOT_SUPPORTED_BY_DIGIT, message: expect.stringContaining("root") });
    if (sibling) {
      const moved = await loadKit();
      moved.boundary.relationships.find((r) => r.code === leaf.code)!.parent = sibling.code;
      const item = (await plan(gw, moved)).items.find((i) => i.kind === "boundary-relationship" && i.key.endsWith(`:${leaf.code}`))!;
      expect(item).toMatchObject({ action: "update", run: expect.any(Function) });
      expect(item.blocked).toBeUndefined();
    }
  });
});

describe("employee updates keep what DIGIT requires", () => {
  it("keeps every live assignment id and matches the bundle's entries to them", () => {
    const live = [
      { id: "a1", department: "D1", designation: "X", fromDate: 1, isCurrentAssignment: false, toDate: 5, position: 7 },
      { id: "a2", department: "D2", designation: "Y", fromDate: 6, isCurrentAssignment: true, position: 8 },
    ];
    const desired = [{ department: "D3", designation: "Y", fromDate: 6, isCurrentAssignment: true }];
    expect(mergeChildren(desired, live, ["department", "designation", "fromDate"])).toEqual([
      { department: "D3", designation: "Y", fromDate: 6, isCurrentAssignment: true, id: "a1", position: 7 },
      live[1],
    ]);
  });

  it("sends the live ids, uuid and audit with the flags DIGIT dereferences", () => {
    const live = { id: 5, uuid: "u", code: "E1", tenantId: "t", isActive: true, auditDetails: { createdBy: "x" }, user: { uuid: "u", name: "A", dob: 1 }, assignments: [{ id: "a1", department: "D" }], jurisdictions: [{ id: "j1", hierarchy: "H", boundaryType: "City", boundary: "t" }] };
    const desired = { code: "E1", tenantId: "t", employeeType: "TEMPORARY", user: { name: "B", password: "secret" }, assignments: [{ department: "D" }], jurisdictions: [{ hierarchy: "H", boundaryType: "City", boundary: "t" }] };
    const out = employeeUpdate(live, desired);
    expect(out).toMatchObject({ id: 5, uuid: "u", employeeType: "TEMPORARY", isActive: true, reActivateEmployee: false, auditDetails: { createdBy: "x" } });
    expect(out["user"]).toEqual({ uuid: "u", name: "B", dob: 1 });
    expect(out["assignments"]).toEqual([{ id: "a1", department: "D" }]);
    expect(out["jurisdictions"]).toEqual([{ id: "j1", hierarchy: "H", boundaryType: "City", boundary: "t" }]);
  });
});
