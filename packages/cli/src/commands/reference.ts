/** The command reference in docs/cli.md, rendered from the command table (a test keeps the two in sync). */
import { commands, groups, optionsOf } from "./index.js";

export const REFERENCE_START = "<!-- reference:start (generated from packages/cli/src/commands/index.ts) -->";
export const REFERENCE_END = "<!-- reference:end -->";

const escape = (s: string) => s.replace(/\|/g, "\\|");

/** Markdown: one section per command with usage, options (with env variables) and examples. */
export function renderReference(): string {
  const out: string[] = [REFERENCE_START, ""];
  const order = [...commands].sort((a, b) => a.path.join(" ").localeCompare(b.path.join(" ")));
  for (const spec of order) {
    const args = (spec.args ?? []).map((a) => ` ${a.name}`).join("");
    out.push(`### \`digit ${spec.path.join(" ")}${args}\``, "", spec.summary + ".", "");
    if (spec.description) out.push(spec.description.replace(/\n/g, " "), "");
    if (spec.path.length > 1) {
      const group = groups.find((g) => g.name === spec.path[0]);
      if (group) out.push(`Group: \`digit ${group.name}\` (${group.summary.toLowerCase()}).`, "");
    }
    out.push("| option | description |", "|---|---|");
    for (const o of optionsOf(spec)) {
      const extra = [o.env ? `env \`${o.env}\`` : "", o.default !== undefined ? `default \`${String(o.default)}\`` : "", o.choices ? `one of ${o.choices.map((c) => `\`${c}\``).join(", ")}` : ""]
        .filter(Boolean)
        .join("; ");
      out.push(`| \`${escape(o.flags)}\` | ${escape(o.description)}${extra ? ` (${extra})` : ""} |`);
    }
    out.push("", "```sh", ...spec.examples.map((e) => `${e.command}    # ${e.description}`), "```", "");
  }
  out.push(REFERENCE_END);
  return out.join("\n");
}
