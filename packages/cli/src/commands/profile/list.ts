/** `digit profile list` */
import { configPaths } from "../../config/paths.js";
import { readConfig } from "../../config/config-file.js";
import { readTokens } from "../../config/credentials.js";
import { renderTable } from "../../ui/render.js";
import type { CommandContext } from "../types.js";

export default async function profileList({ io, out }: CommandContext): Promise<number> {
  const paths = configPaths(io.env);
  const config = readConfig(paths);
  const rows = Object.entries(config.profiles).map(([name, p]) => ({
    name,
    current: name === config.current,
    url: p.url,
    tenant: p.tenant,
    username: p.username,
    userType: p.userType,
    loggedIn: readTokens(paths, name) !== undefined,
  }));
  if (out.json) {
    out.result({ current: config.current ?? null, profiles: rows }, () => "");
    return 0;
  }
  if (rows.length === 0) {
    out.text("No profiles yet. Create one with: digit login --profile <name> --url <gateway> --tenant <state> --username <user>");
    return 0;
  }
  await renderTable(out, {
    columns: ["", "profile", "url", "tenant", "user", "logged in"],
    rows: rows.map((r) => [r.current ? "*" : "", r.name, r.url, r.tenant, `${r.username} (${r.userType})`, r.loggedIn ? "yes" : "no"]),
  });
  return 0;
}
