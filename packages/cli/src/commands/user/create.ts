/** `digit user create`: one user through egov-user's _createnovalidate. The password never reaches output. */
import { readPassword } from "../../config/password.js";
import { UserError } from "../../errors.js";
import { clientFor, tenantOf } from "../shared/client.js";
import type { CommandContext } from "../types.js";

export default async function userCreate(ctx: CommandContext): Promise<number> {
  const userName = ctx.options.newUsername as string | undefined;
  const name = ctx.options.name as string | undefined;
  const mobileNumber = ctx.options.mobile as string | undefined;
  const roles = (ctx.options.roles as string[] | undefined) ?? [];
  if (!userName || !name || !mobileNumber) {
    throw new UserError("--new-username, --name and --mobile are required.", {
      fix: "e.g. digit user create --tenant pb.amritsar --new-username gro1 --name 'GRO One' --mobile 9999999999 --roles GRO",
    });
  }
  if (!/^\d{10}$/.test(mobileNumber)) throw new UserError(`"${mobileNumber}" is not a 10-digit mobile number.`, { where: "--mobile" });
  const { client, connection } = clientFor(ctx, ctx.options.tenant as string | undefined);
  const tenantId = tenantOf(ctx, connection.loginTenant);
  const password = await readPassword(ctx.io, { fromStdin: false, envVar: "DIGIT_NEW_USER_PASSWORD", label: `Password for the new user ${userName}` });
  const type = String(ctx.options.type ?? "EMPLOYEE");
  const res = await client.user.createNoValidate({
    user: {
      userName,
      name,
      mobileNumber,
      ...(ctx.options.email ? { emailId: String(ctx.options.email) } : {}),
      type,
      tenantId,
      active: true,
      password,
      roles: roles.map((code) => ({ code, name: code, tenantId })),
    },
  });
  const created = res.user?.[0];
  ctx.out.result(
    { tenantId, userName, uuid: created?.uuid ?? null, type, roles: created?.roles?.map((r) => r.code ?? "") ?? roles },
    () => `Created ${type.toLowerCase()} ${userName} in ${tenantId}${created?.uuid ? ` (uuid ${created.uuid})` : ""}.`,
  );
  return 0;
}
