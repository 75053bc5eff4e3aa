/**
 * Adapts the SDK client (`createDigitClient`) to the {@link DigitGateway} the provisioning services use.
 * Request shapes follow DIGIT's wire contracts, typed by the SDK's generated methods; list responses are
 * unwrapped here.
 */
import type { DigitClient, Employee, HierarchyRelation } from "@digit-kit/sdk";
import type { BusinessService, DigitGateway, LiveEmployee, LiveMdmsRecord, LiveRelationship, LiveUser } from "./gateway.js";
import { errorCodes } from "./gateway.js";
import { readAll } from "./resources/context.js";

/** Business services the CLI can address: DIGIT answers each with its code and tenant. */
const addressable = (list: readonly (Partial<BusinessService> & object)[] | undefined): BusinessService[] =>
  (list ?? []).filter((bs): bs is BusinessService => typeof bs.businessService === "string" && typeof bs.tenantId === "string");

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** An employee with the fields egov-hrms requires at the top level (nested ones are HRMS's to check). */
const isEmployee = (e: Record<string, unknown>): e is Record<string, unknown> & Employee =>
  typeof e["employeeType"] === "string" && typeof e["tenantId"] === "string" && Array.isArray(e["jurisdictions"]) && Array.isArray(e["assignments"]) && isObject(e["user"]);

/** The bundle's employees as HRMS takes them; one without HRMS's required fields fails before any call. */
function hrmsEmployees(employees: Record<string, unknown>[]): Employee[] {
  return employees.map((e) => {
    if (isEmployee(e)) return e;
    throw new Error(`employee ${String(e["code"] ?? "")}: egov-hrms requires employeeType, tenantId, jurisdictions, assignments and user`);
  });
}

/** Creates a gateway over an SDK client that is already configured with base URL and auth. */
export function createSdkGateway(client: DigitClient): DigitGateway {
  return {
    async searchSchemas(tenantId, codes) {
      // Paged to the end: mdms-v2 applies offset/limit (SchemaDefinitionQueryBuilder.java:60-70; default limit 10).
      return readAll(
        async ({ offset, limit }) => (await client.mdms.searchSchemas({ SchemaDefCriteria: { tenantId, ...(codes ? { codes } : {}), offset, limit } })).SchemaDefinitions ?? [],
        500,
        `schema search at ${tenantId}`,
      );
    },
    async createSchema(schema) {
      await client.mdms.createSchema({ SchemaDefinition: schema });
    },
    async updateSchema(schema) {
      await client.mdms.updateSchema({ SchemaDefinition: schema });
    },

    async searchMdms(tenantId, schemaCode, page) {
      const res = await client.mdms.search({ MdmsCriteria: { tenantId, schemaCode, offset: page.offset, limit: page.limit } });
      return (res.mdms ?? []).filter((r): r is LiveMdmsRecord => typeof r.id === "string");
    },
    async createMdms(record) {
      await client.mdms.create({ Mdms: record }, { params: { schemaCode: record.schemaCode } });
    },
    async updateMdms(record) {
      await client.mdms.update({ Mdms: record }, { params: { schemaCode: record.schemaCode } });
    },

    async searchBusinessServices(tenantId, codes) {
      // DIGIT's V1 search answers nothing without codes; its V2 search lists every business service through the
      // tenant hierarchy.
      if (!codes || codes.length === 0) return addressable((await client.workflow.searchBusinessServicesV2({}, { query: { tenantId } })).BusinessServices);
      const res = await client.workflow.searchBusinessServices({}, { query: { tenantId, businessServices: codes } });
      return addressable(res.BusinessServices);
    },
    async createBusinessService(bs) {
      await client.workflow.createBusinessService({ BusinessServices: [bs] });
    },
    async updateBusinessService(bs) {
      await client.workflow.updateBusinessService({ BusinessServices: [bs] });
    },

    async searchMessages(tenantId, locale, module) {
      const res = await client.localization.search({ query: { tenantId, locale, ...(module ? { module } : {}) } });
      return res.messages ?? [];
    },
    async upsertMessages(tenantId, messages) {
      await client.localization.upsert({ tenantId, messages });
    },

    async searchHierarchies(tenantId, hierarchyType) {
      // Paged to the end: boundary-service caps limit at 300 (BoundaryHierarchyTypeQueryBuilder.java:67-73).
      return readAll(
        async ({ offset, limit }) =>
          (await client.boundary.searchHierarchies({ BoundaryTypeHierarchySearchCriteria: { tenantId, ...(hierarchyType ? { hierarchyType } : {}), offset, limit } }))
            .BoundaryHierarchy ?? [],
        100,
        `boundary hierarchy search at ${tenantId}`,
      );
    },
    async createHierarchy(h) {
      await client.boundary.createHierarchy({ BoundaryHierarchy: h });
    },
    async searchBoundaries(tenantId, codes) {
      if (codes.length === 0) return [];
      const res = await client.boundary.search({}, { query: { tenantId, codes, limit: codes.length, offset: 0 } });
      return res.Boundary ?? [];
    },
    async createBoundaries(items) {
      await client.boundary.create({ Boundary: items });
    },
    async updateBoundaries(items) {
      await client.boundary.update({ Boundary: items });
    },
    async searchRelationships(tenantId, hierarchyType) {
      let trees: HierarchyRelation[];
      try {
        trees = (await client.boundary.searchRelationships({}, { query: { tenantId, hierarchyType, includeChildren: true } })).TenantBoundary ?? [];
      } catch (err) {
        // DIGIT refuses a tree search of a hierarchy it does not know (one this bundle is about to create).
        if (errorCodes(err).includes("HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR")) return [];
        throw err;
      }
      const out: LiveRelationship[] = [];
      const walk = (nodes: HierarchyRelation["boundary"], parent: string | null): void => {
        for (const n of nodes ?? []) {
          out.push({ ...(n.id ? { id: n.id } : {}), tenantId, code: n.code, hierarchyType, boundaryType: n.boundaryType, parent });
          walk(n.children, n.code);
        }
      };
      for (const tb of trees) {
        if ((tb.hierarchyType ?? hierarchyType) === hierarchyType) walk(tb.boundary, null);
      }
      return out;
    },
    async createRelationship(r) {
      await client.boundary.createRelationship({ BoundaryRelationship: r });
    },
    async updateRelationship(r) {
      await client.boundary.updateRelationship({ BoundaryRelationship: r });
    },

    async searchUsers(tenantId, userNames) {
      const found: LiveUser[] = [];
      for (const userName of userNames) {
        const res = await client.user.search({ tenantId, userName, pageSize: 10 });
        found.push(...(res.user ?? []).filter((u): u is LiveUser => u.userName === userName));
      }
      return found;
    },
    async createUser(user) {
      await client.user.createNoValidate({ user: { active: true, ...user } });
    },
    async updateUser(user) {
      // egov-user answers dob as yyyy-MM-dd but reads dd/MM/yyyy (UserRequest.java @JsonFormat); the update
      // replaces the whole profile, so the user goes back complete, with its dob in the form egov-user reads.
      const dob = typeof user.dob === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(user.dob) : null;
      await client.user.updateNoValidate({ user: dob ? { ...user, dob: `${dob[3]}/${dob[2]}/${dob[1]}` } : user });
    },

    async searchEmployees(tenantId, codes) {
      const search = async (offset: number, limit: number): Promise<LiveEmployee[]> =>
        (await client.hrms.search({}, { query: { tenantId, ...(codes.length ? { codes } : {}), limit, offset } })).Employees ?? [];
      if (codes.length > 0) return search(0, Math.max(codes.length, 1));
      // Every employee, paged until an empty page (EmployeeQueryBuilder.java:96-110 applies offset and limit).
      return readAll(({ offset, limit }) => search(offset, limit), 100, `employee search at ${tenantId}`);
    },
    async createEmployees(_tenantId, employees) {
      await client.hrms.create({ Employees: hrmsEmployees(employees) });
    },
    async updateEmployees(_tenantId, employees) {
      await client.hrms.update({ Employees: hrmsEmployees(employees) });
    },
  };
}
