/** egov-idgen `id/_generate`. */
import type { OperationHandler, ServiceModule } from "../../core/types.js";
import { digitError, handle, reject, rejectAll, responseInfo } from "../shared/respond.js";
import type { DigitErrorItem } from "../../core/types.js";
import { int, recordsAt, str } from "../shared/values.js";
import { expandFormat, FormatError } from "./format.js";

export interface IdgenSlice {
  /** Last issued value per `${tenantId}|${SEQ_NAME}`. */
  sequences: Record<string, number>;
}

/** Ids per idRequest the mock will generate at once. */
export const MAX_COUNT = 1000;

/** The lenient fallback format for an idName without one: `<IDNAME>-[cy:yyyy]-[SEQ_<IDNAME>]`. */
export function defaultFormat(idName: string): string {
  const name = idName.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return `${name.replace(/_/g, "-")}-[cy:yyyy]-[SEQ_${name}]`;
}

const generate: OperationHandler<IdgenSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const items = recordsAt(req.body, "idRequests");
    if (items.length === 0) reject("INVALID_REQUEST", "idRequests must hold at least one {idName, tenantId}.", ["idRequests"]);
    const now = ctx.now();
    const errors: DigitErrorItem[] = [];
    const plans = items.flatMap((item, i) => {
      const idName = str(item["idName"]);
      const tenantId = str(item["tenantId"]);
      if (idName === undefined || tenantId === undefined) {
        errors.push(digitError("INVALID_ID_REQUEST", `idRequests[${i}] needs idName and tenantId.`, [String(i)]));
        return [];
      }
      const count = int(item["count"], 1);
      if (count < 1 || count > MAX_COUNT) {
        errors.push(digitError("INVALID_ID_REQUEST", `idRequests[${i}].count must be between 1 and ${MAX_COUNT}.`, [String(i)]));
        return [];
      }
      const mdmsFormat = ctx.mdms
        .records(tenantId, "common-masters.IdFormat")
        .map((r) => r.data)
        .find((d) => d["idname"] === idName);
      let format = str(item["format"]) ?? str(mdmsFormat?.["format"]);
      if (format === undefined) {
        if (ctx.options.strict) {
          errors.push(
            digitError(
              "IDGEN_FORMAT_NOT_FOUND",
              `No id format for ${idName} at ${tenantId}: send idRequests[${i}].format or add a common-masters.IdFormat record {idname, format}.`,
              [idName, tenantId],
            ),
          );
          return [];
        }
        format = defaultFormat(idName);
      }
      return [{ idName, tenantId, count, format }];
    });
    rejectAll(errors);
    // Expand against a scratch copy of the counters so a bad placeholder leaves state untouched.
    const sequences = { ...slice.sequences };
    const ids: { id: string }[] = [];
    for (const plan of plans) {
      const tenant = ctx.mdms
        .records(plan.tenantId, "tenant.tenants")
        .map((r) => r.data)
        .find((d) => d["code"] === plan.tenantId);
      const nextSeq = (name: string) => {
        const key = `${plan.tenantId}|${name}`;
        sequences[key] = (sequences[key] ?? 0) + 1;
        return sequences[key];
      };
      for (let n = 0; n < plan.count; n += 1) {
        try {
          ids.push({ id: expandFormat(plan.format, { now, tenantId: plan.tenantId, tenant, nextSeq }) });
        } catch (error) {
          if (!(error instanceof FormatError)) throw error;
          reject("INVALID_ID_FORMAT", `The id format '${plan.format}' for ${plan.idName} is invalid: ${error.message}.`, [plan.idName, plan.format]);
        }
      }
    }
    slice.sequences = sequences;
    return { status: 200, body: { responseInfo: { ...responseInfo(req, now), status: "SUCCESSFUL" }, idResponses: ids } };
  });

export const idgenService: ServiceModule<IdgenSlice> = {
  key: "idgen",
  initialState: () => ({ sequences: {} }),
  handlers: { "idgen.generate": generate },
};
