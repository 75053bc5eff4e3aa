/**
 * Adapts the SDK client (`createDigitClient`) to the {@link DigitGateway} the provisioning services use.
 * Request shapes follow DIGIT's wire contracts; list responses are unwrapped here.
 */
import type { DigitClient } from "@digit-kit/sdk";
import type {
  BusinessService,
  DigitGateway,
  LiveBoundary,
  LiveHierarchy,
  LiveMdmsRecord,
  LiveMessage,
  LiveRelationship,
  LiveSchema,
  LiveUser,
} from "./gateway.js";
import { errorCodes } from "./gateway.js";
import { readAll } from "./resources/context.js";

type Loose = (body?: unknown, options?: { query?: Record<string, string | number | boolean | undefined>; params?: Record<string, string> }) => Promise<unknown>;
/** The generated method types are exact per operation; the adapter builds bodies dynamically. */
const op = (fn: unknown): Loose => fn as Loose;
const list = <T>(res: unknown, key: string): T[] => {
  const v = (res as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(v) ? (v as T[]) : [];
};

interface TreeNode {
  id?: string;
  code: string;
  boundaryType: string;
  children?: TreeNode[];
}

/** Creates a gateway over an SDK client that is already configured with base URL and auth. */
export function createSdkGateway(client: DigitClient): DigitGateway {
  return {
    async searchSchemas(tenantId, codes) {
      // Paged to the end: mdms-v2 applies offset/limit (SchemaDefinitionQueryBuilder.java:60-70; default limit 10).
      return readAll(
        async ({ offset, limit }) => list<LiveSchema>(await op(client.mdms.searchSchemas)({ SchemaDefCriteria: { tenantId, ...(codes ? { codes } : {}), offset, limit } }), "SchemaDefinitions"),
        500,
        `schema search at ${tenantId}`,
      );
    },
    async createSchema(schema) {
      await op(client.mdms.createSchema)({ SchemaDefinition: schema });
    },
    async updateSchema(schema) {
      await op(client.mdms.updateSchema)({ SchemaDefinition: schema });
    },

    async searchMdms(tenantId, schemaCode, page) {
      const res = await op(client.mdms.search)({ MdmsCriteria: { tenantId, schemaCode, offset: page.offset, limit: page.limit } });
      return list<LiveMdmsRecord>(res, "mdms");
    },
    async createMdms(record) {
      await op(client.mdms.create)({ Mdms: record }, { params: { schemaCode: record.schemaCode } });
    },
    async updateMdms(record) {
      await op(client.mdms.update)({ Mdms: record }, { params: { schemaCode: record.schemaCode } });
    },

    async searchBusinessServices(tenantId, codes) {
      // DIGIT's V1 search answers nothing without codes; its V2 search lists every business service through the
      // tenant hierarchy.
      if (!codes || codes.length === 0) return list<BusinessService>(await op(client.workflow.searchBusinessServicesV2)({}, { query: { tenantId } }), "BusinessServices");
      const res = await op(client.workflow.searchBusinessServices)({}, { query: { tenantId, businessServices: codes.join(",") } });
      return list<BusinessService>(res, "BusinessServices");
    },
    async createBusinessService(bs) {
      await op(client.workflow.createBusinessService)({ BusinessServices: [bs] });
    },
    async updateBusinessService(bs) {
      await op(client.workflow.updateBusinessService)({ BusinessServices: [bs] });
    },

    async searchMessages(tenantId, locale, module) {
      const res = await op(client.localization.search)({ query: { tenantId, locale, ...(module ? { module } : {}) } });
      return list<LiveMessage>(res, "messages");
    },
    async upsertMessages(tenantId, messages) {
      await op(client.localization.upsert)({ tenantId, messages });
    },

    async searchHierarchies(tenantId, hierarchyType) {
      // Paged to the end: boundary-service caps limit at 300 (BoundaryHierarchyTypeQueryBuilder.java:67-73).
      return readAll(
        async ({ offset, limit }) =>
          list<LiveHierarchy>(
            await op(client.boundary.searchHierarchies)({ BoundaryTypeHierarchySearchCriteria: { tenantId, ...(hierarchyType ? { hierarchyType } : {}), offset, limit } }),
            "BoundaryHierarchy",
          ),
        100,
        `boundary hierarchy search at ${tenantId}`,
      );
    },
    async createHierarchy(h) {
      await op(client.boundary.createHierarchy)({ BoundaryHierarchy: h });
    },
    async searchBoundaries(tenantId, codes) {
      if (codes.length === 0) return [];
      const res = await op(client.boundary.search)({}, { query: { tenantId, codes: codes.join(","), limit: codes.length, offset: 0 } });
      return list<LiveBoundary>(res, "Boundary");
    },
    async createBoundaries(items) {
      await op(client.boundary.create)({ Boundary: items });
    },
    async updateBoundaries(items) {
      await op(client.boundary.update)({ Boundary: items });
    },
    async searchRelationships(tenantId, hierarchyType) {
      let res: unknown;
      try {
        res = await op(client.boundary.searchRelationships)({}, { query: { tenantId, hierarchyType, includeChildren: true } });
      } catch (err) {
        // DIGIT refuses a tree search of a hierarchy it does not know (one this bundle is about to create).
        if (errorCodes(err).includes("HIERARCHY_DEFINITION_DOES_NOT_EXIST_ERR")) return [];
        throw err;
      }
      const out: LiveRelationship[] = [];
      const walk = (nodes: TreeNode[] | undefined, parent: string | null): void => {
        for (const n of nodes ?? []) {
          out.push({ ...(n.id ? { id: n.id } : {}), tenantId, code: n.code, hierarchyType, boundaryType: n.boundaryType, parent });
          walk(n.children, n.code);
        }
      };
      for (const tb of list<{ tenantId?: string; hierarchyType?: string; boundary?: TreeNode[] }>(res, "TenantBoundary")) {
        if ((tb.hierarchyType ?? hierarchyType) === hierarchyType) walk(tb.boundary, null);
      }
      return out;
    },
    async createRelationship(r) {
      await op(client.boundary.createRelationship)({ BoundaryRelationship: r });
    },
    async updateRelationship(r) {
      await op(client.boundary.updateRelationship)({ BoundaryRelationship: r });
    },

    async searchUsers(tenantId, userNames) {
      const found: LiveUser[] = [];
      for (const userName of userNames) {
        const res = await op(client.user.search)({ tenantId, userName, pageSize: 10 });
        found.push(...list<LiveUser>(res, "user").filter((u) => u.userName === userName));
      }
      return found;
    },
    async createUser(user) {
      await op(client.user.createNoValidate)({ user: { active: true, ...user } });
    },
    async updateUser(user) {
      // egov-user answers dob as yyyy-MM-dd but reads dd/MM/yyyy (UserRequest.java @JsonFormat); the update
      // replaces the whole profile, so the user goes back complete, with its dob in the form egov-user reads.
      const dob = typeof user["dob"] === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(user["dob"]) : null;
      await op(client.user.updateNoValidate)({ user: dob ? { ...user, dob: `${dob[3]}/${dob[2]}/${dob[1]}` } : user });
    },

    async searchEmployees(tenantId, codes) {
      const query = (offset: number, limit: number) => ({ query: { tenantId, ...(codes.length ? { codes: codes.join(",") } : {}), limit, offset } });
      if (codes.length > 0) return list<Record<string, unknown>>(await op(client.hrms.search)({}, query(0, Math.max(codes.length, 1))), "Employees");
      // Every employee, paged until an empty page (EmployeeQueryBuilder.java:96-110 applies offset and limit).
      return readAll(async ({ offset, limit }) => list<Record<string, unknown>>(await op(client.hrms.search)({}, query(offset, limit)), "Employees"), 100, `employee search at ${tenantId}`);
    },
    async createEmployees(_tenantId, employees) {
      await op(client.hrms.create)({ Employees: employees });
    },
    async updateEmployees(_tenantId, employees) {
      await op(client.hrms.update)({ Employees: employees });
    },
  };
}
