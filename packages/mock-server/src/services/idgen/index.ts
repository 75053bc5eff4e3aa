/**
 * egov-idgen `id/_generate` (egov-idgen/src/main/java/org/egov/id/service/IdGenerationService.java).
 * The format is the MDMS `common-masters.IdFormat` of the idName when one exists, else the request's; ids are
 * rendered per format.ts; failures answer as GlobalExceptionHandler does (errors.ts, mostly HTTP 200).
 */
import type { MockContext, OperationHandler, OperationRequest, ServiceModule } from "../../core/types.js";
import { handle } from "../shared/respond.js";
import { ownGet, ownSet } from "../shared/own.js";
import { isRecord } from "../shared/values.js";
import { IdgenErrors, IdgenFailure, IdgenWarnings, runtimeError, validationError } from "./errors.js";
import { renderIds } from "./format.js";

export interface IdgenSlice {
  /** Last issued value per sequence, keyed by the lower-cased name (Postgres folds unquoted names; sequences are global). */
  sequences: Record<string, number>;
}

export const ID_FORMAT_SCHEMA = "common-masters.IdFormat";
const TENANT_SCHEMA = "tenant.tenants";
/** `@Size(max = 200)` on idName, tenantId and format (IdRequest.java). */
const MAX_FIELD = 200;
/** Ids the mock renders per request (DIGIT has no limit; the mock keeps its memory). */
export const MAX_IDS_PER_REQUEST = 10_000;

/**
 * Sequences idgen's own migrations create (egov-idgen/src/main/resources/db/migration). A real DIGIT also has
 * those of every other service's migrations; the mock creates any other on first use, with a warning.
 */
export const KNOWN_SEQUENCES: ReadonlySet<string> = new Set(
  (
    "seq_ack_num seq_advocate_code seq_advocatepayment_code seq_agency seq_assesmnt_num seq_case_advocate seq_case_reference " +
    "seq_coll_rcpt_num seq_eg_hrms_emp_code seq_eg_pg_txn seq_eg_pt_ack seq_eg_pt_assm seq_eg_pt_ln seq_eg_pt_ptid seq_eg_tl_apl " +
    "seq_egf_bill_dft_num seq_employee_code seq_event seq_hearing_details seq_notice seq_opinion_code seq_parawise_comments " +
    "seq_personal_details seq_reference_evidence seq_register seq_summon_code seq_summon_reference seq_swm_ctrt_num seq_swm_ctrtr_num " +
    "seq_swm_shift_code_num seq_swm_snts_trgt_num seq_swm_splr_num seq_swm_stf_trn_num seq_swm_trn_num seq_swm_vendor_payment_num " +
    "seq_swm_vhl_trip_num seq_swm_vmr_trn_num seq_swm_vndr_ctrt_num seq_swm_vndr_num seq_swm_vs_trn_num seq_tl_app_num seq_tl_num " +
    "seq_uc_demand_consumer_code seq_ulb_code seq_upic_num seq_voucher_code"
  ).split(" "),
);

/** A name `NEXTVAL('<name>')` resolves without a grammar error. */
const SEQUENCE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** `@NotNull @Size(max = 200)` per IdRequest, as `{"idRequests[0].idName": "must not be null"}`. */
function beanValidation(items: unknown[]): Record<string, string> {
  const fields: Record<string, string> = {};
  items.forEach((raw, i) => {
    const item = isRecord(raw) ? raw : {};
    for (const key of ["idName", "tenantId", "format"]) {
      const value = text(item[key]);
      const field = `idRequests[${i}].${key}`;
      if (value === undefined && key !== "format") fields[field] = "must not be null";
      else if (value !== undefined && value.length > MAX_FIELD) fields[field] = `size must be between 0 and ${MAX_FIELD}`;
    }
  });
  return fields;
}

/** MdmsService.doMdmsServiceCall (MdmsService.java:112-174): the tenant record and the IdFormat of idName. */
function mdmsLookup(ctx: MockContext, tenantId: string, idName: string): { format: string | null; cityCode: string | null } {
  // The filters are JsonPath text (`[?(@.idname=='<idName>')]`): a quote breaks them, and the call fails.
  if (idName.includes("'") || tenantId.includes("'")) throw new IdgenFailure(IdgenErrors.noFormat.message);
  const tenant = ctx.mdms.records(tenantId, TENANT_SCHEMA).find((r) => r.data["code"] === tenantId)?.data;
  let cityCode: string | null = null;
  if (tenant !== undefined) {
    const city = tenant["city"];
    const code = isRecord(city) ? city["code"] : undefined;
    // `documentContext.read("$.city.code")` into a String: a missing or non-string code fails the whole call.
    if (typeof code !== "string") throw new IdgenFailure("PARSING ERROR");
    cityCode = code;
  }
  const format = ctx.mdms.records(tenantId, ID_FORMAT_SCHEMA).find((r) => r.data["idname"] === idName)?.data["format"];
  return { format: typeof format === "string" ? format : null, cityCode };
}

interface Plan {
  tenantId: string;
  format: string;
  fromMdms: boolean;
  count: number;
  cityCode: () => string;
}

/** IdGenerationService.generateIdFromIdRequest (:109-131): the MDMS format wins over the request's. */
function planOf(ctx: MockContext, item: Record<string, unknown>): Plan {
  const idName = text(item["idName"]) as string;
  const tenantId = text(item["tenantId"]) as string;
  let format = text(item["format"]) ?? "";
  let fromMdms = false;
  let city: string | null = null;
  let looked = false;
  const lookup = () => {
    looked = true;
    try {
      const found = mdmsLookup(ctx, tenantId, idName);
      city = found.cityCode;
      return found;
    } catch (error) {
      if (error instanceof IdgenFailure) return null;
      throw error;
    }
  };
  if (idName !== "") {
    const found = lookup();
    // getIdFormatFinal turns any failure of the MDMS call into ID_NOT_FOUND, even with a request format.
    if (found === null) throw new IdgenFailure(IdgenErrors.noFormat.message);
    if (found.format !== null && found.format !== "") {
      format = found.format;
      fromMdms = true;
    }
  }
  if (format === "") throw new IdgenFailure(IdgenErrors.noFormat.message);
  const raw = item["count"];
  const count = raw === undefined || raw === null ? 1 : Math.trunc(Number(raw));
  return {
    tenantId,
    format,
    fromMdms,
    count: Number.isFinite(count) ? count : 1,
    cityCode: () => {
      if (!looked && lookup() === null) throw new IdgenFailure(IdgenErrors.cityCode.message);
      if (city === null) throw new IdgenFailure(IdgenErrors.cityCode.message);
      return city;
    },
  };
}

function responseInfoOf(req: OperationRequest): Record<string, unknown> {
  const ri = isRecord(req.body["RequestInfo"]) ? req.body["RequestInfo"] : {};
  const echo = (k: string) => (ri[k] === undefined ? null : ri[k]);
  return { apiId: echo("apiId"), ver: echo("ver"), ts: echo("ts"), resMsgId: "uief87324", msgId: echo("msgId"), status: "SUCCESSFUL" };
}

const generate: OperationHandler<IdgenSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const raw = req.body["idRequests"];
    const items = Array.isArray(raw) ? raw : [];
    const invalid = beanValidation(items);
    if (Object.keys(invalid).length > 0) return validationError(invalid);
    if (!Array.isArray(raw)) return runtimeError(null);
    // idResponses is only set inside the loop over idRequests (IdGenerationService.java:84-92).
    if (items.length === 0) return { status: 200, body: { responseInfo: responseInfoOf(req), idResponses: null } };
    const now = ctx.now();
    const issued = new Map<string, number>();
    const warnings: string[] = [];
    const ids: { id: string }[] = [];
    try {
      let total = 0;
      for (const item of items as Record<string, unknown>[]) {
        const plan = planOf(ctx, item);
        total += Math.max(0, plan.count);
        if (total > MAX_IDS_PER_REQUEST) throw new IdgenFailure(`The mock renders at most ${MAX_IDS_PER_REQUEST} ids per request.`);
        const sequence = (name: string): string[] => {
          if (!SEQUENCE_NAME.test(name)) throw new IdgenFailure(IdgenErrors.seqNumber.message);
          const key = name.toLowerCase();
          const last = issued.get(key) ?? ownGet(slice.sequences, key);
          if (last === undefined && !KNOWN_SEQUENCES.has(key)) {
            // DIGIT: a request format may not create sequences (ERROR_CREATING_SEQ); an MDMS format may only with
            // autocreate.new.seq, false by default, after which the empty value list fails.
            const digit = plan.fromMdms ? "Index 0 out of bounds for length 0" : IdgenErrors.seqCreate.message;
            if (ctx.options.strict) throw new IdgenFailure(digit);
            warnings.push(`${IdgenWarnings.unknownSequence}: sequence ${name} does not exist in DIGIT's idgen migrations; DIGIT answers "${digit}" unless the sequence was created. The mock creates it.`);
          }
          const start = last ?? 0;
          issued.set(key, start + plan.count);
          return Array.from({ length: plan.count }, (_, n) => String(start + n + 1).padStart(6, "0"));
        };
        for (const id of renderIds(plan.format, { now, tenantId: plan.tenantId, count: plan.count, sequence, cityCode: plan.cityCode })) ids.push({ id });
      }
    } catch (error) {
      if (error instanceof IdgenFailure) return runtimeError(error.message);
      throw error;
    }
    for (const [key, value] of issued) ownSet(slice.sequences, key, value);
    req.warnings.push(...warnings);
    return { status: 200, body: { responseInfo: responseInfoOf(req), idResponses: ids } };
  });

export const idgenService: ServiceModule<IdgenSlice> = {
  key: "idgen",
  initialState: () => ({ sequences: {} }),
  handlers: { "idgen.generate": generate },
};
