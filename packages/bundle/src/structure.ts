/**
 * zod schemas for the structure of every bundle file, in both layouts. They check shape only;
 * content rules (MDMS JSON Schema, workflow graph, boundary tree) live in validate/.
 */
import type { BoundaryEntity } from "@digit-kit/sdk";
import { z } from "zod";
import type { IssueSink } from "./errors.js";
import { joinPointer } from "./pointer.js";

const record = z.record(z.string(), z.unknown());
/** A GeoJSON geometry's shape; which types and coordinates boundary-service accepts is checked in validate/boundary.ts. */
const geometry = z.looseObject({ type: z.string(), coordinates: z.array(z.unknown()).optional() });

export const schemaDefinition = z.looseObject({
  tenantId: z.string().optional(),
  code: z.string().min(1),
  description: z.string().nullish(),
  isActive: z.boolean().optional(),
  definition: record,
});
export const schemaFile = z.array(schemaDefinition);

export const mdmsDataFile = z.array(record);

// Workflow shapes: every field of the SDK's BusinessService / State / Action a bundle may set is checked here, so
// the loaded value is a BusinessServiceSpec (model.ts) without a cast. Server-assigned fields are stripped on load.
const optionalText = z.string().nullish();
const optionalFlag = z.boolean().nullish();
export const workflowAction = z.looseObject({
  action: z.string().min(1),
  nextState: z.string().min(1),
  roles: z.array(z.string()),
  tenantId: optionalText,
  active: optionalFlag,
});
export const workflowState = z.looseObject({
  state: z.string().nullable(),
  applicationStatus: optionalText,
  tenantId: optionalText,
  businessServiceId: optionalText,
  sla: z.number().nullish(),
  docUploadRequired: optionalFlag,
  isStartState: optionalFlag,
  isTerminateState: optionalFlag,
  isStateUpdatable: optionalFlag,
  actions: z.array(workflowAction).nullish(),
});
export const businessService = z.looseObject({
  tenantId: z.string().optional(),
  businessService: z.string().min(1),
  business: z.string().min(1),
  getUri: optionalText,
  postUri: optionalText,
  businessServiceSla: z.number().nullish(),
  states: z.array(workflowState).min(1),
});
export const workflowFile = z.looseObject({ BusinessServices: z.array(businessService).min(1) });

export const localizationMessage = z.looseObject({
  code: z.string().min(1),
  message: z.string(),
  module: z.string().min(1),
  locale: z.string().min(1),
});
export const localizationFile = z.array(localizationMessage);

export const hierarchyLevel = z.looseObject({
  boundaryType: z.string().min(1),
  parentBoundaryType: z.string().nullable(),
  active: z.boolean().optional(),
});
export const hierarchyFile = z.looseObject({
  BoundaryHierarchy: z.looseObject({
    tenantId: z.string().min(1),
    hierarchyType: z.string().min(1),
    boundaryHierarchy: z.array(hierarchyLevel).min(1),
  }),
});
export const entityFile = z.array(
  z.looseObject({ tenantId: z.string().min(1), code: z.string().min(1), geometry: geometry.nullish(), additionalDetails: record.nullish() }),
);
export const relationshipFile = z.array(
  z.looseObject({
    tenantId: z.string().min(1),
    code: z.string().min(1),
    hierarchyType: z.string().min(1),
    boundaryType: z.string().min(1),
    parent: z.string().nullable(),
  }),
);

// ---- DIGIT Kit layout ----

export const kitTenant = z.looseObject({ code: z.string().min(1), name: z.string().min(1), type: z.string().optional() });
export const kitManifest = z.looseObject({
  apiVersion: z.literal("digit-kit/v1"),
  stateTenant: z.string().min(1),
  tenants: z.array(kitTenant).default([]),
});
export const kitSchemaFile = z.union([schemaDefinition, z.array(schemaDefinition)]);
export const kitRoles = z.array(z.looseObject({ code: z.string().min(1), name: z.string().min(1), description: z.string().optional() }));
export const kitActions = z.array(
  z.looseObject({ id: z.number(), name: z.string().min(1), url: z.string().min(1) }),
);
export const kitRoleActions = z.array(
  z.looseObject({ role: z.string().min(1), actions: z.array(z.number()).min(1), tenantId: z.string().optional() }),
);
export const kitLocalization = z.record(z.string(), z.string());

export interface KitBoundaryNode {
  code: string;
  type: string;
  geometry?: BoundaryEntity["geometry"];
  additionalDetails?: Record<string, unknown> | null;
  children?: KitBoundaryNode[];
}
const kitBoundaryNode: z.ZodType<KitBoundaryNode> = z.lazy(() =>
  z.object({
    code: z.string().min(1),
    type: z.string().min(1),
    geometry: geometry.nullish(),
    additionalDetails: record.nullish(),
    children: z.array(kitBoundaryNode).optional(),
  }),
);
export const kitBoundaries = z.object({
  hierarchies: z.array(
    z.object({
      tenantId: z.string().min(1),
      hierarchyType: z.string().min(1),
      levels: z.array(z.string().min(1)).min(1),
      boundaries: z.array(kitBoundaryNode).default([]),
    }),
  ).default([]),
  /** Boundary entities no hierarchy links (DIGIT keeps entities and relationships apart). */
  entities: z
    .array(z.object({ tenantId: z.string().min(1), code: z.string().min(1), geometry: geometry.nullish(), additionalDetails: record.nullish() }))
    .default([]),
});
const roleRef = z.union([z.string().min(1), z.looseObject({ code: z.string().min(1), name: z.string().optional(), tenantId: z.string().optional() })]);
export const kitUsers = z.array(
  z.looseObject({
    userName: z.string().min(1),
    name: z.string().min(1),
    type: z.enum(["EMPLOYEE", "CITIZEN", "SYSTEM"]).default("EMPLOYEE"),
    tenantId: z.string().optional(),
    mobileNumber: z.string().optional(),
    emailId: z.string().optional(),
    password: z.string().optional(),
    roles: z.array(roleRef).default([]),
  }),
);
export const kitEmployees = z.array(
  z.looseObject({
    code: z.string().min(1),
    tenantId: z.string().optional(),
    user: z.looseObject({ name: z.string().min(1), userName: z.string().optional(), password: z.string().optional(), roles: z.array(roleRef).default([]) }),
  }),
);

/**
 * Parses `value` with `schema`; on failure records one issue per zod problem (file + JSON pointer) and returns
 * `undefined`.
 */
export function checkShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  sink: IssueSink,
  base = "",
  /** Pointers not to report (a missing key already explained by a typo of it, see known-keys.ts). */
  skip: ReadonlySet<string> = new Set(),
): T | undefined {
  // A file that did not parse has one problem, its syntax error, already recorded.
  if (sink.unparsable.has(file)) return undefined;
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  for (const issue of res.error.issues) {
    if (skip.has(joinPointer(base, ...issue.path))) continue;
    const message = issue.message.replace(/^Invalid input: /, "");
    sink.error(file, joinPointer(base, ...issue.path), message, "Fix the value to match the documented shape (docs/bundles.md).");
  }
  return undefined;
}
