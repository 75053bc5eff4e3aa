/** Validates handler results against the 2xx response schema of the canonical OpenAPI spec (test-only). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import { parse } from "yaml";
import type { OperationResult } from "../../src/core/types.js";
import addFormats from "ajv-formats";
import { addOpenApiFormats } from "../../src/core/validate.js";

export const CANONICAL = join(import.meta.dirname, "../../../../specs/canonical");
export const hasCanonical = existsSync(CANONICAL);

const ajv = addOpenApiFormats(addFormats(new Ajv({ strict: false, allErrors: true })));
const cache = new Map<string, ValidateFunction | null>();

interface Operation {
  operationId?: string;
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? v.replace("#/components/schemas/", "#/definitions/") : rewriteRefs(v)]),
    );
  }
  return value;
}

/** The compiled validator of the operation's success response body; null when the spec declares none. */
function validatorFor(operationId: string, status: number): ValidateFunction | null {
  const key = `${operationId}|${status}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const service = operationId.split(".")[0] as string;
  const doc = parse(readFileSync(join(CANONICAL, `${service}.yaml`), "utf8")) as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, unknown>; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
  };
  let validate: ValidateFunction | null = null;
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      if (op.operationId !== operationId) continue;
      let response = op.responses?.[String(status)];
      if (response?.$ref !== undefined) response = doc.components?.responses?.[response.$ref.split("/").pop() as string];
      const schema = response?.content === undefined ? undefined : Object.values(response.content)[0]?.schema;
      if (schema !== undefined) validate = ajv.compile({ ...(rewriteRefs(schema) as object), definitions: rewriteRefs(doc.components?.schemas ?? {}) });
    }
  }
  cache.set(key, validate);
  return validate;
}

/**
 * Where the canonical (upstream-derived) spec contradicts DIGIT's observed behaviour, the mock follows
 * DIGIT; these errors are expected.
 */
const KNOWN_DEVIATIONS: Record<string, RegExp[]> = {
  // The spec types the items as objects, but DIGIT (and the spec's own example) answer a string per string value.
  "enc.encrypt": [/^enc\.encrypt: \/\d+ must be object$/],
  // The spec (legacy contract) types ProcessInstance.state and nextActions[] as strings; DIGIT answers State and Action objects.
  "workflow.transition": [/\/ProcessInstances\/\d+\/state must be string$/, /\/ProcessInstances\/\d+\/nextActions\/\d+ must be string$/],
  "workflow.searchProcesses": [/\/ProcessInstances\/\d+\/state must be string$/, /\/ProcessInstances\/\d+\/nextActions\/\d+ must be string$/],
  "workflow.searchEscalated": [/\/ProcessInstances\/\d+\/state must be string$/, /\/ProcessInstances\/\d+\/nextActions\/\d+ must be string$/],
  "workflow.autoEscalate": [/\/ProcessInstances\/\d+\/state must be string$/, /\/ProcessInstances\/\d+\/nextActions\/\d+ must be string$/],
  // The spec's enum is Active/Inactive/Canceled; DIGIT's Status enum serialises as ACTIVE/INACTIVE/CANCELLED.
  "userEvent.create": [/\/events\/\d+\/status must be equal to one of the allowed values$/],
  "userEvent.update": [/\/events\/\d+\/status must be equal to one of the allowed values$/],
  "userEvent.search": [/\/events\/\d+\/status must be equal to one of the allowed values$/],
};

/** Problems of `result` against the spec ("" entries never); empty when it conforms or the spec has no schema. */
export function specProblems(operationId: string, result: OperationResult): string[] {
  if (result.raw !== undefined) return [];
  const validate = validatorFor(operationId, result.status);
  if (validate === null) return [];
  if (validate(result.body)) return [];
  const expected = KNOWN_DEVIATIONS[operationId] ?? [];
  return (validate.errors ?? [])
    .map((e) => `${operationId}: ${e.instancePath || "/"} ${e.message ?? ""}`)
    .filter((p) => !expected.some((re) => re.test(p)));
}
