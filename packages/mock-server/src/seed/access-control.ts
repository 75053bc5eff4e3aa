/**
 * The built-in roles, one action per route in the table, and role-actions granting them: SUPERUSER everything,
 * EMPLOYEE every search, and each route's `roles` from the overlays (everyday writes, citizen self-service,
 * the PGR roles' calls, the *_ADMIN roles their service).
 */
import type { RouteDef } from "@digit-kit/sdk/routes";
import { routeFacts } from "../generated/route-facts.gen.js";

export const CORE_ROLES: { code: string; name: string; description: string }[] = [
  { code: "SUPERUSER", name: "Super User", description: "Every action on every service" },
  { code: "EMPLOYEE", name: "Employee", description: "Searches and everyday work" },
  { code: "CITIZEN", name: "Citizen", description: "Self-service" },
  { code: "GRO", name: "Grievance Routing Officer", description: "Routes complaints" },
  { code: "PGR-ADMIN", name: "PGR Administrator", description: "Administers complaints" },
  { code: "CSR", name: "Customer Support Representative", description: "Files complaints for citizens" },
  { code: "LME", name: "Last Mile Employee", description: "Resolves complaints" },
  { code: "DGRO", name: "Department GRO", description: "Routes complaints within a department" },
  { code: "PGR_LME", name: "PGR Last Mile Employee", description: "Resolves complaints (DIGIT's PGR workflow role)" },
  { code: "PGR_VIEWER", name: "PGR Viewer", description: "Views complaints" },
  { code: "SUPERVISOR", name: "PGR Supervisor", description: "Handles escalated complaints" },
  { code: "CMS_SCREENING_OFFICER", name: "Complaint Screening Officer", description: "Screens complaints" },
  { code: "HRMS_ADMIN", name: "HRMS Admin", description: "Manages employees" },
  { code: "MDMS_ADMIN", name: "MDMS Admin", description: "Manages master data" },
  { code: "LOC_ADMIN", name: "Localisation Admin", description: "Manages messages" },
  { code: "WORKFLOW_ADMIN", name: "Workflow Admin", description: "Manages business services" },
  { code: "BOUNDARY_ADMIN", name: "Boundary Admin", description: "Manages boundaries" },
];

/** Action ids start high so they do not collide with a bundle's own actions. */
export const ACTION_ID_BASE = 90_001;

/**
 * operationIds granted to each role: SUPERUSER every route, EMPLOYEE every search, and the roles each route's
 * overlay names (`roles`, `adminRole` in specs/overlays, carried into the generated route facts).
 */
export function grants(routes: RouteDef[]): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const grant = (role: string, op: string) => {
    const list = (out[role] ??= []);
    if (!list.includes(op)) list.push(op);
  };
  for (const r of routes) {
    grant("SUPERUSER", r.operationId);
    if (r.retrySafe) grant("EMPLOYEE", r.operationId);
    for (const role of routeFacts[r.operationId]?.roles ?? []) {
      if (!CORE_ROLES.some((c) => c.code === role)) {
        throw new Error(`Route facts grant ${r.operationId} to role ${role}, which the built-in seed does not define (CORE_ROLES).`);
      }
      grant(role, r.operationId);
    }
  }
  return out;
}

export interface ActionRecord {
  id: number;
  name: string;
  url: string;
  displayName: string;
  enabled: boolean;
  orderNumber: number;
  serviceCode: string;
  path: string;
}

/** One action per route, ids stable for a given route table (sorted by operationId). */
export function actionsFor(routes: RouteDef[]): ActionRecord[] {
  return [...routes]
    .sort((a, b) => a.operationId.localeCompare(b.operationId))
    .map((r, i) => ({
      id: ACTION_ID_BASE + i,
      name: r.operationId,
      url: r.path,
      displayName: r.operationId,
      enabled: true,
      orderNumber: i,
      serviceCode: r.service,
      path: "",
    }));
}

/**
 * Actions for the concrete paths of MDMS v2's schema-parameterised routes (`/mdms-v2/v2/_create/tenant.tenants`),
 * one per route and schema code, ids from `firstId`. egov-accesscontrol reads a `{placeholder}` in an action's
 * url as `\w+` (egov-accesscontrol/src/main/java/org/egov/access/util/Utils.java:9-23), which never matches a schema code (they have a dot), so DIGIT's own default data lists these
 * concrete urls; without them the seeded masters could not be written under `--strict`.
 */
export function schemaPathActions(routes: RouteDef[], schemaCodes: readonly string[], firstId: number): { action: ActionRecord; operationId: string }[] {
  const parameterised = [...routes].filter((r) => r.path.includes("{schemaCode}")).sort((a, b) => a.operationId.localeCompare(b.operationId));
  const out: { action: ActionRecord; operationId: string }[] = [];
  for (const r of parameterised) {
    for (const code of [...new Set(schemaCodes)].sort()) {
      const id = firstId + out.length;
      const url = r.path.replace("{schemaCode}", code);
      out.push({ operationId: r.operationId, action: { id, name: `${r.operationId} ${code}`, url, displayName: `${r.operationId} ${code}`, enabled: true, orderNumber: id - ACTION_ID_BASE, serviceCode: r.service, path: "" } });
    }
  }
  return out;
}
