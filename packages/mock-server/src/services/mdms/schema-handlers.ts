/**
 * mdms-v2 schema definitions: `schema/v1/_create`, `_search` and `_update` (SchemaDefinitionController.java,
 * SchemaDefinitionService.java, SchemaDefinitionValidator.java). Schemas live at the state tenant.
 */
import { MockHttpError } from "../../core/errors.js";
import type { MdmsSchemaRecord, MdmsSlice, OperationHandler } from "../../core/types.js";
import { strictOnly } from "../../core/warnings.js";
import { actorOf, newAudit } from "../shared/audit.js";
import { handle, ok } from "../shared/respond.js";
import { stateOf } from "../shared/tenancy.js";
import { clone, isRecord } from "../shared/values.js";
import { DEFAULT_SEARCH_LIMIT, DEFAULT_SEARCH_OFFSET, fail } from "./data-handlers.js";
import { fromErrorMap, MdmsErrors, MockCodes, unhandled } from "./errors.js";
import { putSchema, schemaAt, schemasAt } from "./store.js";
import { attributeListErrors, definitionWarnings } from "./validation.js";

function notNull(path: string): never {
  fail({ code: `NotNull.${path}`, message: "must not be null" });
}

function toWire(schema: MdmsSchemaRecord): Record<string, unknown> {
  const { visibleFrom: _hidden, ...rest } = schema;
  return clone(rest);
}

/**
 * Create: the tenant becomes its state tenant (SchemaDefinitionService.java:46-47); the attribute-list checks and
 * the duplicate check are collected into one HashMap and thrown together (SchemaDefinitionValidator.java:30-43).
 */
export const createSchema: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = req.body["SchemaDefinition"];
    if (!isRecord(input)) notNull("schemaDefinitionRequest.schemaDefinition");
    const tenant = input["tenantId"];
    const code = input["code"];
    const definition = input["definition"];
    if (typeof tenant !== "string") notNull("schemaDefinitionRequest.schemaDefinition.tenantId");
    if (typeof code !== "string") notNull("schemaDefinitionRequest.schemaDefinition.code");
    if (definition === undefined || definition === null) notNull("schemaDefinitionRequest.schemaDefinition.definition");
    // `new JSONObject(definition.toString())` (SchemaDefinitionValidator.java:54) fails on anything but an object.
    if (!isRecord(definition)) fail(unhandled("A JSONObject text must begin with '{' at 1 [character 2 line 1]"));
    const tenantId = stateOf(tenant);
    const now = ctx.now();
    const attributes = attributeListErrors(definition);
    if ("unhandled" in attributes) fail(attributes.unhandled);
    const entries = attributes.entries;
    const existing = schemaAt(slice, tenantId, code);
    // checkSchemaCode searches persisted schemas (any isActive).
    if (existing !== undefined && existing.visibleFrom <= now) entries.push([MdmsErrors.duplicateSchemaCode.code, MdmsErrors.duplicateSchemaCode.message]);
    if (entries.length > 0) throw new MockHttpError(400, fromErrorMap(entries));
    for (const problem of definitionWarnings(definition)) {
      strictOnly(req, ctx, { code: MockCodes.invalidDefinition, message: `SchemaDefinition.definition of ${code}: ${problem}.`, params: [code] });
    }
    const lost = existing !== undefined;
    if (lost) {
      strictOnly(req, ctx, {
        code: MdmsErrors.duplicateSchemaCode.code,
        message: `Schema ${code} at ${tenantId} was created moments ago and is not persisted yet; DIGIT answers 202 but its persister drops this second one (primary key).`,
        params: [code],
      });
    }
    const description = input["description"];
    const schema: MdmsSchemaRecord = {
      id: ctx.uuid(),
      tenantId,
      code,
      ...(typeof description === "string" ? { description } : {}),
      definition: clone(definition),
      isActive: input["isActive"] !== false,
      auditDetails: newAudit(actorOf(req), now),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    if (!lost) putSchema(slice, schema);
    return ok(req, now, 202, { SchemaDefinitions: [toWire(schema)] });
  });

function paging(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === "") return fallback;
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return fallback;
  if (n < 0) fail(MdmsErrors.queryFailed);
  return Math.trunc(n);
}

/**
 * Search at the state tenant of `tenantId`, `code IN codes`, inactive schemas included, newest first, offset 0 and
 * limit 10 by default (SchemaDefinitionQueryBuilder.java).
 */
export const searchSchemas: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = req.body["SchemaDefCriteria"];
    if (!isRecord(criteria)) notNull("schemaDefSearchRequest.schemaDefCriteria");
    const tenant = criteria["tenantId"];
    if (typeof tenant !== "string") notNull("schemaDefSearchRequest.schemaDefCriteria.tenantId");
    const rawCodes = criteria["codes"];
    const codes = Array.isArray(rawCodes) ? new Set(rawCodes.map(String)) : undefined;
    // `code IN ()` is a SQL syntax error.
    if (codes !== undefined && codes.size === 0) fail(MdmsErrors.queryFailed);
    const offset = paging(criteria["offset"], DEFAULT_SEARCH_OFFSET);
    const limit = paging(criteria["limit"], DEFAULT_SEARCH_LIMIT);
    const now = ctx.now();
    const found = schemasAt(slice, stateOf(tenant))
      .map((schema, i) => ({ schema, i }))
      .filter(({ schema }) => schema.visibleFrom <= now && (codes === undefined || codes.has(schema.code)))
      .sort((a, b) => b.schema.auditDetails.createdTime - a.schema.auditDetails.createdTime || b.i - a.i)
      .map(({ schema }) => schema);
    return ok(req, now, 202, { SchemaDefinitions: found.slice(offset, offset + limit).map(toWire) });
  });

/** DIGIT maps `schema/v1/_update` but answers 501 with no body, after validating the body (SchemaDefinitionController.java:58-61). */
export const updateSchema: OperationHandler<MdmsSlice> = (req, ctx) =>
  handle(req, ctx.now(), () => {
    const input = req.body["SchemaDefinition"];
    if (!isRecord(input)) notNull("schemaDefinitionRequest.schemaDefinition");
    for (const field of ["tenantId", "code", "definition"]) {
      if (input[field] === undefined || input[field] === null) notNull(`schemaDefinitionRequest.schemaDefinition.${field}`);
    }
    return { status: 501 };
  });
