/** `digit workflow validate <file>`: graph checks on every business service in the file, offline. */
import { UserError } from "../../errors.js";
import { businessServicesIn, checkWorkflows } from "../../services/workflow-tools.js";
import { readDataFile } from "../shared/read-data-file.js";
import type { CommandContext } from "../types.js";

export default async function workflowValidate({ io, out, args }: CommandContext): Promise<number> {
  const file = String(args[0]);
  const found = businessServicesIn(readDataFile(io.cwd, file), file);
  const results = checkWorkflows(found).map(({ businessService, pointer, issues }) => ({ businessService, pointer: pointer || "/", issues }));
  const errors = results.flatMap((r) => r.issues.filter((i) => i.severity === "error"));
  const warnings = results.flatMap((r) => r.issues.filter((i) => i.severity === "warning"));
  out.result({ file, valid: errors.length === 0, businessServices: results }, () =>
    results
      .map((r) => {
        const head = `${r.issues.some((i) => i.severity === "error") ? "✗" : "✓"} ${r.businessService}`;
        const lines = r.issues.map((i) => `    ${i.severity}: ${file}: ${i.pointer}: ${i.message}${i.hint ? `. ${i.hint}` : ""}`);
        return [head, ...lines].join("\n");
      })
      .join("\n"),
  );
  if (errors.length) {
    throw new UserError(`${file}: ${errors.length} workflow error(s)${warnings.length ? ` and ${warnings.length} warning(s)` : ""}.`, {
      where: `${file}: ${errors[0]!.pointer}`,
      fix: errors[0]!.hint ?? "Fix the states and actions listed above.",
    });
  }
  return 0;
}
