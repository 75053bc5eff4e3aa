/** The per-operation request-body JSON Schemas, generated from the canonical specs (`pnpm generate`). */
export { requestSchemas } from "../generated/request-schemas.gen.js";
