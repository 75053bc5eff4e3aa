/**
 * Wire details the payments chain (billing, collection, pg) shares: ResponseInfo as these services echo it,
 * DIGIT's error maps (one error per key, the last message wins), Spring's binding errors for query criteria,
 * amounts and prototype-free lookups.
 */
import { MockHttpError } from "../../core/errors.js";
import type { DigitErrorItem, MockContext, OperationRequest, OperationResult } from "../../core/types.js";
import { handle } from "../shared/respond.js";
import { isRecord } from "../shared/values.js";

/**
 * ResponseInfo built from the request's RequestInfo as billing (`resMsgId` null), collection and pg
 * (`resMsgId` "uief87324") do: apiId, ver, ts and msgId echoed, `status` as given.
 */
export function echoResponseInfo(req: OperationRequest, status: string, resMsgId: string | null): Record<string, unknown> {
  const ri = isRecord(req.body["RequestInfo"]) ? req.body["RequestInfo"] : null;
  const text = (key: string): string | null => (ri && typeof ri[key] === "string" ? (ri[key] as string) : null);
  const ts = ri && typeof ri["ts"] === "number" ? ri["ts"] : null;
  return { apiId: text("apiId"), ver: text("ver"), ts, resMsgId, msgId: text("msgId"), status };
}

/** DIGIT's `Map<String, String> errorMap`: one entry per code, a later message replacing an earlier one. */
export class ErrorMap {
  private readonly entries = new Map<string, string>();
  put(code: string, message: string): void {
    this.entries.set(code, message);
  }
  get size(): number {
    return this.entries.size;
  }
  has(code: string): boolean {
    return this.entries.has(code);
  }
  items(): DigitErrorItem[] {
    return [...this.entries].map(([code, message]) => ({ code, message, description: message, params: null }));
  }
  /** Throws the collected errors (400) when there are any. */
  throwIfAny(): void {
    if (this.entries.size > 0) throw new MockHttpError(400, this.items());
  }
}

/** Throws one DIGIT error (400). */
export function fail(code: string, message: string, params?: string[]): never {
  throw new MockHttpError(400, [{ code, message, description: message, params: params ?? null }]);
}

/**
 * A handler body whose MockHttpErrors become the mock's DIGIT error envelope (the mock keeps its ResponseInfo
 * there for every service; DIGIT's tracer writes `ResponseInfo: null`).
 */
export function run(req: OperationRequest, ctx: MockContext, body: () => OperationResult): OperationResult {
  return handle(req, ctx.now(), body);
}

/** Whether an operation's result is a success (2xx). */
export function ok(result: OperationResult): boolean {
  return result.status >= 200 && result.status < 300;
}

/**
 * Spring's query binding (`@ModelAttribute`) for one criteria object: type conversion failures and bean
 * validation violations, reported as `<Constraint>.<objectName>.<field>` codes.
 */
export class QueryBinder {
  readonly errors: DigitErrorItem[] = [];
  constructor(
    private readonly req: OperationRequest,
    private readonly objectName: string,
  ) {}

  private add(code: string, field: string, message: string): void {
    this.errors.push({ code: `${code}.${this.objectName}.${field}`, message, description: message, params: null });
  }

  /** The raw value, or undefined when absent (Spring binds an empty value as null for non-strings). */
  raw(field: string): string | undefined {
    const value = this.req.query[field];
    return value === undefined ? undefined : value;
  }

  string(field: string, rules: { notNull?: boolean; max?: number; pattern?: RegExp; patternMessage?: string } = {}): string | undefined {
    const value = this.raw(field);
    if (value === undefined) {
      if (rules.notNull) this.add("NotNull", field, "must not be null");
      return undefined;
    }
    if (rules.max !== undefined && value.length > rules.max) this.add("Size", field, `size must be between 0 and ${rules.max}`);
    if (rules.pattern && !rules.pattern.test(value)) this.add("Pattern", field, rules.patternMessage ?? `must match "${rules.pattern.source}"`);
    return value;
  }

  /** A comma-separated set (`consumerCode=a,b`); undefined when absent. */
  set(field: string): string[] | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    const items = value
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    return [...new Set(items)];
  }

  long(field: string): number | undefined {
    const value = this.raw(field);
    if (value === undefined || value.trim() === "") return undefined;
    const n = Number(value);
    if (!Number.isInteger(n)) {
      this.add("typeMismatch", field, `Failed to convert property value of type 'java.lang.String' to required type 'java.lang.Long' for property '${field}'`);
      return undefined;
    }
    return n;
  }

  int(field: string): number | undefined {
    const n = this.long(field);
    return n;
  }

  bool(field: string): boolean | undefined {
    const value = this.raw(field);
    if (value === undefined || value.trim() === "") return undefined;
    const v = value.trim().toLowerCase();
    if (["true", "on", "yes", "1"].includes(v)) return true;
    if (["false", "off", "no", "0"].includes(v)) return false;
    this.add("typeMismatch", field, `Failed to convert property value of type 'java.lang.String' to required type 'java.lang.Boolean' for property '${field}'`);
    return undefined;
  }

  /** An enum constant, matched exactly as Spring's StringToEnumConverter does. */
  enumOf<T extends string>(field: string, values: readonly T[], type: string): T | undefined {
    const value = this.raw(field);
    if (value === undefined || value.trim() === "") return undefined;
    if ((values as readonly string[]).includes(value.trim())) return value.trim() as T;
    this.add("typeMismatch", field, `Failed to convert property value of type 'java.lang.String' to required type '${type}' for property '${field}'`);
    return undefined;
  }

  /** Throws the binding errors (400) when there are any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new MockHttpError(400, this.errors);
  }
}

/** An amount rounded to DIGIT's two decimals (numeric(12,2) columns). */
export function money(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A number from a JSON number or numeric string (Jackson's BigDecimal binding), else undefined. */
export function amount(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The value under an own key of a state map keyed by untrusted input (never the prototype's). */
export function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** The state tenant of a tenant id (`pg.citya` → `pg`). */
export function stateTenant(tenantId: string): string {
  const dot = tenantId.indexOf(".");
  return dot === -1 ? tenantId : tenantId.slice(0, dot);
}

/** DIGIT's tenant match for searches: a state tenant matches itself and all its cities, a city only itself. */
export function tenantMatches(criteria: string, tenantId: string): boolean {
  if (criteria.includes(".")) return tenantId === criteria;
  return tenantId.startsWith(criteria);
}

/** The caller as RequestInfo.userInfo describes it (after the gateway replaced it with the token's user). */
export interface UserInfo {
  id: number | null;
  uuid: string | null;
  userName: string | null;
  name: string | null;
  type: string | null;
  mobileNumber: string | null;
  emailId: string | null;
  tenantId: string | null;
  roles: { code: string; tenantId: string | null }[];
}

export function userInfoOf(req: OperationRequest): UserInfo | null {
  const ri = req.body["RequestInfo"];
  const info = isRecord(ri) && isRecord(ri["userInfo"]) ? ri["userInfo"] : null;
  if (!info) {
    const user = req.caller?.user;
    if (!user) return null;
    return {
      id: user.id,
      uuid: user.uuid,
      userName: user.userName,
      name: user.name,
      type: user.type,
      mobileNumber: user.mobileNumber ?? null,
      emailId: user.emailId ?? null,
      tenantId: user.tenantId,
      roles: user.roles.map((r) => ({ code: r.code, tenantId: r.tenantId })),
    };
  }
  const str = (key: string): string | null => (typeof info[key] === "string" ? (info[key] as string) : typeof info[key] === "number" ? String(info[key]) : null);
  const roles = Array.isArray(info["roles"])
    ? info["roles"].filter(isRecord).map((r) => ({ code: typeof r["code"] === "string" ? r["code"] : "", tenantId: typeof r["tenantId"] === "string" ? r["tenantId"] : null }))
    : [];
  return {
    id: typeof info["id"] === "number" ? info["id"] : null,
    uuid: str("uuid"),
    userName: str("userName"),
    name: str("name"),
    type: str("type"),
    mobileNumber: str("mobileNumber"),
    emailId: str("emailId"),
    tenantId: str("tenantId"),
    roles,
  };
}

/** The RequestInfo to pass on to another service (DIGIT services forward the one they received). */
export function requestInfoOf(req: OperationRequest): Record<string, unknown> {
  return isRecord(req.body["RequestInfo"]) ? req.body["RequestInfo"] : {};
}

/**
 * DIGIT's `jsonMerge(main, update)` (billing and collection Util): the fields of `update` overwrite those of
 * `main`, nested objects merging; a null side answers the other.
 */
export function jsonMerge(main: unknown, update: unknown): unknown {
  if (main === null || main === undefined) return update ?? null;
  if (update === null || update === undefined) return main;
  if (!isRecord(main) || !isRecord(update)) return main;
  const out: Record<string, unknown> = { ...main };
  for (const [key, value] of Object.entries(update)) {
    const current = out[key];
    out[key] = isRecord(current) ? jsonMerge(current, value) : value;
  }
  return out;
}

/**
 * A refusal after the handler started writing. It is thrown past `run` to the core, which rolls the write back
 * (and answers the same DIGIT error envelope), so a refused request never leaves half its changes behind.
 */
export class AfterWriteError extends Error {
  readonly status: number;
  readonly errors: DigitErrorItem[];
  constructor(status: number, errors: DigitErrorItem[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join("; "));
    this.name = "AfterWriteError";
    this.status = status;
    this.errors = errors;
  }
}

/** Throws an {@link AfterWriteError} with one error (400). */
export function failAfterWrite(code: string, message: string): never {
  throw new AfterWriteError(400, [{ code, message, description: message, params: null }]);
}

/** The `Errors` of another operation's error answer, for passing them on as DIGIT services do (ServiceCallException). */
export function errorsOf(result: OperationResult): DigitErrorItem[] {
  const body = result.body;
  const list = isRecord(body) && Array.isArray(body["Errors"]) ? body["Errors"].filter(isRecord) : [];
  return list.map((e) => ({
    code: typeof e["code"] === "string" ? e["code"] : "",
    message: typeof e["message"] === "string" ? e["message"] : "",
    description: typeof e["description"] === "string" ? e["description"] : typeof e["message"] === "string" ? e["message"] : null,
    params: Array.isArray(e["params"]) ? e["params"].map(String) : null,
  }));
}

/** Passes another operation's error answer on (before this handler wrote anything). */
export function passOn(result: OperationResult): never {
  throw new MockHttpError(result.status, errorsOf(result));
}

/** Passes another operation's error answer on after this handler wrote (the core rolls back). */
export function passOnAfterWrite(result: OperationResult): never {
  throw new AfterWriteError(result.status, errorsOf(result));
}
