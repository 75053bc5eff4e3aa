/**
 * The CLI's error split (after Shopify's AbortError/BugError and wrangler's UserError):
 * a `UserError` is the user's to fix and prints what / where / how-to-fix without a stack trace;
 * anything else is a bug and prints a short report.
 */
import { redact } from "@digit-kit/sdk/redact";

/** Process exit codes. `CHANGES_PENDING` mirrors `terraform plan -detailed-exitcode`. */
export const EXIT = {
  OK: 0,
  ERROR: 1,
  CHANGES_PENDING: 2,
  INTERRUPTED: 130,
} as const;

export interface UserErrorDetails {
  /** Where it went wrong: a file and JSON path, a flag, a URL. */
  where?: string;
  /** How to fix it: one or more next steps. */
  fix?: string | string[];
  /** Exit code, 1 unless given. */
  exitCode?: number;
  cause?: unknown;
}

/** An error the user can fix. Printed without a stack trace. */
export class UserError extends Error {
  readonly where: string | undefined;
  readonly fix: string[];
  readonly exitCode: number;

  constructor(what: string, details: UserErrorDetails = {}) {
    super(what, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "UserError";
    this.where = details.where;
    this.fix = details.fix === undefined ? [] : Array.isArray(details.fix) ? details.fix : [details.fix];
    this.exitCode = details.exitCode ?? EXIT.ERROR;
  }
}

/** An unexpected failure inside the CLI. Printed as a short report asking for an issue. */
export class BugError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BugError";
  }
}

/** Thrown to stop with a given exit code after output has already been written (e.g. plan → 2). */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitSignal";
  }
}

/** True for errors that carry a user-facing message (ours and the SDK's DIGIT API errors). */
export function isUserFacing(error: unknown): error is Error {
  if (error instanceof UserError) return true;
  if (!(error instanceof Error)) return false;
  // The SDK's error tree (DigitApiError, DigitAuthError, ...) and the bundle loader's errors are
  // user-facing: they describe a server answer or a bad input file, not a CLI bug.
  return (
    /^Digit\w*Error$/.test(error.name) ||
    /^Bundle\w*Error$/.test(error.name) ||
    ["CommanderError", "MockCliUsageError", "StateFileError", "SeedError"].includes(error.name)
  );
}

interface ReportContext {
  json: boolean;
  verbose: boolean;
  argv: readonly string[];
  version: string;
}

interface ErrorSink {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The fix for a login DIGIT refused (wrong user, tenant, user type or password). */
export const CREDENTIALS_FIX = [
  "Check the user name (--username / DIGIT_USERNAME), the tenant (--tenant / DIGIT_TENANT: the state tenant the user belongs to) and the user type (--user-type / DIGIT_USER_TYPE, default EMPLOYEE).",
  "Check the password: it comes from --password-stdin, else DIGIT_PASSWORD, else the prompt; a stale DIGIT_PASSWORD in the environment wins over the prompt (unset or correct it).",
];

/**
 * A 400/401 answer to `user.login` (DIGIT's OAuth token endpoint): the credentials were refused. Not a
 * session that expired, so "log in again" would be the wrong advice.
 */
function refusedLogin(error: Error): { message: string; fix: string[] } | undefined {
  const e = error as { operationId?: unknown; status?: unknown; errors?: unknown };
  if (e.operationId !== "user.login" || (e.status !== 400 && e.status !== 401)) return undefined;
  const details = Array.isArray(e.errors) ? (e.errors as { message?: unknown }[]).map((d) => String(d.message ?? "")).filter(Boolean) : [];
  return {
    message: `DIGIT refused the credentials (HTTP ${String(e.status)} from /user/oauth/token${details.length ? `: ${details.join("; ")}` : ""}).`,
    fix: CREDENTIALS_FIX,
  };
}

/** A fix hint for the SDK's DIGIT errors, keyed by the error class name. */
function sdkFix(error: Error): string[] {
  switch (error.name) {
    case "DigitAuthError":
      return ["Log in again: digit login --profile <name> (or set DIGIT_USERNAME and DIGIT_PASSWORD)."];
    case "DigitForbiddenError":
      return ["The user lacks a role for this API. Grant it with a role-action, or log in as a more privileged user."];
    case "DigitConnectionError":
      return ["Check the gateway URL (--url / DIGIT_URL / the profile) and that the server is up."];
    case "DigitRateLimitError":
      return ["Retry later or lower --concurrency."];
    default:
      return [];
  }
}

/**
 * Prints an error the way the CLI promises: user-fixable errors as what / where / fix without a stack,
 * anything else as a short bug report. Returns the exit code.
 */
export function reportError(error: unknown, io: ErrorSink, ctx: ReportContext): number {
  if (isUserFacing(error)) {
    const refused = refusedLogin(error);
    const rawWhere = error instanceof UserError ? error.where : (error as { where?: string }).where;
    const where = rawWhere === undefined ? undefined : redact(rawWhere);
    const fix = (
      refused
        ? refused.fix
        : error instanceof UserError
        ? error.fix
        : error.name === "BundleValidationError"
          ? ["Fix the problems listed above (paths are relative to the bundle root; pointers are JSON pointers into the file)."]
          : sdkFix(error)
    ).map(redact);
    const code = (error as { code?: unknown }).code;
    const message = redact(refused ? refused.message : error.message);
    const lines = [`Error: ${message}`];
    if (where) lines.push(`  where: ${where}`);
    for (const f of fix) lines.push(`  fix:   ${f}`);
    io.stderr.write(`${lines.join("\n")}\n`);
    if (ctx.json) {
      const payload = { ok: false, error: { kind: error.name, message, ...(where ? { where } : {}), ...(typeof code === "string" ? { code } : {}), fix } };
      io.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
    }
    return error instanceof UserError ? error.exitCode : EXIT.ERROR;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const frames = (err.stack ?? "").split("\n").slice(1, ctx.verbose ? undefined : 4).map((l) => `    ${redact(l.trim())}`);
  const report = [
    `digit hit an unexpected error. This is a bug in digit, not in your input.`,
    `  ${err.name}: ${redact(err.message)}`,
    ...frames,
    `  digit ${ctx.version}, node ${process.version}, ${process.platform}-${process.arch}`,
    `  command: digit ${redact(ctx.argv.filter((a) => !/password|token/i.test(a)).join(" "))}`,
    `Please report it with the lines above (re-run with --verbose for the full trace).`,
  ];
  io.stderr.write(`${report.join("\n")}\n`);
  if (ctx.json) {
    io.stdout.write(`${JSON.stringify({ ok: false, error: { kind: "BugError", message: redact(err.message) } }, null, 2)}\n`);
  }
  return EXIT.ERROR;
}
