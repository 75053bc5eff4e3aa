/**
 * Opt-in response validation (`@digit-kit/sdk/validate`). Kept in its own entry so zod is only loaded by
 * clients that ask for it (`validate: true` imports this lazily, or pass `createResponseValidator()`).
 *
 * Each success body is checked against the operation's generated zod/mini schema
 * (`src/generated/<service>/schemas.gen.ts`, loaded per service on first use). Schemas are loose objects:
 * unknown fields pass, wrong types and missing required fields fail. Operations without a generated schema
 * get an envelope check (`ResponseInfo` shape, `listKey` is an array).
 */
import * as z from "zod/mini";
import type { RouteDef, ServiceKey } from "../core/route.js";
import type { ResponseValidator } from "../core/validator.js";
import { DigitError } from "../errors.js";

type Schema = z.ZodMiniType;
type SchemaTable = Partial<Record<string, Schema>>;

/** One loader per service, so validating an MDMS call never loads the billing schemas. */
const schemaLoaders: Record<ServiceKey, () => Promise<SchemaTable>> = {
  user: () => import("../generated/user/schemas.gen.js").then((m) => m.userResponseSchemas),
  access: () => import("../generated/access/schemas.gen.js").then((m) => m.accessResponseSchemas),
  mdmsV1: () => import("../generated/mdmsV1/schemas.gen.js").then((m) => m.mdmsV1ResponseSchemas),
  mdms: () => import("../generated/mdms/schemas.gen.js").then((m) => m.mdmsResponseSchemas),
  workflow: () => import("../generated/workflow/schemas.gen.js").then((m) => m.workflowResponseSchemas),
  localization: () => import("../generated/localization/schemas.gen.js").then((m) => m.localizationResponseSchemas),
  idgen: () => import("../generated/idgen/schemas.gen.js").then((m) => m.idgenResponseSchemas),
  filestore: () => import("../generated/filestore/schemas.gen.js").then((m) => m.filestoreResponseSchemas),
  enc: () => import("../generated/enc/schemas.gen.js").then((m) => m.encResponseSchemas),
  boundary: () => import("../generated/boundary/schemas.gen.js").then((m) => m.boundaryResponseSchemas),
  hrms: () => import("../generated/hrms/schemas.gen.js").then((m) => m.hrmsResponseSchemas),
  userEvent: () => import("../generated/userEvent/schemas.gen.js").then((m) => m.userEventResponseSchemas),
  urlShortener: () => import("../generated/urlShortener/schemas.gen.js").then((m) => m.urlShortenerResponseSchemas),
  pdf: () => import("../generated/pdf/schemas.gen.js").then((m) => m.pdfResponseSchemas),
  billing: () => import("../generated/billing/schemas.gen.js").then((m) => m.billingResponseSchemas),
  collection: () => import("../generated/collection/schemas.gen.js").then((m) => m.collectionResponseSchemas),
  pg: () => import("../generated/pg/schemas.gen.js").then((m) => m.pgResponseSchemas),
  pgr: () => import("../generated/pgr/schemas.gen.js").then((m) => m.pgrResponseSchemas),
};

const text = z.optional(z.nullable(z.union([z.string(), z.number()])));
const responseInfo = z.optional(
  z.nullable(z.looseObject({ apiId: text, ver: text, ts: text, resMsgId: text, msgId: text, status: text })),
);
const envelope = z.looseObject({ ResponseInfo: responseInfo, responseInfo });

/** A response did not match the operation's schema. `issues` lists where. */
export class DigitResponseValidationError extends DigitError {
  override name = "DigitResponseValidationError";
  readonly operationId: string;
  readonly issues: { path: string; message: string }[];

  constructor(operationId: string, issues: { path: string; message: string }[]) {
    super(
      `${operationId}: unexpected response shape (${issues
        .slice(0, 5)
        .map((i) => `${i.path || "<root>"}: ${i.message}`)
        .join("; ")}); the server may run a different DIGIT version; turn off \`validate\` to accept it`,
    );
    this.operationId = operationId;
    this.issues = issues;
  }
}

/**
 * The built-in {@link ResponseValidator}.
 *
 * @example
 * ```ts
 * import { createResponseValidator } from "@digit-kit/sdk/validate";
 * const digit = createDigitClient({ baseUrl, tenantId: "pb", validate: createResponseValidator() });
 * ```
 */
export function createResponseValidator(): ResponseValidator {
  const tables = new Map<ServiceKey, Promise<SchemaTable>>();
  return async (route: RouteDef, body: unknown) => {
    // Files, plain-text answers and empty bodies have nothing to check.
    if (body === undefined || typeof body === "string" || (typeof Blob !== "undefined" && body instanceof Blob)) return;
    let table = tables.get(route.service);
    if (!table) tables.set(route.service, (table = schemaLoaders[route.service]?.() ?? Promise.resolve({})));
    const schema = (await table)[route.method];
    const result = (schema ?? envelope).safeParse(body);
    const issues = result.success
      ? []
      : result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    if (!schema && route.listKey && body && typeof body === "object") {
      const list = (body as Record<string, unknown>)[route.listKey];
      if (list != null && !Array.isArray(list)) issues.push({ path: route.listKey, message: "expected an array" });
    }
    if (issues.length) throw new DigitResponseValidationError(route.operationId, issues);
  };
}
