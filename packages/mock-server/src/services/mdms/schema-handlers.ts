/** mdms-v2 schema definitions: `schema/v1/_create`, `_search`, `_update`. */
import type { MdmsSchemaRecord, MdmsSlice, OperationHandler } from "../../core/types.js";
import { actorOf, newAudit, touchAudit } from "../shared/audit.js";
import { handle, ok, reject, rejectAll } from "../shared/respond.js";
import { tenantChain } from "../shared/tenancy.js";
import { clone, int, list, recordAt, str } from "../shared/values.js";
import { checkDefinition } from "./validation.js";

const DEFAULT_LIMIT = 100;

function readDefinition(body: Record<string, unknown>): { tenantId: string; code: string; input: Record<string, unknown> } {
  const input = recordAt(body, "SchemaDefinition");
  const tenantId = str(input["tenantId"]);
  const code = str(input["code"]);
  if (tenantId === undefined || code === undefined) {
    reject("INVALID_SCHEMA_DEFINITION", "SchemaDefinition.tenantId and SchemaDefinition.code are required.");
  }
  return { tenantId, code, input };
}

export const createSchema: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, code, input } = readDefinition(req.body);
    if (slice.schemas[tenantId]?.[code] !== undefined) {
      reject("DUPLICATE_SCHEMA_CODE", `A schema with code ${code} already exists for tenant ${tenantId}. Use a new code.`, [code]);
    }
    rejectAll(checkDefinition(code, input["definition"]));
    const now = ctx.now();
    const schema: MdmsSchemaRecord = {
      id: ctx.uuid(),
      tenantId,
      code,
      ...(str(input["description"]) === undefined ? {} : { description: str(input["description"]) }),
      definition: clone(input["definition"] as Record<string, unknown>),
      isActive: input["isActive"] !== false,
      auditDetails: newAudit(actorOf(req), now),
      visibleFrom: now + ctx.options.writeLagMs,
    };
    (slice.schemas[tenantId] ??= {})[code] = schema;
    return ok(req, now, 202, { SchemaDefinitions: [toWire(schema)] });
  });

export const searchSchemas: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = recordAt(req.body, "SchemaDefCriteria");
    const tenantId = str(criteria["tenantId"]);
    if (tenantId === undefined) reject("INVALID_SEARCH_CRITERIA", "SchemaDefCriteria.tenantId is required.");
    const codes = list(criteria["codes"]);
    const now = ctx.now();
    let found: MdmsSchemaRecord[] = [];
    for (const tenant of tenantChain(tenantId)) {
      found = Object.values(slice.schemas[tenant] ?? {}).filter(
        (s) => s.visibleFrom <= now && (codes.length === 0 || codes.includes(s.code)),
      );
      if (found.length > 0) break;
    }
    const offset = int(criteria["offset"], 0);
    const limit = int(criteria["limit"], DEFAULT_LIMIT);
    return ok(req, now, 202, { SchemaDefinitions: found.slice(offset, offset + limit).map(toWire) });
  });

/** DIGIT answers 501 (not implemented); the lenient mock replaces the definition so schemas can evolve in tests. */
export const updateSchema: OperationHandler<MdmsSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    if (ctx.options.strict) {
      reject("NOT_IMPLEMENTED", "mdms-v2 does not implement schema/v1/_update; create a schema with a new code instead.", [], 501);
    }
    const { tenantId, code, input } = readDefinition(req.body);
    const existing = slice.schemas[tenantId]?.[code];
    if (existing === undefined) {
      reject("SCHEMA_DEFINITION_NOT_FOUND", `No schema ${code} exists for tenant ${tenantId}; create it with schema/v1/_create.`, [code]);
    }
    rejectAll(checkDefinition(code, input["definition"]));
    const now = ctx.now();
    const updated: MdmsSchemaRecord = {
      ...existing,
      description: str(input["description"]) ?? existing.description,
      definition: clone(input["definition"] as Record<string, unknown>),
      isActive: typeof input["isActive"] === "boolean" ? input["isActive"] : existing.isActive,
      auditDetails: touchAudit(existing.auditDetails, actorOf(req), now),
    };
    (slice.schemas[tenantId] ??= {})[code] = updated;
    return ok(req, now, 202, { SchemaDefinitions: [toWire(updated)] });
  });

function toWire(schema: MdmsSchemaRecord): Record<string, unknown> {
  const { visibleFrom: _hidden, ...rest } = schema;
  return clone(rest);
}
