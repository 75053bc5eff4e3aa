/**
 * DIGIT idgen format templates: `[SEQ_NAME]` / `[seq:SEQ_NAME]` (6-digit zero-padded, DIGIT's `%06d`),
 * `[cy:<date pattern>]` (calendar date), `[fy:yyyy-yy]` (financial year starting 1 April),
 * `[city]` / `[city:<path>]` (from the tenant's `tenant.tenants` record), `[TENANT_ID]`, and the random
 * `[d{n}]`, `[a{n}]`, `[an{n}]`. Dates use India Standard Time (UTC+05:30), DIGIT's default zone.
 */
import { randomInt } from "node:crypto";

export class FormatError extends Error {}

/** Fixed +05:30: India has no daylight saving, so an offset is exact. */
const IST_OFFSET_MS = 5.5 * 3_600_000;

export interface FormatEnv {
  now: number;
  tenantId: string;
  /** The tenant's `tenant.tenants` record, if MDMS has one. */
  tenant?: Record<string, unknown>;
  nextSeq(name: string): number;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** Java `SimpleDateFormat`-style patterns: yyyy, yy, MM, M, dd, d, HH, mm, ss, SSS; other letters are refused. */
export function formatDate(pattern: string, now: number, years?: { first: number; second: number }): string {
  const d = new Date(now + IST_OFFSET_MS);
  let yearIndex = 0;
  return pattern.replace(/([A-Za-z])\1*/g, (run) => {
    const letter = run.charAt(0);
    switch (letter) {
      case "y": {
        const year = years === undefined ? d.getUTCFullYear() : yearIndex++ === 0 ? years.first : years.second;
        return run.length === 2 ? pad(year % 100, 2) : pad(year, run.length);
      }
      case "M":
        return pad(d.getUTCMonth() + 1, run.length);
      case "d":
        return pad(d.getUTCDate(), run.length);
      case "H":
        return pad(d.getUTCHours(), run.length);
      case "m":
        return pad(d.getUTCMinutes(), run.length);
      case "s":
        return pad(d.getUTCSeconds(), run.length);
      case "S":
        return pad(d.getUTCMilliseconds(), run.length);
      default:
        throw new FormatError(`unsupported date pattern letter '${letter}' in '${pattern}'`);
    }
  });
}

/** Financial year boundaries: April 2024 – March 2025 → {first: 2024, second: 2025}. */
export function financialYear(now: number): { first: number; second: number } {
  const d = new Date(now + IST_OFFSET_MS);
  const first = d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return { first, second: first + 1 };
}

function cityCode(env: FormatEnv, path?: string): string {
  let value: unknown = env.tenant;
  for (const part of (path ?? "city.code").split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  if (path !== undefined) throw new FormatError(`the tenant record of ${env.tenantId} has no value at ${path}`);
  const [, city] = env.tenantId.split(".");
  return (city ?? env.tenantId).toUpperCase();
}

const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";

function random(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/** Expands one id from a format template. Throws {@link FormatError} on unknown placeholders. */
export function expandFormat(format: string, env: FormatEnv): string {
  return format.replace(/\[([^\]]+)\]/g, (_whole, token: string) => {
    if (/^SEQ_[\w.-]+$/i.test(token)) return pad(env.nextSeq(token.toUpperCase()), 6);
    const seq = /^seq:([\w.-]+)$/i.exec(token);
    if (seq !== null) return pad(env.nextSeq((seq[1] as string).toUpperCase()), 6);
    if (/^cy:/i.test(token)) return formatDate(token.slice(3), env.now);
    if (/^fy:/i.test(token)) return formatDate(token.slice(3), env.now, financialYear(env.now));
    if (/^city$/i.test(token)) return cityCode(env);
    if (/^city:/i.test(token)) return cityCode(env, token.slice(5));
    if (/^tenant_?id$/i.test(token)) return env.tenantId;
    const rand = /^(d|a|an)\{(\d{1,2})\}$/i.exec(token);
    if (rand !== null) {
      const kind = (rand[1] as string).toLowerCase();
      return random(kind === "d" ? DIGITS : kind === "a" ? ALPHA : ALPHA + DIGITS, Number(rand[2]));
    }
    throw new FormatError(`unknown placeholder [${token}]`);
  });
}
