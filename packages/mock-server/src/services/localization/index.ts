/**
 * egov-localization: messages per tenant, locale, module and code, and the search's tenant fallback.
 * DIGIT: egov-localization/src/main/java/org/egov/web/controller/MessageController.java and
 * domain/service/MessageService.java. Tenants are never validated; `default` is an ordinary tenant, the last
 * level of every search.
 */
import { strictOnly } from "../../core/warnings.js";
import type { OperationHandler, OperationRequest, OperationResult, ServiceModule } from "../../core/types.js";
import { handle } from "../shared/respond.js";
import { ownEnsure, ownGet } from "../shared/own.js";
import { customException, missingParameter, tracerError, unhandledException } from "../shared/tracer.js";
import { isRecord } from "../shared/values.js";
import { Constraint, fixedError, localizationError, LocalizationErrors, LocalizationWarnings, sizeAtLeastOne, type ErrorField } from "./errors.js";

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
  /** Messages by tenantId, then `${locale}|${module}|${code}` (read and written through services/shared/own.ts). */
  messages: Record<string, Record<string, StoredMessage>>;
}

/** DIGIT's column sizes: `message` varchar(500), `code`/`module`/`locale` varchar(255) (db/migration/ddl). */
const MAX_TEXT = 500;
const MAX_NAME = 255;
/** `@Size(max = 256)` on tenantId. */
const MAX_TENANT = 256;

const keyOf = (m: { locale: string; module: string; code: string }) => `${m.locale}|${m.module}|${m.code}`;

/** Tenant.getTenantHierarchy (Tenant.java:22-33): the tenant, each dot-prefix from longest to shortest, then `default`. */
export function tenantHierarchy(tenantId: string): string[] {
  const out = [tenantId];
  for (let i = tenantId.length - 1; i > 0; i -= 1) if (tenantId[i] === ".") out.push(tenantId.slice(0, i));
  out.push("default");
  return out;
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined);

function messagesAt(slice: LocalizationSlice, tenantId: string): Record<string, StoredMessage> {
  return ownGet(slice.messages, tenantId) ?? {};
}

/** `userInfo.id` of the request (create/upsert/update refuse without it: CreateMessagesRequest.java:46-51). */
function userId(req: OperationRequest): unknown {
  const info = req.body["RequestInfo"];
  const user = isRecord(info) ? info["userInfo"] : undefined;
  const id = isRecord(user) ? user["id"] : undefined;
  return id ?? req.caller?.user.id ?? null;
}

/** Bean validation of `@NotEmpty @Size(max = n)` on a string field. */
function checkName(value: unknown, field: string, max: number, out: ErrorField[], notEmpty = true): void {
  const s = text(value);
  if (s === undefined || s === "") {
    if (notEmpty || s === undefined) out.push(notEmpty ? Constraint.notEmpty(field) : Constraint.notNull(field));
    return;
  }
  if (s.length > max) out.push(Constraint.size(field, 0, max));
}

interface WriteRequest {
  tenantId: string;
  messages: Message[];
}

/** CreateMessagesRequest (_create and _upsert): bean validation through localization's envelope. */
function readMessages(req: OperationRequest): WriteRequest | OperationResult {
  const fields: ErrorField[] = [];
  checkName(req.body["tenantId"], "tenantId", MAX_TENANT, fields);
  const raw = req.body["messages"];
  if (Array.isArray(raw) && raw.length === 0) fields.push(sizeAtLeastOne("messages"));
  const items = Array.isArray(raw) ? raw : [];
  items.forEach((m, i) => {
    const item = isRecord(m) ? m : {};
    for (const k of ["code", "message", "module", "locale"]) {
      const v = text(item[k]);
      if (v === undefined || v === "") fields.push(Constraint.notEmpty(`messages[${i}].${k}`));
    }
  });
  if (fields.length > 0) return localizationError(fields);
  // `messages` null passes validation and then fails on .stream() (CreateMessagesRequest.java:33-35).
  if (!Array.isArray(raw)) return unhandledException("NullPointerException", null);
  return {
    tenantId: text(req.body["tenantId"]) as string,
    messages: items.map((m) => {
      const r = m as Record<string, unknown>;
      return { code: text(r["code"]) as string, message: text(r["message"]) as string, module: text(r["module"]) as string, locale: text(r["locale"]) as string };
    }),
  };
}

/** DataIntegrityViolation other than the unique key (text or names longer than their columns). */
const tooLong = (m: Message) => m.message.length > MAX_TEXT || m.code.length > MAX_NAME || m.module.length > MAX_NAME || m.locale.length > MAX_NAME;

/** Collectors.toMap(Message::getCode) on the request (MessageRepository.java:123-129), via the tracer. */
function duplicateCode(messages: { code: string }[]): OperationResult | null {
  const seen = new Set<string>();
  for (const m of messages) {
    if (seen.has(m.code)) return customException(LocalizationErrors.duplicateRecords, `Duplicate key ${m.code} (attempted merging values)`);
    seen.add(m.code);
  }
  return null;
}

const echo = (messages: Message[]): OperationResult => ({
  status: 200,
  body: { messages: messages.map((m) => ({ code: m.code, message: m.message, module: m.module, locale: m.locale })) },
});

/** Inserts `messages` at `tenantId` (all or nothing, as one saveAll); null when stored. */
function insertAll(slice: LocalizationSlice, tenantId: string, messages: Message[], visibleFrom: number, check: boolean): OperationResult | null {
  if (check) {
    const store = messagesAt(slice, tenantId);
    const seen = new Set<string>();
    for (const m of messages) {
      if (ownGet(store, keyOf(m)) !== undefined || seen.has(keyOf(m))) return fixedError(LocalizationErrors.duplicateIdentity);
      seen.add(keyOf(m));
    }
    if (messages.some(tooLong)) return fixedError(LocalizationErrors.persistFailed);
    return null;
  }
  if (messages.length === 0) return null;
  const store = ownEnsure(slice.messages, tenantId, (): Record<string, StoredMessage> => ({}));
  for (const m of messages) store[keyOf(m)] = { code: m.code, message: m.message, module: m.module, locale: m.locale, visibleFrom };
  return null;
}

const create: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = readMessages(req);
    if ("status" in input) return input;
    if (userId(req) === null) return fixedError(LocalizationErrors.notAuthenticated);
    const refused = insertAll(slice, input.tenantId, input.messages, 0, true);
    if (refused) return refused;
    insertAll(slice, input.tenantId, input.messages, ctx.now() + ctx.options.writeLagMs, false);
    return echo(input.messages);
  });

/**
 * MessageService.upsert → MessageRepository.upsert (MessageService.java:55-60, MessageRepository.java:77-89):
 * existing rows are found with the FIRST message's locale and module and all request codes; messages whose code
 * was not found are inserted (each under its own locale and module), then the found rows get the text of the
 * request message with their code. DIGIT inserts before it checks for repeated codes; the mock refuses first.
 */
const upsert: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const input = readMessages(req);
    if ("status" in input) return input;
    if (userId(req) === null) return fixedError(LocalizationErrors.notAuthenticated);
    const { tenantId, messages } = input;
    const first = messages[0] as Message;
    if (messages.some((m) => m.locale !== first.locale || m.module !== first.module)) {
      strictOnly(req, ctx, {
        code: LocalizationWarnings.mixedUpsert,
        message:
          "_upsert finds existing messages by the first message's locale and module only (MessageService.java:57): messages of another locale or module are inserted as new, so existing ones fail with core.DUPLICATE_MESSAGE_IDENTITY, and a code shared with the first module overwrites that module's text. Send one locale and module per call.",
      });
    }
    const store = messagesAt(slice, tenantId);
    const codes = new Set(messages.map((m) => m.code));
    const found = Object.values(store).filter((s) => s.locale === first.locale && s.module === first.module && codes.has(s.code));
    const foundCodes = new Set(found.map((s) => s.code));
    const inserts = messages.filter((m) => !foundCodes.has(m.code));
    const refused = insertAll(slice, tenantId, inserts, 0, true) ?? duplicateCode(messages);
    if (refused) return refused;
    if (found.some((s) => (messages.find((m) => m.code === s.code) as Message).message.length > MAX_TEXT)) return fixedError(LocalizationErrors.persistFailed);
    insertAll(slice, tenantId, inserts, ctx.now() + ctx.options.writeLagMs, false);
    const byCode = new Map(messages.map((m) => [m.code, m]));
    const live = ownEnsure(slice.messages, tenantId, (): Record<string, StoredMessage> => ({}));
    for (const row of found) {
      const stored = live[keyOf(row)] as StoredMessage;
      stored.message = (byCode.get(row.code) as Message).message;
    }
    return echo(messages);
  });

/** UpdateMessageRequest (UpdateMessageRequest.java:23-45): tenantId, locale and module at the top level, items {code, message}. */
const update: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const fields: ErrorField[] = [];
    checkName(req.body["tenantId"], "tenantId", MAX_TENANT, fields);
    checkName(req.body["locale"], "locale", MAX_NAME, fields);
    checkName(req.body["module"], "module", MAX_NAME, fields);
    const raw = req.body["messages"];
    if (Array.isArray(raw) && raw.length === 0) fields.push(sizeAtLeastOne("messages"));
    const items = Array.isArray(raw) ? raw : [];
    items.forEach((m, i) => {
      const item = isRecord(m) ? m : {};
      for (const k of ["code", "message"]) if (!text(item[k])) fields.push(Constraint.notEmpty(`messages[${i}].${k}`));
    });
    if (fields.length > 0) return localizationError(fields);
    if (!Array.isArray(raw)) return unhandledException("NullPointerException", null);
    if (userId(req) === null) return fixedError(LocalizationErrors.notAuthenticated);
    const tenantId = text(req.body["tenantId"]) as string;
    const locale = text(req.body["locale"]) as string;
    const module = text(req.body["module"]) as string;
    const messages: Message[] = items.map((m) => ({ code: text((m as Record<string, unknown>)["code"]) as string, message: text((m as Record<string, unknown>)["message"]) as string, module, locale }));
    const refused = duplicateCode(messages);
    if (refused) return refused;
    const store = messagesAt(slice, tenantId);
    const targets = messages.map((m) => ({ m, stored: ownGet(store, keyOf(m)) }));
    const missing = targets.filter((t) => t.stored === undefined).map((t) => t.m.code);
    if (missing.length > 0) {
      strictOnly(req, ctx, {
        code: LocalizationWarnings.messageNotFound,
        message: `_update skips codes with no message at ${tenantId} (${locale}, ${module}): ${missing.slice(0, 10).join(", ")}. DIGIT answers 200 and changes nothing for them; use _upsert to create.`,
      });
    }
    if (targets.some((t) => t.stored !== undefined && t.m.message.length > MAX_TEXT)) return fixedError(LocalizationErrors.persistFailed);
    if (targets.some((t) => t.stored !== undefined)) {
      const live = ownEnsure(slice.messages, tenantId, (): Record<string, StoredMessage> => ({}));
      for (const t of targets) if (t.stored !== undefined) (live[keyOf(t.m)] as StoredMessage).message = t.m.message;
    }
    return echo(messages);
  });

/** DeleteMessagesRequest (DeleteMessagesRequest.java:22-31): `messages` of {code, module, locale}; no user needed. */
const remove: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const fields: ErrorField[] = [];
    const tenant = text(req.body["tenantId"]);
    if (tenant === undefined) fields.push(Constraint.notNull("tenantId"));
    else if (tenant.length > MAX_TENANT) fields.push(Constraint.size("tenantId", 0, MAX_TENANT));
    const raw = req.body["messages"];
    if (Array.isArray(raw) && raw.length === 0) fields.push(sizeAtLeastOne("messages"));
    const items = Array.isArray(raw) ? raw : [];
    items.forEach((m, i) => {
      const item = isRecord(m) ? m : {};
      for (const k of ["code", "module", "locale"]) if (!text(item[k])) fields.push(Constraint.notEmpty(`messages[${i}].${k}`));
    });
    if (fields.length > 0) return localizationError(fields);
    if (!Array.isArray(raw)) return unhandledException("NullPointerException", null);
    const tenantId = tenant as string;
    const ids = items.map((m) => {
      const r = m as Record<string, unknown>;
      return { code: text(r["code"]) as string, module: text(r["module"]) as string, locale: text(r["locale"]) as string };
    });
    const store = ownGet(slice.messages, tenantId);
    const present = ids.filter((m) => store !== undefined && ownGet(store, keyOf(m)) !== undefined);
    if (present.length < ids.length) {
      const missing = ids.filter((m) => !present.includes(m)).map((m) => m.code);
      strictOnly(req, ctx, {
        code: LocalizationWarnings.messageNotFound,
        message: `_delete ignores messages that do not exist at ${tenantId}: ${missing.slice(0, 10).join(", ")}.`,
      });
    }
    if (store !== undefined) for (const m of present) delete store[keyOf(m)];
    return { status: 200, body: { successful: true } };
  });

interface Criteria {
  tenantId: string;
  locale: string | null;
  module: string | null;
  codes: string[];
}

/** Java's `String.split("[,]")`: trailing empty strings dropped, nothing trimmed (MessageService.java:117). */
function splitModules(module: string): string[] {
  const parts = module.split(",");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/**
 * MessageService.getFilteredMessages (MessageService.java:80-138): walk the tenant hierarchy; the first level
 * with at least one message matching locale, modules and codes answers, with only its own messages, ordered by
 * code (MessageService.java:211).
 */
function filtered(slice: LocalizationSlice, criteria: Criteria, now: number): Message[] {
  const modules = criteria.module ? splitModules(criteria.module) : null;
  const codes = criteria.codes.length > 0 ? new Set(criteria.codes) : null;
  for (const tenant of tenantHierarchy(criteria.tenantId)) {
    const level = Object.values(messagesAt(slice, tenant)).filter(
      (m) => m.visibleFrom <= now && m.locale === criteria.locale && (modules === null || modules.includes(m.module)) && (codes === null || codes.has(m.code)),
    );
    if (level.length > 0) return level.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
  return [];
}

/** Spring's comma-list conversion of `Set<String> codes`: split on commas, each element trimmed. */
const codesOf = (value: string | undefined): string[] => (value === undefined || value === "" ? [] : value.split(",").map((c) => c.trim()));

/** v1/_search and GET /messages: query parameters only (MessageController.java:30-45); the body is ignored. */
const searchByQuery: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const { locale, tenantId, module, codes } = req.query;
    // Spring resolves the parameters in declaration order: locale, module, tenantId, codes.
    if (locale === undefined) return missingParameter("locale");
    if (tenantId === undefined) return missingParameter("tenantId");
    if (tenantId.length > MAX_TENANT) {
      return unhandledException("ConstraintViolationException", `getMessages.tenantId: size must be between 0 and ${MAX_TENANT}`);
    }
    return echo(filtered(slice, { tenantId, locale, module: module ?? null, codes: codesOf(codes) }, ctx.now()));
  });

/** v2/_search: `messageSearchCriteria` in the body (MessageController.java:47-52, MessageSearchCriteria.java). */
const searchV2: OperationHandler<LocalizationSlice> = (req, ctx, slice) =>
  handle(req, ctx.now(), () => {
    const criteria = req.body["messageSearchCriteria"];
    const tenantId = isRecord(criteria) ? text(criteria["tenantId"]) : undefined;
    // A missing criteria object or tenantId is a NullPointerException in getTenantHierarchy.
    if (!isRecord(criteria) || tenantId === undefined) return unhandledException("NullPointerException", null);
    const codes = criteria["codes"];
    if (codes !== undefined && codes !== null && !Array.isArray(codes)) {
      return tracerError([{ code: "JsonMappingException", message: "Failed to deserialize certain JSON fields" }]);
    }
    return echo(
      filtered(
        slice,
        {
          tenantId,
          locale: text(criteria["locale"]) ?? null,
          module: text(criteria["module"]) ?? null,
          codes: (Array.isArray(codes) ? codes : []).map((c) => text(c) ?? "").filter((c) => c !== ""),
        },
        ctx.now(),
      ),
    );
  });

/** `new CacheBustResponse(null, true)` (MessageController.java:78-82); Jackson writes isSuccessful and successful. */
const cacheBust: OperationHandler<LocalizationSlice> = () => ({ status: 200, body: { responseInfo: null, isSuccessful: true, successful: true } });

export const localizationService: ServiceModule<LocalizationSlice> = {
  key: "localization",
  initialState: () => ({ messages: {} }),
  handlers: {
    "localization.search": searchByQuery,
    "localization.getMessages": searchByQuery,
    "localization.searchV2": searchV2,
    "localization.create": create,
    "localization.update": update,
    "localization.delete": remove,
    "localization.upsert": upsert,
    "localization.cacheBust": cacheBust,
  },
};
