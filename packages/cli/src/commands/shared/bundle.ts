/** Loading the bundle named by `-f` for plan / apply, with the CLI's error conventions. */
import type { Bundle } from "@digit-kit/bundle";
import { UserError } from "../../errors.js";
import { resolve } from "node:path";
import type { CommandContext } from "../types.js";

export async function loadBundleFor(ctx: CommandContext): Promise<Bundle> {
  const file = ctx.options.file as string | undefined;
  if (!file) throw new UserError("Which bundle? -f/--file is required.", { fix: "Pass -f <bundle-dir>, e.g. digit plan -f examples/demo-bundle." });
  const tenant = ctx.options.tenant as string | undefined;
  const { loadBundle } = await import("@digit-kit/bundle");
  const bundle = await loadBundle(resolve(ctx.io.cwd, file), { env: ctx.io.env, ...(tenant ? { tenant } : {}) });
  if (tenant && bundle.stateTenant !== tenant) {
    throw new UserError(`The bundle provisions state tenant "${bundle.stateTenant}", not "${tenant}".`, {
      where: file,
      fix: "Drop --tenant (it only fills {tenantid} placeholders of default-data-handler bundles), or change stateTenant in digit-bundle.yaml.",
    });
  }
  for (const w of bundle.warnings ?? []) ctx.out.status(`warning: ${w.file}${w.pointer ? `: ${w.pointer}` : ""}: ${w.message}`);
  return bundle;
}
