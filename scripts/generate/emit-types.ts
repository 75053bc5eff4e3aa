/** Step 9: openapi-typescript types per canonical document. */
import openapiTS, { astToString } from "openapi-typescript";
import type { JsonObject, OutputFile } from "./types.js";
import { banner, SDK_GENERATED } from "./emit-route-table.js";

export async function emitTypes(doc: JsonObject, key: string, source: string): Promise<OutputFile> {
  // defaultNonNullable off: a schema default (e.g. idgen `count: 1`) must not make a request field mandatory.
  const ast = await openapiTS(structuredClone(doc) as never, { silent: true, defaultNonNullable: false });
  return { path: `${SDK_GENERATED}/${key}/types.gen.ts`, content: banner(source) + astToString(ast) };
}
