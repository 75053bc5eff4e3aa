/** The append-only MDMS lists RBAC follows, and the role → URLs table built from them. */
import { describe, expect, it } from "vitest";
import { createEngine } from "../src/create-engine.js";
import { RoleActionTable } from "../src/core/role-action-table.js";
import type { MdmsDataRecord, MdmsSlice } from "../src/core/types.js";
import { putRecord } from "../src/services/mdms/store.js";

const RI = { apiId: "test", ver: "1.0", msgId: "m" };
const SCHEMA = "ao.Thing";
const definition = { type: "object", required: ["code"], "x-unique": ["code"], properties: { code: { type: "string" } } };

function engine() {
  const e = createEngine();
  const caller = { user: e.ctx.users.byUserName("ADMIN", "pg")!, token: "" };
  expect(e.invoke("mdms.createSchema", { RequestInfo: RI, SchemaDefinition: { tenantId: "pg", code: SCHEMA, definition } }, { caller }).status).toBe(202);
  const create = (code: string) => e.invoke("mdms.create", { RequestInfo: RI, Mdms: { tenantId: "pg", schemaCode: SCHEMA, data: { code }, isActive: true } }, { caller });
  const list = () => e.ctx.mdms.appendOnly!("pg", SCHEMA);
  const codes = () => list().map((r) => r.data["code"]);
  return { e, caller, create, list, codes };
}

function record(schemaCode: string, id: string, data: Record<string, unknown>): MdmsDataRecord {
  const audit = { createdBy: "x", createdTime: 0, lastModifiedBy: "x", lastModifiedTime: 0 };
  return { id, tenantId: "pg", schemaCode, uniqueIdentifier: id, data, isActive: true, auditDetails: audit, visibleFrom: 0 };
}

describe("MdmsReader.appendOnly", () => {
  it("grows the same list while records are created, and answers what records() answers", () => {
    const { e, create, list, codes } = engine();
    expect(create("A").status).toBe(202);
    const first = list();
    expect(create("B").status).toBe(202);
    expect(list()).toBe(first);
    expect(codes()).toEqual(["A", "B"]);
    expect(list().map((r) => r.id)).toEqual(e.ctx.mdms.records("pg", SCHEMA).map((r) => r.id));
  });

  it("answers another list after an update, a restore, or a rolled-back write it saw", () => {
    const { e, caller, create, list, codes } = engine();
    expect(create("A").status).toBe(202);
    const before = e.state.snapshot();
    const a = list()[0]!;
    const initial = list();
    expect(e.invoke("mdms.update", { RequestInfo: RI, Mdms: { ...a, isActive: false } }, { caller }).status).toBe(202);
    expect(list()).not.toBe(initial);
    expect(codes()).toEqual([]);
    e.state.restore(before);
    expect(codes()).toEqual(["A"]);
    expect(() =>
      e.state.write(() => {
        putRecord(e.state.current<MdmsSlice>("mdms"), record(SCHEMA, "ghost", { code: "GHOST" }));
        expect(codes()).toEqual(["A", "GHOST"]);
        throw new Error("handler bug");
      }),
    ).toThrow("handler bug");
    expect(create("B").status).toBe(202);
    expect(codes()).toEqual(["A", "B"]);
  });
});

describe("RoleActionTable", () => {
  const action = (id: number, url: string) => record("ACCESSCONTROL-ACTIONS-TEST.actions-test", `a${id}`, { id, url });
  const roleAction = (role: string, actionid: number) => record("ACCESSCONTROL-ROLEACTIONS.roleactions", `${role}-${actionid}`, { rolecode: role, actionid });

  it("takes in appended records, a role-action written before its action included, as a full build does", () => {
    const roleActions = [roleAction("EMPLOYEE", 1), roleAction("EMPLOYEE", 2)];
    const actions = [action(1, "/a/_search")];
    const table = new RoleActionTable();
    expect(table.sync(roleActions, actions)).toBe(true);
    expect([...table.byRole.get("EMPLOYEE")!.exact]).toEqual(["/a/_search"]);
    actions.push(action(2, "/b/{code}/_create"));
    roleActions.push(roleAction("ADMIN", 1));
    expect(table.sync(roleActions, actions)).toBe(true);
    const full = new RoleActionTable();
    full.sync([...roleActions], [...actions]);
    for (const t of [table, full]) {
      expect([...t.byRole.get("EMPLOYEE")!.exact]).toEqual(["/a/_search"]);
      expect(t.byRole.get("EMPLOYEE")!.patterns.map((p) => p.url)).toEqual(["/b/{code}/_create"]);
      expect(t.byRole.get("EMPLOYEE")!.patterns[0]!.regex.test("/b/x1/_create")).toBe(true);
      expect([...t.byRole.get("ADMIN")!.exact]).toEqual(["/a/_search"]);
    }
  });

  it("asks for a rebuild when the lists are other arrays or an action id repeats", () => {
    const roleActions = [roleAction("EMPLOYEE", 1)];
    const actions = [action(1, "/a/_search")];
    const table = new RoleActionTable();
    table.sync(roleActions, actions);
    expect(table.sync([...roleActions], actions)).toBe(false);
    actions.push(action(1, "/other/_search"));
    expect(table.sync(roleActions, actions)).toBe(false);
  });
});
