/**
 * `businessservice/_create|_update|_search` (BusinessServiceController.java) and their `v2` twins
 * (BusinessServiceControllerV2.java). V1 create and both updates make no checks beyond bean validation and
 * INVALID NEXTSTATE; V2 create adds DIGIT's BusinessServiceValidator. Writes DIGIT's persister could not store
 * answer 200 and store nothing (with a warning; refused under --strict).
 */
import type { MockContext, OperationHandler, OperationRequest } from "../../core/types.js";
import { handle } from "../shared/respond.js";
import { bindBusinessServiceCriteria, businessServiceRequestErrors } from "./bean.js";
import {
  applyUpdate,
  auditorOf,
  createProblems,
  enrichCreate,
  enrichUpdate,
  lintGraph,
  persistable,
  readBusinessServices,
  requestWire,
  searchWire,
  storedFromCreate,
  type InBusinessService,
} from "./config.js";
import { fail, unhandled, WF, wfError } from "./errors.js";
import { findV1, findV2 } from "./lookup.js";
import { childOf, own, put, valuesOf, type BusinessService, type WorkflowSlice } from "./model.js";
import { userInfoOf, wfOk } from "./present.js";

function readValid(req: OperationRequest): InBusinessService[] {
  const errors = businessServiceRequestErrors(req.body);
  if (errors.length > 0) fail(...errors);
  const items = readBusinessServices(req.body);
  // Create and update push to Kafka keyed by the first item's tenant: an empty list fails there.
  if (items.length === 0) fail(unhandled("IndexOutOfBoundsException", "Index 0 out of bounds for length 0"));
  return items;
}

/** Stores new business services unless DIGIT's persister would refuse them (duplicate codes, column limits). */
function storeCreated(req: OperationRequest, ctx: MockContext, slice: WorkflowSlice, items: InBusinessService[]): void {
  const problems = items.flatMap(createProblems);
  const seen = new Set<string>();
  for (const bs of items) {
    const key = `${bs.tenantId}\u0000${bs.businessService}`;
    if (own(own(slice.businessServices, bs.tenantId), bs.businessService) !== undefined || seen.has(key)) {
      problems.push(`business service ${bs.businessService} already exists at tenant ${bs.tenantId} (unique constraint uk_eg_wf_businessservice); change it with businessservice/_update`);
    }
    seen.add(key);
  }
  if (!persistable(req, ctx, problems)) return;
  const stored = items.map((bs) => storedFromCreate(bs, ctx.now() + ctx.options.writeLagMs));
  for (const bs of stored) lintGraph(req, ctx, bs);
  for (const bs of stored) put(childOf(slice.businessServices, bs.tenantId), bs.businessService, bs);
}

/** V1 create (BusinessMasterServiceV1.create): enrichment only. */
export const createBusinessService: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = readValid(req);
    enrichCreate(items, ctx, auditorOf(req));
    storeCreated(req, ctx, slice, items);
    return wfOk(req, ctx.now(), { BusinessServices: items.map(requestWire) });
  });

/** BusinessServiceValidator.validateForDuplicates (:51-76): one error per code, the last message wins. */
function duplicateErrors(items: InBusinessService[]): ReturnType<typeof wfError>[] {
  const errors = new Map<string, string>();
  const services: string[] = [];
  for (const bs of items) {
    const key = `${bs.tenantId}\u0000${bs.businessService}`;
    if (services.includes(key)) errors.set(WF.invalidBusinessService, `BusinessService: ${bs.businessService} is duplicate`);
    else services.push(key);
    const states: string[] = [];
    for (const s of bs.states) {
      const stateKey = `${s.tenantId}\u0000${s.businessServiceId}\u0000${s.state}`;
      if (states.includes(stateKey)) errors.set(WF.invalidState, `State: ${s.state} is duplicate`);
      else states.push(stateKey);
      const actions: string[] = [];
      for (const a of s.actions ?? []) {
        const actionKey = `${a.tenantId}\u0000${a.currentState}\u0000${a.action}`;
        if (actions.includes(actionKey)) errors.set(WF.invalidAction, `Action: ${a.action} is duplicate`);
        else actions.push(actionKey);
      }
    }
  }
  return [...errors].map(([code, message]) => wfError(code, message));
}

/** BusinessServiceValidator.validateUserInfo, validateUserInfoFields, validateUserInfoRoles (:197-226). */
function userInfoError(req: OperationRequest): string | null {
  const info = userInfoOf(req);
  if (info === null) return "userinfo is mandatory for creating WorkflowService";
  const missing = (k: string) => info[k] === undefined || info[k] === null;
  if (missing("uuid")) return "userinfo UUID is mandatory for creating WorkflowService";
  if (missing("userName")) return "userinfo username is mandatory for creating WorkflowService";
  if (missing("emailId")) return "userinfo email is mandatory for creating WorkflowService";
  if (missing("type")) return "userinfo type is mandatory for creating WorkflowService";
  if (missing("roles")) return "userinfo Roles is mandatory for creating WorkflowService";
  return null;
}

/** V2 create (BusinessMasterService.create): BusinessServiceValidator.validateCreateRequest, then as V1. */
export const createBusinessServiceV2: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = readValid(req);
    const first = items[0] as InBusinessService;
    const existing = findV2(slice, first.tenantId, items.map((bs) => bs.businessService));
    const last = existing[existing.length - 1];
    if (last !== undefined) fail(wfError(WF.invalidBusinessService, `The businessService: ${last.businessService} for tenantId: ${last.tenantId} already exists`));
    const duplicates = duplicateErrors(items);
    if (duplicates.length > 0) fail(...duplicates);
    const userError = userInfoError(req);
    if (userError !== null) fail(wfError(WF.appError, userError));
    enrichCreate(items, ctx, auditorOf(req));
    storeCreated(req, ctx, slice, items);
    return wfOk(req, ctx.now(), { BusinessServices: items.map(requestWire) });
  });

/** The stored business service with this uuid, wherever it lives. */
function byUuid(slice: WorkflowSlice, uuid: string | null): BusinessService | undefined {
  if (uuid === null) return undefined;
  for (const tenant of Object.keys(slice.businessServices)) {
    const found = valuesOf(own(slice.businessServices, tenant)).find((bs) => bs.uuid === uuid);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** V1 and V2 update (no validation; an upsert keyed by uuid, as DIGIT's persister applies it). */
export const updateBusinessService: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = readValid(req);
    enrichUpdate(items, ctx, auditorOf(req));
    const results = items.map((bs) => {
      const current = byUuid(slice, bs.uuid);
      return { current, ...applyUpdate(req, ctx, current, bs) };
    });
    const problems = results.flatMap((r) => r.problems);
    for (const r of results) {
      if (r.next === null || r.current === undefined || r.next.businessService === r.current.businessService) continue;
      if (own(own(slice.businessServices, r.current.tenantId), r.next.businessService) !== undefined) {
        problems.push(`business service ${r.next.businessService} already exists at tenant ${r.current.tenantId} (unique constraint uk_eg_wf_businessservice)`);
      }
    }
    if (persistable(req, ctx, problems)) {
      for (const r of results) if (r.next !== null) lintGraph(req, ctx, r.next);
      for (const { current, next } of results) {
        if (next === null || current === undefined) continue;
        const tenant = childOf(slice.businessServices, current.tenantId);
        if (next.businessService !== current.businessService) delete tenant[current.businessService];
        put(tenant, next.businessService, next);
      }
    }
    return wfOk(req, ctx.now(), { BusinessServices: items.map(requestWire) });
  });

/** DIGIT's searches join states with an inner join: a business service without states is never found. */
const findable = (bs: BusinessService | undefined): bs is BusinessService => bs !== undefined && bs.states.length > 0;

/**
 * V1 search (BusinessServiceRepositoryV1.java:65-106): nothing without codes; each code at the state tenant unless
 * MDMS Workflow.BusinessServiceMasterConfig maps it to "false"; tenantIds rewritten to the requested tenant.
 */
export const searchBusinessServices: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, codes, errors } = bindBusinessServiceCriteria(req.query);
    if (errors.length > 0 || tenantId === null) fail(...errors);
    const now = ctx.now();
    const found = [...new Set(codes ?? [])].map((code) => findV1(slice, ctx, tenantId, code, now)).filter(findable);
    return wfOk(req, ctx.now(), { BusinessServices: found.map((bs) => searchWire(bs, tenantId)) });
  });

/** V2 search (BusinessServiceRepository.java:65-95): through the tenant hierarchy; everything visible without codes. */
export const searchBusinessServicesV2: OperationHandler<WorkflowSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, codes, errors } = bindBusinessServiceCriteria(req.query);
    if (errors.length > 0 || tenantId === null) fail(...errors);
    const found = findV2(slice, tenantId, codes === undefined || codes.length === 0 ? undefined : codes, ctx.now()).filter(findable);
    return wfOk(req, ctx.now(), { BusinessServices: found.map((bs) => searchWire(bs, tenantId)) });
  });
