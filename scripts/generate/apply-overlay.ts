/**
 * Step 5: build one service's canonical document from its (converted, de-duplicated) upstream document and its
 * hand-edited overlay: path rewrites, method fixes, drops, additions, per-operation metadata, normalised
 * content types and responses.
 */
import { clone, deepMerge, isObject, mapRefs } from "./json.js";
import type { Json, JsonObject, OperationOverlay, ServiceOverlay } from "./types.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
const STATUS_TEXT: Record<string, string> = {
  "200": "OK.",
  "201": "Created.",
  "202": "Accepted.",
  "302": "Redirect.",
  "400": "DIGIT error envelope (validation or business error).",
  "401": "Missing, invalid or expired access token (InvalidAccessTokenException).",
  "403": "The user's roles do not allow this route (AccessDeniedException).",
};
/** Shared error responses every canonical document carries (identical in each). */
export const ERROR_RESPONSES: Record<string, string> = { "400": "BadRequest", "401": "Unauthorized", "403": "Forbidden" };

function errorResponseComponents(): JsonObject {
  const out: JsonObject = {};
  for (const [status, name] of Object.entries(ERROR_RESPONSES)) {
    out[name] = { description: STATUS_TEXT[status] ?? "Error.", content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorRes" } } } };
  }
  return out;
}

interface UpstreamOp {
  op: JsonObject;
  pathParams: Json[];
}

/** Index upstream operations by `"METHOD /path"`. */
export function indexOperations(doc: JsonObject | null): Map<string, UpstreamOp> {
  const index = new Map<string, UpstreamOp>();
  if (!doc || !isObject(doc["paths"])) return index;
  for (const [path, item] of Object.entries(doc["paths"])) {
    if (!isObject(item)) continue;
    const pathParams = Array.isArray(item["parameters"]) ? item["parameters"] : [];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isObject(op)) index.set(`${method.toUpperCase()} ${path}`, { op, pathParams });
    }
  }
  return index;
}

/** `<path under digit-source>:<line>`; the path must be relative and free of `..`. */
export const SOURCE_PATTERN = /^(?!\/)(?!.*\.\.)[\w.@/-]+\.(java|js|ts|properties|yml|yaml|sql|xml):[1-9]\d*$/;

function checkSourceFormat(source: string, where: string): string {
  if (!SOURCE_PATTERN.test(source)) {
    throw new Error(`${where}: source ${JSON.stringify(source)} is not "<path under digit-source>:<line>" (e.g. egov-user/src/main/java/.../UserController.java:88).`);
  }
  return source;
}

function parseFrom(from: string): { alt: boolean; method: string; path: string } {
  const alt = from.startsWith("alt:");
  const [method, path] = (alt ? from.slice(4) : from).split(" ");
  if (!method || !path) throw new Error(`Bad "from" value ${JSON.stringify(from)}: expected "METHOD /path".`);
  return { alt, method, path };
}

function mergeOperation(base: JsonObject, fragment: JsonObject): void {
  for (const [key, value] of Object.entries(fragment)) {
    const current = base[key];
    if (key === "responses" && isObject(current) && isObject(value)) {
      for (const [status, response] of Object.entries(value)) {
        const existing = current[status];
        current[status] = isObject(existing) && isObject(response) ? { ...existing, ...clone(response) } : clone(response);
      }
    } else {
      base[key] = clone(value);
    }
  }
}

/** `*∕*` and duplicate media types collapse to application/json. */
function normaliseContent(content: Json | undefined): JsonObject | undefined {
  if (!isObject(content)) return undefined;
  const out: JsonObject = {};
  for (const [type, media] of Object.entries(content)) {
    const target = type === "*/*" || type === "application/*+json" ? "application/json" : type;
    if (!(target in out)) out[target] = media;
  }
  return out;
}

function isRef(schema: Json | undefined, name: string): boolean {
  return isObject(schema) && schema["$ref"] === `#/components/schemas/${name}`;
}

/** DIGIT reads the envelope as `RequestInfo`; upstream request wrappers that spell it `requestInfo` are renamed. */
function pascalRequestInfo(schema: Json | undefined, schemas: JsonObject, operationId: string): string[] {
  if (!isObject(schema) || typeof schema["$ref"] !== "string") return [];
  const name = schema["$ref"].replace("#/components/schemas/", "");
  const target = schemas[name];
  if (!isObject(target) || !isObject(target["properties"]) || !("requestInfo" in target["properties"])) return [];
  const props = target["properties"];
  target["properties"] = Object.fromEntries(Object.entries(props).map(([k, v]) => [k === "requestInfo" ? "RequestInfo" : k, v]));
  if (Array.isArray(target["required"])) target["required"] = target["required"].map((r) => (r === "requestInfo" ? "RequestInfo" : r));
  return [`${operationId}: request schema ${name} spelled the envelope \`requestInfo\`; renamed to \`RequestInfo\``];
}

function normaliseResponses(op: JsonObject, ov: OperationOverlay, overlay: ServiceOverlay, auth: boolean, where: string): JsonObject {
  const upstream = isObject(op["responses"]) ? op["responses"] : {};
  const successKeys = Object.keys(upstream).filter((s) => /^[23]\d\d$/.test(s)).sort();
  const wanted = ov.successStatus ?? overlay.defaultSuccessStatus;
  let status = wanted !== undefined ? String(wanted) : successKeys[0];
  if (!status) throw new Error(`${where}: no 2xx response; give "successStatus" and a response in the overlay.`);
  const withContent = successKeys.find((s) => isObject(upstream[s]) && isObject((upstream[s] as JsonObject)["content"]));
  const source = (upstream[status] ?? (withContent ? upstream[withContent] : undefined) ?? {}) as Json;
  if (!/^[23]\d\d$/.test(status)) status = "200";
  const success: JsonObject = isObject(source) ? clone(source) : {};
  const content = normaliseContent(success["content"]);
  if (content && Object.keys(content).length > 0) success["content"] = content;
  else delete success["content"];
  if (typeof success["description"] !== "string") success["description"] = STATUS_TEXT[status] ?? "Success.";
  const responses: JsonObject = { [status]: success };
  const errorStatuses = auth ? ["400", "401", "403"] : ["400"];
  for (const code of errorStatuses) {
    const given = ov.operation && isObject(ov.operation["responses"]) ? ov.operation["responses"][code] : undefined;
    responses[code] = isObject(given)
      ? { description: STATUS_TEXT[code] ?? "Error.", ...clone(given) }
      : { $ref: `#/components/responses/${ERROR_RESPONSES[code] as string}` };
  }
  return responses;
}

/** A route DIGIT answers with 501: the gateway's 401/403 and the body validation's 400 still come first. */
function notImplementedResponses(auth: boolean): JsonObject {
  const responses: JsonObject = { "501": { description: "DIGIT maps this route but answers 501 Not Implemented." } };
  for (const code of auth ? ["400", "401", "403"] : ["400"]) responses[code] = { $ref: `#/components/responses/${ERROR_RESPONSES[code] as string}` };
  return responses;
}

function normaliseParameters(params: Json[], ov: OperationOverlay, doc: JsonObject): Json[] {
  const renames = ov.renameQuery ?? {};
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const raw of params) {
    let param = clone(raw);
    if (isObject(param) && typeof param["$ref"] === "string") {
      const name = param["$ref"].replace("#/components/parameters/", "");
      const components = doc["components"];
      const resolved = isObject(components) && isObject(components["parameters"]) ? components["parameters"][name] : undefined;
      if (!isObject(resolved)) throw new Error(`Unresolvable parameter ${param["$ref"]}`);
      param = clone(resolved);
    }
    if (!isObject(param)) continue;
    const name = String(param["name"]);
    if (param["in"] === "query" && name in renames) param["name"] = renames[name] as string;
    if (param["in"] === "query" && ov.optionalQuery?.includes(String(param["name"]))) param["required"] = false;
    const key = `${String(param["in"])}:${String(param["name"])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(param);
  }
  return out;
}

/** Remove component schemas and parameters nothing references (shared envelope schemas always stay). */
function collectGarbage(doc: JsonObject, keep: Set<string>): void {
  const components = doc["components"] as JsonObject;
  const schemas = (components["schemas"] ?? {}) as JsonObject;
  const reachable = new Set<string>(keep);
  const queue: Json[] = [doc["paths"] as Json, ...[...keep].map((k) => schemas[k] as Json)];
  while (queue.length > 0) {
    const node = queue.pop() as Json;
    mapRefs(node, (ref) => {
      const name = ref.replace("#/components/schemas/", "");
      if (ref.startsWith("#/components/schemas/") && !reachable.has(name)) {
        reachable.add(name);
        const schema = schemas[name];
        if (schema !== undefined) queue.push(schema);
      }
      return ref;
    });
  }
  for (const name of Object.keys(schemas)) if (!reachable.has(name)) delete schemas[name];
  delete components["parameters"];
}

export interface OverlayResult {
  doc: JsonObject;
  notes: string[];
}

/**
 * Apply an overlay. `upstream` and `alt` are OpenAPI 3 documents whose envelope schemas were already replaced;
 * `common` is the shared envelope schema set.
 */
export function applyOverlay(overlay: ServiceOverlay, upstream: JsonObject | null, alt: JsonObject | null, common: JsonObject): OverlayResult {
  const where = `specs/overlays/${overlay.service}.yaml`;
  const notes: string[] = [];
  const components: JsonObject = upstream && isObject(upstream["components"]) ? clone(upstream["components"]) : {};
  const schemas = (isObject(components["schemas"]) ? components["schemas"] : (components["schemas"] = {})) as JsonObject;
  for (const [name, schema] of Object.entries(common)) schemas[name] = clone(schema);
  if (alt && isObject(alt["components"]) && isObject(alt["components"]["schemas"])) {
    for (const [name, schema] of Object.entries(alt["components"]["schemas"])) if (!(name in schemas)) schemas[name] = clone(schema);
  }
  for (const [name, patch] of Object.entries(overlay.patches ?? {})) {
    const target = schemas[name];
    if (!isObject(target)) throw new Error(`${where}: patch for unknown schema ${name}.`);
    deepMerge(target, patch);
  }
  for (const [section, entries] of Object.entries(overlay.components ?? {})) {
    if (!isObject(entries)) continue;
    const existing = isObject(components[section]) ? components[section] : (components[section] = {});
    for (const [name, value] of Object.entries(entries)) {
      if (section === "schemas" && name in existing && !(name in common)) notes.push(`${overlay.service}: schema ${name} replaced by the overlay`);
      existing[name] = clone(value);
    }
  }
  components["responses"] = { ...(isObject(components["responses"]) ? components["responses"] : {}), ...errorResponseComponents() };
  const scratch: JsonObject = { components };

  const main = indexOperations(upstream);
  const altIndex = indexOperations(alt);
  const used = new Set<string>();
  for (const dropped of overlay.drop ?? []) {
    if (!main.has(dropped)) throw new Error(`${where}: drop ${dropped} matches no upstream operation.`);
    used.add(dropped);
    notes.push(`${overlay.service}: dropped ${dropped}`);
  }

  const paths: JsonObject = {};
  const prefix = overlay.upstreamPrefix ?? "";
  for (const [method, ov] of Object.entries(overlay.operations)) {
    const operationId = `${overlay.service}.${method}`;
    let op: JsonObject = {};
    let pathParams: Json[] = [];
    let relPath = ov.path;
    let httpMethod = ov.method;
    if (ov.from) {
      const from = parseFrom(ov.from);
      const key = `${from.method} ${from.path}`;
      const found = (from.alt ? altIndex : main).get(key);
      if (!found) throw new Error(`${where}: ${operationId} "from: ${ov.from}" matches no upstream operation.`);
      if (!from.alt) used.add(key);
      op = clone(found.op);
      pathParams = found.pathParams;
      if (!from.path.startsWith(prefix)) throw new Error(`${where}: ${ov.from} does not start with upstreamPrefix ${prefix}.`);
      relPath ??= from.path.slice(prefix.length);
      httpMethod ??= from.method as OperationOverlay["method"];
      if (httpMethod !== from.method) notes.push(`${operationId}: method ${from.method} corrected to ${httpMethod}`);
      if (relPath !== from.path.slice(prefix.length)) notes.push(`${operationId}: path ${from.path} corrected to ${relPath}`);
    } else if (!ov.operation) {
      throw new Error(`${where}: ${operationId} has neither "from" nor "operation".`);
    }
    if (!relPath || !httpMethod) throw new Error(`${where}: ${operationId} needs "path" and "method".`);
    if (httpMethod === "PUT") throw new Error(`${where}: ${operationId} is PUT; DIGIT routes are GET or POST.`);
    if (ov.operation) mergeOperation(op, ov.operation);

    const params = normaliseParameters([...pathParams, ...(Array.isArray(op["parameters"]) ? op["parameters"] : [])], ov, scratch);
    if (params.length > 0) op["parameters"] = params;
    else delete op["parameters"];

    const body = op["requestBody"];
    if (isObject(body)) {
      const content = normaliseContent(body["content"]);
      if (content) {
        body["content"] = content;
        const json = content["application/json"];
        if (isObject(json) && isRef(json["schema"], "RequestInfo")) {
          json["schema"] = { $ref: "#/components/schemas/RequestInfoWrapper" };
          notes.push(`${operationId}: request body was a bare RequestInfo; DIGIT expects {RequestInfo} (RequestInfoWrapper)`);
        }
        if (isObject(json)) notes.push(...pascalRequestInfo(json["schema"], schemas, operationId));
      }
      if (httpMethod === "GET") delete op["requestBody"];
    } else if (httpMethod === "POST" && !ov.noBody) {
      op["requestBody"] = { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/RequestInfoWrapper" } } } };
      notes.push(`${operationId}: POST without a request body; DIGIT reads {RequestInfo} (RequestInfoWrapper)`);
    }
    const auth = ov.auth ?? true;
    const fullPath = overlay.contextPath + (relPath === "/" ? "" : relPath);
    op["responses"] = ov.notImplemented
      ? notImplementedResponses(auth)
      : normaliseResponses(op, ov, overlay, auth, `${where}: ${operationId}`);
    op["operationId"] = operationId;
    op["x-digit-retry-safe"] = ov.retrySafe ?? false;
    op["x-digit-auth"] = auth;
    if (ov.listKey) op["x-digit-list-key"] = ov.listKey;
    if (ov.source !== undefined) op["x-digit-source"] = checkSourceFormat(ov.source, `${where}: ${operationId}`);
    if (ov.response) op["x-digit-response"] = ov.response;
    if (ov.countKey) op["x-digit-count-key"] = ov.countKey;
    if (ov.notImplemented) op["x-digit-not-implemented"] = true;
    if (ov.requestInfo === false) op["x-digit-request-info"] = false;
    if (ov.tenantBootstrap) op["x-digit-tenant-bootstrap"] = true;
    const roles = [...new Set([...(ov.roles ?? []), ...(overlay.adminRole ? [overlay.adminRole] : [])])].sort();
    if (roles.length > 0) op["x-digit-roles"] = roles;

    const item = (isObject(paths[fullPath]) ? paths[fullPath] : (paths[fullPath] = {})) as JsonObject;
    const lower = httpMethod.toLowerCase();
    if (lower in item) throw new Error(`${where}: two operations map to ${httpMethod} ${fullPath}.`);
    item[lower] = op;
  }
  const unmapped = [...main.keys()].filter((k) => !used.has(k));
  if (unmapped.length > 0) {
    throw new Error(`${where}: upstream operations neither mapped nor dropped: ${unmapped.join(", ")}. Add them under "operations" (with "from") or "drop".`);
  }

  const doc: JsonObject = {
    openapi: "3.0.3",
    info: { title: overlay.title, version: "1.0.0", description: `Canonical ${overlay.title} contract for DIGIT Kit. Paths are full gateway paths.` },
    servers: [{ url: "/" }],
    paths,
    components,
  };
  collectGarbage(doc, new Set(Object.keys(common)));
  return { doc, notes };
}
