/** `digit diff <a> <b>`: drift between two tenants, possibly on two profiles. Exit 2 when they differ. */
import { diff, formatDrift, type DriftKind } from "../services/index.js";
import { EXIT, UserError } from "../errors.js";
import { connect } from "./shared/connect.js";
import type { CommandContext } from "./types.js";

/** `dev:pb` → profile dev, tenant pb; `pb` → current profile. */
export function parseSide(value: string): { profile?: string; tenant: string } {
  const at = value.indexOf(":");
  if (at < 0) return { tenant: value };
  const profile = value.slice(0, at);
  const tenant = value.slice(at + 1);
  if (!profile || !tenant) throw new UserError(`"${value}" is not [profile:]tenant.`, { fix: "Write e.g. pb.amritsar or prod:pb." });
  return { profile, tenant };
}

export default async function diffCommand(ctx: CommandContext): Promise<number> {
  const [a, b] = [parseSide(String(ctx.args[0])), parseSide(String(ctx.args[1]))];
  const side = (s: { profile?: string; tenant: string }) => {
    const sub = { ...ctx, options: { ...ctx.options, ...(s.profile ? { profile: s.profile } : {}) } };
    return { gateway: connect(sub, s.tenant).gateway, tenant: s.tenant, label: s.profile ? `${s.profile}:${s.tenant}` : s.tenant };
  };
  const only = ctx.options.only as DriftKind[] | undefined;
  const report = await diff(side(a), side(b), only);
  ctx.out.result(report, () => formatDrift(report));
  return report.items.length ? EXIT.CHANGES_PENDING : EXIT.OK;
}
