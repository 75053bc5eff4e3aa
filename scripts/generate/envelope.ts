/**
 * Step 4: de-duplicate the DIGIT envelope. Every upstream copy of RequestInfo, UserInfo, ResponseInfo, ErrorRes,
 * Error, AuditDetails, Role, TenantRole and RequestInfoWrapper (and their `_2` variants) is removed and its refs
 * point at the one hand-written set in specs/overlays/common.yaml.
 */
import { clone, isObject, mapRefs } from "./json.js";
import { loadRepoYaml } from "./load-upstream.js";
import type { JsonObject } from "./types.js";

export const COMMON_OVERLAY = "specs/overlays/common.yaml";

/** Upstream schema names that always denote an envelope schema. `Role`/`User` are ambiguous: overlays map them. */
export const DEFAULT_ENVELOPE: Readonly<Record<string, string>> = {
  RequestInfo: "RequestInfo",
  RequestInfo_2: "RequestInfo",
  UserInfo: "UserInfo",
  ResponseInfo: "ResponseInfo",
  ResponseInfo_2: "ResponseInfo",
  ErrorRes: "ErrorRes",
  ErrorRes_2: "ErrorRes",
  Error: "Error",
  Error_2: "Error",
  AuditDetails: "AuditDetails",
  TenantRole: "TenantRole",
  RequestInfoWrapper: "RequestInfoWrapper",
};

/** The shared envelope component schemas, in file order. */
export function loadCommonSchemas(): JsonObject {
  const doc = loadRepoYaml(COMMON_OVERLAY);
  const components = doc["components"];
  if (!isObject(components) || !isObject(components["schemas"])) {
    throw new Error(`${COMMON_OVERLAY}: expected components.schemas.`);
  }
  return components["schemas"];
}

/** The full common document (for the common types file). */
export function loadCommonDocument(): JsonObject {
  return loadRepoYaml(COMMON_OVERLAY);
}

/**
 * Replace envelope schemas of an OpenAPI 3 document in place. Returns the upstream names that were replaced.
 * Throws when the document has a schema named like a shared one that no mapping covers, so a clash is a decision.
 */
export function replaceEnvelope(doc: JsonObject, extra: Record<string, string>, common: JsonObject, where: string): string[] {
  const components = isObject(doc["components"]) ? doc["components"] : (doc["components"] = {});
  const schemas = isObject(components["schemas"]) ? components["schemas"] : (components["schemas"] = {});
  const mapping: Record<string, string> = { ...DEFAULT_ENVELOPE, ...extra };
  const replaced: string[] = [];
  for (const name of Object.keys(schemas)) {
    const target = mapping[name];
    if (target !== undefined) {
      if (!(target in common)) throw new Error(`${where}: envelope mapping ${name} → ${target} names no shared schema.`);
      delete schemas[name];
      replaced.push(name);
    } else if (name in common) {
      throw new Error(`${where}: schema ${name} clashes with a shared envelope schema; map it under "envelope" in the overlay.`);
    }
  }
  const prefix = "#/components/schemas/";
  mapRefs(doc, (ref) => {
    if (!ref.startsWith(prefix)) return ref;
    const name = ref.slice(prefix.length);
    const target = mapping[name];
    return target !== undefined && replaced.includes(name) ? prefix + target : ref;
  });
  for (const [name, schema] of Object.entries(common)) schemas[name] = clone(schema);
  return replaced;
}
