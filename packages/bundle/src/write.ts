import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import type { KitBoundaryNode } from "./structure.js";
import { MANIFEST } from "./layouts/digit-kit.js";
import type { Bundle } from "./model.js";

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, "_");

/**
 * Writes a bundle in the DIGIT Kit layout (YAML). Passwords are never written. City-level MDMS records go to
 * `mdms/data/<tenant>/`; ACCESSCONTROL masters stay plain `mdms/data` files (no sugar) so the round trip is exact.
 * Returns the relative paths written.
 */
export async function writeBundle(bundle: Bundle, outDir: string): Promise<string[]> {
  const written: string[] = [];
  const put = async (rel: string, value: unknown): Promise<void> => {
    const abs = join(outDir, rel);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }), "utf8");
    written.push(rel);
  };
  await put(MANIFEST, {
    apiVersion: "digit-kit/v1",
    stateTenant: bundle.stateTenant,
    tenants: bundle.tenants.map((t) => ({ ...t.record, code: t.code, name: t.name })),
  });
  for (const s of bundle.mdmsSchemas) {
    await put(`mdms/schemas/${safeName(s.code)}.yaml`, {
      tenantId: s.tenantId,
      code: s.code,
      ...(s.description !== undefined ? { description: s.description } : {}),
      isActive: s.isActive,
      definition: s.definition,
    });
  }
  const bySchema = new Map<string, Record<string, unknown>[]>();
  for (const r of bundle.mdmsData) {
    const file = r.tenantId === bundle.stateTenant ? `mdms/data/${safeName(r.schemaCode)}.yaml` : `mdms/data/${safeName(r.tenantId)}/${safeName(r.schemaCode)}.yaml`;
    const list = bySchema.get(file) ?? [];
    list.push(r.data);
    bySchema.set(file, list);
  }
  for (const [file, list] of bySchema) await put(file, list);
  for (const w of bundle.workflows) await put(`workflows/${safeName(w.businessService.businessService)}.yaml`, w.businessService);
  const loc = new Map<string, Record<string, string>>();
  for (const m of bundle.localization) {
    const key = m.tenantId === bundle.stateTenant ? `${m.locale}/${m.module}` : `${safeName(m.tenantId)}/${m.locale}/${m.module}`;
    const map = loc.get(key) ?? {};
    map[m.code] = m.message;
    loc.set(key, map);
  }
  for (const [key, map] of loc) await put(`localization/${key}.yaml`, map);

  // Entities that no relationship of their tenant places in a tree are written apart, so export loses none.
  const placed = new Set(bundle.boundary.relationships.map((r) => `${r.tenantId}|${r.code}`));
  const loose = bundle.boundary.entities
    .filter((e) => !placed.has(`${e.tenantId}|${e.code}`))
    .map((e) => ({ tenantId: e.tenantId, code: e.code, ...(e.geometry ? { geometry: e.geometry } : {}), ...(e.additionalDetails ? { additionalDetails: e.additionalDetails } : {}) }));
  if (bundle.boundary.hierarchies.length > 0 || loose.length > 0) {
    const hierarchies = bundle.boundary.hierarchies.map((h) => {
      const levels: string[] = [];
      let cur = h.boundaryHierarchy.find((l) => !l.parentBoundaryType);
      while (cur && !levels.includes(cur.boundaryType)) {
        levels.push(cur.boundaryType);
        const type = cur.boundaryType;
        cur = h.boundaryHierarchy.find((l) => l.parentBoundaryType === type);
      }
      const rels = bundle.boundary.relationships.filter((r) => r.tenantId === h.tenantId && r.hierarchyType === h.hierarchyType);
      const entity = new Map(bundle.boundary.entities.filter((e) => e.tenantId === h.tenantId).map((e) => [e.code, e]));
      const node = (code: string, type: string): KitBoundaryNode => {
        const e = entity.get(code);
        const children = rels.filter((r) => r.parent === code).map((r) => node(r.code, r.boundaryType));
        return {
          code,
          type,
          ...(e?.geometry ? { geometry: e.geometry } : {}),
          ...(e?.additionalDetails ? { additionalDetails: e.additionalDetails } : {}),
          ...(children.length > 0 ? { children } : {}),
        };
      };
      const boundaries = rels.filter((r) => !r.parent).map((r) => node(r.code, r.boundaryType));
      return { tenantId: h.tenantId, hierarchyType: h.hierarchyType, levels, boundaries };
    });
    await put("boundaries.yaml", { hierarchies, ...(loose.length > 0 ? { entities: loose } : {}) });
  }
  if (bundle.users.length > 0) {
    await put(
      "users.yaml",
      bundle.users.map((u) => ({
        userName: u.userName,
        name: u.name,
        type: u.type,
        tenantId: u.tenantId,
        ...(u.mobileNumber ? { mobileNumber: u.mobileNumber } : {}),
        ...(u.emailId ? { emailId: u.emailId } : {}),
        roles: u.roles.map((r) => (r.tenantId === u.tenantId ? r.code : { code: r.code, tenantId: r.tenantId })),
      })),
    );
  }
  if (bundle.employees.length > 0) {
    await put(
      "employees.yaml",
      bundle.employees.map((e) => {
        const { password: _p, ...user } = (e.employee.user ?? {}) as Record<string, unknown>;
        return { ...e.employee, code: e.code, tenantId: e.tenantId, user };
      }),
    );
  }
  return written;
}
