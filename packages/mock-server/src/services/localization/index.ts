/** egov-localization: messages per tenant, locale, module and code; city tenants inherit state messages. */
import type { OperationHandler, OperationRequest, OperationResult, ServiceModule } from "../../core/types.js";
import { digitError, handle, ok, reject, rejectAll } from "../shared/respond.js";
import { stateOf } from "../shared/tenancy.js";
import { list, recordsAt, str } from "../shared/values.js";

export interface Message {
  code: string;
  message: string;
  module: string;
  locale: string;
}

/** A stored message: visible to searches from `visibleFrom` (write lag; updates keep the first value). */
export interface StoredMessage extends Message {
  visibleFrom: number;
}

export interface LocalizationSlice {
  /** Messages by tenantId, then `${locale}|${module}|${code}`. */
  messages: Record<string, Record<string, StoredMessage>>;
}

const keyOf = (m: { locale: string; module: string; code: string }) => `${m.locale}|${m.module}|${m.code}`;

function readWrite(req: OperationRequest): { tenantId: string; messages: Message[] } {
  const tenantId = str(req.body["tenantId"]);
  if (tenantId === undefined) reject("INVALID_REQUEST", "tenantId is required at the top level of the body.", ["tenantId"]);
  const items = recordsAt(req.body, "messages");
  if (items.length === 0) reject("INVALID_REQUEST", "messages must hold at least one {code, message, module, locale}.", ["messages"]);
  const errors = items.flatMap((m, i) => {
    const missing = ["code", "message", "module", "locale"].filter((k) => typeof m[k] !== "string" || (k !== "message" && m[k] === ""));
    return missing.length === 0 ? [] : [digitError("INVALID_MESSAGE", `messages[${i}] lacks ${missing.join(", ")}.`, [String(i), ...missing])];
  });
  rejectAll(errors);
  const messages = items.map((m) => ({ code: m["code"], message: m["message"], module: m["module"], locale: m["locale"] }) as Message);
  const seen = new Set<string>();
  for (const m of messages) {
    if (seen.has(keyOf(m))) reject("DUPLICATE_MESSAGE", `The request lists ${m.code} (${m.module}, ${m.locale}) twice.`, [m.code, m.module, m.locale]);
    seen.add(keyOf(m));
  }
  return { tenantId, messages };
}

function answer(req: OperationRequest, now: number, messages: Message[]): OperationResult {
  return ok(req, now, 200, { messages: messages.map((m) => ({ code: m.code, message: m.message, module: m.module, locale: m.locale })) });
}

/** Stores `messages` in `store`, keeping the visibility time of messages that already exist. */
function put(store: Record<string, StoredMessage>, messages: Message[], visibleFrom: number): void {
  for (const m of messages) store[keyOf(m)] = { ...m, visibleFrom: store[keyOf(m)]?.visibleFrom ?? visibleFrom };
}

const upsert: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, messages } = readWrite(req);
    put((slice.messages[tenantId] ??= {}), messages, ctx.now() + ctx.options.writeLagMs);
    return answer(req, ctx.now(), messages);
  });

const create: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, messages } = readWrite(req);
    const store = slice.messages[tenantId] ?? {};
    rejectAll(
      messages
        .filter((m) => store[keyOf(m)] !== undefined)
        .map((m) =>
          digitError("DUPLICATE_MESSAGE", `Message ${m.code} (${m.module}, ${m.locale}) already exists for ${tenantId}; use _update or _upsert.`, [m.code, m.module, m.locale]),
        ),
    );
    put((slice.messages[tenantId] ??= {}), messages, ctx.now() + ctx.options.writeLagMs);
    return answer(req, ctx.now(), messages);
  });

const update: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { tenantId, messages } = readWrite(req);
    const store = slice.messages[tenantId] ?? {};
    rejectAll(
      messages
        .filter((m) => store[keyOf(m)] === undefined)
        .map((m) =>
          digitError("MESSAGE_NOT_FOUND", `Message ${m.code} (${m.module}, ${m.locale}) does not exist for ${tenantId}; use _create or _upsert.`, [m.code, m.module, m.locale]),
        ),
    );
    put(store, messages, ctx.now());
    return answer(req, ctx.now(), messages);
  });

const remove: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.body["tenantId"]);
    if (tenantId === undefined) reject("INVALID_REQUEST", "tenantId is required at the top level of the body.", ["tenantId"]);
    const ids = recordsAt(req.body, "messageIdentities").map((m) => ({ code: str(m["code"]) ?? "", module: str(m["module"]) ?? "", locale: str(m["locale"]) ?? "" }));
    if (ids.length === 0) reject("INVALID_REQUEST", "messageIdentities must list at least one {code, module, locale}.", ["messageIdentities"]);
    const store = slice.messages[tenantId] ?? {};
    rejectAll(
      ids
        .filter((m) => store[keyOf(m)] === undefined)
        .map((m) => digitError("MESSAGE_NOT_FOUND", `Message ${m.code} (${m.module}, ${m.locale}) does not exist for ${tenantId}.`, [m.code, m.module, m.locale])),
    );
    for (const m of ids) delete store[keyOf(m)];
    return ok(req, ctx.now(), 200, { successful: true });
  });

/** Query `tenantId`, `locale` (required), `module` and `codes` (comma lists); state messages fill codes the city lacks. */
const search: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const tenantId = str(req.query["tenantId"]) ?? str(req.body["tenantId"]);
    const locale = str(req.query["locale"]) ?? str(req.body["locale"]);
    if (tenantId === undefined || locale === undefined) {
      reject("INVALID_SEARCH_CRITERIA", "Query parameters tenantId and locale are required (e.g. ?tenantId=pb&locale=en_IN).", ["tenantId", "locale"]);
    }
    const modules = list(req.query["module"] ?? req.body["module"]);
    const codes = list(req.query["codes"] ?? req.body["codes"]);
    const merged = new Map<string, Message>();
    const state = stateOf(tenantId);
    for (const tenant of state === tenantId ? [tenantId] : [state, tenantId]) {
      for (const m of Object.values(slice.messages[tenant] ?? {})) {
        if (m.locale !== locale || m.visibleFrom > ctx.now()) continue;
        if (modules.length > 0 && !modules.includes(m.module)) continue;
        if (codes.length > 0 && !codes.includes(m.code)) continue;
        merged.set(`${m.module}|${m.code}`, m);
      }
    }
    return answer(req, ctx.now(), [...merged.values()]);
  });

const cacheBust: OperationHandler<LocalizationSlice> = (req, ctx) => handle(req, ctx.now(), () => ok(req, ctx.now(), 200, { success: true }));


export const localizationService: ServiceModule<LocalizationSlice> = {
  key: "localization",
  initialState: () => ({ messages: {} }),
  handlers: {
    "localization.search": search,
    "localization.create": create,
    "localization.update": update,
    "localization.delete": remove,
    "localization.upsert": upsert,
    "localization.cacheBust": cacheBust,
  },
};
