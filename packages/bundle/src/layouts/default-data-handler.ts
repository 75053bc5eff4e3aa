/**
 * DIGIT's default-data-handler layout (CCRS `utilities/default-data-handler` resources):
 * mdms/schemas/*.json, mdms/data/<module>/<schemaCode>.json, workflow/*.json, localization/<locale>/<module>.json,
 * boundary/{hierarchy-definition,entity,relationship}.json, requests/ (ignored).
 */
import { basename } from "node:path";
import { BundleValidationError, type IssueSink } from "../errors.js";
import { listFiles, readData } from "../io.js";
import type { Bundle, MdmsRecordSpec, TenantSpec, WorkflowSpec } from "../model.js";
import { hasPlaceholder, substituteTenant, TENANT_CODE } from "../placeholders.js";
import { joinPointer } from "../pointer.js";
import * as S from "../structure.js";
import { stripWorkflowExtensions } from "./workflow-extensions.js";
import { emptyBundle } from "../empty.js";

/** The tenant.tenants master; its records define the bundle's tenants. */
export const TENANTS_SCHEMA = "tenant.tenants";

/** True when `root` looks like a default-data-handler bundle. */
export async function isDefaultDataHandlerLayout(root: string): Promise<boolean> {
  const probes = await Promise.all(
    ["mdms/schemas", "mdms/data", "workflow", "localization", "boundary"].map((d) => listFiles(root, d, [".json"])),
  );
  return probes.some((p) => p.length > 0);
}

export async function loadDefaultDataHandler(root: string, tenant: string | undefined, sink: IssueSink): Promise<Bundle> {
  const files = [
    ...(await listFiles(root, "mdms", [".json"])),
    ...(await listFiles(root, "workflow", [".json"])),
    ...(await listFiles(root, "localization", [".json"])),
    ...(await listFiles(root, "boundary", [".json"])),
  ];
  const raw = new Map<string, unknown>();
  for (const f of files) {
    const v = await readData(root, f, sink);
    if (v !== undefined) raw.set(f, v);
  }
  const ignored = await listFiles(root, "requests", [".json"]);
  if (ignored.length > 0) {
    sink.warn("requests/", "", `ignored ${ignored.length} file(s): sample request envelopes are not provisioning data`);
  }

  const withPlaceholder = [...raw].filter(([, v]) => hasPlaceholder(v)).map(([f]) => f);
  if (withPlaceholder.length > 0 && !tenant) {
    throw new BundleValidationError(
      withPlaceholder.map((f) => ({
        file: f,
        pointer: "",
        message: "contains the {tenantid} placeholder but no tenant was given",
        hint: "Pass --tenant <state tenant code>, e.g. --tenant pg.",
        severity: "error" as const,
      })),
      root,
    );
  }
  if (tenant !== undefined && !TENANT_CODE.test(tenant)) {
    throw new BundleValidationError(
      [{ file: ".", pointer: "", message: `"${tenant}" is not a valid tenant code`, hint: "Use a code like pb or pg.", severity: "error" }],
      root,
    );
  }
  const get = (f: string): unknown => {
    const v = raw.get(f);
    return tenant ? substituteTenant(v, tenant) : v;
  };

  const bundle = emptyBundle(root, "default-data-handler", tenant ?? "");

  for (const f of files.filter((x) => x.startsWith("mdms/schemas/"))) {
    const list = S.checkShape(S.schemaFile, get(f), f, sink);
    list?.forEach((s, i) => {
      bundle.mdmsSchemas.push({
        tenantId: s.tenantId ?? "",
        code: s.code,
        ...(s.description != null ? { description: s.description } : {}),
        isActive: s.isActive ?? true,
        definition: s.definition,
        origin: { file: f, pointer: `/${i}` },
      });
    });
  }
  if (!bundle.stateTenant) {
    const first = bundle.mdmsSchemas.find((s) => s.tenantId)?.tenantId;
    bundle.stateTenant = first ? first.split(".")[0]! : "";
  }
  if (!bundle.stateTenant) {
    sink.error(".", "", "cannot tell the state tenant: no --tenant and no schema names a tenantId", "Pass --tenant <state tenant code>.");
  }
  for (const s of bundle.mdmsSchemas) if (!s.tenantId) s.tenantId = bundle.stateTenant;

  for (const f of files.filter((x) => x.startsWith("mdms/data/"))) {
    const schemaCode = basename(f, ".json");
    const parts = f.split("/");
    if (parts.length !== 4) {
      sink.warn(f, "", "expected mdms/data/<module>/<schemaCode>.json", "Move the file under its module folder.");
    } else if (parts[2] !== schemaCode.split(".")[0]) {
      sink.warn(f, "", `folder "${parts[2]}" does not match the schema's module "${schemaCode.split(".")[0]}"`);
    }
    const list = S.checkShape(S.mdmsDataFile, get(f), f, sink);
    list?.forEach((data, i) => {
      const rec: MdmsRecordSpec = {
        tenantId: bundle.stateTenant,
        schemaCode,
        data,
        isActive: true,
        origin: { file: f, pointer: `/${i}` },
      };
      if (schemaCode === TENANTS_SCHEMA) bundle.tenants.push(toTenantSpec(rec));
      else bundle.mdmsData.push(rec);
    });
  }

  for (const f of files.filter((x) => x.startsWith("workflow/"))) {
    const v = get(f);
    const parsed = S.checkShape(S.workflowFile, v, f, sink);
    if (!parsed) continue;
    if (v && typeof v === "object" && "notificationTemplates" in v) {
      sink.warn(f, "/notificationTemplates", "stripped the CCRS-only notificationTemplates block (stock egov-workflow-v2 rejects it)");
    }
    parsed.BusinessServices.forEach((bs, i) => {
      const base = `/BusinessServices/${i}`;
      const cleaned = stripWorkflowExtensions(bs, f, base, sink);
      const spec: WorkflowSpec = {
        tenantId: bs.tenantId ?? bundle.stateTenant,
        businessService: { ...cleaned, tenantId: bs.tenantId ?? bundle.stateTenant },
        origin: { file: f, pointer: base },
      };
      if (tenant && spec.tenantId.split(".")[0] !== tenant) {
        // A literal tenant of another state cannot be provisioned into --tenant's state; keeping it would
        // also clash with the placeholder copy of the same business service.
        sink.warn(f, joinPointer(base, "tenantId"), `skipped: targets tenant "${spec.tenantId}", outside the state tenant "${tenant}"`, "Replace the tenantId with {tenantid} to provision it with --tenant.");
        return;
      }
      bundle.workflows.push(spec);
    });
  }

  for (const f of files.filter((x) => x.startsWith("localization/"))) {
    const parts = f.split("/");
    const locale = parts[1] ?? "";
    const list = S.checkShape(S.localizationFile, get(f), f, sink);
    list?.forEach((m, i) => {
      if (m.locale !== locale) sink.warn(f, `/${i}/locale`, `locale "${m.locale}" differs from the folder "${locale}"`);
      bundle.localization.push({
        tenantId: bundle.stateTenant,
        locale: m.locale,
        module: m.module,
        code: m.code,
        message: m.message,
        origin: { file: f, pointer: `/${i}` },
      });
    });
  }

  const hier = files.find((f) => f === "boundary/hierarchy-definition.json");
  if (hier) {
    const h = S.checkShape(S.hierarchyFile, get(hier), hier, sink);
    if (h) {
      bundle.boundary.hierarchies.push({
        tenantId: h.BoundaryHierarchy.tenantId,
        hierarchyType: h.BoundaryHierarchy.hierarchyType,
        boundaryHierarchy: h.BoundaryHierarchy.boundaryHierarchy.map((l) => ({
          boundaryType: l.boundaryType,
          parentBoundaryType: l.parentBoundaryType || null,
          ...(l.active !== undefined ? { active: l.active } : {}),
        })),
        origin: { file: hier, pointer: "/BoundaryHierarchy" },
      });
    }
  }
  const ent = files.find((f) => f === "boundary/entity.json");
  if (ent) {
    S.checkShape(S.entityFile, get(ent), ent, sink)?.forEach((e, i) => {
      bundle.boundary.entities.push({
        tenantId: e.tenantId,
        code: e.code,
        ...(e.geometry != null ? { geometry: e.geometry } : {}),
        ...(e.additionalDetails != null ? { additionalDetails: e.additionalDetails } : {}),
        origin: { file: ent, pointer: `/${i}` },
      });
    });
  }
  const rel = files.find((f) => f === "boundary/relationship.json");
  if (rel) {
    S.checkShape(S.relationshipFile, get(rel), rel, sink)?.forEach((r, i) => {
      bundle.boundary.relationships.push({
        tenantId: r.tenantId,
        code: r.code,
        hierarchyType: r.hierarchyType,
        boundaryType: r.boundaryType,
        parent: r.parent || null,
        origin: { file: rel, pointer: `/${i}` },
      });
    });
  }
  return bundle;
}

/** Builds a TenantSpec from a `tenant.tenants` record. */
export function toTenantSpec(rec: MdmsRecordSpec): TenantSpec {
  const code = String(rec.data.code ?? "");
  return {
    code,
    name: String(rec.data.name ?? code),
    kind: code.includes(".") ? "city" : "state",
    record: rec.data,
    origin: rec.origin,
  };
}
