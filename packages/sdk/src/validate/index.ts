/**
 * Opt-in response validation (`@digit-kit/sdk/validate`). Kept in its own entry so zod is only loaded by
 * clients that ask for it (`validate: true` imports this lazily, or pass `createResponseValidator()`).
 *
 * It checks DIGIT's envelope: a JSON object whose `ResponseInfo`/`responseInfo` (when present) is an object
 * with string `apiId`/`ver`/`msgId`/`status` fields, and, for searches with a `listKey`, that the list is an array.
 * Per-operation payload schemas are not checked yet.
 */
import * as z from "zod/mini";
import { DigitError } from "../errors.js";
import type { RouteDef } from "../core/route.js";
import type { ResponseValidator } from "../core/validator.js";

const text = z.optional(z.nullable(z.union([z.string(), z.number()])));
const responseInfo = z.optional(
  z.nullable(z.looseObject({ apiId: text, ver: text, ts: text, resMsgId: text, msgId: text, status: text })),
);
const envelope = z.looseObject({ ResponseInfo: responseInfo, responseInfo });

/** A response did not match what the SDK expects. `issues` lists where. */
export class DigitResponseValidationError extends DigitError {
  override name = "DigitResponseValidationError";
  readonly operationId: string;
  readonly issues: { path: string; message: string }[];

  constructor(operationId: string, issues: { path: string; message: string }[]) {
    super(
      `${operationId}: unexpected response shape (${issues.map((i) => `${i.path || "<root>"}: ${i.message}`).join("; ")}); ` +
        "the server may run a different DIGIT version; turn off `validate` to accept it",
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
  return (route: RouteDef, body: unknown) => {
    // Files, plain-text answers and empty bodies have no envelope to check.
    if (body === undefined || typeof body === "string" || (typeof Blob !== "undefined" && body instanceof Blob)) return;
    const result = envelope.safeParse(body);
    const issues = result.success
      ? []
      : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    if (route.listKey && body && typeof body === "object") {
      const list = (body as Record<string, unknown>)[route.listKey];
      if (list !== undefined && list !== null && !Array.isArray(list)) {
        issues.push({ path: route.listKey, message: "expected an array" });
      }
    }
    if (issues.length) throw new DigitResponseValidationError(route.operationId, issues);
  };
}
