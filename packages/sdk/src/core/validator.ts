import type { RouteDef } from "./route.js";

/**
 * Checks a parsed response body; throws (a `DigitResponseValidationError`) when it does not match.
 * Built-in one: `createResponseValidator()` from `@digit-kit/sdk/validate`.
 */
export type ResponseValidator = (route: RouteDef, body: unknown) => void | Promise<void>;

/** Loads the built-in validator only when `validate: true` is used, so zod stays out of the default bundle. */
export async function loadDefaultValidator(): Promise<ResponseValidator> {
  const mod = await import("../validate/index.js");
  return mod.createResponseValidator();
}
