/**
 * DIGIT Kit's own layout: `digit-bundle.yaml` at the root plus YAML (or JSON) files per resource kind.
 * See docs/bundles.md for the reference.
 */
import { basename, extname } from "node:path";
import type { IssueSink } from "../errors.js";
import { exists, listFiles, readData } from "../io.js";
import type { Bundle, BoundaryEntitySpec, BoundaryRelationshipSpec, UserSpec } from "../model.js";
import { joinPointer } from "../pointer.js";
import { resolveSecret } from "../secrets.js";
import * as S from "../structure.js";
import { join } from "node:path";
import { stripWorkflowExtensions } from "./workflow-extensions.js";
import { emptyBundle } from "../empty.js";
import { BOUNDARIES_KEYS, checkKnownKeys, MANIFEST_KEYS } from "../known-keys.js";

export const MANIFEST = "digit-bundle.yaml";
export const ROLES_SCHEMA = "ACCESSCONTROL-ROLES.roles";
export const ACTIONS_SCHEMA = "ACCESSCONTROL-ACTIONS-TEST.actions-test";
export const ROLE_ACTIONS_SCHEMA = "ACCESSCONTROL-ROLEACTIONS.roleactions";
const EXTS = [".yaml", ".yml", ".json"];

export async function isDigitKitLayout(root: string): Promise<boolean> {
  return exists(join(root, MANIFEST));
}

async function optional(root: string, name: string, sink: IssueSink): Promise<[string, unknown] | undefined> {
  for (const ext of EXTS) {
    const f = `${name}${ext}`;
    if (await exists(join(root, f))) return [f, await readData(root, f, sink)];
  }
  return undefined;
}

export async function loadDigitKit(
  root: string,
  env: Record<string, string | undefined>,
  sink: IssueSink,
): Promise<Bundle> {
  const manifestValue = await readData(root, MANIFEST, sink);
  const meant = sink.unparsable.has(MANIFEST) ? new Set<string>() : checkKnownKeys(manifestValue, MANIFEST_KEYS, MANIFEST, sink);
  const manifest = S.checkShape(S.kitManifest, manifestValue, MANIFEST, sink, "", meant);
  const state = manifest?.stateTenant ?? "";
  const bundle = emptyBundle(root, "digit-kit", state);
  manifest?.tenants.forEach((t, i) => {
    const isCity = t.code.includes(".");
    bundle.tenants.push({
      code: t.code,
      name: t.name,
      kind: isCity ? "city" : "state",
      record: { ...t, type: t.type ?? (isCity ? "CITY" : "State") },
      origin: { file: MANIFEST, pointer: `/tenants/${i}` },
    });
  });

  for (const f of await listFiles(root, "mdms/schemas", EXTS)) {
    const v = S.checkShape(S.kitSchemaFile, await readData(root, f, sink), f, sink);
    if (!v) continue;
    const list = Array.isArray(v) ? v : [v];
    list.forEach((s, i) => {
      bundle.mdmsSchemas.push({
        tenantId: s.tenantId ?? state,
        code: s.code,
        // DIGIT requires a description of 2+ characters; default to the code like DIGIT's own seed data.
        description: s.description ?? s.code,
        isActive: s.isActive ?? true,
        definition: s.definition,
        origin: { file: f, pointer: Array.isArray(v) ? `/${i}` : "" },
      });
    });
  }
  for (const f of await listFiles(root, "mdms/data", EXTS)) {
    const schemaCode = basename(f, extname(f));
    // mdms/data/<schemaCode>.yaml is state-level; mdms/data/<tenant>/<schemaCode>.yaml holds a city's own records.
    const parts = f.split("/");
    if (parts.length > 4) {
      sink.error(f, "", "expected mdms/data/<schemaCode>.yaml or mdms/data/<tenant>/<schemaCode>.yaml", "Move the file.");
      continue;
    }
    const tenantId = parts.length === 4 ? parts[2]! : state;
    S.checkShape(S.mdmsDataFile, await readData(root, f, sink), f, sink)?.forEach((data, i) => {
      bundle.mdmsData.push({ tenantId, schemaCode, data, isActive: true, origin: { file: f, pointer: `/${i}` } });
    });
  }

  const roles = await optional(root, "roles", sink);
  if (roles) {
    S.checkShape(S.kitRoles, roles[1], roles[0], sink)?.forEach((r, i) => {
      bundle.mdmsData.push({ tenantId: state, schemaCode: ROLES_SCHEMA, data: r, isActive: true, origin: { file: roles[0], pointer: `/${i}` } });
    });
  }
  const actions = await optional(root, "actions", sink);
  if (actions) {
    S.checkShape(S.kitActions, actions[1], actions[0], sink)?.forEach((a, i) => {
      const data = { displayName: a.name, enabled: true, orderNumber: 1, path: "", serviceCode: "", ...a };
      bundle.mdmsData.push({ tenantId: state, schemaCode: ACTIONS_SCHEMA, data, isActive: true, origin: { file: actions[0], pointer: `/${i}` } });
    });
  }
  const roleActions = await optional(root, "role-actions", sink);
  if (roleActions) {
    S.checkShape(S.kitRoleActions, roleActions[1], roleActions[0], sink)?.forEach((ra, i) => {
      ra.actions.forEach((actionid, j) => {
        bundle.mdmsData.push({
          tenantId: state,
          schemaCode: ROLE_ACTIONS_SCHEMA,
          data: { rolecode: ra.role, actionid, actioncode: "", tenantId: ra.tenantId ?? state },
          isActive: true,
          origin: { file: roleActions[0], pointer: `/${i}/actions/${j}` },
        });
      });
    });
  }

  for (const f of await listFiles(root, "workflows", EXTS)) {
    const bs = S.checkShape(S.businessService, await readData(root, f, sink), f, sink);
    if (!bs) continue;
    const tenantId = bs.tenantId ?? state;
    const cleaned = stripWorkflowExtensions(bs, f, "", sink);
    bundle.workflows.push({
      tenantId,
      businessService: { ...cleaned, tenantId },
      origin: { file: f, pointer: "" },
    });
  }

  for (const f of await listFiles(root, "localization", EXTS)) {
    // localization/<locale>/<module>.yaml is the state's; localization/<tenant>/<locale>/<module>.yaml a city's own.
    const parts = f.split("/");
    if (parts.length !== 3 && parts.length !== 4) {
      sink.error(f, "", "expected localization/<locale>/<module>.yaml or localization/<tenant>/<locale>/<module>.yaml", "Move the file under its locale folder (a city's own messages under its tenant code first).");
      continue;
    }
    const tenantId = parts.length === 4 ? parts[1]! : state;
    const locale = parts[parts.length - 2]!;
    const module = basename(f, extname(f));
    const map = S.checkShape(S.kitLocalization, await readData(root, f, sink), f, sink);
    for (const [code, message] of Object.entries(map ?? {})) {
      bundle.localization.push({ tenantId, locale, module, code, message, origin: { file: f, pointer: joinPointer("", code) } });
    }
  }

  const boundaries = await optional(root, "boundaries", sink);
  if (boundaries) {
    const [f, v] = boundaries;
    const meantKeys = sink.unparsable.has(f) ? new Set<string>() : checkKnownKeys(v, BOUNDARIES_KEYS, f, sink);
    const parsed = S.checkShape(S.kitBoundaries, v, f, sink, "", meantKeys);
    parsed?.hierarchies.forEach((h, hi) => {
      const base = `/hierarchies/${hi}`;
      bundle.boundary.hierarchies.push({
        tenantId: h.tenantId,
        hierarchyType: h.hierarchyType,
        boundaryHierarchy: h.levels.map((t, i) => ({ boundaryType: t, parentBoundaryType: i === 0 ? null : h.levels[i - 1]!, active: true })),
        origin: { file: f, pointer: base },
      });
      const walk = (nodes: S.KitBoundaryNode[], parent: string | null, ptr: string): void => {
        nodes.forEach((n, i) => {
          const p = `${ptr}/${i}`;
          const entity: BoundaryEntitySpec = { tenantId: h.tenantId, code: n.code, origin: { file: f, pointer: p } };
          if (n.geometry != null) entity.geometry = n.geometry;
          if (n.additionalDetails != null) entity.additionalDetails = n.additionalDetails;
          bundle.boundary.entities.push(entity);
          const rel: BoundaryRelationshipSpec = {
            tenantId: h.tenantId,
            code: n.code,
            hierarchyType: h.hierarchyType,
            boundaryType: n.type,
            parent,
            origin: { file: f, pointer: p },
          };
          bundle.boundary.relationships.push(rel);
          if (n.children) walk(n.children, n.code, `${p}/children`);
        });
      };
      walk(h.boundaries, null, `${base}/boundaries`);
    });
    parsed?.entities.forEach((e, i) => {
      const entity: BoundaryEntitySpec = { tenantId: e.tenantId, code: e.code, origin: { file: f, pointer: `/entities/${i}` } };
      if (e.geometry != null) entity.geometry = e.geometry;
      if (e.additionalDetails != null) entity.additionalDetails = e.additionalDetails;
      bundle.boundary.entities.push(entity);
    });
  }

  const users = await optional(root, "users", sink);
  if (users) {
    const [f, v] = users;
    S.checkShape(S.kitUsers, v, f, sink)?.forEach((u, i) => {
      const tenantId = u.tenantId ?? state;
      const password = resolveSecret(u.password, env, f, `/${i}/password`, sink);
      const spec: UserSpec = {
        tenantId,
        userName: u.userName,
        name: u.name,
        type: u.type,
        roles: u.roles.map((r) => (typeof r === "string" ? { code: r, tenantId } : { ...r, tenantId: r.tenantId ?? tenantId })),
        origin: { file: f, pointer: `/${i}` },
      };
      if (u.mobileNumber) spec.mobileNumber = u.mobileNumber;
      if (u.emailId) spec.emailId = u.emailId;
      if (password !== undefined) spec.password = password;
      bundle.users.push(spec);
    });
  }

  const employees = await optional(root, "employees", sink);
  if (employees) {
    const [f, v] = employees;
    S.checkShape(S.kitEmployees, v, f, sink)?.forEach((e, i) => {
      const tenantId = e.tenantId ?? state;
      const password = resolveSecret(e.user.password, env, f, `/${i}/user/password`, sink);
      const user: Record<string, unknown> = {
        ...e.user,
        tenantId,
        userName: e.user.userName ?? e.code,
        roles: e.user.roles.map((r) => (typeof r === "string" ? { code: r, name: r, tenantId } : { name: r.code, ...r, tenantId: r.tenantId ?? tenantId })),
      };
      if (password !== undefined) user.password = password;
      else delete user.password;
      bundle.employees.push({ tenantId, code: e.code, employee: { ...e, tenantId, user }, origin: { file: f, pointer: `/${i}` } });
    });
  }
  return bundle;
}
