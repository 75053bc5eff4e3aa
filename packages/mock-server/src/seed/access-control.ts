/**
 * The built-in roles, one action per route in the table, and role-actions granting them sensibly:
 * SUPERUSER everything; EMPLOYEE every search plus everyday writes; CITIZEN a few self-service calls;
 * the *_ADMIN roles their own service; PGR roles the workflow and the searches they need.
 */
import type { RouteDef } from "@digit-kit/sdk/routes";

export const CORE_ROLES: { code: string; name: string; description: string }[] = [
  { code: "SUPERUSER", name: "Super User", description: "Every action on every service" },
  { code: "EMPLOYEE", name: "Employee", description: "Searches and everyday work" },
  { code: "CITIZEN", name: "Citizen", description: "Self-service" },
  { code: "GRO", name: "Grievance Routing Officer", description: "Routes complaints" },
  { code: "PGR-ADMIN", name: "PGR Administrator", description: "Administers complaints" },
  { code: "CSR", name: "Customer Support Representative", description: "Files complaints for citizens" },
  { code: "LME", name: "Last Mile Employee", description: "Resolves complaints" },
  { code: "DGRO", name: "Department GRO", description: "Routes complaints within a department" },
  { code: "HRMS_ADMIN", name: "HRMS Admin", description: "Manages employees" },
  { code: "MDMS_ADMIN", name: "MDMS Admin", description: "Manages master data" },
  { code: "LOC_ADMIN", name: "Localisation Admin", description: "Manages messages" },
  { code: "WORKFLOW_ADMIN", name: "Workflow Admin", description: "Manages business services" },
  { code: "BOUNDARY_ADMIN", name: "Boundary Admin", description: "Manages boundaries" },
];

/** Action ids start high so they do not collide with a bundle's own actions. */
export const ACTION_ID_BASE = 90_001;

const EVERYDAY_WRITES = ["user.logout", "user.updateProfile", "user.updatePassword", "filestore.upload", "workflow.transition", "idgen.generate", "enc.encrypt", "enc.decrypt", "enc.sign", "urlShortener.shorten", "pdf.create", "pdf.createNoSave", "userEvent.updateLastAccess"];
const CITIZEN_OPS = ["user.details", "user.logout", "user.updateProfile", "user.updatePassword", "localization.search", "mdms.search", "mdms.searchV1", "mdmsV1.search", "mdmsV1.get", "filestore.upload", "filestore.getMetadata", "workflow.transition", "workflow.searchProcesses", "workflow.searchBusinessServices", "boundary.search", "boundary.searchRelationships", "userEvent.search", "userEvent.updateLastAccess", "userEvent.countNotifications", "billing.fetchBill", "billing.searchBills", "collection.searchPayments", "pg.createTransaction", "pg.searchTransactions"];
const PGR_OPS = ["workflow.transition", "workflow.searchProcesses", "workflow.countProcesses", "workflow.statusCount", "workflow.nearingSlaCount", "workflow.searchEscalated", "workflow.searchBusinessServices", "workflow.searchBusinessServicesV2", "hrms.search", "hrms.count", "user.search", "user.searchV1", "boundary.search", "boundary.searchRelationships", "boundary.searchHierarchies", "localization.search", "mdms.search", "mdms.searchV1", "filestore.upload", "filestore.getMetadata", "idgen.generate"];

const byService = (routes: RouteDef[], ...services: string[]) => routes.filter((r) => services.includes(r.service)).map((r) => r.operationId);

/** operationIds granted to each role. */
export function grants(routes: RouteDef[]): Record<string, string[]> {
  const safe = routes.filter((r) => r.retrySafe).map((r) => r.operationId);
  const known = new Set(routes.map((r) => r.operationId));
  const only = (ops: string[]) => [...new Set(ops)].filter((o) => known.has(o));
  return {
    SUPERUSER: routes.map((r) => r.operationId),
    EMPLOYEE: only([...safe, ...EVERYDAY_WRITES]),
    CITIZEN: only(CITIZEN_OPS),
    GRO: only(PGR_OPS),
    "PGR-ADMIN": only([...PGR_OPS, ...byService(routes, "workflow")]),
    CSR: only(PGR_OPS),
    LME: only(PGR_OPS),
    DGRO: only(PGR_OPS),
    HRMS_ADMIN: only([...byService(routes, "hrms"), "user.search", "user.searchV1", "user.createNoValidate", "user.updateNoValidate", "mdms.search"]),
    MDMS_ADMIN: only(byService(routes, "mdms", "mdmsV1")),
    LOC_ADMIN: only(byService(routes, "localization")),
    WORKFLOW_ADMIN: only(byService(routes, "workflow")),
    BOUNDARY_ADMIN: only(byService(routes, "boundary")),
  };
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
