/**
 * `digit demo`: the two-minute tour. Starts the DIGIT mock in this process on a free port, plans the demo
 * bundle, applies it, prints what is now on the server per kind, and plans again to show zero changes.
 */
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { createDigitClient, type DigitClient } from "@digit-kit/sdk";
import { apply, createSdkGateway, KINDS, plan, type ApplyResult } from "../services/index.js";
import { verboseHooks } from "../config/resolve-client.js";
import { EXIT, UserError } from "../errors.js";
import { renderPlan, renderProgress, renderTable } from "../ui/render.js";
import { applyJson } from "./shared/apply-run.js";
import { findDemoBundle } from "./shared/demo-bundle-path.js";
import { planJson, showChanges, toPlanView } from "./shared/plan-output.js";
import type { CommandContext } from "./types.js";

/**
 * Like DIGIT's gateway, the mock grants roles per tenant, so the built-in administrator of `pg` may not
 * touch a new state tenant until it holds a role there. Add SUPERUSER on that state through egov-user.
 */
async function grantSuperuser(client: DigitClient, userName: string, userTenant: string, state: string): Promise<void> {
  if (state === userTenant) return;
  const found = await client.user.search({ tenantId: userTenant, userName });
  const user = found.user?.[0];
  if (!user) throw new UserError(`The mock has no ${userName} user to run the demo with.`);
  const roles = user.roles ?? [];
  if (roles.some((r) => r.code === "SUPERUSER" && r.tenantId === state)) return;
  // Send back only non-null fields: DIGIT's user contract rejects nulls where it expects strings.
  const clean = Object.fromEntries(Object.entries(user).filter(([, v]) => v !== null));
  await client.user.updateNoValidate({ user: { ...clean, roles: [...roles, { code: "SUPERUSER", name: "Super User", tenantId: state }] } });
}

export default async function demo(ctx: CommandContext): Promise<number> {
  const { io, out } = ctx;
  const dir = ctx.options.file ? resolve(io.cwd, String(ctx.options.file)) : findDemoBundle();
  if (!dir) throw new UserError("Cannot find examples/demo-bundle.", { fix: "Run from the DIGIT Kit repository, or pass -f <bundle>." });

  const [{ loadBundle }, { createMockServer, DEFAULT_CREDENTIALS }] = await Promise.all([import("@digit-kit/bundle"), import("@digit-kit/mock-server")]);
  // The demo users' passwords are ${env:DK_DEMO_PASSWORD} references; make one up when it is not set.
  // egov-user's policy: 8–15 characters with a digit, a lower and an upper case letter and one of @#$%.
  const env = { ...io.env, DK_DEMO_PASSWORD: io.env.DK_DEMO_PASSWORD ?? `Dk@1${randomBytes(4).toString("hex")}` };
  const bundle = await loadBundle(dir, { env });

  const server = await createMockServer({ port: 0, host: "127.0.0.1" });
  try {
    out.status(`DIGIT mock listening on ${server.url} (in this process). Applying ${dir} to tenant ${bundle.stateTenant}.`);
    const client = createDigitClient({
      baseUrl: server.url,
      tenantId: DEFAULT_CREDENTIALS.tenantId,
      auth: { credentials: { ...DEFAULT_CREDENTIALS } },
      hooks: verboseHooks(out),
    });
    const gateway = createSdkGateway(client);
    await grantSuperuser(client, DEFAULT_CREDENTIALS.username, DEFAULT_CREDENTIALS.tenantId, bundle.stateTenant);
    out.status(`Granted ${DEFAULT_CREDENTIALS.username} the SUPERUSER role on ${bundle.stateTenant} (a new state tenant needs an administrator).`);

    out.text("\n== 1. Plan (before) ==");
    const before = await plan(gateway, bundle);
    if (!out.json) await renderPlan(out, toPlanView(bundle.stateTenant, before));

    out.text("\n== 2. Apply ==");
    const progress = await renderProgress(out);
    let result: ApplyResult;
    try {
      result = await apply(gateway, bundle, {
        concurrency: 8,
        onProgress: (e) => progress.update({ label: e.phase, total: e.total, done: e.done, failed: e.failed, skipped: e.skipped }),
      });
    } finally {
      await progress.done();
    }
    const written = result.phases.reduce((n, p) => n + p.created + p.updated, 0);
    out.text(`Applied ${written} change(s) in ${(result.durationMs / 1000).toFixed(2)} s, ${result.failures.length} failure(s).`);
    for (const f of result.failures.slice(0, 10)) out.text(`  ✗ ${f.kind} ${f.key}: ${f.code}: ${f.message}`);

    out.text("\n== 3. Verification (read back from the mock) ==");
    const rows = KINDS.flatMap((kind) => {
      const v = result.verification.byKind[kind];
      return v ? [{ kind, inBundle: v.expected, onServer: v.present, ok: v.expected === v.present }] : [];
    });
    if (!out.json) {
      await renderTable(out, {
        columns: ["kind", "in bundle", "on server", "status"],
        rows: rows.map((r) => [r.kind, r.inBundle, r.onServer, r.ok ? "ok" : "MISSING"]),
        alignRight: [1, 2],
      });
    }

    out.text("\n== 4. Plan (after) ==");
    const after = await plan(gateway, bundle);
    if (!out.json) await renderPlan(out, toPlanView(bundle.stateTenant, after));
    await showChanges(out, after);

    const ok = result.failures.length === 0 && result.verification.ok && !after.hasChanges;
    out.result(
      {
        ok,
        mockUrl: server.url,
        bundle: dir,
        tenant: bundle.stateTenant,
        before: planJson(bundle.stateTenant, before),
        apply: applyJson(bundle.stateTenant, result),
        verification: rows,
        after: planJson(bundle.stateTenant, after),
      },
      () => (ok ? "\nDemo complete: the tenant matches the bundle." : "\nDemo FAILED: see the failures above."),
    );
    return ok ? EXIT.OK : EXIT.ERROR;
  } finally {
    await server.close();
  }
}
