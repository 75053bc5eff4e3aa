/**
 * billing-service demands: `demand/_create`, `demand/_update`, `demand/_search`
 * (billing-service/src/main/java/org/egov/demand/service/DemandService.java, web/validator/DemandValidatorV1.java).
 */
import type { AuditDetails, MockContext, OperationHandler, OperationRequest, StoredUser } from "../../core/types.js";
import { isRecord, recordsAt } from "../shared/values.js";
import { expireOrPayBills } from "./bills-store.js";
import { E, fill, javaList, UNHANDLED } from "./errors.js";
import { billingMasters, flag, num, text, type BillingMasters } from "./masters.js";
import { DEMAND_STATUSES, type BillingSlice, type DemandDetailRecord, type DemandRecord } from "./model.js";
import { createCitizen, findCitizens, presentPayer, userByUuid } from "./users.js";
import { amount, echoResponseInfo, ErrorMap, fail, money, own, QueryBinder, run, stateTenant, tenantMatches, userInfoOf, type UserInfo } from "./wire.js";

/** `statelevel.rolecode.excluded.list`: roles that let an employee search at a state tenant (application.properties:164). */
export const STATE_LEVEL_ROLES = ["BPAREG_DOC_VERIFIER", "BPAREG_APPROVER"];

/** Util.validateTenantIdForUserType: an EMPLOYEE may not search at a state-level tenant (citizens may). */
export function checkTenantForUserType(tenantId: string, user: UserInfo | null): void {
  if (user === null || (user.type ?? "").toUpperCase() !== "EMPLOYEE" || tenantId.includes(".")) return;
  if (user.roles.some((r) => STATE_LEVEL_ROLES.includes(r.code))) return;
  fail(E.invalidTenantForEmployee.code, E.invalidTenantForEmployee.message);
}

export function billingInfo(req: OperationRequest, status: "200 OK" | "201 CREATED" | "400 BAD_REQUEST"): Record<string, unknown> {
  return echoResponseInfo(req, status, null);
}

/** Audit details stamped with the caller's uuid, as Util.getAuditDetail does. */
function auditOf(user: UserInfo | null, now: number): AuditDetails {
  const by = user?.uuid ?? "";
  return { createdBy: by, createdTime: now, lastModifiedBy: by, lastModifiedTime: now };
}

interface DetailInput {
  raw: Record<string, unknown>;
  id: string | null;
  taxHeadMasterCode: string;
  taxAmount: number;
  collectionAmount: number;
}

interface DemandInput {
  raw: Record<string, unknown>;
  id: string | null;
  tenantId: string;
  consumerCode: string;
  consumerType: string;
  businessService: string;
  payer: Record<string, unknown> | null;
  taxPeriodFrom: number;
  taxPeriodTo: number;
  details: DetailInput[];
  status: string | null;
}

/** Demands of a (schema-checked) DemandRequest. */
function demandsOf(req: OperationRequest): DemandInput[] {
  return recordsAt(req.body, "Demands").map((raw) => {
    const statusText = typeof raw["status"] === "string" ? raw["status"].toUpperCase() : null;
    return {
      raw,
      id: text(raw["id"]) || null,
      tenantId: String(raw["tenantId"]),
      consumerCode: String(raw["consumerCode"]),
      consumerType: String(raw["consumerType"]),
      businessService: String(raw["businessService"]),
      payer: isRecord(raw["payer"]) ? raw["payer"] : null,
      taxPeriodFrom: num(raw["taxPeriodFrom"]) ?? 0,
      taxPeriodTo: num(raw["taxPeriodTo"]) ?? 0,
      details: recordsAt(raw, "demandDetails").map((d) => ({
        raw: d,
        id: text(d["id"]) || null,
        taxHeadMasterCode: String(d["taxHeadMasterCode"]),
        taxAmount: amount(d["taxAmount"]) ?? 0,
        collectionAmount: amount(d["collectionAmount"]) ?? 0,
      })),
      // Demand.StatusEnum reads case-insensitively; an unknown value is null.
      status: statusText !== null && (DEMAND_STATUSES as readonly string[]).includes(statusText) ? statusText : null,
    };
  });
}

/** How a demand's payer resolves once the request is valid. */
type PayerPlan = { kind: "none" } | { kind: "user"; user: StoredUser } | { kind: "find-or-create"; name: string; mobileNumber: string };

const amountText = (n: number) => (Number.isInteger(n) ? String(n) : String(n));

/** DemandValidatorV1.validateDemandDetailsForAmount. */
function validateAmounts(details: { taxAmount: number; collectionAmount: number }[], errors: ErrorMap): void {
  const wrong: string[] = [];
  for (const d of details) {
    const tax = d.taxAmount;
    const collection = d.collectionAmount;
    if (tax >= 0 && (tax < collection || collection < 0)) {
      wrong.push(`collection amount : ${amountText(collection)}, cannot not be greater than taxAmount or Negative in case of positive tax : ${amountText(tax)}`);
    } else if (tax < 0 && collection !== tax && collection !== 0) {
      wrong.push(`collection amount : ${amountText(collection)}, should be equal to 'ZERO' or tax amount : ${amountText(tax)} in case of negative Tax`);
    }
  }
  if (wrong.length > 0) errors.put(E.invalidDemandDetail.code, fill(E.invalidDemandDetail.message, javaList(wrong)));
}

/**
 * DemandValidatorV1.validatedemandForCreate: masters, tax periods, payers, amounts and (on create) duplicate
 * consumer codes, collected into one error map. Answers the payer plan per demand.
 */
function validateForCreate(ctx: MockContext, slice: BillingSlice, demands: DemandInput[], isCreate: boolean, masters: BillingMasters, errors: ErrorMap): PayerPlan[] {
  const serviceCodes = new Set(masters.businessServices.map((b) => text(b["code"])));
  const headsByService = new Map<string, Set<string>>();
  for (const head of masters.taxHeads) {
    const service = text(head["service"]) ?? "";
    const codes = headsByService.get(service) ?? new Set<string>();
    codes.add(text(head["code"]) ?? "");
    headsByService.set(service, codes);
  }
  const periodsByService = new Map<string, { from: number; to: number }[]>();
  for (const period of masters.taxPeriods) {
    const service = text(period["service"]) ?? "";
    const list = periodsByService.get(service) ?? [];
    list.push({ from: num(period["fromDate"]) ?? Number.NaN, to: num(period["toDate"]) ?? Number.NaN });
    periodsByService.set(service, list);
  }
  const servicesNotFound = new Set<string>();
  const headsNotFound = new Set<string>();
  const servicesWithoutPeriods = new Set<string>();
  for (const demand of demands) {
    if (!serviceCodes.has(demand.businessService)) servicesNotFound.add(demand.businessService);
    const heads = headsByService.get(demand.businessService);
    if (heads && heads.size > 0) for (const d of demand.details) if (!heads.has(d.taxHeadMasterCode)) headsNotFound.add(d.taxHeadMasterCode);
    const periods = periodsByService.get(demand.businessService);
    if (periods === undefined) servicesWithoutPeriods.add(demand.businessService);
    else if (!periods.some((p) => demand.taxPeriodFrom >= p.from && demand.taxPeriodTo <= p.to)) {
      errors.put(E.taxPeriodForDemand.code, fill(E.taxPeriodForDemand.message, { fromDate: String(demand.taxPeriodFrom), toDate: String(demand.taxPeriodTo) }));
    }
  }

  // Payers: uuids must be known users and not employees; name + mobile without uuid finds or creates a citizen.
  const missing = new Set<string>();
  const employees = new Set<string>();
  const plans: PayerPlan[] = demands.map((demand) => {
    const payer = demand.payer;
    const uuid = payer ? text(payer["uuid"]) : null;
    if (payer && uuid !== null) {
      const user = userByUuid(ctx, uuid);
      if (!user) missing.add(uuid);
      else if (user.type === "EMPLOYEE") employees.add(uuid);
      else return { kind: "user", user };
      return { kind: "none" };
    }
    const name = payer ? text(payer["name"]) : null;
    const mobileNumber = payer ? text(payer["mobileNumber"]) : null;
    if (payer && name !== null && mobileNumber !== null) return { kind: "find-or-create", name, mobileNumber };
    return { kind: "none" };
  });
  if (employees.size > 0) errors.put(E.employeePayer.code, fill(E.employeePayer.message, javaList(employees)));
  if (missing.size > 0) errors.put(E.userUuidNotFound.code, fill(E.userUuidNotFound.message, javaList(missing)));

  validateAmounts(
    demands.flatMap((d) => d.details),
    errors,
  );

  if (isCreate) {
    // An ACTIVE demand of the same consumer code, business service and exactly the same period already exists.
    const tenantId = demands[0]!.tenantId;
    const wanted = new Set(demands.map((d) => `${d.businessService}|${d.consumerCode}`));
    const existing = Object.values(slice.demands).filter((d) => d.tenantId === tenantId && d.status === "ACTIVE" && wanted.has(`${d.businessService}|${d.consumerCode}`));
    const duplicates: string[] = [];
    for (const demand of demands) {
      for (const db of existing) {
        if (db.consumerCode === demand.consumerCode && db.taxPeriodFrom === demand.taxPeriodFrom && db.taxPeriodTo === demand.taxPeriodTo) duplicates.push(demand.consumerCode);
      }
    }
    if (duplicates.length > 0) errors.put(E.duplicateConsumerCode.code, fill(E.duplicateConsumerCode.message, javaList(duplicates)));
  }

  if (headsNotFound.size > 0) errors.put(E.taxHeadsNotFound.code, fill(E.taxHeadsNotFound.message, javaList(headsNotFound)));
  if (servicesNotFound.size > 0) errors.put(E.businessServiceNotFound.code, fill(E.businessServiceNotFound.message, javaList(servicesNotFound)));
  if (servicesWithoutPeriods.size > 0) errors.put(E.taxPeriodsForService.code, fill(E.taxPeriodsForService.message, javaList(servicesWithoutPeriods)));
  return plans;
}

/** Util.getIsAdvanceAllowed: the BusinessService record must carry `isAdvanceAllowed`. */
function isAdvanceAllowed(masters: BillingMasters, service: string): boolean {
  const record = masters.businessServices.find((b) => text(b["code"]) === service);
  if (!record || !("isAdvanceAllowed" in record) || record["isAdvanceAllowed"] === null) fail(E.advanceFlag.code, fill(E.advanceFlag.message, service));
  return flag(record["isAdvanceAllowed"]) === true;
}

/** Resolves a payer plan (after validation: this may create a citizen) to the payer object answered and the uuid stored. */
function resolvePayer(ctx: MockContext, req: OperationRequest, demand: DemandInput, plan: PayerPlan, user: UserInfo | null): { answer: unknown; uuid: string | null } {
  switch (plan.kind) {
    case "user":
      return { answer: presentPayer(plan.user), uuid: plan.user.uuid };
    case "find-or-create": {
      if ((user?.type ?? "").toUpperCase() === "CITIZEN" && user?.uuid) return { answer: { ...demand.payer, uuid: user.uuid }, uuid: user.uuid };
      const found = findCitizens(ctx, demand.tenantId, (u) => u.userName === plan.mobileNumber && u.name === plan.name)[0];
      const citizen = found ?? createCitizen(ctx, req, { name: plan.name, mobileNumber: plan.mobileNumber, userName: ctx.uuid(), tenantId: demand.tenantId });
      const uuid = citizen?.uuid ?? null;
      return { answer: { ...demand.payer, uuid }, uuid };
    }
    default:
      return { answer: demand.payer, uuid: null };
  }
}

/** The demand as DemandService answers a create/update: the request object, enriched, in DIGIT's field set. */
function presentWritten(record: Omit<DemandRecord, "payer" | "seq">, raw: Record<string, unknown>, payer: unknown): Record<string, unknown> {
  return {
    id: record.id,
    tenantId: record.tenantId,
    consumerCode: raw["consumerCode"],
    consumerType: raw["consumerType"],
    businessService: raw["businessService"],
    payer: payer ?? null,
    taxPeriodFrom: record.taxPeriodFrom,
    taxPeriodTo: record.taxPeriodTo,
    demandDetails: record.demandDetails.map((d) => ({ ...d })),
    auditDetails: record.auditDetails,
    fixedBillExpiryDate: num(raw["fixedBillExpiryDate"]),
    billExpiryTime: num(raw["billExpiryTime"]),
    additionalDetails: record.additionalDetails,
    minimumAmountPayable: record.minimumAmountPayable,
    isPaymentCompleted: record.isPaymentCompleted,
    status: record.status,
  };
}

/** Util.updateDemandPaymentStatus. */
export function paymentStatusOf(details: { taxAmount: number; collectionAmount: number }[], current: boolean, fromPayment: boolean): boolean {
  const tax = money(details.reduce((s, d) => s + d.taxAmount, 0));
  const collection = money(details.reduce((s, d) => s + d.collectionAmount, 0));
  if (tax === collection && fromPayment) return true;
  if (tax !== collection) return false;
  return current;
}

function newDetails(demand: DemandInput, demandId: string, audit: AuditDetails, ctx: MockContext): DemandDetailRecord[] {
  return demand.details.map((d) => ({
    id: ctx.uuid(),
    demandId,
    taxHeadMasterCode: d.taxHeadMasterCode,
    taxAmount: money(d.taxAmount),
    collectionAmount: money(d.collectionAmount),
    additionalDetails: d.raw["additionalDetails"] ?? null,
    auditDetails: audit,
    tenantId: demand.tenantId,
  }));
}

function newDemandRecord(ctx: MockContext, slice: BillingSlice, demand: DemandInput, audit: AuditDetails, payerUuid: string | null): DemandRecord {
  const id = ctx.uuid();
  slice.seq += 1;
  return {
    id,
    tenantId: demand.tenantId,
    consumerCode: demand.consumerCode,
    consumerType: demand.consumerType,
    businessService: demand.businessService,
    payer: payerUuid,
    taxPeriodFrom: demand.taxPeriodFrom,
    taxPeriodTo: demand.taxPeriodTo,
    demandDetails: newDetails(demand, id, audit, ctx),
    auditDetails: audit,
    billExpiryTime: num(demand.raw["billExpiryTime"]) ?? 0,
    additionalDetails: demand.raw["additionalDetails"] ?? null,
    minimumAmountPayable: amount(demand.raw["minimumAmountPayable"]) ?? 0,
    isPaymentCompleted: false,
    status: demand.status ?? "ACTIVE",
    seq: slice.seq,
  };
}

/** `demand/_create` (201). */
export const createDemand: OperationHandler<BillingSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const demands = demandsOf(req);
    if (demands.length === 0) fail(UNHANDLED, "IndexOutOfBoundsException: Index 0 out of bounds for length 0 (Demands is empty)");
    const masters = billingMasters(ctx, demands[0]!.tenantId);
    const errors = new ErrorMap();
    const plans = validateForCreate(ctx, slice, demands, true, masters, errors);
    errors.throwIfAny();
    const service = demands[0]!.businessService;
    if (isAdvanceAllowed(masters, service)) {
      // DIGIT then carries an existing advance into the new demands through the apportion service (not modelled).
      const hasDemands = Object.values(slice.demands).some((d) => demands.some((x) => x.consumerCode === d.consumerCode && x.businessService === d.businessService));
      if (hasDemands && !masters.taxHeads.some((t) => t["category"] === "ADVANCE_COLLECTION" && t["service"] === service)) {
        fail(E.noAdvanceTaxHead.code, fill(E.noAdvanceTaxHead.message, service));
      }
    }
    // Valid: from here on the request is applied.
    const user = userInfoOf(req);
    const audit = auditOf(user, ctx.now());
    const answered = demands.map((demand, i) => {
      const payer = resolvePayer(ctx, req, demand, plans[i]!, user);
      const record = newDemandRecord(ctx, slice, demand, audit, payer.uuid);
      slice.demands[record.id] = record;
      return presentWritten(record, demand.raw, payer.answer);
    });
    expireOrPayBills(slice, {
      tenantId: demands[0]!.tenantId,
      businessService: service,
      consumerCodes: new Set(demands.map((d) => d.consumerCode)),
      status: "EXPIRED",
    });
    return { status: req.route.successStatus, body: { ResponseInfo: billingInfo(req, "201 CREATED"), Demands: answered, CollectedReceipt: null } };
  });

/** `demand/_update` (201): demands with an id are updated, without one inserted. */
export const updateDemand: OperationHandler<BillingSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const demands = demandsOf(req);
    if (demands.length === 0) fail(UNHANDLED, "IndexOutOfBoundsException: Index 0 out of bounds for length 0 (Demands is empty)");
    const tenantId = demands[0]!.tenantId;
    const masters = billingMasters(ctx, tenantId);
    const old = demands.filter((d) => d.id !== null);
    if (old.length === 0) fail(E.demandWithoutId.code, E.demandWithoutId.message);
    const errors = new ErrorMap();
    const notFound: string[] = [];
    const detailsNotFound: string[] = [];
    const stored = new Map<string, DemandRecord>();
    for (const demand of old) {
      const db = own(slice.demands, demand.id!);
      if (!db || !tenantMatches(tenantId, db.tenantId)) notFound.push(demand.id!);
      else stored.set(db.id, db);
    }
    const knownDetails = new Set([...stored.values()].flatMap((d) => d.demandDetails.map((x) => x.id)));
    for (const demand of old) for (const d of demand.details) if (d.id !== null && !knownDetails.has(d.id)) detailsNotFound.push(d.id);
    if (notFound.length > 0) errors.put(E.demandNotFound.code, fill(E.demandNotFound.message, javaList(notFound)));
    if (detailsNotFound.length > 0) errors.put(E.demandDetailNotFound.code, fill(E.demandDetailNotFound.message, javaList(detailsNotFound)));
    validateAmounts(
      demands.flatMap((d) => d.details),
      errors,
    );
    errors.throwIfAny();
    const plans = validateForCreate(ctx, slice, demands, false, masters, errors);
    errors.throwIfAny();
    isAdvanceAllowed(masters, demands[0]!.businessService);

    const user = userInfoOf(req);
    const now = ctx.now();
    const audit = auditOf(user, now);
    const answered = demands.map((demand, i) => {
      const payer = resolvePayer(ctx, req, demand, plans[i]!, user);
      if (demand.id === null) {
        const record = newDemandRecord(ctx, slice, demand, audit, payer.uuid);
        record.isPaymentCompleted = paymentStatusOf(record.demandDetails, false, false);
        slice.demands[record.id] = record;
        return presentWritten(record, demand.raw, payer.answer);
      }
      const db = stored.get(demand.id)!;
      // Details without an id are new, and their collection starts at 0; omitted details stay as they are.
      const details = demand.details.map<DemandDetailRecord>((d) => ({
        id: d.id ?? ctx.uuid(),
        demandId: db.id,
        taxHeadMasterCode: d.taxHeadMasterCode,
        taxAmount: money(d.taxAmount),
        collectionAmount: d.id === null ? 0 : money(d.collectionAmount),
        additionalDetails: d.raw["additionalDetails"] ?? null,
        auditDetails: audit,
        tenantId: demand.tenantId,
      }));
      const isPaymentCompleted = paymentStatusOf(details, db.isPaymentCompleted, false);
      // Only these columns are written; consumerCode, consumerType and businessService changes are not stored.
      db.payer = payer.uuid;
      db.taxPeriodFrom = demand.taxPeriodFrom;
      db.taxPeriodTo = demand.taxPeriodTo;
      db.minimumAmountPayable = amount(demand.raw["minimumAmountPayable"]) ?? 0;
      db.status = demand.status ?? "ACTIVE";
      db.additionalDetails = demand.raw["additionalDetails"] ?? null;
      db.billExpiryTime = num(demand.raw["billExpiryTime"]) ?? 0;
      db.isPaymentCompleted = isPaymentCompleted;
      db.auditDetails = { ...db.auditDetails, lastModifiedBy: audit.lastModifiedBy, lastModifiedTime: now };
      for (const detail of details) {
        const existing = db.demandDetails.find((x) => x.id === detail.id);
        if (existing) {
          existing.taxAmount = detail.taxAmount;
          existing.collectionAmount = detail.collectionAmount;
          existing.additionalDetails = detail.additionalDetails;
          existing.auditDetails = { ...existing.auditDetails, lastModifiedBy: audit.lastModifiedBy, lastModifiedTime: now };
        } else db.demandDetails.push({ ...detail });
      }
      const answer: Omit<DemandRecord, "payer" | "seq"> = { ...db, tenantId: demand.tenantId, demandDetails: details, auditDetails: audit, isPaymentCompleted };
      return presentWritten(answer, demand.raw, payer.answer);
    });
    expireOrPayBills(slice, {
      tenantId,
      businessService: demands[0]!.businessService,
      consumerCodes: new Set(demands.map((d) => d.consumerCode)),
      status: "EXPIRED",
    });
    return { status: req.route.successStatus, body: { ResponseInfo: billingInfo(req, "201 CREATED"), Demands: answered, CollectedReceipt: null } };
  });

export interface DemandCriteria {
  tenantId: string;
  demandIds?: string[] | undefined;
  payers?: string[] | undefined;
  consumerCodes?: string[] | undefined;
  businessService?: string | undefined;
  status?: string | undefined;
  isPaymentCompleted?: boolean | undefined;
  periodFrom?: number | undefined;
  periodTo?: number | undefined;
  mobileNumber?: string | undefined;
  email?: string | undefined;
}

/** DemandService.getDemands: the query (tenant exact or state prefix), mobile/email through users, ordered by taxPeriodFrom. */
export function findDemands(ctx: MockContext, slice: BillingSlice, c: DemandCriteria): DemandRecord[] {
  let payers = c.payers;
  if (c.mobileNumber !== undefined || c.email !== undefined) {
    const state = stateTenant(c.tenantId);
    const users = ctx.users
      .all()
      .filter((u) => u.tenantId === state || u.tenantId.startsWith(`${state}.`))
      .filter((u) => (c.mobileNumber === undefined || u.mobileNumber === c.mobileNumber) && (c.email === undefined || u.emailId === c.email));
    if (users.length === 0) return [];
    payers = users.map((u) => u.uuid);
  }
  return Object.values(slice.demands)
    .filter((d) => tenantMatches(c.tenantId, d.tenantId))
    .filter((d) => c.status === undefined || d.status === c.status)
    .filter((d) => !c.demandIds?.length || c.demandIds.includes(d.id))
    .filter((d) => !payers?.length || (d.payer !== null && payers.includes(d.payer)))
    .filter((d) => c.businessService === undefined || d.businessService === c.businessService)
    .filter((d) => c.isPaymentCompleted === undefined || d.isPaymentCompleted === c.isPaymentCompleted)
    .filter((d) => c.periodFrom === undefined || d.taxPeriodFrom >= c.periodFrom)
    .filter((d) => c.periodTo === undefined || d.taxPeriodTo <= c.periodTo)
    .filter((d) => !c.consumerCodes?.length || c.consumerCodes.includes(d.consumerCode))
    .sort((a, b) => a.taxPeriodFrom - b.taxPeriodFrom || a.seq - b.seq);
}

/** A stored demand as demand/_search answers it: the payer looked up in egov-user, unmapped columns null. */
export function presentStored(ctx: MockContext, d: DemandRecord): Record<string, unknown> {
  const user = d.payer ? userByUuid(ctx, d.payer) : undefined;
  return {
    id: d.id,
    tenantId: d.tenantId,
    consumerCode: d.consumerCode,
    consumerType: d.consumerType,
    businessService: d.businessService,
    payer: user ? presentPayer(user) : d.payer ? { uuid: d.payer } : null,
    taxPeriodFrom: d.taxPeriodFrom,
    taxPeriodTo: d.taxPeriodTo,
    demandDetails: d.demandDetails.map((x) => ({ ...x, additionalDetails: null })),
    auditDetails: d.auditDetails,
    fixedBillExpiryDate: null,
    billExpiryTime: d.billExpiryTime,
    additionalDetails: d.additionalDetails,
    minimumAmountPayable: d.minimumAmountPayable,
    isPaymentCompleted: d.isPaymentCompleted,
    status: d.status,
  };
}

/** `demand/_search` (criteria from the query string only). */
export const searchDemands: OperationHandler<BillingSlice> = (req, ctx, slice) =>
  run(req, ctx, () => {
    const q = new QueryBinder(req, "demandCriteria");
    const tenantId = q.string("tenantId", { notNull: true });
    const criteria: DemandCriteria = {
      tenantId: tenantId ?? "",
      demandIds: q.set("demandId"),
      payers: q.set("payer"),
      consumerCodes: q.set("consumerCode"),
      businessService: q.string("businessService"),
      status: q.string("status"),
      isPaymentCompleted: q.bool("isPaymentCompleted"),
      periodFrom: q.long("periodFrom"),
      periodTo: q.long("periodTo"),
      mobileNumber: q.string("mobileNumber"),
      email: q.string("email"),
    };
    const demandFrom = q.long("demandFrom");
    const demandTo = q.long("demandTo");
    const type = q.enumOf("type", ["ARREARS", "CURRENT", "DUES"], "org.egov.demand.model.enums.Type");
    q.bool("receiptRequired");
    q.throwIfAny();
    checkTenantForUserType(criteria.tenantId, userInfoOf(req));
    const hasCriterion =
      criteria.demandIds !== undefined ||
      criteria.consumerCodes !== undefined ||
      criteria.email !== undefined ||
      criteria.mobileNumber !== undefined ||
      criteria.businessService !== undefined ||
      demandFrom !== undefined ||
      demandTo !== undefined ||
      type !== undefined;
    if (!hasCriterion) fail(E.demandSearchCriteria.code, E.demandSearchCriteria.message);
    const demands = findDemands(ctx, slice, criteria).map((d) => presentStored(ctx, d));
    return { status: 200, body: { ResponseInfo: billingInfo(req, "200 OK"), Demands: demands, CollectedReceipt: null } };
  });
