/**
 * egov-accesscontrol (`access.*`). The reads that matter, `roles/_search`, `actions/_search`,
 * `actions/mdms/_get` and `actions/_authorize`, answer from the MDMS masters `ACCESSCONTROL-ROLES.roles`,
 * `ACCESSCONTROL-ROLEACTIONS.roleactions` and `ACCESSCONTROL-ACTIONS-TEST.<master>` (or
 * `ACCESSCONTROL-ACTIONS.actions`), as DIGIT does; `_authorize` is the same decision the gateway's RBAC makes
 * (core/rbac.ts). The create/update routes write DIGIT's legacy tables (eg_ms_role, eg_action, eg_roleaction),
 * which only `_validate` reads; the gateway's RBAC never sees them, in DIGIT as here.
 */
import { createRbac, ROLES_SCHEMA, ROLE_ACTIONS_SCHEMA, type Rbac } from "../../core/rbac.js";
import type { MockContext, OperationRequest, OperationResult, ServiceModule } from "../../core/types.js";
import { AccessErrorFields, AccessErrorMessages, type ErrorField } from "./errors.js";

export const ACCESS_SLICE = "access";

interface LegacyRole {
  name: string;
  code: string;
  description: string | null;
}

interface LegacyAction {
  id: number;
  name: string;
  url: string;
  queryParams: string | null;
  parentModule: string | null;
  displayName: string | null;
  enabled: boolean;
  orderNumber: number | null;
  serviceCode: string | null;
  createdBy: number | null;
  createdDate: number;
  lastModifiedBy: number | null;
  lastModifiedDate: number;
}

interface LegacyRoleAction {
  rolecode: string;
  actionid: number;
  tenantId: string;
}

/**
 * DIGIT's legacy Postgres tables, written by the create/update routes and read by `_validate` only. Rows in
 * arrays (names come from requests, so they are never object keys).
 */
export interface AccessSlice {
  nextActionId: number;
  roles: LegacyRole[];
  actions: LegacyAction[];
  roleActions: LegacyRoleAction[];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** `ResponseInfo.builder().status(HttpStatus.OK.toString())`: only the status, `"200 OK"`. */
const plainInfo = () => ({ apiId: null, ver: null, ts: null, resMsgId: null, msgId: null, status: "200 OK" });

/** ResponseInfoFactory (egov-accesscontrol/.../web/contract/factory/ResponseInfoFactory.java:50-58), status overwritten with "200 OK". */
function factoryInfo(req: OperationRequest, ctx: MockContext): Record<string, unknown> {
  const ri = req.body["RequestInfo"];
  const info = isObj(ri) ? ri : undefined;
  return {
    apiId: "org.egov.accesscontrol",
    ver: info ? (info["ver"] ?? null) : "",
    ts: info ? (info["ts"] ?? null) : ctx.now(),
    resMsgId: "uief87324",
    msgId: info ? (info["msgId"] ?? null) : "",
    status: "200 OK",
  };
}

/** The tracer's answer to an exception nothing maps (always 400). */
function unhandled(exception: string, description: string | null = null): OperationResult {
  return { status: 400, body: { ResponseInfo: null, Errors: [{ code: exception, message: "An unhandled exception occurred on the server", description, params: null }] } };
}

/** A bean-validation answer of the tracer: one item per violation, code `<Constraint>.<object>.<path>`. */
function beanViolation(code: string, message: string): OperationResult {
  return { status: 400, body: { ResponseInfo: null, Errors: [{ code, message, description: null, params: null }] } };
}

/** The controllers' validation answer: an array with one ErrorResponse (ActionController.java:216-261). */
function validationErrors(message: string, fields: ErrorField[]): OperationResult {
  return {
    status: 400,
    body: [{ responseInfo: null, error: { code: 400, message, description: null, errorFields: fields.map((f) => ({ ...f })), fields: {} } }],
  };
}

const roleCodesOf = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);

/**
 * `roles/_search?tenantId=&code=` (RoleController.java:58-81, RoleRepository.java:118-207): the MDMS roles of the
 * tenant's state, filtered by the comma-separated codes; `{name, code, description}` with "" for missing fields.
 */
function searchRoles(req: OperationRequest, ctx: MockContext): OperationResult {
  const tenantId = req.query["tenantId"];
  if (!tenantId) return unhandled("NullPointerException");
  const codes = (req.query["code"] ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  const records = ctx.mdms.records(ctx.tenants.stateOf(tenantId), ROLES_SCHEMA);
  if (records.length === 0) return unhandled("PathNotFoundException", "Missing property in path $['MdmsRes']['ACCESSCONTROL-ROLES']");
  const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
  const roles = records
    .filter((r) => codes.length === 0 || codes.includes(text(r.data["code"])))
    .map((r) => ({ name: text(r.data["name"]), code: text(r.data["code"]), description: text(r.data["description"]) }));
  return { status: 200, body: { responseInfo: plainInfo(), roles } };
}

/** MDMS actions for roles: role-actions at the tenant as given, then actions at its state (ActionRepository.java:500-682). */
function mdmsActions(req: OperationRequest, ctx: MockContext, roleCodes: string[], tenantId: string): Record<string, unknown>[] | OperationResult {
  const roleActions = ctx.mdms.records(tenantId, ROLE_ACTIONS_SCHEMA).filter((r) => roleCodes.includes(String(r.data["rolecode"])));
  const ids = new Set(roleActions.map((r) => String(r.data["actionid"])));
  const master = str(req.body["actionMaster"]);
  const schema = master ? `ACCESSCONTROL-ACTIONS-TEST.${master}` : "ACCESSCONTROL-ACTIONS.actions";
  const records = ctx.mdms.records(ctx.tenants.stateOf(tenantId), schema);
  if (records.length === 0) {
    const path = master ? `$['MdmsRes']['ACCESSCONTROL-ACTIONS-TEST']['${master}']` : "$['MdmsRes']['ACCESSCONTROL-ACTIONS']['actions']";
    return unhandled("PathNotFoundException", `Missing property in path ${path}`);
  }
  const enabled = typeof req.body["enabled"] === "boolean" ? req.body["enabled"] : undefined;
  const text = (d: Record<string, unknown>, k: string) => (d[k] === undefined || d[k] === null ? "" : String(d[k]));
  return records
    .filter((r) => ids.has(String(r.data["id"])) && (enabled === undefined || r.data["enabled"] === enabled))
    .map((r) => {
      const d = r.data;
      return {
        id: typeof d["id"] === "number" ? d["id"] : Number(d["id"] ?? 0) || 0,
        name: text(d, "name"),
        url: text(d, "url"),
        displayName: text(d, "displayName"),
        orderNumber: typeof d["orderNumber"] === "number" ? d["orderNumber"] : 0,
        queryParams: text(d, "queryParams"),
        parentModule: text(d, "parentModule"),
        enabled: d["enabled"] === true,
        serviceCode: text(d, "serviceCode"),
        tenantId,
        createdDate: null,
        createdBy: null,
        lastModifiedDate: null,
        lastModifiedBy: null,
        path: text(d, "path"),
        navigationURL: text(d, "navigationURL"),
        leftIcon: text(d, "leftIcon"),
        rightIcon: text(d, "rightIcon"),
      };
    });
}

/** `actions/_search` (ActionController.java:55-59): roleCodes are required in practice (DIGIT: NullPointerException). */
function searchActions(req: OperationRequest, ctx: MockContext): OperationResult {
  const roleCodes = roleCodesOf(req.body["roleCodes"]);
  if (!roleCodes) return unhandled("NullPointerException");
  const tenantId = str(req.body["tenantId"]);
  if (!tenantId) return unhandled("IllegalArgumentException", "json string can not be null or empty");
  const actions = mdmsActions(req, ctx, roleCodes, tenantId);
  if (!Array.isArray(actions)) return actions;
  // ActionContract: no tenantId, path or icons.
  const contracts = actions.map(({ tenantId: _t, path: _p, navigationURL: _n, leftIcon: _l, rightIcon: _r, ...rest }) => rest);
  return { status: 200, body: { responseInfo: plainInfo(), actions: contracts } };
}

/** `actions/mdms/_get` (ActionController.java:88-99): tenantId and roleCodes checked first (array error body). */
function getMdmsActions(req: OperationRequest, ctx: MockContext): OperationResult {
  const tenantId = str(req.body["tenantId"]);
  const roleCodes = roleCodesOf(req.body["roleCodes"]);
  const fields: ErrorField[] = [];
  if (!tenantId) fields.push(AccessErrorFields.tenantMandatory);
  if (!roleCodes || roleCodes.length === 0) fields.push(AccessErrorFields.rolesMandatory);
  if (fields.length) return validationErrors(AccessErrorMessages.action, fields);
  const actions = mdmsActions(req, ctx, roleCodes!, tenantId!);
  if (!Array.isArray(actions)) return actions;
  return { status: 200, body: { responseInfo: factoryInfo(req, ctx), modules: null, actions } };
}

/**
 * `actions/_authorize` (ActionController.java:108-118): 200 with no body when allowed, 401 with no body when not;
 * bean violations (roles, uri, tenantIds not null, roles and tenantIds not empty) are the tracer's 400.
 */
function authorize(req: OperationRequest, rbac: Rbac): OperationResult {
  const request = req.body["AuthorizationRequest"];
  if (!isObj(request)) return unhandled("NullPointerException");
  const prefix = "authorizationRequestWrapper.authorizationRequest";
  const roles = request["roles"];
  const tenantIds = request["tenantIds"];
  const uri = request["uri"];
  if (roles === undefined || roles === null) return beanViolation(`NotNull.${prefix}.roles`, "must not be null");
  if (tenantIds === undefined || tenantIds === null) return beanViolation(`NotNull.${prefix}.tenantIds`, "must not be null");
  if (uri === undefined || uri === null) return beanViolation(`NotNull.${prefix}.uri`, "must not be null");
  if (!Array.isArray(roles) || roles.length === 0) return beanViolation(`Size.${prefix}.roles`, "size must be between 1 and 2147483647");
  if (!Array.isArray(tenantIds) || tenantIds.length === 0) return beanViolation(`Size.${prefix}.tenantIds`, "size must be between 1 and 2147483647");
  const verdict = rbac.authorize(roles.filter(isObj), String(uri), [...new Set(tenantIds.map(String))]);
  if (verdict === "unavailable") {
    return { status: 400, body: { ResponseInfo: null, Errors: [{ code: "DATA_NOT_AVAILABLE", message: "Data not available for this tenant", description: null, params: null }] } };
  }
  return { status: verdict === "allowed" ? 200 : 401 };
}

/**
 * `actions/_validate` (ActionController.java:102-106): reads the legacy tables by role name, exact tenant and
 * exact url; `allowed` is the string "TRUE" or "FALSE". Its body key is `requestInfo` (camelCase).
 */
function validateActions(req: OperationRequest, _ctx: MockContext, slice: AccessSlice): OperationResult {
  const v = req.body["validateAction"];
  if (!isObj(v) || !isObj(v["tenantRole"])) return unhandled("NullPointerException");
  const tenantId = String(v["tenantRole"]["tenantId"] ?? "");
  const url = String(v["actionUrl"] ?? "");
  const names = Array.isArray(v["tenantRole"]["roles"]) ? v["tenantRole"]["roles"].filter(isObj).map((r) => String(r["name"] ?? "")) : [];
  const codes = new Set(slice.roles.filter((r) => names.includes(r.name)).map((r) => r.code));
  const action = slice.actions.find((a) => a.url === url);
  const allowed = action !== undefined && slice.roleActions.some((ra) => ra.tenantId === tenantId && ra.actionid === action.id && codes.has(ra.rolecode));
  return { status: 200, body: { responseInfo: plainInfo(), actionValidation: { allowed: allowed ? "TRUE" : "FALSE" } } };
}

const callerId = (req: OperationRequest): number | null => req.caller?.user.id ?? null;

/** `roles/_create` and `roles/_update` (RoleController.java:83-120, :150-240). */
function writeRoles(update: boolean) {
  return (req: OperationRequest, ctx: MockContext, slice: AccessSlice): OperationResult => {
    const roles = Array.isArray(req.body["roles"]) ? req.body["roles"].filter(isObj) : [];
    const fields: ErrorField[] = [];
    if (roles.length === 0) {
      // DIGIT swaps this constant's message and field.
      fields.push({ code: AccessErrorFields.rolesMandatory.code, message: AccessErrorFields.rolesMandatory.field, field: AccessErrorFields.rolesMandatory.message });
    }
    roles.forEach((r, i) => {
      if (!str(r["name"])) fields.push({ ...AccessErrorFields.roleNameMandatory, message: `${AccessErrorFields.roleNameMandatory.message} in ${i + 1} Object` });
    });
    roles.forEach((r, i) => {
      const exists = slice.roles.some((x) => x.name === r["name"]);
      if (!update && exists) fields.push({ ...AccessErrorFields.roleNameDuplicate, message: `${AccessErrorFields.roleNameDuplicate.message} in ${i + 1} Object` });
      if (update && !exists) fields.push({ ...AccessErrorFields.roleNameMissing, message: `${AccessErrorFields.roleNameMissing.message} in ${i + 1} Object` });
    });
    if (fields.length) return validationErrors(AccessErrorMessages.role, fields);
    const out = roles.map((r) => {
      const role: LegacyRole = { name: String(r["name"]), code: String(r["code"] ?? ""), description: str(r["description"]) ?? null };
      const at = slice.roles.findIndex((x) => x.name === role.name);
      if (at >= 0) slice.roles[at] = role;
      else slice.roles.push(role);
      return { ...role };
    });
    return { status: 200, body: { responseInfo: factoryInfo(req, ctx), roles: out } };
  };
}

function actionOut(a: LegacyAction): Record<string, unknown> {
  const d = new Date(a.createdDate);
  const created = `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
  return { id: a.id, name: a.name, url: a.url, queryParams: a.queryParams, parentModule: a.parentModule, displayName: a.displayName, enabled: a.enabled, orderNumber: a.orderNumber, serviceCode: a.serviceCode, createdDate: created, createdBy: a.createdBy, lastModifiedDate: a.lastModifiedDate, lastModifiedBy: a.lastModifiedBy };
}

/** `actions/_create` and `actions/_update` (ActionController.java:152-192, :216-330). */
function writeActions(update: boolean) {
  return (req: OperationRequest, ctx: MockContext, slice: AccessSlice): OperationResult => {
    const actions = Array.isArray(req.body["actions"]) ? req.body["actions"].filter(isObj) : [];
    const fields: ErrorField[] = [];
    if (actions.length === 0) fields.push(AccessErrorFields.actionsMandatory);
    actions.forEach((a, i) => {
      if (!str(a["name"])) fields.push({ ...AccessErrorFields.actionNameMandatory, message: `${AccessErrorFields.actionNameMandatory.message} in ${i + 1} Object` });
    });
    actions.forEach((a, i) => {
      const exists = slice.actions.some((x) => x.name === a["name"]);
      if (!update && exists) fields.push({ ...AccessErrorFields.actionNameDuplicate, message: `${AccessErrorFields.actionNameDuplicate.message} in ${i + 1} Object` });
      if (update && !exists) fields.push({ ...AccessErrorFields.actionNameMissing, message: `${AccessErrorFields.actionNameMissing.message} in ${i + 1} Object` });
    });
    actions.forEach((a, i) => {
      const clash = slice.actions.some((x) => x.url === a["url"] && (x.queryParams ?? null) === (a["queryParams"] ?? null) && x.name !== a["name"]);
      if (clash) fields.push({ ...AccessErrorFields.actionUrlDuplicate, message: `${AccessErrorFields.actionUrlDuplicate.message} in ${i + 1} Object` });
    });
    if (fields.length) return validationErrors(AccessErrorMessages.action, fields);
    const now = ctx.now();
    const out = actions.map((a) => {
      const name = String(a["name"]);
      const at = slice.actions.findIndex((x) => x.name === name);
      const prev = at >= 0 ? slice.actions[at] : undefined;
      const action: LegacyAction = {
        id: prev?.id ?? slice.nextActionId++,
        name,
        url: String(a["url"] ?? ""),
        queryParams: str(a["queryParams"]) ?? null,
        parentModule: a["parentModule"] === undefined || a["parentModule"] === null ? null : String(a["parentModule"]),
        displayName: str(a["displayName"]) ?? null,
        enabled: a["enabled"] === true,
        orderNumber: typeof a["orderNumber"] === "number" ? a["orderNumber"] : null,
        serviceCode: a["serviceCode"] === undefined || a["serviceCode"] === null ? null : String(a["serviceCode"]),
        createdBy: prev?.createdBy ?? callerId(req),
        createdDate: prev?.createdDate ?? now,
        lastModifiedBy: callerId(req),
        lastModifiedDate: now,
      };
      if (at >= 0) slice.actions[at] = action;
      else slice.actions.push(action);
      return actionOut(action);
    });
    return { status: 200, body: { responseInfo: factoryInfo(req, ctx), actions: out } };
  };
}

/** `role-actions/_create` (RoleActionController.java:43-62). */
function createRoleActions(req: OperationRequest, ctx: MockContext, slice: AccessSlice): OperationResult {
  const b = req.body;
  const role = isObj(b["role"]) ? b["role"] : undefined;
  const tenantId = str(b["tenantId"]);
  const actions = Array.isArray(b["actions"]) ? b["actions"].filter(isObj) : [];
  const fields: ErrorField[] = [];
  if (!role) fields.push(AccessErrorFields.roleMandatory);
  else if (!str(role["code"])) fields.push(AccessErrorFields.roleCodeMandatory);
  if (!tenantId) fields.push(AccessErrorFields.tenantMandatory);
  if (actions.length === 0) fields.push(AccessErrorFields.actionsMandatory);
  const ids: number[] = [];
  for (const a of actions) {
    const found = slice.actions.find((x) => x.name === a["name"]);
    if (!found) fields.push(AccessErrorFields.actionNameMissing);
    else ids.push(found.id);
  }
  const code = role ? String(role["code"] ?? "") : "";
  if (ids.some((id) => slice.roleActions.some((ra) => ra.rolecode === code && ra.tenantId === tenantId && ra.actionid === id))) {
    fields.push(AccessErrorFields.roleActionDuplicate);
  }
  if (fields.length) return validationErrors(AccessErrorMessages.roleAction, fields);
  const out = ids.map((id) => {
    const ra: LegacyRoleAction = { rolecode: code, actionid: id, tenantId: tenantId! };
    slice.roleActions.push(ra);
    return { rolecode: code, actionid: id, tenantId, action: null };
  });
  return { status: 200, body: { responseInfo: factoryInfo(req, ctx), roleActions: out } };
}

/** The module. `_authorize` makes the gateway's decision (core/rbac.ts) over the same MDMS data. */
export const accessService: ServiceModule<AccessSlice> = {
  key: ACCESS_SLICE,
  initialState: () => ({ nextActionId: 1, roles: [], actions: [], roleActions: [] }),
  handlers: {
    "access.searchRoles": (req, ctx) => searchRoles(req, ctx),
    "access.searchActions": (req, ctx) => searchActions(req, ctx),
    "access.getMdmsActions": (req, ctx) => getMdmsActions(req, ctx),
    "access.authorize": (req, ctx) => authorize(req, createRbac(ctx.mdms, () => 0)),
    "access.validateActions": validateActions,
    "access.createRoles": writeRoles(false),
    "access.updateRoles": writeRoles(true),
    "access.createActions": writeActions(false),
    "access.updateActions": writeActions(true),
    "access.createRoleActions": createRoleActions,
  },
};
