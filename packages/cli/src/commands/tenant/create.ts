/**
 * `digit tenant create <tenant> --from <source>`: copies a state root or a city to a new tenant, re-tenanted by rule
 * (services/tenant-clone.ts), then plans/applies it with the shared apply machinery and checks the result.
 */
import { memoryTokenStore, createDigitClient } from "@digit-kit/sdk";
import { cloneTenant, findTraces, type CloneDetails, type Rewrite, type TenantDetails } from "../../services/index.js";
import { readPassword } from "../../config/password.js";
import { UserError } from "../../errors.js";
import { requireConfirmable, runApply } from "../shared/apply-run.js";
import { connect } from "../shared/connect.js";
import { readDataFile } from "../shared/read-data-file.js";
import type { CommandContext } from "../types.js";

const ROOT = /^[a-z][a-z0-9]*$/;
const CITY = /^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$/;

/**
 * egov-user's password policy (egov-user application.properties:51-54, UserService.java:670-685): 8 to 15
 * characters, a digit, a lower and an upper case letter, one of @#$%, no whitespace.
 */
export function passwordPolicyProblem(password: string): string | undefined {
  if (password.length < 8 || password.length > 15) return "must be 8 to 15 characters long";
  if (!/(?=.*\d)(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%])(?=\S+$)/.test(password)) return "must have a digit, a lower and an upper case letter, one of @#$% and no spaces";
  return undefined;
}

function readDetails(ctx: CommandContext, file: string | undefined): CloneDetails {
  if (!file) return {};
  const v = readDataFile(ctx.io.cwd, file);
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new UserError(`${file} is not a mapping.`, { where: "--details", fix: "Write name:, fields: and cities: at the top level (docs/onboarding.md)." });
  const d = v as Record<string, unknown>;
  const tenant = (x: unknown, where: string): TenantDetails => {
    if (x === undefined || x === null) return {};
    if (typeof x !== "object" || Array.isArray(x)) throw new UserError(`${where} must be a mapping with name and fields.`, { where: file });
    const t = x as Record<string, unknown>;
    if (t.name !== undefined && typeof t.name !== "string") throw new UserError(`${where}.name must be text.`, { where: file });
    if (t.fields !== undefined && (typeof t.fields !== "object" || t.fields === null || Array.isArray(t.fields))) throw new UserError(`${where}.fields must be a mapping.`, { where: file });
    return { ...(t.name ? { name: t.name as string } : {}), ...(t.fields ? { fields: t.fields as Record<string, unknown> } : {}) };
  };
  const cities: Record<string, TenantDetails> = {};
  if (d.cities !== undefined) {
    if (!d.cities || typeof d.cities !== "object" || Array.isArray(d.cities)) throw new UserError("cities must be a mapping of city code to {name, fields}.", { where: file });
    for (const [k, x] of Object.entries(d.cities)) cities[k] = tenant(x, `cities.${k}`);
  }
  return { ...tenant(d, "the file"), ...(Object.keys(cities).length ? { cities } : {}) };
}

/** Text lines for the rewrites: each one, except the mechanical `tenantId` fields, which are counted. */
function rewriteLines(rewrites: Rewrite[], from: string, to: string): string[] {
  const tenantIds = rewrites.filter((r) => r.rule === "tenant-code" && /\/tenantId$/.test(r.path));
  const rest = rewrites.filter((r) => !tenantIds.includes(r));
  const lines = [`Rewrites (${rewrites.length}; --json lists every one):`];
  if (tenantIds.length > 0) lines.push(`  ~ ${tenantIds.length} tenantId field(s): ${from}… → ${to}…`);
  for (const r of rest) lines.push(`  ~ ${r.kind} ${r.key} (${r.tenantId}) ${r.path}: ${JSON.stringify(r.from)} → ${JSON.stringify(r.to)}  [${r.rule}]`);
  return lines;
}

export default async function tenantCreate(ctx: CommandContext): Promise<number> {
  const to = String(ctx.args[0]);
  const from = ctx.options.from as string | undefined;
  const root = ROOT.test(to);
  if (!root && !CITY.test(to)) {
    throw new UserError(`"${to}" is not a city tenant code (<state>.<city>) or a state tenant code.`, { where: "<tenant>", fix: "Use e.g. pb.jalandhar for a city, or nr for a new state." });
  }
  if (!from) throw new UserError("--from <tenant> is required.", { fix: root ? `e.g. digit tenant create ${to} --from pg --name 'New State'` : `e.g. digit tenant create ${to} --from ${to.split(".")[0]}.amritsar` });
  if (root && !ROOT.test(from)) throw new UserError(`${to} is a state root, so --from must be one too (got ${from}).`, { where: "--from", fix: "Copy a state from a state, a city from a city." });
  if (!root && (!CITY.test(from) || from.split(".")[0] !== to.split(".")[0])) {
    throw new UserError(`${to} and ${from} are in different states.`, { where: "--from", fix: "Copy a city of the same state." });
  }
  if (from === to) throw new UserError(`${to} is the source itself.`, { where: "--from" });
  const concurrency = Number(ctx.options.concurrency ?? 16);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UserError(`--concurrency must be an integer from 1 to 64, got "${String(ctx.options.concurrency)}".`, { where: "--concurrency" });
  }

  const details = readDetails(ctx, ctx.options.details as string | undefined);
  if (typeof ctx.options.name === "string") details.name = ctx.options.name;
  for (const pair of (ctx.options.cityName as string[] | undefined) ?? []) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new UserError(`--city-name expects <city>=<name>, got "${pair}".`, { where: "--city-name" });
    const city = pair.slice(0, eq).trim();
    (details.cities ??= {})[city] = { ...details.cities?.[city], name: pair.slice(eq + 1).trim() };
  }
  if (!details.name) {
    if (root) throw new UserError(`The new state ${to} needs a display name.`, { where: "--name", fix: `Pass --name 'New State', or name: in a --details file; its tenant.tenants row must not keep ${from}'s name.` });
    const city = to.split(".")[1]!;
    details.name = city.charAt(0).toUpperCase() + city.slice(1);
  }

  const adminName = ctx.options.admin as string | undefined;
  const adminMobile = ctx.options.adminMobile as string | undefined;
  if (adminMobile !== undefined && !/^\d{10}$/.test(adminMobile)) throw new UserError(`"${adminMobile}" is not a 10-digit mobile number.`, { where: "--admin-mobile" });
  const dryRun = ctx.options.dryRun === true;
  const yes = ctx.options.yes === true;
  const commandHint = `digit tenant create ${to} --from ${from}`;
  requireConfirmable(ctx.out, { yes, dryRun, commandHint });
  let password: string | undefined;
  if (adminName) {
    password = dryRun ? undefined : await readPassword(ctx.io, { fromStdin: false, envVar: "DIGIT_ADMIN_PASSWORD", label: `Password for ${adminName}@${to}` });
    const problem = password !== undefined ? passwordPolicyProblem(password) : undefined;
    if (problem) throw new UserError(`The administrator's password ${problem} (egov-user's password policy).`, { where: "DIGIT_ADMIN_PASSWORD", fix: "Choose a password DIGIT accepts, e.g. 8-15 characters like Abcd@1234." });
  }

  const { gateway, connection } = connect(ctx, from.split(".")[0]);
  const clone = await cloneTenant(gateway, {
    from,
    to,
    details,
    // On --dry-run no password is read; the plan still shows the administrator.
    ...(adminName ? { admin: { userName: adminName, password: password ?? "", ...(adminMobile ? { mobileNumber: adminMobile } : {}) } } : {}),
    onWarning: (w) => ctx.out.status(`warning: ${w}`),
  });
  const loginCheck = async (): Promise<{ ok: boolean; error?: string }> => {
    if (!adminName || !password) return { ok: true };
    const client = createDigitClient({ baseUrl: connection.url, tenantId: to, auth: { store: memoryTokenStore() }, ...(ctx.io.fetch ? { fetch: ctx.io.fetch } : {}) });
    try {
      await client.auth.login({ username: adminName, password, userType: "EMPLOYEE", tenantId: to });
      return { ok: true };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };
  const { exitCode } = await runApply(ctx.out, gateway, clone.bundle, {
    dryRun,
    yes,
    concurrency,
    commandHint,
    describe: () => {
      ctx.out.text(rewriteLines(clone.rewrites, from, to).join("\n"));
      if (clone.dropped.length > 0) {
        ctx.out.text(`Not copied (${clone.dropped.length}, records of other tenants):`);
        for (const d of clone.dropped) ctx.out.text(`  - ${d.kind} ${d.key} (${d.tenantId}): ${d.reason}`);
      }
    },
    extraJson: { from, to, rewrites: clone.rewrites, dropped: clone.dropped },
    afterApply: async () => {
      const traces = await findTraces(gateway, { from, to });
      const login = await loginCheck();
      const lines = [
        traces.length === 0 ? `Check: no value at ${to} names ${from}.` : `Check: ${traces.length} value(s) at ${to} still name ${from}:`,
        ...traces.slice(0, 50).map((t) => `  ! ${t.kind} ${t.key} (${t.tenantId}) ${t.path}: ${JSON.stringify(t.value)}`),
        ...(adminName && password ? [login.ok ? `Check: ${adminName} can log in at ${to}.` : `Check: ${adminName} cannot log in at ${to}: ${login.error}`] : []),
      ];
      return {
        ok: traces.length === 0 && login.ok,
        text: lines.join("\n"),
        json: { check: { traces, ...(adminName && password ? { adminLogin: login.ok ? "ok" : `failed: ${login.error}` } : {}) } },
      };
    },
  });
  return exitCode;
}
