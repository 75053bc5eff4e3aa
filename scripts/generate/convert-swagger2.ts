/** Step 3: convert Swagger 2.0 upstream files to OpenAPI 3 with swagger2openapi. */
import { convertObj } from "swagger2openapi";
import type { JsonObject } from "./types.js";

export function isSwagger2(doc: JsonObject): boolean {
  return doc["swagger"] === "2.0";
}

export async function convertSwagger2(doc: JsonObject, file: string): Promise<JsonObject> {
  try {
    const { openapi } = await convertObj(doc, { patch: true, warnOnly: true, resolve: false, direct: false });
    return JSON.parse(JSON.stringify(openapi)) as JsonObject;
  } catch (error) {
    throw new Error(`${file}: swagger2openapi failed: ${(error as Error).message}`, { cause: error });
  }
}
