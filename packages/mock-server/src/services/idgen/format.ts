/**
 * DIGIT idgen format rendering, as IdGenerationService.getFormattedId does it
 * (egov-idgen/src/main/java/org/egov/id/service/IdGenerationService.java:208-268):
 * 1. `[tenantid]`, `[tenant_id]` (dots → underscores) and `[TENANT_ID]` (the same, upper-cased) are replaced
 *    literally, case-sensitively, first.
 * 2. Every other `[token]` (non-greedy `\[(.*?)\]`) is tested by prefix, case-insensitively: `seq…` (the whole
 *    token names a database sequence, `%06d`; one value per id even when repeated), `fy…` (financial year),
 *    `cy…` (a Java date pattern after the colon, IST), `city…` (the tenant's `city.code`), else random digits as
 *    long as the token's first `{n}` (default 2). A token shorter than the prefix being tested fails as Java's
 *    `substring` does.
 * Each token's value replaces every occurrence of that token (Java `String.replace`).
 */
import { randomInt } from "node:crypto";
import { IdgenErrors, IdgenFailure } from "./errors.js";

/** A date pattern SimpleDateFormat would refuse, or one the mock does not implement. */
export class FormatError extends Error {}

/** Fixed +05:30: India has no daylight saving, so an offset is exact (DIGIT's `id.timezone=IST`). */
const IST_OFFSET_MS = 5.5 * 3_600_000;

const pad = (value: number, width: number) => String(value).padStart(width, "0");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Java `SimpleDateFormat` in IST (English): pattern letters, `'quoted'` text and `''`; other letters are refused. */
export function formatDate(pattern: string, now: number): string {
  const d = new Date(now + IST_OFFSET_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const dow = d.getUTCDay();
  const hours = d.getUTCHours();
  const dayOfYear = Math.floor((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) out += "'";
      else if (end === -1) throw new FormatError(`unterminated quote in '${pattern}'`);
      else out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern.charAt(i + n) === c) n += 1;
    i += n;
    const num = (v: number) => pad(v, n);
    const text = (full: string) => (n >= 4 ? full : full.slice(0, 3));
    switch (c) {
      case "G":
        out += "AD";
        break;
      case "y":
      case "Y":
        out += n === 2 ? pad(year % 100, 2) : num(year);
        break;
      case "M":
      case "L":
        out += n >= 3 ? text(MONTHS[month] as string) : num(month + 1);
        break;
      case "w":
        out += num(Math.floor((dayOfYear - 1 + jan1) / 7) + 1);
        break;
      case "W":
        out += num(Math.floor((day - 1 + first) / 7) + 1);
        break;
      case "D":
        out += num(dayOfYear);
        break;
      case "d":
        out += num(day);
        break;
      case "F":
        out += num(Math.floor((day - 1) / 7) + 1);
        break;
      case "E":
        out += text(DAYS[dow] as string);
        break;
      case "u":
        out += num(dow === 0 ? 7 : dow);
        break;
      case "a":
        out += hours < 12 ? "AM" : "PM";
        break;
      case "H":
        out += num(hours);
        break;
      case "k":
        out += num(hours === 0 ? 24 : hours);
        break;
      case "K":
        out += num(hours % 12);
        break;
      case "h":
        out += num(hours % 12 === 0 ? 12 : hours % 12);
        break;
      case "m":
        out += num(d.getUTCMinutes());
        break;
      case "s":
        out += num(d.getUTCSeconds());
        break;
      case "S":
        out += num(d.getUTCMilliseconds());
        break;
      case "z":
        out += n >= 4 ? "India Standard Time" : "IST";
        break;
      case "Z":
        out += "+0530";
        break;
      case "X":
        out += n === 1 ? "+05" : n === 2 ? "+0530" : "+05:30";
        break;
      default:
        throw new FormatError(`Illegal pattern character '${c}'`);
    }
  }
  return out;
}

/** Java `String.split(regex)` for a literal separator: trailing empty strings are dropped. */
function javaSplit(text: string, separator: string): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** `Integer.valueOf`, or a FormatError. */
function javaInt(text: string): number {
  if (!/^[+-]?\d{1,10}$/.test(text)) throw new FormatError(`For input string: "${text}"`);
  const n = Number(text);
  if (n > 2147483647 || n < -2147483648) throw new FormatError(`For input string: "${text}"`);
  return n;
}

/**
 * `[fy:<first>-<second>]` (IdGenerationService.java:277-319): each part is a date pattern read as an integer;
 * the first is this year from April (else last year), the second next year from April (else this year). So
 * `[fy:yyyy-yy]` is `2026-27` and `[fy:yyyy]` is `2026-0`.
 */
export function financialYear(token: string, now: number): string {
  try {
    const parts = javaSplit(token.slice(token.indexOf(":") + 1).trim(), "-");
    const month = new Date(now + IST_OFFSET_MS).getUTCMonth() + 1;
    let pre = 0;
    let post = 0;
    parts.forEach((part, index) => {
      const value = javaInt(formatDate(part.trim(), now));
      if (index === 0) pre = month > 3 ? value : value - 1;
      else post = month > 3 ? value + 1 : value;
    });
    return `${pre}-${post}`;
  } catch (error) {
    if (error instanceof FormatError) throw new IdgenFailure(IdgenErrors.financialYear.message);
    throw error;
  }
}

/** `[cy:<pattern>]` (IdGenerationService.java:328-346): the date in IST. */
export function currentYear(token: string, now: number): string {
  const trimmed = token.trim();
  try {
    return formatDate(trimmed.slice(trimmed.indexOf(":") + 1).trim(), now);
  } catch (error) {
    if (error instanceof FormatError) throw new IdgenFailure(IdgenErrors.currentYear.message);
    throw error;
  }
}

/** Longest random text the mock renders (DIGIT would try any length; the mock keeps its memory). */
export const MAX_RANDOM_LENGTH = 1_000;

/** Any other token (IdGenerationService.java:355-379): concatenated `nextInt(25)` values cut to the first `{n}`. */
export function randomDigits(token: string): string {
  try {
    new RegExp(token);
  } catch {
    throw new IdgenFailure(IdgenErrors.invalidRegex.message);
  }
  const braces = /\{(.*?)\}/.exec(token);
  let length = 2;
  if (braces !== null) {
    const raw = braces[1] as string;
    if (!/^[+-]?\d+$/.test(raw) || Math.abs(Number(raw)) > 2147483647) throw new IdgenFailure(`For input string: "${raw}"`);
    length = Number(raw);
  }
  if (length > MAX_RANDOM_LENGTH) throw new IdgenFailure("Java heap space");
  let text = "";
  for (let i = 0; i < length; i += 1) text += String(randomInt(25));
  if (length < 0) throw new IdgenFailure(`begin 0, end ${length}, length ${text.length}`);
  return text.slice(0, length);
}

export interface RenderEnv {
  now: number;
  tenantId: string;
  count: number;
  /** `count` values of the named sequence, formatted `%06d`; throws IdgenFailure. */
  sequence(name: string): string[];
  /** The tenant's `city.code` from MDMS; throws IdgenFailure. */
  cityCode(): string;
}

/** The literal tenant tokens, applied before the token pass (IdGenerationService.java:213-217). */
export function replaceTenantTokens(format: string, tenantId: string): string {
  if (format.trim() === "" || tenantId === "") return format;
  const underscored = tenantId.replaceAll(".", "_");
  return format.replaceAll("[tenantid]", tenantId).replaceAll("[tenant_id]", underscored).replaceAll("[TENANT_ID]", underscored.toUpperCase());
}

/** The `count` ids of one request (IdGenerationService.java:208-268). Throws IdgenFailure with DIGIT's message. */
export function renderIds(format: string, env: RenderEnv): string[] {
  const template = replaceTenantTokens(format, env.tenantId);
  const tokens = [...template.matchAll(/\[(.*?)\]/g)].map((m) => m[1] as string);
  const sequences = new Map<string, string[]>();
  let city: string | undefined;
  const ids: string[] = [];
  for (let i = 0; i < env.count; i += 1) {
    let id = template;
    for (const token of tokens) {
      const prefix = (n: number) => {
        if (token.length < n) throw new IdgenFailure(`begin 0, end ${n}, length ${token.length}`);
        return token.slice(0, n).toLowerCase();
      };
      let value: string;
      if (prefix(3) === "seq") {
        let values = sequences.get(token);
        if (values === undefined) sequences.set(token, (values = env.sequence(token)));
        const v = values[i];
        if (v === undefined) throw new IdgenFailure(`Index ${i} out of bounds for length ${values.length}`);
        value = v;
      } else if (prefix(2) === "fy") value = financialYear(token, env.now);
      else if (prefix(2) === "cy") value = currentYear(token, env.now);
      else if (prefix(4) === "city") value = city ??= env.cityCode();
      else value = randomDigits(token);
      id = id.split(`[${token}]`).join(value);
    }
    ids.push(id);
  }
  return ids;
}
